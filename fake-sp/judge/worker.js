// Entry of a judge worker thread when the in-memory bundle cannot be built (./worker-source.ts). A
// worker thread does not inherit the loader hooks that let the main thread run TypeScript, so it
// loads the pipeline through tsx itself (slower to start than the bundle).
import { tsImport } from 'tsx/esm/api';

await tsImport('./worker-main.ts', import.meta.url);
