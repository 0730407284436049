// `flex-sso run --mode staging|intercept` through the real CLI against the Auth0 emulator posing as a
// real tenant: HTTPS with its local CA (NODE_EXTRA_CA_CERTS for Node, FLEX_SSO_INSECURE_TLS=1 for
// Chromium), the auth0 SDK for provisioning and logs, the tenant's own Universal Login pages.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { passwordFingerprint } from '../../../harness/auth0/provision-plan.ts';
import { actionName } from '../../../harness/run/seed.ts';
import { REPO_ROOT } from '../../../harness/repo-root.ts';
import { startHttpsEmulator, type HttpsEmulator } from '../auth0/emulator.ts';

const JQ = `JQ${'c0ffee'.repeat(5)}aa`;
const POST = 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST';
const NEVER_CONTACTED = `https://flex-acs.invalid/login/callback?connection=${JQ}`;

const SCENARIOS = `- id: rt-admin
  title: Pattern A admin through the tenant's deployed Action
  action: pattern-a
  user: { email: rt-admin@flex-sso.test, name: Ada Admin, app_metadata: { flex: { roles: [admin] } } }
  expect: { outcome: login, attributes: { email: rt-admin@flex-sso.test, full_name: Ada Admin, roles: admin, team: absent } }
- id: rt-sp-initiated
  title: SP-initiated agent login
  action: pattern-a
  flow: sp-initiated
  user: { email: rt-sp@flex-sso.test, name: Sven Sp, app_metadata: { flex: { roles: [agent], team: RAMP }, program: RAMP } }
  expect: { outcome: login, attributes: { roles: agent, team: RAMP, program: RAMP } }
- id: rt-wrong-expectation
  title: An agent the scenario wrongly expects to be a supervisor
  action: pattern-a
  user: { email: rt-wrong@flex-sso.test, name: Walt Wrong, app_metadata: { flex: { roles: [agent] } } }
  expect: { outcome: login, attributes: { roles: supervisor } }
- id: rt-wrong-password
  title: A wrong password; ten earlier runs left its user blocked by brute-force protection
  action: pattern-a
  user: { email: rt-wp@flex-sso.test, password: Rt-wrong-pw-1, app_metadata: { flex: { roles: [agent] } } }
  expect: { outcome: wrong-password, password: not-the-password }
- id: rt-mfa
  title: Needs the emulator's MFA policy
  action: pattern-a
  user: { email: rt-mfa@flex-sso.test, app_metadata: { flex: { roles: [agent] } } }
  protections: { mfa: { policy: all-applications } }
  expect: { outcome: mfa-required }
- id: rt-fault
  title: Needs an emulator fault
  action: pattern-a
  user: { email: rt-fault@flex-sso.test, app_metadata: { flex: { roles: [agent] } } }
  fault: { kind: http-500 }
  expect: { outcome: idp-error }
- id: rt-pattern-b
  title: Needs the Pattern B Action, which the tenant has not deployed
  action: pattern-b
  user: { email: rt-pb@flex-sso.test, app_metadata: { flex: { roles: [agent] } } }
  expect: { outcome: login }
`;

