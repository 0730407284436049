// Output directories of the CLI (run --out and --record, fidelity --out): created and checked
// writable before any work starts, so a bad path is a usage error, not a failure after the logins.
import { accessSync, constants, existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { usageError } from './errors.ts';

export interface OutDirOption {
  name: string;
  code: string;
  what: string;
  example: string;
}

const REPORTS: OutDirOption = { name: '--out', code: 'BAD_OUT', what: 'reports', example: '--out reports' };

/**
 * Creates the directory and checks it is writable, before Playwright starts: otherwise each
 * Playwright process fails on it in its own way, after the browsers are up.
 */
export function prepareOutDir(out: string, option: OutDirOption = REPORTS): void {
  try {
    makeDirectory(out);
    if (!statSync(out).isDirectory()) throw new Error('a file is in the way');
    accessSync(out, constants.W_OK);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw usageError(
      option.code,
      `${option.name}: cannot write ${option.what} to ${out} (${reason})`,
      `pass a directory you can write to, e.g. ${option.example}`,
    );
  }
}

// Parents first, one level at a time: Node 20's recursive mkdir never returned for a path under
// /proc here, where creating a directory fails with ENOENT.
function makeDirectory(dir: string): void {
  const parent = dirname(dir);
  if (parent !== dir && !existsSync(parent)) makeDirectory(parent);
  try {
    mkdirSync(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
}
