// `flex-sso run`: validates the options and the scenarios, then runs the scenario matrix in
// Playwright Test with the flex-sso reporter (console matrix, results.json, junit.xml, report.html).
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import type { Command } from 'commander';
import { CHROMIUM_FIX, findChromium } from '../../browser.ts';
import { ENV as REPORTER_ENV } from '../../reports/playwright-reporter.ts';
import { REPORTERS } from '../../reports/write.ts';
import { formatScenarioError, loadScenarios, REPO_ROOT } from '../../scenarios/load.ts';
import { CliError, EXIT, usageError } from '../errors.ts';

export const MODES = ['emulator', 'staging', 'intercept'] as const;
export const SCENARIO_ENV = 'FLEX_SSO_SCENARIOS';
const SPEC = 'test/e2e/scenarios.spec.ts';

export interface RunOptions { mode: string; scenarios?: string; grep?: string; workers?: string; shard?: string; reporter: string; out: string }

/** Checks every option; returns the Playwright arguments and environment. Throws usage errors (exit 2). */
export function planRun(options: RunOptions, cwd: string): { args: string[]; env: Record<string, string> } {
  if (!(MODES as readonly string[]).includes(options.mode)) {
    throw usageError('BAD_MODE', `--mode: expected one of ${MODES.join(', ')}, received "${options.mode}"`, 'use --mode emulator (the default)');
  }
  if (options.mode !== 'emulator') {
    throw usageError('MODE_UNAVAILABLE', `--mode ${options.mode}: not available yet`, 'use --mode emulator');
  }
  const args = ['test', SPEC];
  if (options.grep !== undefined) {
    try {
      new RegExp(options.grep);
    } catch (error) {
      throw usageError('BAD_GREP', `--grep: invalid regular expression "${options.grep}": ${(error as Error).message}`, 'pass a JavaScript regular expression, e.g. --grep "pattern-a"');
    }
    args.push(`--grep=${options.grep}`);
  }
  if (options.workers !== undefined) {
    const n = Number(options.workers);
    if (!Number.isInteger(n) || n < 1 || n > 64) {
      throw usageError('BAD_WORKERS', `--workers: expected an integer from 1 to 64, received "${options.workers}"`, 'e.g. --workers 2 (one per CPU core)');
    }
    args.push(`--workers=${n}`);
  }
  if (options.shard !== undefined) {
    const match = /^(\d+)\/(\d+)$/.exec(options.shard);
    const [i, n] = match ? [Number(match[1]), Number(match[2])] : [0, 0];
    if (!match || n < 1 || i < 1 || i > n) {
      throw usageError('BAD_SHARD', `--shard: expected i/n with 1 ≤ i ≤ n, received "${options.shard}"`, 'e.g. --shard 1/3 on the first of three CI runners');
    }
    args.push(`--shard=${i}/${n}`);
  }
  const reporters = options.reporter.split(',').map((s) => s.trim()).filter(Boolean);
  const unknown = reporters.filter((r) => !(REPORTERS as readonly string[]).includes(r));
  if (reporters.length === 0 || unknown.length > 0) {
    throw usageError('BAD_REPORTER', `--reporter: expected a comma-separated list of ${REPORTERS.join(', ')}, received "${options.reporter}"`, 'e.g. --reporter list,html,junit,json');
  }
  const env: Record<string, string> = {
    [REPORTER_ENV.out]: resolve(cwd, options.out),
    [REPORTER_ENV.reporters]: reporters.join(','),
    FLEX_SSO_MODE: options.mode,
  };
  if (options.scenarios !== undefined) {
    const byId = !options.scenarios.includes('/') && !/\.ya?ml$/.test(options.scenarios);
    env[SCENARIO_ENV] = byId ? options.scenarios : resolve(cwd, options.scenarios);
  }
  // Load the scenarios here too, so schema errors surface as file:line before any browser starts.
  const loaded = loadScenarios(env[SCENARIO_ENV], { cwd });
  if (loaded.errors.length > 0) {
    throw usageError('SCENARIO_INVALID', `invalid scenarios:\n${loaded.errors.map((e) => `  ${formatScenarioError(e)}${e.hint ? ` (fix: ${e.hint})` : ''}`).join('\n')}`,
      'fix the scenario files listed above');
  }
  args.push(`--reporter=${resolve(REPO_ROOT, 'harness/reports/playwright-reporter.ts')}`);
  return { args, env };
}

function playwrightCli(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('@playwright/test/package.json')), 'cli.js');
}

async function run(options: RunOptions): Promise<void> {
  const plan = planRun(options, process.cwd());
  if (!findChromium()) throw usageError('BROWSER_MISSING', 'No Chromium found on PATH or in CHROMIUM_PATH.', CHROMIUM_FIX);
  const tmp = mkdtempSync(join(tmpdir(), 'flex-sso-run-'));
  const summaryFile = join(tmp, 'summary.json');
  try {
    const code = await new Promise<number>((resolveCode, reject) => {
      const child = spawn(process.execPath, [playwrightCli(), ...plan.args], {
        cwd: REPO_ROOT, stdio: 'inherit', env: { ...process.env, ...plan.env, [REPORTER_ENV.summaryFile]: summaryFile },
      });
      child.on('error', reject);
      child.on('close', (c) => resolveCode(c ?? 1));
    });
    let summary: { total: number; failed: number } | undefined;
    try {
      summary = JSON.parse(readFileSync(summaryFile, 'utf8')) as { total: number; failed: number };
    } catch {
      summary = undefined;
    }
    if (!summary) throw new CliError('RUN_FAILED', `Playwright exited with code ${code} before reporting any scenario`, 'read the Playwright output above', EXIT.usage);
    if (summary.total === 0) {
      throw new CliError('NO_SCENARIO_RAN', `Playwright ran no scenario (exit code ${code})`,
        'check that --grep and --shard select at least one scenario, and read the Playwright errors above', EXIT.usage);
    }
    if (summary.failed > 0 || code !== 0) process.exitCode = EXIT.failed;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

export function register(program: Command): void {
  program
    .command('run')
    .description('Run the scenario matrix: real browser logins through Auth0 (the emulator by default) into the fake Flex SP')
    .option('--mode <mode>', `where the logins go: ${MODES.join(' | ')}`, 'emulator')
    .option('--scenarios <glob>', 'scenario YAML files (glob) or scenario ids (glob without "/"); default: all in scenarios/')
    .option('--grep <re>', 'only scenarios whose "id: title" matches this regular expression')
    .option('--workers <n>', 'parallel Playwright workers')
    .option('--shard <i/n>', 'run shard i of n (CI)')
    .option('--reporter <list>', `reports to produce: ${REPORTERS.join(',')}`, REPORTERS.join(','))
    .option('--out <dir>', 'directory for results.json, junit.xml, report.html', 'reports')
    .action(async (options: RunOptions) => { await run(options); });
}
