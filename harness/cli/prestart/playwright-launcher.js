// Playwright Test's command line, loaded before its arguments are known (./playwright-prestart.js):
// reads one JSON document {args, env} from fd 3, then runs `playwright <args>` in that environment.
// Ends quietly when fd 3 closes without one (the CLI stopped before it had a plan).
import { createReadStream } from 'node:fs';
import { createRequire } from 'node:module';
import { PLAYWRIGHT_CLI, PLAYWRIGHT_PACKAGE } from './playwright-prestart.js';

const require = createRequire(PLAYWRIGHT_PACKAGE);
// What @playwright/test's cli.js runs; most of Playwright loads with it (≈ 0.6–0.7 s here).
const { program } = require('playwright/lib/program');

const chunks = [];
const input = createReadStream('', { fd: 3 });
input.on('data', (chunk) => {
  chunks.push(chunk);
});
input.on('error', () => {
  process.exitCode = 2;
});
input.on('end', () => {
  if (chunks.length === 0) return;
  const { args, env } = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  for (const key of Object.keys(process.env)) if (!(key in env)) delete process.env[key];
  Object.assign(process.env, env);
  process.argv = [process.argv[0], PLAYWRIGHT_CLI, ...args];
  program.parse(process.argv);
});
