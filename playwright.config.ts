import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from '@playwright/test';
import { chromiumArgs, chromiumMissing, findChromium } from './harness/browser.ts';

const executablePath = findChromium();
if (!executablePath) {
  const { message, hint } = chromiumMissing();
  throw new Error(`${message} ${hint}`);
}

// Each worker starts its own browser, emulator and fake SP, and a login keeps three processes busy in
// turn (the worker, Chromium's browser and renderer). On 2 cores one and two workers finish the
// matrix about equally fast (bench/matrix.ts, BENCHMARKS.md); two keep going when a scenario times
// out or a failure restarts its worker. One core: one worker.
function defaultWorkers(): number {
  return availableParallelism() >= 2 ? 2 : 1;
}

// Two projects: `matrix` is the product's scenario matrix (harness/matrix/, what `flex-sso run` runs);
// `e2e` is this project's own end-to-end tests (test/e2e/). `npm test` runs both.
export default defineConfig({
  projects: [
    { name: 'matrix', testDir: './harness/matrix' },
    { name: 'e2e', testDir: './test/e2e' },
  ],
  timeout: 60_000,
  fullyParallel: false,
  forbidOnly: true,
  workers: defaultWorkers(),
  reporter: [['list']],
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
