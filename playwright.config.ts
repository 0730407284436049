import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from '@playwright/test';
import { chromiumArgs, CHROMIUM_FIX, findChromium } from './harness/browser.ts';

const executablePath = findChromium();
if (!executablePath) throw new Error(`No Chromium found for Playwright. ${CHROMIUM_FIX}`);

// A worker's login keeps three processes busy in turn (test worker with the emulator and the SP,
// Chromium, its renderer), and each worker starts its own browser and servers. On 2 shared cores one
// worker finished the 29-scenario matrix first in 5 of 6 paired runs (bench/matrix.ts: 14.9 s vs
// 20.9 s at load 3, 19.2 s vs 21.4 s at load 7, 20.0 s vs 18.7 s at load 6); with more cores, two.
function defaultWorkers(): number {
  return availableParallelism() > 2 ? 2 : 1;
}

export default defineConfig({
  testDir: './test/e2e',
  timeout: 60_000,
  fullyParallel: false,
  forbidOnly: true,
  workers: process.env.FLEX_SSO_WORKERS ? Number(process.env.FLEX_SSO_WORKERS) : defaultWorkers(),
  reporter: process.env.CI ? [['list']] : [['list']],
  // `flex-sso run --out DIR` keeps its traces in DIR/test-results: Playwright empties its output
  // directory when it starts, so a shared one would lose another run's traces mid-run.
  outputDir: process.env.FLEX_SSO_OUT ? join(process.env.FLEX_SSO_OUT, 'test-results') : 'test-results',
  use: {
    browserName: 'chromium',
    headless: true,
    trace: 'retain-on-failure',
    launchOptions: { executablePath, args: chromiumArgs() },
  },
});