interface ResultsJson {
  summary: { total: number; passed: number; failed: number; skipped?: number };
  skipped?: { id: string; reason: string }[];
  scenarios: {
    id: string;
    passed: boolean;
    outcome: string;
    attributes: Record<string, string[]>;
    tenantLogs?:
      | { events: { type: string; description?: string; executions?: string[]; details?: unknown }[]; polls: number; waitedMs: number }
      | { error: string };
    intercept?: { acsPosts: string[]; forwarded: string[]; leaked: string[] };
  }[];
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

let emu: HttpsEmulator;
let clientId = '';

function configure(callback: string): void {
  emu.idp.tenant.updateApplication(clientId, { callbacks: [callback], addons: { samlp: { audience: `urn:flex:${JQ}`, signResponse: true, binding: POST } } });
}

function writeConfig(name: string, port: number): string {
  return emu.writeFile(name, `flex:\n  profile: enhanced\n  connectionId: ${JQ}\nsp:\n  port: ${port}\n  storeDir: sp-${name}\n`);
}

async function run(mode: string, config: string, out: string, grep?: string, extra: string[] = []) {
  return emu.cli(
    [
      'run',
      '--mode',
      mode,
      '--config',
      config,
      '--scenarios',
      'rt.yaml',
      ...(grep ? ['--grep', grep] : []),
      ...extra,
      '--workers',
      '1',
      '--out',
      out,
      '--reporter',
      'list,json,html,junit,blob',
    ],
    { FLEX_SSO_INSECURE_TLS: '1', FLEX_SSO_TENANT_LOG_WAIT_MS: '2000' },
  );
}

beforeAll(async () => {
  emu = await startHttpsEmulator();
  clientId = emu.idp.defaultClientId;
  const { tenant } = emu.idp;
  // The tenant's own configuration: Pattern A deployed and bound, as `flex-sso deploy-action` leaves it.
  const file = join(REPO_ROOT, 'scenarios/actions/pattern-a.js');
  const action = tenant.createAction({ name: actionName(file), code: readFileSync(file, 'utf8') });
  tenant.deployAction(action.id);
  tenant.setBindings('post-login', [{ ref: { type: 'action_id', value: action.id }, display_name: 'Flex Pattern A' }]);
  emu.writeFile('rt.yaml', SCENARIOS);
}, 60_000);
afterAll(async () => {
  await emu?.close();
});

describe('flex-sso run --mode staging', () => {
  it('stops before any browser with the exact callback to set when the app does not post to the local SP', async () => {
    const port = await freePort();
    configure('https://login.flex.us1.twilio.com/login/callback?connection=' + JQ);
    const result = await run('staging', writeConfig('bad.yaml', port), 'out-bad');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('[STAGING_PREFLIGHT]');
    expect(result.stderr).toContain(`put http://127.0.0.1:${port}/login/callback?connection=${JQ} first`);
    expect(result.stderr).not.toContain(emu.secret);
  }, 60_000);

  it('logs in on the tenant, posts to the local SP, skips what a tenant cannot run and attaches tenant logs to failures', async () => {
    const port = await freePort();
    configure(`http://127.0.0.1:${port}/login/callback?connection=${JQ}`);
    // The wrong-password scenario's user as ten earlier runs left it: provisioned (unchanged now) and blocked.
    const wp = emu.idp.tenant.createUser({
      email: 'rt-wp@flex-sso.test',
      password: 'Rt-wrong-pw-1',
      email_verified: true,
      app_metadata: {
        flex: { roles: ['agent'] },
        flex_sso_harness: { owned: true, scenario: 'rt-wrong-password', password_fingerprint: passwordFingerprint('rt-wp@flex-sso.test', 'Rt-wrong-pw-1') },
      },
    });
    for (let i = 0; i < 10; i++)
      emu.idp.tenant.recordLoginFailure({ identifier: wp.email, ip: '127.0.0.1', connection: 'Username-Password-Authentication', userId: wp.user_id });
    const result = await run('staging', writeConfig('staging.yaml', port), 'out-staging');
    expect(result.stderr).not.toMatch(/(create|update) +rt-wp@/); // its password is not set again: only the unblock frees it
    expect(result.stderr).toContain('unblock   rt-wp@flex-sso.test (brute-force protection: its scenario fails a login on purpose)');
    expect(result.code, result.stdout + result.stderr).toBe(1);
    expect(result.stdout + result.stderr).not.toContain(emu.secret);
    const json = JSON.parse(readFileSync(join(emu.dir, 'out-staging/results.json'), 'utf8')) as ResultsJson;
    expect(json.summary).toMatchObject({ total: 4, passed: 3, failed: 1, skipped: 3 });
    expect(json.scenarios.find((x) => x.id === 'rt-wrong-password')).toMatchObject({ passed: true, outcome: 'wrong-password' });
    const byId = new Map(json.scenarios.map((s) => [s.id, s]));
    expect(byId.get('rt-admin')).toMatchObject({ passed: true, outcome: 'login', attributes: { roles: ['admin'], email: ['rt-admin@flex-sso.test'] } });
    expect(byId.get('rt-admin')?.tenantLogs).toBeUndefined();
    expect(byId.get('rt-sp-initiated')).toMatchObject({ passed: true, attributes: { team: ['RAMP'] } });
    const failed = byId.get('rt-wrong-expectation');
    expect(failed).toMatchObject({ passed: false, attributes: { roles: ['agent'] } });
    const tenantLogs = failed?.tenantLogs && 'events' in failed.tenantLogs ? failed.tenantLogs : undefined;
    // The query window has 5 s of clock-skew slack each side, so on a fast machine the provisioning
    // signup (`ss`) can fall inside it; the login itself must be exactly one success event.
    expect(tenantLogs?.events.map((l) => l.type).filter((t) => t !== 'ss')).toEqual(['s']);
    // An execution id (logs-schema.json s.details.actions.executions) that the executions API resolves.
    const [executionId] = tenantLogs?.events.find((l) => l.type === 's')?.executions ?? [];
    expect(emu.idp.tenant.getExecution(executionId ?? '')?.results.map((r) => r.action_name)).toEqual([
      actionName(join(REPO_ROOT, 'scenarios/actions/pattern-a.js')),
    ]);
    expect(json.skipped?.map((s) => s.id).sort()).toEqual(['rt-fault', 'rt-mfa', 'rt-pattern-b']);
    expect(json.skipped?.find((s) => s.id === 'rt-mfa')?.reason).toMatch(/sets the emulator's login protections \(mfa\)/);
    expect(json.skipped?.find((s) => s.id === 'rt-fault')?.reason).toMatch(/emulator fault "http-500"/);
    expect(json.skipped?.find((s) => s.id === 'rt-pattern-b')?.reason).toMatch(
      /not deployed and bound.*flex-sso deploy-action scenarios\/actions\/pattern-b\.js/,
    );
    const html = readFileSync(join(emu.dir, 'out-staging/report.html'), 'utf8');
    expect(html).toContain('Auth0 tenant logs');
    expect(html).toContain('Skipped (3)');
    // The blob for merge-reports, and the provisioned users tagged as the harness's own.
    expect(
      readFileSync(join(emu.dir, 'out-staging/blob-report', (await import('node:fs')).readdirSync(join(emu.dir, 'out-staging/blob-report'))[0] ?? '')).length,
    ).toBeGreaterThan(0);
    expect(emu.idp.tenant.findUserByEmail('rt-admin@flex-sso.test')?.app_metadata).toMatchObject({ flex_sso_harness: { owned: true, scenario: 'rt-admin' } });
    expect(emu.idp.tenant.findUserByEmail('rt-fault@flex-sso.test')).toBeUndefined();
  }, 150_000);
});

describe('flex-sso run --mode staging --shard', () => {
  it('gives the shard its own users and expects their e-mail in the response', async () => {
    const port = await freePort();
    configure(`http://127.0.0.1:${port}/login/callback?connection=${JQ}`);
    const result = await run('staging', writeConfig('shard.yaml', port), 'out-shard', 'rt-admin:|rt-sp-initiated:', ['--shard', '2/2']);
    expect(result.code, result.stdout + result.stderr).toBe(0);
    const json = JSON.parse(readFileSync(join(emu.dir, 'out-shard/results.json'), 'utf8')) as ResultsJson;
    expect(json.summary).toMatchObject({ total: 1, passed: 1 });
    expect(emu.idp.tenant.findUserByEmail('rt-admin+s2@flex-sso.test')).toBeDefined();
    // Whichever scenario this shard drew, it logged in as its shard's user.
    expect(json.scenarios[0]?.attributes.email?.[0]).toMatch(/^rt-(admin|sp)\+s2@flex-sso\.test$/);
  }, 150_000);
});

describe('flex-sso run --mode intercept', () => {
  it('routes the POST meant for a never-contacted Flex host into the fake SP and exits 0', async () => {
    configure(NEVER_CONTACTED);
    const result = await run('intercept', writeConfig('intercept.yaml', 0), 'out-intercept', 'rt-admin:|rt-sp-initiated:');
    expect(result.code, result.stdout + result.stderr).toBe(0);
    if (process.env.S6_DEBUG) process.stderr.write(result.stdout + result.stderr);
    // Only what --grep selects is provisioned.
    expect(result.stderr).toContain('2 of 2 scenario(s) can run');
    const json = JSON.parse(readFileSync(join(emu.dir, 'out-intercept/results.json'), 'utf8')) as ResultsJson;
    expect(json.summary).toMatchObject({ total: 2, passed: 2, failed: 0 });
    for (const s of json.scenarios) {
      expect(s.intercept?.acsPosts).toEqual([NEVER_CONTACTED]);
      expect(s.intercept?.leaked).toEqual([]);
      // Everything the browser sent to the Flex origin was served by the fake SP, the ACS POST first.
      expect(s.intercept?.forwarded[0]).toBe(`POST ${NEVER_CONTACTED}`);
      for (const f of s.intercept?.forwarded ?? []) expect(f).toMatch(/^(POST|GET) https:\/\/flex-acs\.invalid\//);
    }
    // The fake SP recorded both logins as posted to the Flex ACS (Destination/Recipient checked
    // against it): the browser cannot reach flex-acs.invalid, so only the interceptor can have delivered them.
    const records = readFileSync(join(emu.dir, 'sp-intercept.yaml/logins.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { acsUrl: string; verdict: { valid: boolean; checks: { id: string; ok: boolean }[] } });
    expect(records).toHaveLength(2);
    for (const r of records) {
      expect(r.acsUrl).toBe(NEVER_CONTACTED);
      expect(r.verdict.valid).toBe(true);
      expect(r.verdict.checks.filter((c) => c.id === 'destination' || c.id === 'recipient').map((c) => c.ok)).toEqual([true, true]);
    }
  }, 150_000);

  it('refuses a tenant whose callback is not the Flex ACS of the configured connection', async () => {
    configure('https://login.flex.us1.twilio.com/login/callback?connection=JQ' + '0'.repeat(32));
    const result = await run('intercept', writeConfig('intercept-bad.yaml', 0), 'out-intercept-bad', 'rt-admin:');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('[INTERCEPT_PREFLIGHT]');
    expect(result.stderr).toContain(`https://login.flex.us1.twilio.com/login/callback?connection=${JQ}`);
  }, 60_000);
});
