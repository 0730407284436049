// The repository's root directory: scenarios, Actions, the Playwright spec and reporter live under it.
// A module of its own so that light callers (the CLI before Playwright starts) need not load the
// scenario loader and its schema library to know it.
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../', import.meta.url));
