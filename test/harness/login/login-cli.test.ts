// `flex-sso login` in emulator mode, through the real CLI: a real emulator, fake SP and Chromium.
// The user comes from a scenario file of this test (written to a temp dir), so the repo's scenarios
// can change freely.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../helpers/cli.ts';

const BIN = fileURLToPath(new URL('../../../bin/flex-sso.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'flex-sso-login-'));
const scenarios = join(dir, 'users.yaml');
writeFileSync(
  scenarios,
  `- id: cli-login-agent
  title: the user flex-sso login creates
  action: pattern-a
  user:
    email: cli.login@example.com
    name: Cli Login
    app_metadata: { flex: { roles: [agent], team: RAMP }, program: RAMP }
  expect:
    outcome: login
    attributes: { team: RAMP, roles: agent }
- id: cli-login-wrong-team
  title: a scenario whose expectation the login does not meet (Flex still accepts it)
  action: pattern-a
  user:
    email: cli.team@example.com
    name: Cli Team
    app_metadata: { flex: { roles: [agent], team: RAMP }, program: RAMP }
  expect:
    outcome: login
    attributes: { team: Sales }
`,
);
const RIGHT = 'Right-Password-4711';
const common = ['--scenarios', scenarios, '--state', join(dir, 'tenant.json'), '--store', join(dir, 'sp'), '--port', '0'];
// The CLI runs in the temp dir: no flex-sso.config.yaml or .env there, so emulator defaults apply.
const cwd = dir;

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

interface LoginJson {
  outcome: string;
  valid: boolean;
  detailUrl?: string;
  loginId?: string;
  createdFromScenario?: string;
  checks?: { id: string; status: string }[];
  scenario?: { id: string; passed: boolean; fields: { field: string; ok: boolean }[] };
}

/** Runs `login --keep --json`, reads its JSON line, lets `inspect` use the running servers, then sends SIGINT. */
function loginAndKeep(
  args: string[],
  env: NodeJS.ProcessEnv,
  inspect: (result: LoginJson) => Promise<void>,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, 'login', ...args, '--keep', '--json'], {
      cwd,
      env: { ...process.env, NO_COLOR: '1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let inspected = false;
    const timer = setTimeout(() => child.kill('SIGKILL'), 90_000);
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      if (inspected || !stdout.includes('\n')) return;
      inspected = true;
      inspect(JSON.parse(stdout.split('\n')[0] as string) as LoginJson).then(
        () => child.kill('SIGINT'),
        (error: unknown) => {
          child.kill('SIGKILL');
          reject(error instanceof Error ? error : new Error(String(error)));
        },
      );
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

describe('flex-sso login --mode emulator', () => {
  it('creates a missing user from its scenario, logs in, prints the verdict and a detail URL the dashboard serves (exit 0)', async () => {
    let page = '';
    const result = await loginAndKeep(['--user', 'cli.login@example.com', '--mode', 'emulator', ...common], { FLEX_SSO_PASSWORD: RIGHT }, async (json) => {
      expect(json).toMatchObject({ outcome: 'login', valid: true, createdFromScenario: 'cli-login-agent', scenario: { id: 'cli-login-agent', passed: true } });
      expect(json.checks?.every((c) => c.status === 'ok')).toBe(true);
      const res = await fetch(json.detailUrl as string);
      expect(res.status).toBe(200);
      page = await res.text();
    });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(page).toContain('client:cli_2Elogin_40example_2Ecom');
    expect(page).toContain('data-valid="true"');
    expect(page).toContain('cli-login-agent'); // the fake SP's record carries the scenario and its expectation
    expect(result.stdout).not.toContain(RIGHT);
  }, 120_000);

  it('prints the check table and the detail URL for people', async () => {
    const result = await runCli(['login', '--user', 'cli.login@example.com', ...common], { env: { FLEX_SSO_PASSWORD: RIGHT }, timeoutMs: 90_000, cwd });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/✓ valid: Flex would accept the login of cli\.login@example\.com/);
    expect(result.stdout).toMatch(/✓ signature\s/);
    expect(result.stdout).toMatch(/details: http:\/\/127\.0\.0\.1:\d+\/logins\/lg_\w+/);
  }, 120_000);

  it("compares the login with its scenario's expectation: a differing attribute is named with the hint, Flex's verdict and exit code unchanged", async () => {
    const result = await runCli(['login', '--user', 'cli.team@example.com', ...common], { env: { FLEX_SSO_PASSWORD: RIGHT }, timeoutMs: 90_000, cwd });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/✓ valid: Flex would accept the login of cli\.team@example\.com/);
    expect(result.stdout).toContain('✗ not what scenario cli-login-wrong-team expects:');
    expect(result.stdout).toContain('team: expected "Sales", received "RAMP"');
    expect(result.stdout).toMatch(/\n {4}hint: team differs/);
  }, 120_000);

  it('a wrong password for a user in the saved state ends with exit 1 and says so', async () => {
    const result = await runCli(['login', '--user', 'cli.login@example.com', '--json', ...common], {
      env: { FLEX_SSO_PASSWORD: 'Wrong-Password-0815' },
      timeoutMs: 90_000,
      cwd,
    });
    expect(result.code).toBe(1);
    const json = JSON.parse(result.stdout) as LoginJson & { message: string };
    expect(json).toMatchObject({ outcome: 'wrong-password', valid: false });
    expect(json.message).toContain('rejected the password');
    expect(result.stdout).not.toContain('Wrong-Password-0815');
  }, 120_000);

  it('an email neither in the state nor in any scenario is a usage error listing the known emails (exit 2)', async () => {
    const result = await runCli(['login', '--user', 'nobody@example.com', ...common], { timeoutMs: 60_000, cwd });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('LOGIN_UNKNOWN_USER');
    expect(result.stderr).toContain('known emails: cli.login@example.com');
  }, 90_000);

  it('a scenario user already in the state logs in again without the password variable: it gets a working password (issue 19)', async () => {
    const result = await runCli(['login', '--user', 'cli.login@example.com', '--password-env', 'FLEX_SSO_TEST_UNSET_VAR', ...common], {
      env: { FLEX_SSO_TEST_UNSET_VAR: '' },
      timeoutMs: 90_000,
      cwd,
    });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      'user cli.login@example.com set up in the emulator from scenario cli-login-agent (its Action, addon and login page); password: a new one generated for this login',
    );
    expect(result.stdout).toContain('✓ valid: Flex would accept the login of cli.login@example.com');
  }, 120_000);

  it('a user in the state that no scenario owns, without the password variable set, is a usage error (exit 2)', async () => {
    const other = join(dir, 'other.yaml');
    writeFileSync(other, '- id: someone-else\n  title: t\n  action: pattern-a\n  user: { email: else@example.com }\n  expect: { outcome: login }\n');
    const result = await runCli(['login', '--user', 'cli.login@example.com', '--password-env', 'FLEX_SSO_TEST_UNSET_VAR', ...common, '--scenarios', other], {
      env: { FLEX_SSO_TEST_UNSET_VAR: '' },
      timeoutMs: 60_000,
      cwd,
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('FLEX_SSO_TEST_UNSET_VAR is not set');
    expect(result.stderr).toContain('no scenario owns this user');
  }, 90_000);

  it('--headed with CHROMIUM_PATH on the headless shell says it cannot open a window (exit 2)', async () => {
    const shell = join(dir, 'chromium-headless-shell');
    writeFileSync(shell, '#!/bin/sh\nexit 1\n', { mode: 0o755 });
    const result = await runCli(['login', '--user', 'cli.login@example.com', '--headed', ...common], {
      env: { FLEX_SSO_PASSWORD: RIGHT, CHROMIUM_PATH: shell },
      timeoutMs: 60_000,
      cwd,
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`--headed: CHROMIUM_PATH is ${shell}, which cannot open a window [BROWSER_HEADLESS_ONLY]`);
    expect(result.stderr).toMatch(/fix: point CHROMIUM_PATH at a full Chromium/);
  }, 90_000);

  it('rejects a bad --user, --password-env and --mode before starting anything (exit 2)', async () => {
    for (const args of [
      ['--user', 'not-an-email'],
      ['--user', 'a@b.c', '--password-env', 'my password'],
      ['--user', 'a@b.c', '--mode', 'intercept'],
    ]) {
      const result = await runCli(['login', ...args, ...common], { timeoutMs: 30_000, cwd });
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/LOGIN_BAD_(USER|PASSWORD_ENV|MODE)/);
    }
  }, 90_000);
});
