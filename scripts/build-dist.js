// `npm pack`'s prepack step: compiles what the installed package runs into dist/, as JavaScript.
// Node loads TypeScript here through tsx, but Playwright does not compile TypeScript inside
// node_modules, so the package ships the CLI, the Playwright config, the spec files `flex-sso run`
// runs and everything they import, compiled. One output file per source file, same tree: each
// module keeps its place, so `new URL('./worker.js', import.meta.url)` (the Action runner's and the
// judge's worker files, the sandbox modules) finds its sibling in dist/ as in the sources. Relative
// imports of `.ts` become `.js`; npm packages stay imports (they are the package's dependencies).
import { cpSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const DIST = join(ROOT, 'dist');

/**
 * What dist/ holds: `trees` are compiled whole (every .ts transpiled, every .js copied); `files` are
 * the single files outside them that Playwright loads: its config (the matrix specs and their
 * fixture are in harness/matrix/). Re-point these when the Playwright files move.
 */
export const ENTRIES = {
  trees: ['harness', 'fake-sp', 'fake-idp', 'flex'],
  files: ['playwright.config.ts'],
};

function walk(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

/** Source files by kind, paths relative to the repository root. */
export function sources() {
  const all = [...ENTRIES.trees.flatMap((tree) => walk(join(ROOT, tree))), ...ENTRIES.files.map((file) => join(ROOT, file))].map((path) =>
    relative(ROOT, path),
  );
  return {
    ts: all.filter((path) => path.endsWith('.ts') && !path.endsWith('.d.ts')),
    js: all.filter((path) => path.endsWith('.js')),
  };
}

export async function buildDist() {
  rmSync(DIST, { recursive: true, force: true });
  const { ts, js } = sources();
  await build({
    absWorkingDir: ROOT,
    entryPoints: ts,
    outdir: DIST,
    outbase: '.',
    // bundle only so that the plugin below sees every import; each one is external, so every
    // output file holds exactly its source module.
    bundle: true,
    packages: 'external',
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'warning',
    plugins: [
      {
        name: 'relative-ts-to-js',
        setup(b) {
          b.onResolve({ filter: /^\.\.?\// }, (args) =>
            args.kind === 'entry-point' ? undefined : { path: args.path.replace(/\.ts$/, '.js'), external: true },
          );
        },
      },
    ],
  });
  for (const file of js) {
    mkdirSync(dirname(join(DIST, file)), { recursive: true });
    cpSync(join(ROOT, file), join(DIST, file));
  }
  return { ts: ts.length, js: js.length };
}

if (process.argv[1] === fileURLToPath(import.meta.url) && process.argv[2] === '--clean') {
  // postpack: dist/ exists only while npm packs, so the repository never runs or lints stale output.
  rmSync(DIST, { recursive: true, force: true });
} else if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const counts = await buildDist();
  // stderr: `npm pack --json` prints its JSON on stdout, after this.
  process.stderr.write(`dist/: ${counts.ts} modules compiled, ${counts.js} JavaScript files copied\n`);
}
