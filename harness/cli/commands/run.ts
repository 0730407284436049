// `flex-sso run`: validates the options and the scenarios, then runs the scenario matrix in
// Playwright Test with the flex-sso reporter (console matrix, results.json, junit.xml, report.html).
// Playwright's runner has been loading since the CLI started (../prestart/): it gets its arguments
// once they are checked, and is stopped if they are not valid. The checked scenarios reach it as
// JSON, so neither Playwright process loads YAML or zod.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { isHeadlessShell, requireChromium } from '../../browser.ts';
import { ENV as REPORTER_ENV } from '../../reports/playwright-reporter.ts';
import { DEFAULT_REPORTERS, REPORTERS } from '../../reports/write.ts';
import { CODE_EXT, CODE_ROOT } from '../../repo-root.ts';
import type { RecordingContext } from '../../fidelity/recording/finish.ts';
import type { PreparedRun } from '../../modes/prepare.ts';
import { PLAN_ENV, type RealMode } from '../../modes/plan-file.ts';
import { SCENARIO_CACHE_ENV, writeScenarioCache } from '../../scenarios/cache.ts';
import type { Scenario } from '../../scenarios/schema.ts';
import { terminalSafe } from '../../text/terminal-safe.ts';
import { CliError, EXIT, usageError } from '../errors.ts';
import { prepareOutDir } from '../out-dir.ts';
import { claimPrestartedPlaywright, PLAYWRIGHT_CLI } from '../prestart/playwright-prestart.js';

export { prepareOutDir };

export const MODES = ['emulator', 'staging', 'intercept'] as const;
export const SCENARIO_ENV = 'FLEX_SSO_SCENARIOS';
/** The Playwright project of the product's matrix (playwright.config.ts); test/e2e is the project's own tests. */
export const MATRIX_PROJECT = 'matrix';
// .ts in the repository, .js in the package's dist/ (scripts/build-dist.js).
const SPEC = `harness/matrix/scenarios.spec${CODE_EXT}`;
const REAL_TENANT_SPEC = `harness/matrix/real-tenant.spec${CODE_EXT}`;
/** Playwright's blob reporter: one file per shard, merged with `npx playwright merge-reports`. */
export const BLOB = 'blob';
export const BLOB_DIR = 'blob-report';
/** Playwright's own HTML report (traces, steps, attachments), named so it does not clash with the harness's `html` (report.html). */
export const PLAYWRIGHT_HTML = 'playwright-html';
export const PLAYWRIGHT_HTML_DIR = 'playwright-report';
/** Reporters Playwright itself provides, by their --reporter name, with Playwright's name for them. */
const PLAYWRIGHT_REPORTERS: Record<string, string> = { [BLOB]: 'blob', [PLAYWRIGHT_HTML]: 'html' };

export interface RunOptions {
  mode: string;
  scenarios?: string;
  grep?: string;
  workers?: string;
  shard?: string;
  reporter: string;
  out: string;
  config?: string;
  record?: string;
  list?: boolean;
  headed?: boolean;
  debug?: boolean;
  retries?: string;
  keep?: boolean;
}

/** Retries are for real tenants (a network blip, Auth0 indexing late); the emulator is deterministic. */
export const MAX_RETRIES = 5;

export interface RunPlan {
  args: string[];
  env: Record<string, string>;
  /** The report directory (--out), absolute. */ out: string;
  grep?: RegExp;
  shard?: { index: number; total: number };
  /** --record DIR, absolute (staging and intercept only). */
  record?: string;
  /** --config FILE: whose `scenarios:` names the scenario files when --scenarios names none. */
  config?: string;
}

