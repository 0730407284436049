// `flex-sso run` through the real CLI: option validation, scenario errors, and a real run in which
// a deliberately broken Action (roles never set) makes exactly the matching scenarios fail.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planRun, prepareOutDir, selectScenarios, type RunOptions } from '../../../harness/cli/commands/run.ts';
import { CliError } from '../../../harness/cli/errors.ts';
import { runCli } from '../../helpers/cli.ts';
import { processesTagged, processTag, tagged } from '../../helpers/processes.ts';

const BIN = fileURLToPath(new URL('../../../bin/flex-sso.js', import.meta.url));

const DEFAULTS: RunOptions = { mode: 'emulator', reporter: 'list,html,junit,json', out: 'reports' };

let dir: string;

const BROKEN_ACTION = `// Sets email and full_name but never roles: the bug the harness must catch.
exports.onExecutePostLogin = async (event, api) => {
  api.samlResponse.setAttribute('email', event.user.email);
  api.samlResponse.setAttribute('full_name', event.user.name);
};
`;

const SCENARIOS = `- id: broken-admin
  title: Admin through the broken Action
  action: ./broken-action.js
  user:
    email: broken-admin@example.com
    name: Bro Ken
    app_metadata: { flex: { roles: [admin] } }
  expect:
    outcome: login
    attributes: { email: broken-admin@example.com, roles: admin }
- id: broken-agent
  title: Agent through the broken Action
  action: ./broken-action.js
  user:
    email: broken-agent@example.com
    app_metadata: { flex: { roles: [agent] } }
  expect:
    outcome: login
    attributes: { roles: agent }
- id: healthy-agent
  title: Agent through Pattern B
  action: pattern-b
  user:
    email: healthy-agent@example.com
    name: Hal Thy
    app_metadata: { flex: { roles: [agent] } }
  expect:
    outcome: login
    attributes: { roles: agent, team: absent }
`;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'flex-sso-run-'));
  writeFileSync(join(dir, 'broken-action.js'), BROKEN_ACTION);
  writeFileSync(join(dir, 'broken.yaml'), SCENARIOS);
  writeFileSync(join(dir, 'invalid.yaml'), SCENARIOS.replace('roles: [admin]', 'roles: admin'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('planRun: option validation', () => {
  it.each([
    [{ mode: 'prod' }, 'BAD_MODE', /--mode: expected one of emulator, staging, intercept, received "prod"/],
    [{ workers: '0' }, 'BAD_WORKERS', /--workers: expected an integer from 1 to 64, received "0"/],
    [{ workers: '1.5' }, 'BAD_WORKERS', /received "1.5"/],
    [{ shard: '3/2' }, 'BAD_SHARD', /--shard: expected i\/n with 1 ≤ i ≤ n, received "3\/2"/],
    [{ shard: 'one' }, 'BAD_SHARD', /received "one"/],
    [
      { reporter: 'list,pdf' },
      'BAD_REPORTER',
      /--reporter: expected a comma-separated list of list, html, junit, json, github, blob, playwright-html, received "list,pdf"/,
    ],
    [{ grep: '(' }, 'BAD_GREP', /--grep: invalid regular expression "\("/],
    [{ scenarios: 'no-such-scenario-*' }, 'NO_SCENARIOS', /no scenario id matches/],
    [{ record: 'recordings' }, 'BAD_RECORD', /--record: records what a real tenant answers, so it needs --mode staging or --mode intercept/],
  ])('%j → %s', async (override, code, message) => {
    let error: unknown;
    try {
      await selectScenarios(planRun({ ...DEFAULTS, ...override }, process.cwd()), process.cwd());
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CliError);
    expect(error).toMatchObject({ code, exitCode: 2 });
    expect((error as CliError).message).toMatch(message);
    expect((error as CliError).hint).toBeTruthy();
  });

  it('turns valid options into Playwright arguments and environment', () => {
    const plan = planRun({ ...DEFAULTS, scenarios: 'pattern-b-*', grep: 'admin', workers: '2', shard: '1/3', reporter: 'json,junit', out: 'out' }, '/tmp');
    expect(plan.args.slice(0, 7)).toEqual([
      'test',
      '--project=matrix',
      'harness/matrix/scenarios.spec.ts',
      '--grep=admin',
      '--workers=2',
      '--shard=1/3',
      expect.stringMatching(/^--reporter=\/.*harness\/reports\/playwright-reporter\.ts$/),
    ]);
    expect(plan.env).toMatchObject({
      FLEX_SSO_OUT: '/tmp/out',
      FLEX_SSO_REPORTERS: 'json,junit',
      FLEX_SSO_SCENARIOS: 'pattern-b-*',
      FLEX_SSO_MODE: 'emulator',
    });
  });

  it("--reporter playwright-html adds Playwright's own HTML report in OUT/playwright-report, never opened by itself (issue 19)", () => {
    const plan = planRun({ ...DEFAULTS, reporter: 'list,html,playwright-html', out: 'out' }, '/tmp');
    expect(plan.args.at(-1)).toMatch(/^--reporter=html,\/.*harness\/reports\/playwright-reporter\.ts$/);
    expect(plan.env).toMatchObject({
      FLEX_SSO_REPORTERS: 'list,html',
      PLAYWRIGHT_HTML_OUTPUT_DIR: '/tmp/out/playwright-report',
      PLAYWRIGHT_HTML_OPEN: 'never',
      FLEX_SSO_CWD: '/tmp',
    });
  });

  it("runs the real-tenant spec for staging/intercept, adds Playwright's blob reporter and provisions only what --grep selects", async () => {
    const plan = planRun(
      { ...DEFAULTS, mode: 'staging', scenarios: 'pattern-b-*', grep: 'admin|agent', shard: '2/4', reporter: 'blob,junit', out: 'out' },
      '/tmp',
    );
    expect(plan.args.slice(1, 3)).toEqual(['--project=matrix', 'harness/matrix/real-tenant.spec.ts']);
    expect(plan.args.at(-1)).toMatch(/^--reporter=blob,\/.*harness\/reports\/playwright-reporter\.ts$/);
    expect(plan.env).toMatchObject({ FLEX_SSO_REPORTERS: 'junit', PLAYWRIGHT_BLOB_OUTPUT_DIR: '/tmp/out/blob-report', FLEX_SSO_MODE: 'staging' });
    expect(plan.shard).toEqual({ index: 2, total: 4 });
    const { all, selected } = await selectScenarios(plan, '/tmp');
    expect(selected.map((s) => s.id).sort()).toEqual(['pattern-b-admin', 'pattern-b-agent']);
    expect(all.map((s) => s.id).sort()).toEqual(['pattern-b-admin', 'pattern-b-agent', 'pattern-b-supervisor', 'pattern-b-team-not-emitted']);
    expect(planRun({ ...DEFAULTS, mode: 'intercept' }, '/tmp').args[2]).toBe('harness/matrix/real-tenant.spec.ts');
    expect(planRun({ ...DEFAULTS, mode: 'intercept', record: 'rec' }, '/tmp').record).toBe('/tmp/rec');
  });
});

describe('flex-sso run: configuration errors exit 2 with the fix', () => {
  it('names the missing tenant variables for --mode staging', async () => {
    const result = await runCli(['run', '--mode', 'staging'], {
      cwd: dir,
      env: { AUTH0_DOMAIN: '', AUTH0_SAML_CLIENT_ID: '', AUTH0_MGMT_CLIENT_ID: '', AUTH0_MGMT_CLIENT_SECRET: '' },
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /missing environment variable\(s\): AUTH0_DOMAIN, AUTH0_MGMT_CLIENT_ID, AUTH0_MGMT_CLIENT_SECRET, AUTH0_SAML_CLIENT_ID\. \[AUTH0_ENV_MISSING\]/,
    );
  });

  it('names the file, line and field of an invalid scenario', async () => {
    const result = await runCli(['run', '--scenarios', join(dir, 'invalid.yaml')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`${join(dir, 'invalid.yaml')}:7: user.app_metadata.flex.roles: expected array, received string`);
  });

  it('says how to get Chromium when there is none', async () => {
    const result = await runCli(['run', '--scenarios', join(dir, 'broken.yaml')], { env: { CHROMIUM_PATH: '', PATH: dir } });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/No Chromium on PATH: looked for chromium-headless-shell.*\[BROWSER_MISSING\]\n {2}fix: .*apt-get install -y chromium/);
  });

  it('names a CHROMIUM_PATH that points nowhere instead of looking on PATH', async () => {
    const result = await runCli(['run', '--scenarios', join(dir, 'broken.yaml')], { env: { CHROMIUM_PATH: join(dir, 'no-chromium') } });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`CHROMIUM_PATH is ${join(dir, 'no-chromium')}, which does not exist. [BROWSER_MISSING]\n  fix: Point CHROMIUM_PATH at`);
  });
});

describe('flex-sso run: nothing selected', () => {
  it('exits 2 before Playwright starts when --grep selects no scenario, naming the expression and some ids', async () => {
    const out = join(dir, 'empty');
    const result = await runCli(['run', '--scenarios', join(dir, 'broken.yaml'), '--grep', 'no-scenario-has-this-title', '--out', out]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      '--grep: /no-scenario-has-this-title/ matches none of the 3 scenarios\' "id: title" (broken-admin, broken-agent, healthy-agent) [NO_SCENARIO_SELECTED]',
    );
    expect(result.stderr).toMatch(/\n {2}fix: match part of an id or title/);
    expect(existsSync(join(out, 'results.json'))).toBe(false);
  });

  it('exits 2 when Playwright runs no scenario (a shard with nothing in it)', async () => {
    const result = await runCli(
      ['run', '--scenarios', join(dir, 'broken.yaml'), '--grep', 'healthy-agent', '--shard', '2/2', '--out', join(dir, 'empty-shard')],
      { timeoutMs: 60_000 },
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/Playwright ran no scenario .*\[NO_SCENARIO_RAN\]\n {2}fix: check that --grep and --shard select at least one scenario/);
  }, 70_000);
});

describe('flex-sso run: the report directory', () => {
  it('exits 2 before any tenant call when --record is a file', async () => {
    writeFileSync(join(dir, 'record-file'), 'x');
    const result = await runCli(['run', '--mode', 'staging', '--record', 'record-file'], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`--record: cannot write the recording to ${join(dir, 'record-file')}`);
    expect(result.stderr).toContain('[BAD_RECORD_DIR]');
  });

  it('exits 2 before Playwright starts when --out is a file', async () => {
    const file = join(dir, 'a-file');
    writeFileSync(file, 'not a directory');
    const result = await runCli(['run', '--scenarios', join(dir, 'broken.yaml'), '--out', file]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`--out: cannot write reports to ${file} (a file is in the way) [BAD_OUT]`);
    expect(readFileSync(file, 'utf8')).toBe('not a directory');
  });

  it('creates a missing --out directory with its parents', () => {
    const out = join(dir, 'nested', 'reports');
    prepareOutDir(out);
    expect(statSync(out).isDirectory()).toBe(true);
    expect(() => {
      prepareOutDir(out);
    }).not.toThrow();
  });

  it('fails, and returns, where no directory can be made (under /proc, where a recursive mkdir never returns)', () => {
    expect(() => {
      prepareOutDir('/proc/flex-sso-no-such/reports');
    }).toThrow(expect.objectContaining({ code: 'BAD_OUT', message: expect.stringContaining('--out: cannot write reports to /proc/flex-sso-no-such/reports') }));
  });
});

describe('flex-sso run: a broken Action', () => {
  it('fails the scenarios that use it, with the roles hint, and passes the others', async () => {
    // Run from the scenarios' folder, as a workflow runs from its checkout, with the github reporter
    // and a job summary an earlier step already wrote to.
    const out = join(dir, 'reports');
    const summary = join(dir, 'step-summary.md');
    writeFileSync(summary, '# earlier step\n');
    const result = await runCli(['run', '--scenarios', 'broken.yaml', '--workers', '1', '--out', 'reports', '--reporter', 'list,html,junit,json,github'], {
      timeoutMs: 170_000,
      cwd: dir,
      env: { GITHUB_STEP_SUMMARY: summary },
    });
    expect(result.code, result.stderr).toBe(1);
    const json = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as {
      summary: { total: number; passed: number; failed: number };
      scenarios: {
        id: string;
        passed: boolean;
        outcome: string;
        hints: string[];
        attributes: Record<string, string[]>;
        checks: { id: string; ok: boolean }[];
      }[];
    };
    expect(json.summary).toMatchObject({ total: 3, passed: 1, failed: 2 });
    const byId = Object.fromEntries(json.scenarios.map((s) => [s.id, s]));
    for (const id of ['broken-admin', 'broken-agent']) {
      const s = byId[id];
      expect(s?.passed).toBe(false);
      expect(s?.outcome).toBe('sp-rejected');
      expect(s?.attributes.roles).toBeUndefined();
      expect(s?.checks.find((c) => c.id === 'flex')?.ok).toBe(false);
      expect(s?.hints.join('\n')).toMatch(/app_metadata\.flex\.roles is missing or empty .*or the Action does not set it/);
    }
    expect(byId['healthy-agent']?.passed).toBe(true);
    expect(result.stdout).toMatch(/broken-admin\s+✗/);
    expect(result.stdout).toMatch(/healthy-agent\s+✓\s+·\s+·\s+✓\s+✓/);
    expect(result.stdout).toContain('1/3 scenarios passed, 2 failed');
    expect(existsSync(join(out, 'junit.xml')) && existsSync(join(out, 'report.html'))).toBe(true);
    // github: one annotation per failed scenario at its line in broken.yaml, the summary appended.
    const annotations = result.stdout.split('\n').filter((l) => l.startsWith('::error '));
    expect(annotations).toHaveLength(2);
    expect(annotations[0]).toMatch(
      /^::error file=broken\.yaml,line=1,title=flex-sso%3A broken-admin failed::Admin through the broken Action%0Aoutcome: expected login, received sp-rejected/,
    );
    expect(annotations[1]).toMatch(/^::error file=broken\.yaml,line=11,title=flex-sso%3A broken-agent failed::/);
    const markdown = readFileSync(summary, 'utf8');
    expect(markdown.startsWith('# earlier step\n## flex-sso scenario matrix\n')).toBe(true);
    expect(markdown).toContain('1/3 scenarios passed, 2 failed');
    expect(markdown).toContain('| healthy\\-agent | ✅ | · | · | ✅ | ✅ | · |');
  }, 180_000);
});

describe('flex-sso run: stopped with SIGTERM', () => {
  it('stops Playwright, its workers and their browsers, then ends by the same signal', async () => {
    const { env, tag } = processTag();
    const child = spawn(process.execPath, [BIN, 'run', '--workers', '1', '--reporter', 'json', '--out', join(dir, 'stopped')], {
      env: { ...process.env, ...env },
      stdio: 'ignore',
    });
    // `exit`, not `close`: a runner left behind would keep inherited pipes open.
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
    try {
      const deadline = Date.now() + 60_000;
      while (!processesTagged(tag).some((p) => p.cmdline.includes('chromium')) && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(
        processesTagged(tag).some((p) => p.cmdline.includes('chromium')),
        'a browser started',
      ).toBe(true);
      child.kill('SIGTERM');
      expect(await exited).toBe('SIGTERM');
      expect(await tagged(tag, 3_000)).toEqual([]);
    } finally {
      for (const { pid } of processesTagged(tag)) process.kill(pid, 'SIGKILL');
    }
  }, 90_000);
});
