// Where the harness's files are, from the TypeScript sources (the repository) or compiled (dist/ of
// the installed package, scripts/build.ts). A module of its own so that light callers (the CLI
// before Playwright starts) need not load the scenario loader and its schema library to know it.
import { fileURLToPath } from 'node:url';

/** True when this code runs compiled from dist/ (the npm package), false from the TypeScript sources. */
export const COMPILED = import.meta.url.endsWith('.js');
/** The package root: package.json, scenarios/ (the built-in Actions). The repository's root in a clone. */
export const REPO_ROOT = fileURLToPath(new URL(COMPILED ? '../../' : '../', import.meta.url));
/** The root of the code tree Playwright loads (its config, spec and reporter): REPO_ROOT, or dist/. */
export const CODE_ROOT = fileURLToPath(new URL('../', import.meta.url));
/** The extension of the harness's own modules in CODE_ROOT: .ts in the repository, .js in dist/. */
export const CODE_EXT = COMPILED ? '.js' : '.ts';
