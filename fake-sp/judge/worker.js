// Entry of a judge worker thread when the in-memory bundle cannot be built (./worker-source.ts). A
// worker thread does not inherit the loader hooks that let the main thread run TypeScript, so from
// the sources it loads the pipeline through tsx itself (slower to start than the bundle); in the
// package, where this tree is compiled (scripts/build-dist.js), it imports the compiled entry.
import { existsSync } from 'node:fs';

const COMPILED = new URL('./worker-main.js', import.meta.url);
if (existsSync(COMPILED)) {
  await import(COMPILED.href);
} else {
  const { tsImport } = await import('tsx/esm/api');
  await tsImport('./worker-main.ts', import.meta.url);
}
