import type { Command } from 'commander';
import { findChromium, isHeadlessShell, requireChromium } from '../../browser.ts';

export function register(program: Command): void {
  program
    .command('check-browser')
    .description('Check that a Chromium for the Playwright logins exists (system Chromium or CHROMIUM_PATH)')
    .action(() => {
      const path = requireChromium();
      process.stdout.write(`Chromium: ${path}\n`);
      const headed = findChromium(process.env, { headless: false });
      if (isHeadlessShell(path)) {
        process.stdout.write(
          headed
            ? `Headed (flex-sso login --headed): ${headed}\n`
            : 'Headed (flex-sso login --headed): none (install the `chromium` package for a browser window)\n',
        );
      } else {
        process.stdout.write(
          'Note: no chromium-headless-shell found; logins use the full browser headless (about 1.5× the CPU per login). `apt-get install -y chromium-headless-shell` makes them faster.\n',
        );
      }
    });
}
