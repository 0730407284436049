#!/usr/bin/env node
// Runs the TypeScript CLI through tsx so the repository needs no build step.
import { prestartPlaywright } from '../harness/cli/prestart/playwright-prestart.js';

// Playwright's runner loads while the TypeScript CLI does (harness/cli/prestart/).
if (process.argv[2] === 'run') prestartPlaywright();
const { register } = await import('tsx/esm/api');
register();
await import('../harness/cli/main.ts');
