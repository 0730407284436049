import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUTH0_FREE_MANAGEMENT_LIMIT } from '../../../fake-idp/management/rate-limit.ts';
import { OWNER_KEY } from '../../../harness/auth0/ownership.ts';
import { startHttpsEmulator, type HttpsEmulator } from '../auth0/emulator.ts';

// Integration: the real CLI (child process) → real auth0 SDK → emulator over HTTPS.
let emu: HttpsEmulator;
let scenarios: string;

const SCENARIOS = `
- id: prov-agent
  title: agent
  action: pattern-a
  user:
    email: prov-agent@flex-sso.test
    name: Pia Agent
    password: Agent-Password-1
    app_metadata: { flex: { roles: [agent], team: RAMP }, program: RAMP }
  expect: { outcome: login }
- id: prov-supervisor
  title: supervisor
  action: pattern-a
  user:
    email: prov-sup@flex-sso.test
    app_metadata: { flex: { roles: [supervisor], team: RAMP }, program: RAMP }
  expect: { outcome: login }
- id: prov-admin
  title: admin
  action: pattern-b
  user:
    email: prov-admin@flex-sso.test
    given_name: Ada
    family_name: Admin
    app_metadata: { flex: { roles: [admin] } }
  expect: { outcome: login }
`;

const snapshot = () => JSON.stringify(emu.idp.tenant.state.users);
const owned = () => emu.idp.tenant.state.users.filter((u) => (u.app_metadata[OWNER_KEY] as { owned?: boolean } | undefined)?.owned === true);

function expectNoSecret(result: { stdout: string; stderr: string }): void {
  expect(`${result.stdout}${result.stderr}`).not.toContain(emu.secret);
  expect(`${result.stdout}${result.stderr}`).not.toContain('Agent-Password-1');
}

beforeAll(async () => {
  emu = await startHttpsEmulator();
  scenarios = emu.writeFile('users.yaml', SCENARIOS);
  // Users the harness must never touch: another domain, and an unmarked user in the test domain.
  emu.idp.tenant.createUser({ email: 'ceo@company.com', password: 'Company-Pass-1', app_metadata: { flex: { roles: ['admin'] } } });
  emu.idp.tenant.createUser({ email: 'manual@flex-sso.test', password: 'Manual-Pass-1', app_metadata: { flex: { roles: ['agent'] } } });
}, 60_000);
afterAll(async () => {
  await emu?.close();
});

