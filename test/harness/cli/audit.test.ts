import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHttpsEmulator, type HttpsEmulator } from '../auth0/emulator.ts';

// Integration: the real CLI (child process) → real auth0 SDK → emulator over HTTPS.
let emu: HttpsEmulator;

interface AuditJson {
  usersChecked: number;
  pages: number;
  findings: { email: string; code: string; severity: string; message: string }[];
  summary: { errors: number };
}

function addUser(email: string, appMetadata: Record<string, unknown>, emailVerified = true): void {
  emu.idp.tenant.createUser({ email, password: 'Audit-Pass-1', email_verified: emailVerified, app_metadata: appMetadata });
}

beforeAll(async () => {
  emu = await startHttpsEmulator();
  // A clean Pattern A tenant of 121 users: more than one page of 100.
  addUser('admin@flex-sso.test', { flex: { roles: ['admin'] } });
  addUser('sup@flex-sso.test', { flex: { roles: ['supervisor'], team: 'RAMP' }, program: 'RAMP' });
  for (let i = 0; i < 119; i++) addUser(`agent-${i}@flex-sso.test`, { flex: { roles: ['agent'], team: 'RAMP' }, program: 'RAMP' });
}, 60_000);
afterAll(async () => {
  await emu?.close();
});

describe('flex-sso audit (emulator over HTTPS, real SDK)', () => {
  it('pages through more than 100 users and raises no false alarm on a clean tenant', async () => {
    const result = await emu.cli(['audit', '--pattern', 'A', '--json']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as AuditJson;
    expect(report.usersChecked).toBe(121);
    expect(report.pages).toBe(2);
    expect(report.findings).toEqual([]);
  }, 60_000);

  it('finds each seeded defect, prints a table with the fixes, and exits 1', async () => {
    addUser('noroles@flex-sso.test', { flex: { team: 'RAMP' }, program: 'RAMP' });
    addUser('typo@flex-sso.test', { flex: { roles: ['superviser'], team: 'RAMP' }, program: 'RAMP' });
    addUser('string@flex-sso.test', { flex: { roles: 'agent', team: 'RAMP' }, program: 'RAMP' });
    addUser('unverified@flex-sso.test', { flex: { roles: ['agent'], team: 'RAMP' }, program: 'RAMP' }, false);
    addUser('noteam@flex-sso.test', { flex: { roles: ['agent'] } });
    addUser('sales1@flex-sso.test', { flex: { roles: ['agent'], team: 'Sales' }, program: 'Sales' });
    addUser('sales2@flex-sso.test', { flex: { roles: ['agent'], team: 'Sales' }, program: 'Sales' });
    addUser('sales3@flex-sso.test', { flex: { roles: ['agent'], team: 'sales ' }, program: 'Sales' });
    addUser('sales4@flex-sso.test', { flex: { roles: ['agent'], team: 'SALES' }, program: 'Sales' });
    addUser('lonely@flex-sso.test', { flex: { roles: ['supervisor'], team: 'Ops' }, program: 'Ops' });

    const json = await emu.cli(['audit', '--pattern', 'A', '--json']);
    expect(json.code).toBe(1);
    const report = JSON.parse(json.stdout) as AuditJson;
    expect(report.usersChecked).toBe(131);
    expect(report.findings.map((f) => `${f.email} ${f.code}`)).toEqual([
      'noroles@flex-sso.test ROLES_MISSING',
      'typo@flex-sso.test ROLE_INVALID',
      'string@flex-sso.test ROLES_NOT_ARRAY',
      'unverified@flex-sso.test EMAIL_NOT_VERIFIED',
      'noteam@flex-sso.test TEAM_MISSING',
      'noteam@flex-sso.test PROGRAM_MISSING',
      'sales3@flex-sso.test TEAM_NAME_VARIANT',
      'sales4@flex-sso.test TEAM_NAME_VARIANT',
      'lonely@flex-sso.test SUPERVISOR_WITHOUT_AGENTS',
    ]);

    const text = await emu.cli(['audit', '--pattern', 'a']);
    expect(text.code).toBe(1);
    expect(text.stdout).toMatch(/^SEVERITY +USER +CODE +MESSAGE/);
    expect(text.stdout).toContain('did you mean "supervisor"?');
    expect(text.stdout).toContain('fix: Set app_metadata.flex.team to "Sales".');
    expect(text.stdout).toContain('Audited 131 user(s)');
    expect(text.stdout).toContain('(Pattern A): 6 error(s), 3 warning(s) on 8 user(s)');
    expect(`${text.stdout}${text.stderr}${json.stdout}`).not.toContain(emu.secret);
  }, 90_000);

  it('rejects an unknown --pattern (exit 2)', async () => {
    const result = await emu.cli(['audit', '--pattern', 'C']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--pattern: expected A or B, received "C"');
  }, 60_000);
});