/** Checks every option; returns the Playwright arguments and environment. Throws usage errors (exit 2). */
export function planRun(options: RunOptions, cwd: string): RunPlan {
  if (!(MODES as readonly string[]).includes(options.mode)) {
    throw usageError('BAD_MODE', `--mode: expected one of ${MODES.join(', ')}, received "${options.mode}"`, 'use --mode emulator (the default)');
  }
  const args = ['test', `--project=${MATRIX_PROJECT}`, options.mode === 'emulator' ? SPEC : REAL_TENANT_SPEC];
  let shard: RunPlan['shard'];
  if (options.grep !== undefined) {
    try {
      new RegExp(options.grep);
    } catch (error) {
      throw usageError(
        'BAD_GREP',
        `--grep: invalid regular expression "${options.grep}": ${(error as Error).message}`,
        'pass a JavaScript regular expression, e.g. --grep "pattern-a"',
      );
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
    shard = { index: i, total: n };
  }
  if (options.record !== undefined && options.mode === 'emulator') {
    throw usageError(
      'BAD_RECORD',
      '--record: records what a real tenant answers, so it needs --mode staging or --mode intercept',
      'run `flex-sso run --mode staging --record recordings` (or intercept), then `flex-sso fidelity recordings` replays it on the emulator',
    );
  }
  if (options.retries !== undefined) {
    const n = Number(options.retries);
    if (!/^\d+$/.test(options.retries) || n > MAX_RETRIES) {
      throw usageError(
        'BAD_RETRIES',
        `--retries: expected an integer from 0 to ${MAX_RETRIES}, received "${options.retries}"`,
        'e.g. --retries 1 against a staging tenant',
      );
    }
    if (options.mode === 'emulator' && n > 0) {
      throw usageError(
        'BAD_RETRIES',
        '--retries: the emulator gives the same answer every time, so a retry would only hide a failure',
        'use --retries with --mode staging or --mode intercept; on the emulator, read the failure (report.html, the trace)',
      );
    }
    args.push(`--retries=${n}`);
  }
  if (options.keep && options.mode !== 'emulator') {
    throw usageError(
      'BAD_KEEP',
      "--keep: keeps the emulator run's fake SP stores; a real-tenant run already serves its logins from this process while it runs",
      "use --keep with --mode emulator; for a tenant, `flex-sso login --mode staging --keep` keeps one login's dashboard",
    );
  }
  // Playwright's own: --headed shows the browser, --debug adds its inspector (one worker, no timeout).
  if (options.debug) args.push('--debug');
  else if (options.headed) args.push('--headed');
  const reporters = options.reporter
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const unknown = reporters.filter((r) => PLAYWRIGHT_REPORTERS[r] === undefined && !(REPORTERS as readonly string[]).includes(r));
  if (reporters.length === 0 || unknown.length > 0) {
    throw usageError(
      'BAD_REPORTER',
      `--reporter: expected a comma-separated list of ${[...REPORTERS, ...Object.keys(PLAYWRIGHT_REPORTERS)].join(', ')}, received "${options.reporter}"`,
      'e.g. --reporter list,html,junit,json',
    );
  }
  const out = resolve(cwd, options.out);
  const env: Record<string, string> = {
    [REPORTER_ENV.out]: out,
    [REPORTER_ENV.reporters]: reporters.filter((r) => PLAYWRIGHT_REPORTERS[r] === undefined).join(','),
    [REPORTER_ENV.mode]: options.mode,
    [REPORTER_ENV.cwd]: cwd,
  };
  const blob = reporters.includes(BLOB);
  // Each shard's blob lands in <out>/blob-report/; CI collects them and runs merge-reports.
  if (blob) env.PLAYWRIGHT_BLOB_OUTPUT_DIR = join(out, BLOB_DIR);
  // Playwright's HTML report goes next to report.html and never opens a browser or a server by itself.
  if (reporters.includes(PLAYWRIGHT_HTML)) Object.assign(env, { PLAYWRIGHT_HTML_OUTPUT_DIR: join(out, PLAYWRIGHT_HTML_DIR), PLAYWRIGHT_HTML_OPEN: 'never' });
  if (options.scenarios !== undefined) {
    const byId = !options.scenarios.includes('/') && !/\.ya?ml$/.test(options.scenarios);
    env[SCENARIO_ENV] = byId ? options.scenarios : resolve(cwd, options.scenarios);
  }
  const own = reporters.flatMap((r) => (PLAYWRIGHT_REPORTERS[r] === undefined ? [] : [PLAYWRIGHT_REPORTERS[r]]));
  args.push(`--reporter=${[...own, resolve(CODE_ROOT, `harness/reports/playwright-reporter${CODE_EXT}`)].join(',')}`);
  return {
    args,
    env,
    out,
    ...(options.grep === undefined ? {} : { grep: new RegExp(options.grep) }),
    ...(shard ? { shard } : {}),
    ...(options.record === undefined ? {} : { record: resolve(cwd, options.record) }),
    ...(options.config === undefined ? {} : { config: options.config }),
  };
}

/**
 * Loads and checks the scenarios the run selects (the spec loads them again, but schema errors
 * should read as file:line here, not as a Playwright stack). Without --scenarios (or with scenario
 * ids) they come from the config's `scenarios:` (else the shipped ones), which is then handed to
 * Playwright in the plan's environment. Only what --grep selects is returned: Playwright matches
 * the title "<id>: <title>". Throws SCENARIO_INVALID (exit 2), or the config's error.
 */
export async function selectScenarios(plan: RunPlan, cwd: string): Promise<{ all: Scenario[]; selected: Scenario[] }> {
  const { formatScenarioError, loadScenarios, nothingMatched } = await import('../../scenarios/load.ts');
  const { SCENARIO_SOURCE_ENV, scenarioSourceFor } = await import('../../scenarios/default-source.ts');
  const source = scenarioSourceFor(plan.env[SCENARIO_ENV], { cwd, ...(plan.config === undefined ? {} : { config: plan.config }) });
  if (source?.config) plan.env[SCENARIO_SOURCE_ENV] = source.glob;
  const loaded = loadScenarios(plan.env[SCENARIO_ENV], { cwd, ...(source ? { source } : {}) });
  const grep = plan.grep;
  const listed = loaded.errors.map((e) => `  ${formatScenarioError(e)}${e.hint ? ` (fix: ${e.hint})` : ''}`).join('\n');
  // With --grep on the emulator, a broken file does not hold up the scenarios of the others (the
  // scenarios reach Playwright from the checked cache); its errors are still printed. A real-tenant
  // run provisions users, so there every file must be valid.
  const tolerate =
    grep !== undefined && plan.env.FLEX_SSO_MODE === 'emulator' && loaded.scenarios.length > 0 && !loaded.errors.some((e) => e.code === 'NO_SCENARIOS');
  const none = nothingMatched(loaded.errors);
  // Nothing to load is not a broken file: say which glob (--scenarios, or the config's `scenarios:`) found nothing.
  if (none) throw usageError('NO_SCENARIOS', `no scenarios: ${formatScenarioError(none)}`, none.hint);
  if (loaded.errors.length > 0 && !tolerate) {
    throw usageError('SCENARIO_INVALID', `invalid scenarios:\n${listed}`, 'fix the scenario files listed above');
  }
  if (loaded.errors.length > 0) {
    process.stderr.write(
      `${terminalSafe(`flex-sso: warning: invalid scenarios, left out of this run (fix them before a full run):\n${listed}`, { multiline: true })}\n`,
    );
  }
  const selected = grep ? loaded.scenarios.filter((s) => grep.test(`${s.id}: ${s.title}`)) : loaded.scenarios;
  if (grep && selected.length === 0) {
    const ids =
      loaded.scenarios
        .slice(0, 5)
        .map((s) => s.id)
        .join(', ') + (loaded.scenarios.length > 5 ? ', …' : '');
    throw usageError(
      'NO_SCENARIO_SELECTED',
      `--grep: /${grep.source}/ matches none of the ${loaded.scenarios.length} scenarios' "id: title" (${ids})`,
      'match part of an id or title, e.g. --grep "pattern-a"; --scenarios narrows by file or id glob',
    );
  }
  return { all: loaded.scenarios, selected };
}

/** Runs Playwright Test with the plan; resolves with its exit code. */
function runPlaywright(plan: RunPlan, summaryFile: string): Promise<number> {
  const env = { ...process.env, ...plan.env, [REPORTER_ENV.summaryFile]: summaryFile };
  // Usually already loaded by bin/flex-sso.js while this command was loading (prestart/).
  const child = claimPrestartedPlaywright(plan.args, env) ?? spawn(process.execPath, [PLAYWRIGHT_CLI, ...plan.args], { cwd: CODE_ROOT, stdio: 'inherit', env });
  // SIGTERM (`timeout`, a cancelled CI job) stops Playwright first: its workers then close their
  // browsers and servers. Only then does this process end, by the same signal.
  let terminated = false;
  const stop = (): void => {
    terminated = true;
    child.kill('SIGTERM');
  };
  process.once('SIGTERM', stop);
  return new Promise<number>((resolveCode, reject) => {
    child.on('error', (error) => {
      process.off('SIGTERM', stop);
      reject(error);
    });
    child.on('close', (c) => {
      process.off('SIGTERM', stop);
      if (terminated) process.kill(process.pid, 'SIGTERM');
      else resolveCode(c ?? 1);
    });
  });
}

async function run(options: RunOptions): Promise<void> {
  const cwd = process.cwd();
  const plan = planRun(options, cwd);
  if (options.list) {
    const { listScenarios } = await import('../../run/list.ts');
    process.stdout.write(listScenarios((await selectScenarios(plan, cwd)).selected, plan.shard));
    return;
  }
  prepareOutDir(plan.out);
  if (plan.record !== undefined)
    prepareOutDir(plan.record, { name: '--record', code: 'BAD_RECORD_DIR', what: 'the recording', example: '--record recordings' });
  const visible = options.headed === true || options.debug === true;
  const browser = requireChromium(process.env, { headless: !visible });
  if (visible) {
    // playwright.config.ts prefers the headless shell, which cannot open a window: name the full browser.
    if (isHeadlessShell(browser)) {
      throw usageError(
        'BROWSER_HEADLESS_ONLY',
        `--${options.debug ? 'debug' : 'headed'}: CHROMIUM_PATH is ${browser}, which cannot open a window`,
        'point CHROMIUM_PATH at a full Chromium (e.g. /usr/bin/chromium; `npm run setup` installs it as root) or drop the option',
      );
    }
    plan.env.CHROMIUM_PATH = browser;
  }
  const tmp = mkdtempSync(join(tmpdir(), 'flex-sso-run-'));
  const summaryFile = join(tmp, 'summary.json');
  let real: PreparedRun | undefined;
  let realScenarios: Scenario[] = [];
  try {
    if (options.mode === 'emulator') {
      const { all, selected } = await selectScenarios(plan, cwd);
      // Declared npm dependencies are installed now, before any login: the emulators never reach the network.
      const deps = await import('../../action-deps/install.ts');
      const installed = await deps.installActionDependencies(
        selected.flatMap((s) => s.dependencies),
        { progress: (line) => process.stderr.write(`${line}\n`) },
      );
      plan.env[deps.ACTION_DEPS_DIR_ENV] = installed.cacheDir;
      const cache = join(tmp, 'scenarios.json');
      try {
        writeScenarioCache(cache, plan.env[SCENARIO_ENV], all);
        plan.env[SCENARIO_CACHE_ENV] = cache;
      } catch {
        // Playwright loads the YAML itself then.
      }
    } else {
      // staging / intercept: read and check the tenant, provision users, start the fake SP (this process).
      realScenarios = (await selectScenarios(plan, cwd)).selected;
      real = await prepareRealRun(options, plan, realScenarios);
      plan.env[PLAN_ENV] = real.planFile;
    }
    const keepDir = options.keep ? (await import('../../run/keep.ts')).prepareKeepDir(plan.out) : undefined;
    if (keepDir) plan.env.FLEX_SSO_KEEP_DIR = keepDir;
    const code = await runPlaywright(plan, summaryFile);
    if (real?.recording) await finishRecording(real.recording, realScenarios);
    let summary: { total: number; failed: number; skipped?: number } | undefined;
    try {
      summary = JSON.parse(readFileSync(summaryFile, 'utf8')) as { total: number; failed: number; skipped?: number };
    } catch {
      summary = undefined;
    }
    if (!summary)
      throw new CliError('RUN_FAILED', `Playwright exited with code ${code} before reporting any scenario`, 'read the Playwright output above', EXIT.usage);
    // A shard whose scenarios were all skipped (with their reasons) in staging/intercept ran correctly.
    if (summary.total === 0 && !summary.skipped) {
      throw new CliError(
        'NO_SCENARIO_RAN',
        `Playwright ran no scenario (exit code ${code})`,
        'check that --grep and --shard select at least one scenario, and read the Playwright errors above',
        EXIT.usage,
      );
    }
    if (summary.failed > 0 || code !== 0) process.exitCode = EXIT.failed;
    if (keepDir) await keepOpen(keepDir);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
    await real?.close();
  }
}

/** --keep: a dashboard on each worker's kept store until SIGINT/SIGTERM. */
async function keepOpen(keepDir: string): Promise<void> {
  const { openKeptStores } = await import('../../run/keep.ts');
  const kept = await openKeptStores(keepDir);
  const lines = kept.servers.map(({ store, sp }) => `  ${sp.dashboardUrl}  (${store})`);
  process.stdout.write(
    `kept: the run's logins, one dashboard per worker (a scenario's login shows the RelayState <scenario id>.…):\n${lines.join('\n')}\nPress Ctrl+C to stop (the stores stay in ${keepDir}).\n`,
  );
  await new Promise<void>((resolveStop) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolveStop();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await kept.close();
}

async function prepareRealRun(options: RunOptions, plan: RunPlan, scenarios: Scenario[]): Promise<PreparedRun> {
  // The auth0 SDK loads only for the modes that talk to a tenant.
  const { prepareRealTenantRun } = await import('../../modes/prepare.ts');
  return prepareRealTenantRun({
    mode: options.mode as RealMode,
    scenarios,
    ...(plan.shard ? { shard: plan.shard } : {}),
    ...(options.config !== undefined ? { config: options.config } : {}),
    ...(plan.record !== undefined ? { record: { dir: plan.record } } : {}),
  });
}

/**
 * Completes the recording once Playwright is done (the tenant logs of each attempt). A problem here is
 * printed, never turned into another verdict or exit code: the run's result is the logins'.
 */
async function finishRecording(recording: RecordingContext, scenarios: readonly Scenario[]): Promise<void> {
  const progress = (line: string): void => {
    process.stderr.write(`${terminalSafe(recording.redaction.apply(line))}\n`);
  };
  try {
    const { finishRecording: finish } = await import('../../fidelity/recording/finish.ts');
    const result = await finish(recording, scenarios, progress);
    progress(
      `recorded ${result.recorded.length} scenario(s) in ${recording.settings.dir}; replay them on the emulator with \`flex-sso fidelity ${recording.settings.dir}\``,
    );
    for (const problem of result.problems) progress(`record: ${problem}`);
  } catch (error) {
    progress(`record: the recording could not be completed: ${(error as Error).message}`);
  }
}

export function register(program: Command): void {
  program
    .command('run')
    .description('Run the scenario matrix: real browser logins through Auth0 (the emulator by default) into the fake Flex SP')
    .option('--mode <mode>', `where the logins go: ${MODES.join(' | ')}`, 'emulator')
    .option(
      '--scenarios <glob>',
      'scenario YAML files (glob) or scenario ids (glob without "/"); default: the files `scenarios:` in the config names (relative to it), else the shipped scenarios',
    )
    .option('--grep <re>', 'only scenarios whose "id: title" matches this regular expression')
    .option('--workers <n>', 'parallel Playwright workers, each with its own browser, emulator and fake SP (default: 2 with 2+ CPU cores, else 1)')
    .option('--shard <i/n>', 'run shard i of n (CI)')
    .option(
      '--reporter <list>',
      `reports to produce: ${[...REPORTERS, ...Object.keys(PLAYWRIGHT_REPORTERS)].join(',')} (blob: Playwright blob for merge-reports; playwright-html: Playwright's own HTML report in OUT/${PLAYWRIGHT_HTML_DIR}; github: job summary and ::error annotations in GitHub Actions)`,
      DEFAULT_REPORTERS.join(','),
    )
    .option('--out <dir>', `directory for results.json, junit.xml, report.html (and blob-report/, ${PLAYWRIGHT_HTML_DIR}/)`, 'reports')
    .option(
      '--config <file>',
      'flex-sso.config.yaml: its `scenarios:`, and the tenant for --mode staging|intercept (default: ./flex-sso.config.yaml if present)',
    )
    .option(
      '--record <dir>',
      "staging|intercept: save each scenario's SAML response and tenant log events, normalised and redacted, for `flex-sso fidelity DIR`",
    )
    .option('--list', 'list the scenarios --scenarios, --grep and --shard select, and exit without running them')
    .option('--headed', 'show the browser windows (needs the full Chromium, Debian package `chromium`)')
    .option('--debug', "Playwright's inspector: headed, one worker, no timeout, step through each login")
    .option('--keep', "emulator: keep each worker's fake SP store (in --out/sp-stores) and serve its dashboard after the run, until Ctrl+C")
    .option('--retries <n>', `staging|intercept: run a failed scenario again, up to n times (0-${MAX_RETRIES}); the last attempt counts`)
    .addHelpText(
      'after',
      `
Examples:
  flex-sso run                                        every scenario (the config's scenarios:) on the embedded emulator
  flex-sso run --grep pattern-a --list                which scenarios --grep selects
  flex-sso run --scenarios 'pattern-a-*' --headed      watch the logins (full Chromium)
  flex-sso run --grep role-typo --keep                then open the failed login in the printed dashboard
  flex-sso run --mode staging --retries 1             a real tenant (docs/real-tenants.md)
  flex-sso --no-color run                             no colour (also NO_COLOR=1)`,
    )
    .action(async (options: RunOptions) => {
      await run(options);
    });
}