describe('flex-sso provision (emulator over HTTPS, real SDK)', () => {
  it('--dry-run prints the plan and leaves the tenant unchanged', async () => {
    const before = snapshot();
    const result = await emu.cli(['provision', '--scenarios', scenarios, '--dry-run']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('dry run, nothing changed');
    expect(result.stdout).toContain('create    prov-agent@flex-sso.test (scenario prov-agent)');
    expect(result.stdout).toContain('3 to create, 0 to update, 0 unchanged, 0 to delete');
    expect(snapshot()).toBe(before);
    expectNoSecret(result);
  }, 60_000);

  it("without --scenarios: the scenarios --config's `scenarios:` names, relative to the config file's directory (dry run)", async () => {
    mkdirSync(join(emu.dir, 'conf/users'), { recursive: true });
    emu.writeFile('conf/flex-sso.config.yaml', 'scenarios: users/*.yaml\n');
    emu.writeFile('conf/users/a.yaml', SCENARIOS);
    const before = snapshot();
    const result = await emu.cli(['provision', '--dry-run', '--config', 'conf/flex-sso.config.yaml']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('create    prov-agent@flex-sso.test (scenario prov-agent)');
    expect(result.stdout).toContain('3 to create, 0 to update, 0 unchanged, 0 to delete');
    expect(snapshot()).toBe(before);
    emu.writeFile('conf/empty.yaml', 'scenarios: none/*.yaml\n');
    const none = await emu.cli(['provision', '--dry-run', '--config', 'conf/empty.yaml']);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/no scenarios: conf\/empty\.yaml:1: scenarios: "none\/\*\.yaml" matches no scenario file .*\[NO_SCENARIOS\]/);
  }, 60_000);

  it('creates the scenario users, tagged as owned, with the scenario password', async () => {
    const result = await emu.cli(['provision', '--scenarios', scenarios]);
    expect(result.stderr).toContain('[1/3] create    prov-agent@flex-sso.test');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('3 created, 0 updated, 0 unchanged, 0 deleted');
    const agent = emu.idp.tenant.findUserByEmail('prov-agent@flex-sso.test');
    expect(agent?.app_metadata).toMatchObject({
      flex: { roles: ['agent'], team: 'RAMP' },
      program: 'RAMP',
      [OWNER_KEY]: { owned: true, scenario: 'prov-agent' },
    });
    expect(agent?.name).toBe('Pia Agent');
    expect(emu.idp.tenant.verifyPassword('prov-agent@flex-sso.test', 'Agent-Password-1')?.user_id).toBe(agent?.user_id);
    expect(emu.idp.tenant.findUserByEmail('prov-admin@flex-sso.test')).toMatchObject({ given_name: 'Ada', family_name: 'Admin', email_verified: true });
    expectNoSecret(result);
  }, 60_000);

  it('is idempotent: a second run changes nothing', async () => {
    const before = snapshot();
    const result = await emu.cli(['provision', '--scenarios', scenarios]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('0 created, 0 updated, 3 unchanged, 0 deleted');
    expect(snapshot()).toBe(before);
  }, 60_000);

  it('repairs drifted metadata of an owned user and leaves others alone', async () => {
    const sup = emu.idp.tenant.findUserByEmail('prov-sup@flex-sso.test');
    emu.idp.tenant.updateUser(sup?.user_id ?? '', { app_metadata: { flex: { roles: ['superviser'] }, extra: true } });
    const result = await emu.cli(['provision', '--scenarios', scenarios]);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('update    prov-sup@flex-sso.test (scenario prov-supervisor): app_metadata');
    const repaired = emu.idp.tenant.findUserByEmail('prov-sup@flex-sso.test');
    expect(repaired?.app_metadata).toEqual({
      flex: { roles: ['supervisor'], team: 'RAMP' },
      program: 'RAMP',
      [OWNER_KEY]: { owned: true, scenario: 'prov-supervisor' },
    });
  }, 60_000);

  it('refuses, changing nothing, when a same-email user is not owned by the harness', async () => {
    const foreignScenarios = emu.writeFile('foreign.yaml', SCENARIOS.replace('prov-admin@flex-sso.test', 'manual@flex-sso.test'));
    const before = snapshot();
    const result = await emu.cli(['provision', '--scenarios', foreignScenarios]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('PROVISION_REFUSED');
    expect(result.stderr).toContain('NOT_OWNED: scenario prov-admin: the tenant already has a user manual@flex-sso.test');
    expect(snapshot()).toBe(before);
  }, 60_000);

  it('--cleanup deletes only the owned users', async () => {
    const result = await emu.cli(['provision', '--cleanup']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('0 created, 0 updated, 0 unchanged, 3 deleted');
    expect(owned()).toEqual([]);
    expect(emu.idp.tenant.state.users.map((u) => u.email).sort()).toEqual(['ceo@company.com', 'manual@flex-sso.test']);
  }, 60_000);

  it('honours 429 with x-ratelimit-reset: waits, says so, and completes', async () => {
    // A bucket of 1 refilled at 1/s and 7 sequential Management API requests (list, 6 creates): most wait.
    const many = Array.from(
      { length: 6 },
      (_, i) =>
        `- id: burst-${i}\n  title: burst\n  action: pattern-b\n  user: { email: burst-${i}@flex-sso.test, app_metadata: { flex: { roles: [agent] } } }\n  expect: { outcome: login }\n`,
    ).join('');
    const burst = emu.writeFile('burst.yaml', many);
    emu.idp.setRateLimit({ burst: 1, perSecond: 1 });
    try {
      const result = await emu.cli(['provision', '--scenarios', burst]);
      expect(result.code).toBe(0);
      expect(result.stderr).toMatch(/rate limited, waiting \d+s \(retry 1\/\d+\)/);
      expect(result.stdout).toContain('6 created');
      expect(owned()).toHaveLength(6);
      expectNoSecret(result);
    } finally {
      emu.idp.setRateLimit(AUTH0_FREE_MANAGEMENT_LIMIT);
    }
  }, 90_000);

  it('fails with exit 2 and the fix on wrong credentials, without echoing them', async () => {
    const wrong = 'Wrong-Secret-Value-1234567890';
    const result = await emu.cli(['provision', '--scenarios', scenarios, '--dry-run'], { AUTH0_MGMT_CLIENT_SECRET: wrong });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('AUTH0_API');
    expect(result.stderr).toContain('HTTP 401');
    expect(result.stderr).toContain('AUTH0_MGMT_CLIENT_SECRET');
    expect(`${result.stdout}${result.stderr}`).not.toContain(wrong);
  }, 60_000);

  it('fails with exit 2 naming the missing variables', async () => {
    const result = await emu.cli(['provision', '--dry-run'], { AUTH0_MGMT_CLIENT_ID: '', AUTH0_MGMT_CLIENT_SECRET: '' });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('AUTH0_MGMT_CLIENT_ID, AUTH0_MGMT_CLIENT_SECRET');
  }, 60_000);
});

describe('flex-sso provision: configuration errors', () => {
  it('rejects an AUTH0_DOMAIN given as a URL (exit 2) before any request', async () => {
    const result = await emu.cli(['provision', '--dry-run'], { AUTH0_DOMAIN: 'https://tenant.auth0.com/' });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('AUTH0_DOMAIN_INVALID');
    expect(result.stderr).toContain('no https://');
  }, 60_000);
});
