// `flex-sso run` spends ≈ 0.4 s loading TypeScript and checking its options before it knows
// Playwright's arguments, and Playwright's runner ≈ 1 s loading before it reads any. So
// bin/flex-sso.js starts the runner first, as ./playwright-launcher.js, which loads Playwright and
// waits for its arguments and environment on a pipe; `run` hands them over when its plan is ready.
// Plain JavaScript: it runs before the TypeScript loader. An unclaimed launcher is killed when the
// CLI exits, and ends by itself when the pipe closes without a plan.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const KEY = Symbol.for('flex-sso.prestarted-playwright');
const LAUNCHER = fileURLToPath(new URL('./playwright-launcher.js', import.meta.url));
const REPO_ROOT = fileURLToPath(new URL('../../..', import.meta.url));

/** @playwright/test's package.json: its cli.js, and what that loads, resolve from there. */
export const PLAYWRIGHT_PACKAGE = createRequire(import.meta.url).resolve('@playwright/test/package.json');
/** The `playwright` command line's script. */
export const PLAYWRIGHT_CLI = join(dirname(PLAYWRIGHT_PACKAGE), 'cli.js');

export function prestartPlaywright() {
  if (globalThis[KEY]) return;
  let child;
  try {
    child = spawn(process.execPath, [LAUNCHER], { cwd: REPO_ROOT, stdio: ['inherit', 'inherit', 'inherit', 'pipe'] });
  } catch {
    return; // `run` starts Playwright itself
  }
  child.on('error', () => undefined); // likewise
  const pipe = child.stdio[3];
  // A launcher that died (a broken Playwright install) breaks the pipe: `run` then reports that
  // Playwright ended without a result, instead of the CLI crashing on an unhandled EPIPE.
  pipe.on('error', () => undefined);
  // Until `run` claims it, the launcher must not keep the CLI alive (a usage error ends the CLI).
  child.unref();
  pipe.unref();
  const kill = () => {
    child.kill();
  };
  process.once('exit', kill);
  globalThis[KEY] = { child, pipe, kill, claimed: false };
}

export function claimPrestartedPlaywright(args, env) {
  const entry = globalThis[KEY];
  if (!entry || entry.claimed || entry.child.pid === undefined || entry.child.exitCode !== null || entry.child.signalCode !== null) return undefined;
  entry.claimed = true;
  process.off('exit', entry.kill);
  entry.child.ref();
  entry.pipe.ref();
  entry.pipe.end(JSON.stringify({ args, env }));
  return entry.child;
}
