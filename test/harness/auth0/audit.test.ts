import { describe, expect, it } from 'vitest';
import { auditUsers, teamKey } from '../../../harness/auth0/audit.ts';
import type { TenantUser } from '../../../harness/auth0/types.ts';

let n = 0;
function user(email: string, appMetadata: Record<string, unknown>, over: Partial<TenantUser> = {}): TenantUser {
  n += 1;
  return { user_id: `auth0|${n}`, email, email_verified: true, app_metadata: appMetadata, user_metadata: {}, ...over };
}

/** A Pattern A tenant that satisfies every item of the checklist. */
function cleanPatternA(): TenantUser[] {
  return [
    user('admin@flex-sso.test', { flex: { roles: ['admin'] } }),
    user('sup@flex-sso.test', { flex: { roles: ['supervisor'], team: 'RAMP' }, program: 'RAMP' }),
    user('agent@flex-sso.test', { flex: { roles: ['agent'], team: 'RAMP' }, program: 'RAMP' }),
    user('multi@flex-sso.test', { flex: { roles: ['supervisor', 'agent'], team: 'Sales' }, program: 'Sales' }),
    user('wfo@flex-sso.test', { flex: { roles: ['agent', 'wfo.team_leader'], team: 'Sales' }, program: 'Sales' }),
  ];
}

const codes = (users: TenantUser[], pattern?: 'A' | 'B') =>
  auditUsers(users, pattern ? { pattern } : {}).findings.map((f) => `${f.email}:${f.code}:${f.severity}`);

describe('auditUsers', () => {
  it('raises nothing on a clean Pattern A tenant (no false alarm)', () => {
    const report = auditUsers(cleanPatternA(), { pattern: 'A' });
    expect(report.findings).toEqual([]);
    expect(report.summary).toEqual({ errors: 0, warnings: 0, usersWithFindings: 0, byCode: {} });
    expect(report.usersChecked).toBe(5);
  });

  it('raises nothing on a clean Pattern B tenant without teams', () => {
    expect(codes([user('a@x.test', { flex: { roles: ['agent'] } }), user('b@x.test', { flex: { roles: ['admin'] } })], 'B')).toEqual([]);
  });

  it('flags missing flex, missing roles, non-array roles and empty roles as errors', () => {
    expect(
      codes([
        user('noflex@x.test', {}),
        user('noroles@x.test', { flex: { team: 'RAMP' } }),
        user('string@x.test', { flex: { roles: 'agent,supervisor' } }),
        user('empty@x.test', { flex: { roles: [] } }),
      ]),
    ).toEqual([
      'noflex@x.test:ROLES_MISSING:error',
      'noroles@x.test:ROLES_MISSING:error',
      'string@x.test:ROLES_NOT_ARRAY:error',
      'empty@x.test:ROLES_EMPTY:error',
    ]);
  });

  it('suggests the right role for a typo', () => {
    const [finding] = auditUsers([user('typo@x.test', { flex: { roles: ['superviser'] } })]).findings;
    expect(finding?.code).toBe('ROLE_INVALID');
    expect(finding?.message).toContain('did you mean "supervisor"?');
    expect(finding?.fix).toContain('["supervisor"]');
  });

  it('rejects an unknown role with no close match, and a non-string role', () => {
    const findings = auditUsers([user('x@x.test', { flex: { roles: ['janitor', 42] } })]).findings;
    expect(findings.map((f) => f.code)).toEqual(['ROLE_INVALID', 'ROLE_INVALID']);
    expect(findings[0]?.message).not.toContain('did you mean');
  });

  it('warns about an unverified e-mail', () => {
    expect(codes([user('u@x.test', { flex: { roles: ['admin'] } }, { email_verified: false })])).toEqual(['u@x.test:EMAIL_NOT_VERIFIED:warning']);
  });

  it('Pattern A: non-admins need a team (error) and a program (warning); admins need neither', () => {
    const users = [user('admin@x.test', { flex: { roles: ['admin'] } }), user('agent@x.test', { flex: { roles: ['agent'] } })];
    expect(codes(users, 'A')).toEqual(['agent@x.test:TEAM_MISSING:error', 'agent@x.test:PROGRAM_MISSING:warning']);
    expect(codes(users, 'B')).toEqual([]);
  });

  it('groups team names differing only by case or whitespace and names the majority spelling', () => {
    const users = [
      user('a1@x.test', { flex: { roles: ['agent'], team: 'Sales' } }),
      user('a2@x.test', { flex: { roles: ['agent'], team: 'Sales' } }),
      user('a3@x.test', { flex: { roles: ['agent'], team: 'sales ' } }),
      user('a4@x.test', { flex: { roles: ['agent'], team: 'SALES' } }),
    ];
    const findings = auditUsers(users).findings;
    expect(findings.map((f) => `${f.email}:${f.code}`)).toEqual(['a3@x.test:TEAM_NAME_VARIANT', 'a4@x.test:TEAM_NAME_VARIANT']);
    expect(findings[0]?.fix).toBe('Set app_metadata.flex.team to "Sales".');
    expect(findings[0]?.group).toEqual([
      { team: 'Sales', users: 2 },
      { team: 'sales ', users: 1 },
      { team: 'SALES', users: 1 },
    ]);
    expect(teamKey('  Sales   Team ')).toBe('sales team');
  });

  it('warns about a supervisor whose team has no agent, and notes a near spelling', () => {
    const lonely = codes([
      user('sup@x.test', { flex: { roles: ['supervisor'], team: 'Ops' } }),
      user('a@x.test', { flex: { roles: ['agent'], team: 'RAMP' } }),
    ]);
    expect(lonely).toEqual(['sup@x.test:SUPERVISOR_WITHOUT_AGENTS:warning']);
    const near = auditUsers([
      user('sup@x.test', { flex: { roles: ['supervisor'], team: 'RAMP' } }),
      user('a@x.test', { flex: { roles: ['agent'], team: 'ramp' } }),
    ]).findings;
    expect(near.find((f) => f.code === 'SUPERVISOR_WITHOUT_AGENTS')?.message).toContain('another spelling');
  });

  it('flags a team that is not a string', () => {
    expect(codes([user('t@x.test', { flex: { roles: ['agent'], team: ['RAMP'] } })])).toEqual(['t@x.test:TEAM_NOT_STRING:error']);
  });

  it('summarises by severity and code', () => {
    const report = auditUsers([user('noflex@x.test', {}, { email_verified: false }), ...cleanPatternA()]);
    expect(report.summary).toEqual({ errors: 1, warnings: 1, usersWithFindings: 1, byCode: { ROLES_MISSING: 1, EMAIL_NOT_VERIFIED: 1 } });
  });
});
