// Locates the system Chromium: Playwright cannot download its own browser on these machines.
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

const CANDIDATES = ['chromium', 'chromium-browser', 'google-chrome-stable', 'google-chrome'];

export const CHROMIUM_FIX =
  'Run `npm run setup` (installs the Debian package `chromium` when run as root), ' +
  'install Chromium yourself (`apt-get install -y chromium`), or set CHROMIUM_PATH to a Chromium/Chrome binary.';

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The Chromium binary to launch, or undefined when none is found. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const explicit = env.CHROMIUM_PATH;
  if (explicit) return isExecutable(explicit) ? explicit : undefined;
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    for (const name of CANDIDATES) {
      const candidate = join(dir, name);
      if (isExecutable(candidate)) return candidate;
    }
  }
  return undefined;
}

/** Launch arguments for a headless Chromium on a closed network, as root or not. */
export function chromiumArgs(): string[] {
  const args = [
    '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage',
    // Nothing to load or throttle in a login harness: no extensions, and a hidden or background
    // tab keeps full-speed timers (the emulator's auto-POST page must submit at once).
    '--disable-extensions', '--disable-renderer-backgrounding', '--disable-background-timer-throttling',
    '--disable-backgrounding-occluded-windows',
  ];
  if (typeof process.getuid === 'function' && process.getuid() === 0) args.push('--no-sandbox');
  return args;
}
