import type { Command } from 'commander';
import { CHROMIUM_FIX, findChromium } from '../../browser.ts';
import { usageError } from '../errors.ts';

export function register(program: Command): void {
  program
    .command('check-browser')
    .description('Check that a Chromium for the Playwright logins exists (system Chromium or CHROMIUM_PATH)')
    .action(() => {
      const path = findChromium();
      if (!path) throw usageError('BROWSER_MISSING', 'No Chromium found on PATH or in CHROMIUM_PATH.', CHROMIUM_FIX);
      process.stdout.write(`Chromium: ${path}\n`);
    });
}
