// Locates the system Chromium: Playwright cannot download its own browser on these machines.
import { accessSync, constants, statSync } from 'node:fs';
import { basename, delimiter, join } from 'node:path';
import { usageError } from './cli/errors.ts';

// Chromium's "old" headless shell is the binary Playwright itself runs headless: it has no
// browser UI to keep up, so every navigation costs about half the CPU of the full browser in
// headless mode (BENCHMARKS.md, bench/matrix.ts). Headed runs
// need the full browser.
// (Debian's package is chromium-headless-shell; Playwright's download is chrome-headless-shell.)
const HEADLESS_SHELLS = ['chromium-headless-shell', 'chrome-headless-shell'];
const FULL_BROWSERS = ['chromium', 'chromium-browser', 'google-chrome-stable', 'google-chrome'];

const CHROMIUM_FIX =
  'Run `npm run setup` (installs the Debian packages `chromium-headless-shell` and `chromium` when run as root), ' +
  'install Chromium yourself (`apt-get install -y chromium-headless-shell chromium`), or set CHROMIUM_PATH to a Chromium/Chrome binary.';

// A directory passes X_OK (always so for root): only a file can be the browser.
function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

export interface FindChromiumOptions {
  /** A headless run may use the headless shell (preferred); a headed one needs a full browser. Default true. */
  headless?: boolean;
}

/** The Chromium binary to launch (CHROMIUM_PATH wins), or undefined when none is found. */
export function findChromium(env: NodeJS.ProcessEnv = process.env, options: FindChromiumOptions = {}): string | undefined {
  const explicit = env.CHROMIUM_PATH;
  if (explicit) return isExecutable(explicit) ? explicit : undefined;
  const names = options.headless === false ? FULL_BROWSERS : [...HEADLESS_SHELLS, ...FULL_BROWSERS];
  const dirs = (env.PATH ?? '').split(delimiter).filter(Boolean);
  for (const name of names) {
    for (const dir of dirs) {
      const candidate = join(dir, name);
      if (isExecutable(candidate)) return candidate;
    }
  }
  return undefined;
}

/**
 * Why findChromium found nothing, as a message and a hint: a CHROMIUM_PATH that cannot be run is
 * named with the reason (it wins over PATH, so a typo there must not read as "nothing installed").
 */
export function chromiumMissing(env: NodeJS.ProcessEnv = process.env, options: FindChromiumOptions = {}): { message: string; hint: string } {
  const explicit = env.CHROMIUM_PATH;
  if (explicit) {
    let reason = 'is not executable';
    try {
      if (statSync(explicit).isDirectory()) reason = 'is a directory';
    } catch {
      reason = 'does not exist';
    }
    return {
      message: `CHROMIUM_PATH is ${explicit}, which ${reason}.`,
      hint: 'Point CHROMIUM_PATH at a Chromium or Chrome binary (e.g. /usr/bin/chromium-headless-shell), or unset it to use one on PATH (`npm run setup` installs one).',
    };
  }
  const names = options.headless === false ? FULL_BROWSERS : [...HEADLESS_SHELLS, ...FULL_BROWSERS];
  const what = options.headless === false ? 'No full Chromium (a headed browser cannot be chromium-headless-shell)' : 'No Chromium';
  return { message: `${what} on PATH: looked for ${names.join(', ')}.`, hint: CHROMIUM_FIX };
}

/** findChromium's answer, or the BROWSER_MISSING usage error that says why there is none. */
export function requireChromium(env: NodeJS.ProcessEnv = process.env, options: FindChromiumOptions = {}): string {
  const path = findChromium(env, options);
  if (path) return path;
  const { message, hint } = chromiumMissing(env, options);
  throw usageError('BROWSER_MISSING', message, hint);
}

/** True when `path` is Chromium's headless shell (it cannot open a window). */
export function isHeadlessShell(path: string): boolean {
  const name = basename(path);
  return HEADLESS_SHELLS.some((shell) => name.startsWith(shell));
}

// Chromium accepts one --disable-features switch (the last wins), so this repeats the features
// Playwright 1.65 disables (coreBundle.js `disabledFeatures`; test/harness/browser.test.ts fails
// when an upgrade adds one) and adds RenderDocument.
const PLAYWRIGHT_DISABLED_FEATURES = [
  'AvoidUnnecessaryBeforeUnloadCheckSync',
  'DestroyProfileOnBrowserClose',
  'HttpsUpgrades',
  'HttpsFirstBalancedModeAutoEnable',
  'LensOverlay',
  'MediaRouter',
  'PaintHolding',
  'ThirdPartyStoragePartitioning',
  'AvoidCorsURLLoaderRestartOnRedirect',
  'TcpPortRandomizationWin',
  'OptimizationHints',
  'NetworkTimeServiceQuerying',
  'AimEnabled',
  'PreconnectToSearch',
  'msForceBrowserSignIn',
  'msEdgeUpdateLaunchServicesPreferredVersion',
];
// A login is three or four small documents in one tab, and RenderDocument builds a new frame
// (document, widget, compositor sink) for every navigation. Without it Chromium's CPU per navigation
// of a small page drops by a third (browser + renderer + GPU, BENCHMARKS.md). Pages cannot tell: same-site navigations reuse the frame, as every Chromium
// did before RenderDocument. (--disable-threaded-compositing cuts it further, but then no animation
// frame ever comes and Playwright's click waits forever for the element to be stable.)
const DISABLED_FEATURES = [...PLAYWRIGHT_DISABLED_FEATURES, 'RenderDocument'];

/** Launch arguments for Chromium on a closed network, as root or not. */
export function chromiumArgs(): string[] {
  const args = [
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-dev-shm-usage',
    // Nothing to load or throttle in a login harness: no extensions, and a hidden or background
    // tab keeps full-speed timers (the emulator's auto-POST page must submit at once).
    '--disable-extensions',
    '--disable-renderer-backgrounding',
    '--disable-background-timer-throttling',
    '--disable-backgrounding-occluded-windows',
    `--disable-features=${DISABLED_FEATURES.join(',')}`,
  ];
  if (typeof process.getuid === 'function' && process.getuid() === 0) args.push('--no-sandbox');
  return args;
}
