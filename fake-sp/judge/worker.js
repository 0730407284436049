// Entry of a judge worker thread (./pool.ts). A worker thread does not inherit the loader hooks that
// let the main thread run TypeScript, so it loads the pipeline through tsx itself.
import { tsImport } from 'tsx/esm/api';

await tsImport('./worker-main.ts', import.meta.url);
