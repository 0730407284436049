// Where a judge worker's code comes from. A worker thread does not inherit the loader hooks that let
// the main thread run TypeScript; loading the pipeline through tsx in each new worker (./worker.js)
// is slow (a loader thread per worker, every module resolved and transformed through it). Instead,
// the first worker of a process bundles ./worker-main.ts and the project modules it imports in
// memory with esbuild (what tsx transforms with), once, and every worker starts from that bundle as
// a data: URL, at a fraction of the cost (docs/benchmarks-history.md "The ACS's own thread per POST").
// npm packages are not bundled: they stay imports of their installed files, by absolute file: URL.
// No file is written and nothing needs a build step; if bundling fails, workers load through tsx.
import { createRequire, isBuiltin } from 'node:module';
import { isAbsolute } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The tsx entry: slower to start, needs nothing but tsx. */
export const TSX_WORKER_URL = new URL('./worker.js', import.meta.url);
// The package ships this tree compiled to JavaScript (scripts/build-dist.js): the entry is then .js.
const ENTRY = new URL(import.meta.url.endsWith('.ts') ? './worker-main.ts' : './worker-main.js', import.meta.url);

let source: Promise<URL> | undefined;

/** The URL judge workers start from: the in-memory bundle, or the tsx entry if it cannot be built. */
export function judgeWorkerUrl(): Promise<URL> {
  source ??= bundledWorkerUrl().catch(() => TSX_WORKER_URL);
  return source;
}

export async function bundledWorkerUrl(): Promise<URL> {
  const esbuild = await import('esbuild');
  const require = createRequire(import.meta.url);
  try {
    const result = await esbuild.build({
      entryPoints: [fileURLToPath(ENTRY)],
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      write: false,
      logLevel: 'silent',
      plugins: [
        {
          name: 'packages-by-file-url',
          setup(build) {
            build.onResolve({ filter: /^[^./]/ }, (args) => {
              if (isAbsolute(args.path)) return undefined;
              if (isBuiltin(args.path)) return { path: args.path, external: true };
              return { path: pathToFileURL(require.resolve(args.path, { paths: [args.resolveDir] })).href, external: true };
            });
          },
        },
      ],
    });
    const code = result.outputFiles[0]?.text;
    if (code === undefined) throw new Error('esbuild produced no output');
    return new URL(`data:text/javascript,${encodeURIComponent(code)}`);
  } finally {
    // esbuild bundles in a child process: do not leave it running beside the server.
    await esbuild.stop();
  }
}
