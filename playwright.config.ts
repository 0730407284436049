import { defineConfig } from '@playwright/test';
import { chromiumArgs, CHROMIUM_FIX, findChromium } from './harness/browser.ts';

const executablePath = findChromium();
if (!executablePath) throw new Error(`No Chromium found for Playwright. ${CHROMIUM_FIX}`);

export default defineConfig({
  testDir: './test/e2e',
  timeout: 60_000,
  fullyParallel: false,
  forbidOnly: true,
  workers: process.env.FLEX_SSO_WORKERS ? Number(process.env.FLEX_SSO_WORKERS) : 2,
  reporter: process.env.CI ? [['list']] : [['list']],
  outputDir: 'test-results',
  use: {
    browserName: 'chromium',
    headless: true,
    trace: 'retain-on-failure',
    launchOptions: { executablePath, args: chromiumArgs() },
  },
});
