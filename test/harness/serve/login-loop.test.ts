// `login` and `serve` form one loop (issue 19): serve owns its state file, seeds scenario users,
// prints how to log in and its tenant variables; login reuses it (its logins land in that dashboard)
// and a scenario user gets a working password on every login. Real processes, emulator, SP, Chromium.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { envExports } from '../../../harness/serve/loop.ts';
import { claimState, ownerFileOf, readLiveOwner } from '../../../harness/serve/state-owner.ts';
import { renderListPage } from '../../../fake-sp/server/dashboard/list-page.ts';
import { runCli } from '../../helpers/cli.ts';
import { startServeProcess } from '../../helpers/serve-process.ts';

const BIN = fileURLToPath(new URL('../../../bin/flex-sso.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'flex-sso-loop-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const SLOW = { timeout: 180_000 };

const scenarios = join(dir, 'loop.yaml');
const B_PASSWORD = 'Loop-B-Password-4711';
writeFileSync(
  scenarios,
  ['a', 'b']
    .map(
      (x) => `- id: loop-${x}
  title: loop user ${x}
  action: pattern-b
  user: { email: loop-${x}@flex-sso.test, name: Loop ${x.toUpperCase()}, app_metadata: { flex: { roles: [agent] } }${x === 'b' ? `, password: ${B_PASSWORD}` : ''} }
  expect: { outcome: login }
`,
    )
    .join(''),
);

describe('serve idp --env', () => {
  it('prints shell export lines for the tenant commands, quoted', () => {
    expect(
      envExports({
        domain: '127.0.0.1:4443',
        defaultClientId: 'cid',
        managementClientId: 'mid',
        managementClientSecret: "s'ecret",
        caFile: '/tmp/ca dir/ca.pem',
      }),
    ).toBe(
      [
        "export AUTH0_DOMAIN='127.0.0.1:4443'",
        "export AUTH0_SAML_CLIENT_ID='cid'",
        "export AUTH0_MGMT_CLIENT_ID='mid'",
        "export AUTH0_MGMT_CLIENT_SECRET='s'\\''ecret'",
        "export NODE_EXTRA_CA_CERTS='/tmp/ca dir/ca.pem'",
        '',
      ].join('\n'),
    );
  });

  it('serves HTTPS and the printed variables drive a tenant command (audit) against it', SLOW, async () => {
    const child = spawn(process.execPath, [BIN, 'serve', 'idp', '--env', '--state', join(dir, 'env-tenant.json')], {
      cwd: dir,
      env: { ...process.env, NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      const out = await new Promise<string>((resolve, reject) => {
        let text = '';
        const timer = setTimeout(() => reject(new Error(`no --env output: ${text}`)), 60_000);
        child.stdout.on('data', (d: Buffer) => {
          text += d.toString();
          if (text.includes('\n# ')) {
            clearTimeout(timer);
            resolve(text);
          }
        });
      });
      const env = Object.fromEntries([...out.matchAll(/^export (\w+)='([^']*)'$/gm)].map((m) => [m[1], m[2]]));
      expect(Object.keys(env)).toEqual(['AUTH0_DOMAIN', 'AUTH0_SAML_CLIENT_ID', 'AUTH0_MGMT_CLIENT_ID', 'AUTH0_MGMT_CLIENT_SECRET', 'NODE_EXTRA_CA_CERTS']);
      expect(existsSync(env.NODE_EXTRA_CA_CERTS as string)).toBe(true);
      const audit = await runCli(['audit', '--json'], { env, cwd: dir, timeoutMs: 90_000 });
      expect(audit.stderr).not.toContain('AUTH0_ENV_MISSING');
      expect([0, 1]).toContain(audit.code);
    } finally {
      child.kill('SIGTERM');
    }
  });
});

describe('the state file has one owner', () => {
  it("claims a free state, refuses it while another live process serves it, and takes over a dead one's", () => {
    const state = join(dir, 'owned.json');
    // Another live process (this test's parent) owns it.
    writeFileSync(
      ownerFileOf(state),
      JSON.stringify({
        version: 1,
        pid: process.ppid,
        startedAt: '',
        target: 'all',
        idp: { url: 'http://127.0.0.1:1', samlUrl: 'http://127.0.0.1:1/samlp/x' },
      }),
    );
    expect(readLiveOwner(state)?.pid).toBe(process.ppid);
    expect(() => claimState(state, { target: 'idp', idp: { url: 'u', samlUrl: 's' } })).toThrow(expect.objectContaining({ code: 'STATE_IN_USE' }));
    // A dead process's file is taken over.
    writeFileSync(ownerFileOf(state), JSON.stringify({ version: 1, pid: 2 ** 22 + 12345, startedAt: '', target: 'all', idp: { url: 'u', samlUrl: 's' } }));
    expect(readLiveOwner(state)).toBeUndefined();
    const claim = claimState(state, { target: 'idp', idp: { url: 'u', samlUrl: 's' } });
    expect(JSON.parse(readFileSync(ownerFileOf(state), 'utf8'))).toMatchObject({ pid: process.pid });
    claim.release();
    expect(existsSync(ownerFileOf(state))).toBe(false);
  });
});

describe('the empty dashboard', () => {
  it('says how to produce a login; a filter with no match says so instead', () => {
    expect(renderListPage({ records: [], filter: {}, total: 0, profiles: [] })).toContain(
      'No login received yet. Produce one: <code>flex-sso login --user pa-admin@flex-sso.test</code>',
    );
    expect(renderListPage({ records: [], filter: { q: 'x' }, total: 3, profiles: [] })).toContain('No login matches the filter.');
  });
});

describe('serve all --seed + login through it', SLOW, () => {
  it('seeds the scenario users, logs in twice through the running servers (no password variable), refuses a second serve, and keeps the users on stop', async () => {
    const state = join(dir, 'tenant.json');
    const served = await startServeProcess(['all', '--seed', scenarios, '--state', state, '--store', join(dir, 'sp')], {}, 90_000);
    let stopped: number | null = null;
    try {
      expect(served.ready.seeded).toEqual([
        { scenario: 'loop-a', email: 'loop-a@flex-sso.test' },
        { scenario: 'loop-b', email: 'loop-b@flex-sso.test' },
      ]);
      const sp = served.ready.sp as { url: string; dashboardUrl: string };
      const login = (user: string) =>
        runCli(['login', '--user', user, '--state', state, '--scenarios', scenarios, '--json', '--password-env', 'FLEX_SSO_LOOP_UNSET'], {
          cwd: dir,
          env: { FLEX_SSO_LOOP_UNSET: '' },
          timeoutMs: 120_000,
        });
      for (const attempt of [1, 2]) {
        const result = await login('loop-a@flex-sso.test');
        expect(`${attempt}: ${result.stderr}`).toBe(`${attempt}: `);
        expect(result.code).toBe(0);
        // The owning scenario's expectation came back from the serve, went to its fake SP, and was compared.
        expect(JSON.parse(result.stdout)).toMatchObject({
          outcome: 'login',
          dashboardUrl: sp.dashboardUrl,
          createdFromScenario: 'loop-a',
          scenario: { id: 'loop-a', passed: true },
        });
      }
      // --sp/--idp: any running servers, a user that exists there, its password from the environment.
      const idp = served.ready.idp as { samlUrl: string };
      const external = await runCli(['login', '--user', 'loop-b@flex-sso.test', '--sp', sp.url, '--idp', idp.samlUrl, '--json'], {
        cwd: dir,
        env: { FLEX_SSO_PASSWORD: B_PASSWORD },
        timeoutMs: 120_000,
      });
      expect(external.stderr).toBe('');
      expect(JSON.parse(external.stdout)).toMatchObject({ outcome: 'login', dashboardUrl: `${sp.url}/` });
      expect(external.stdout).not.toContain(B_PASSWORD);
      const logins = await fetch(`${sp.url}/api/logins`).then((r) => r.json() as Promise<{ logins: unknown[] }>);
      expect(logins.logins).toHaveLength(3);
      // The SP's records: the two logins of loop-a's user carry its scenario id; the --sp/--idp one has no scenario.
      expect((logins.logins as { scenarioId?: string }[]).map((l) => l.scenarioId ?? null).sort()).toEqual(['loop-a', 'loop-a', null]);
      const second = await runCli(['serve', 'all', '--state', state], { cwd: dir, timeoutMs: 60_000 });
      expect(second.code).toBe(2);
      expect(second.stderr).toContain('[STATE_IN_USE]');
    } finally {
      stopped = await served.stop();
    }
    expect(stopped).toBe(0);
    expect(existsSync(ownerFileOf(state))).toBe(false);
    const saved = JSON.parse(readFileSync(state, 'utf8')) as { users: { email: string }[] };
    expect(saved.users.map((u) => u.email).sort()).toEqual(['loop-a@flex-sso.test', 'loop-b@flex-sso.test']);
  });
});

describe('--action NAME of serve and login', () => {
  it('names the closest built-in Action for a misspelt one', async () => {
    const { readActionCode } = await import('../../../harness/serve/start-servers.ts');
    await expect(readActionCode('patern-b', dir)).rejects.toMatchObject({
      code: 'ACTION_UNREADABLE',
      message: expect.stringContaining('did you mean "pattern-b"?'),
    });
    await expect(readActionCode('./nope.js', dir)).rejects.toMatchObject({ message: expect.not.stringContaining('did you mean') });
  });
});
