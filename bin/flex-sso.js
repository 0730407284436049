#!/usr/bin/env node
// The `flex-sso` command. In the repository it runs the TypeScript CLI through tsx, so the
// repository needs no build step; the npm package ships no TypeScript, only dist/ (compiled by
// scripts/build-dist.js at `npm pack`), which it runs as plain JavaScript.
import { existsSync } from 'node:fs';

const SOURCES = existsSync(new URL('../harness/cli/main.ts', import.meta.url));
const root = SOURCES ? '../' : '../dist/';
const { prestartPlaywright } = await import(`${root}harness/cli/prestart/playwright-prestart.js`);

// Playwright's runner loads while the CLI does (harness/cli/prestart/).
if (process.argv[2] === 'run') prestartPlaywright();
if (SOURCES) {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../harness/cli/main.ts');
} else {
  await import('../dist/harness/cli/main.js');
}
