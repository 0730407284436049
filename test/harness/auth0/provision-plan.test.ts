import { describe, expect, it } from 'vitest';
import { OWNER_KEY, isOwned } from '../../../harness/auth0/ownership.ts';
import { desiredAppMetadata, metadataPatch, passwordFingerprint, planProvision, updatePatch, type DesiredUser } from '../../../harness/auth0/provision-plan.ts';
import type { TenantUser } from '../../../harness/auth0/types.ts';

const DOMAIN = 'flex-sso.test';

function desired(over: Partial<DesiredUser> = {}): DesiredUser {
  return {
    scenario: 'agent',
    email: 'agent@flex-sso.test',
    name: 'Ann Agent',
    email_verified: true,
    app_metadata: { flex: { roles: ['agent'], team: 'RAMP' }, program: 'RAMP' },
    user_metadata: {},
    ...over,
  };
}

function tenantUserFor(d: DesiredUser, over: Partial<TenantUser> = {}): TenantUser {
  return {
    user_id: `auth0|${d.scenario}`,
    email: d.email,
    email_verified: d.email_verified,
    ...(d.name ? { name: d.name } : {}),
    app_metadata: desiredAppMetadata(d),
    user_metadata: d.user_metadata,
    ...over,
  };
}

describe('planProvision', () => {
  it('creates a user the tenant lacks', () => {
    const plan = planProvision({ desired: [desired()], existing: [], testUserDomain: DOMAIN });
    expect(plan.conflicts).toEqual([]);
    expect(plan.steps.map((s) => s.kind)).toEqual(['create']);
  });

  it('leaves an owned, identical user unchanged (idempotent)', () => {
    const d = desired();
    const plan = planProvision({ desired: [d], existing: [tenantUserFor(d)], testUserDomain: DOMAIN });
    expect(plan.steps).toEqual([{ kind: 'unchanged', email: d.email, scenario: 'agent', userId: 'auth0|agent', desired: d }]);
  });

  it('matches e-mails case-insensitively and ignores metadata key order', () => {
    const d = desired();
    const existing = tenantUserFor(d, {
      email: 'Agent@Flex-SSO.test',
      app_metadata: { program: 'RAMP', [OWNER_KEY]: { scenario: 'agent', owned: true }, flex: { team: 'RAMP', roles: ['agent'] } },
    });
    expect(planProvision({ desired: [d], existing: [existing], testUserDomain: DOMAIN }).steps[0]?.kind).toBe('unchanged');
  });

  it('updates an owned user whose roles changed, and only the changed fields', () => {
    const d = desired();
    const existing = tenantUserFor(d, { app_metadata: { ...desiredAppMetadata(d), flex: { roles: ['superviser'] }, stale: 1 } });
    const plan = planProvision({ desired: [d], existing: [existing], testUserDomain: DOMAIN });
    const step = plan.steps[0];
    expect(step?.kind).toBe('update');
    if (step?.kind !== 'update') return;
    expect(step.changes).toEqual(['app_metadata']);
    const patch = updatePatch(existing, d, step.changes, 'Username-Password-Authentication');
    expect(patch).toEqual({ app_metadata: { ...desiredAppMetadata(d), stale: null } });
  });

  it('sets the password when the scenario password changed, never otherwise', () => {
    const d = desired({ password: 'First-Password-1' });
    const existing = tenantUserFor(d);
    expect(planProvision({ desired: [d], existing: [existing], testUserDomain: DOMAIN }).steps[0]?.kind).toBe('unchanged');
    const changed = desired({ password: 'Second-Password-2' });
    const step = planProvision({ desired: [changed], existing: [existing], testUserDomain: DOMAIN }).steps[0];
    expect(step?.kind === 'update' && step.changes).toContain('password');
    if (step?.kind !== 'update') return;
    expect(updatePatch(existing, changed, step.changes, 'DB')).toMatchObject({ password: 'Second-Password-2', connection: 'DB' });
  });

  it('does not compare a generated password (no password in the scenario), unless asked to reset it', () => {
    const d = desired();
    expect(planProvision({ desired: [d], existing: [tenantUserFor(d)], testUserDomain: DOMAIN }).steps[0]?.kind).toBe('unchanged');
    const step = planProvision({ desired: [d], existing: [tenantUserFor(d)], testUserDomain: DOMAIN, resetGeneratedPasswords: true }).steps[0];
    expect(step?.kind === 'update' && step.changes).toEqual(['password']);
    if (step?.kind !== 'update') return;
    expect(updatePatch(tenantUserFor(d), d, step.changes, 'DB', 'Generated-Pass-9')).toEqual({ password: 'Generated-Pass-9', connection: 'DB' });
  });

  it('refuses a same-email tenant user without the ownership marker', () => {
    const d = desired();
    const foreign: TenantUser = {
      user_id: 'auth0|real',
      email: d.email,
      email_verified: true,
      app_metadata: { flex: { roles: ['admin'] } },
      user_metadata: {},
    };
    const plan = planProvision({ desired: [d], existing: [foreign], testUserDomain: DOMAIN });
    expect(plan.steps).toEqual([]);
    expect(plan.conflicts).toHaveLength(1);
    expect(plan.conflicts[0]?.code).toBe('NOT_OWNED');
    expect(plan.conflicts[0]?.message).toContain('auth0|real');
  });

  it('refuses a scenario user outside the test e-mail domain', () => {
    const plan = planProvision({ desired: [desired({ email: 'ceo@company.com' })], existing: [], testUserDomain: DOMAIN });
    expect(plan.conflicts.map((c) => c.code)).toEqual(['EMAIL_DOMAIN']);
    expect(plan.conflicts[0]?.message).toContain('expected @flex-sso.test, received @company.com');
  });

  it('refuses two scenarios defining one user differently, accepts identical ones', () => {
    const a = desired({ scenario: 'one' });
    const same = desired({ scenario: 'two' });
    expect(planProvision({ desired: [a, same], existing: [], testUserDomain: DOMAIN }).steps).toHaveLength(1);
    const different = desired({ scenario: 'three', app_metadata: { flex: { roles: ['admin'] } } });
    expect(planProvision({ desired: [a, different], existing: [], testUserDomain: DOMAIN }).conflicts[0]?.code).toBe('DUPLICATE_USER');
  });

  describe('cleanup', () => {
    const owned = tenantUserFor(desired());
    const ownedOther = tenantUserFor(desired({ scenario: 'sup', email: 'sup@flex-sso.test' }));
    const markedWrongDomain: TenantUser = { ...tenantUserFor(desired({ email: 'boss@company.com' })), user_id: 'auth0|boss' };
    const unmarked: TenantUser = { user_id: 'auth0|x', email: 'x@flex-sso.test', email_verified: true, app_metadata: {}, user_metadata: {} };
    const existing = [owned, ownedOther, markedWrongDomain, unmarked];

    it('deletes every owned user and nothing else', () => {
      const plan = planProvision({ desired: [], existing, testUserDomain: DOMAIN, cleanup: { all: true } });
      expect(plan.steps.map((s) => s.kind === 'delete' && s.userId)).toEqual([owned.user_id, ownedOther.user_id]);
    });

    it("deletes only the selected scenarios' owned users", () => {
      const plan = planProvision({ desired: [desired()], existing, testUserDomain: DOMAIN, cleanup: { all: false } });
      expect(plan.steps.map((s) => s.email)).toEqual(['agent@flex-sso.test']);
    });
  });
});

describe('ownership', () => {
  it('needs both the marker and the test domain', () => {
    const d = desired();
    expect(isOwned(tenantUserFor(d), DOMAIN)).toBe(true);
    expect(isOwned(tenantUserFor(d, { app_metadata: {} }), DOMAIN)).toBe(false);
    expect(isOwned(tenantUserFor(d, { email: 'agent@flex-sso.test.evil.com' }), DOMAIN)).toBe(false);
    expect(isOwned(tenantUserFor(d, { app_metadata: { [OWNER_KEY]: { owned: 'yes', scenario: 'agent' } } }), DOMAIN)).toBe(false);
  });
});

describe('metadataPatch / passwordFingerprint', () => {
  it("nulls keys the desired metadata drops, so Auth0's merge removes them", () => {
    expect(metadataPatch({ a: 1, b: 2 }, { a: 3 })).toEqual({ a: 3, b: null });
  });

  it('fingerprints depend on the password and are not the password', () => {
    const f = passwordFingerprint('a@flex-sso.test', 'Secret-Pass-1');
    expect(f).toMatch(/^[0-9a-f]{16}$/);
    expect(f).not.toBe(passwordFingerprint('a@flex-sso.test', 'Secret-Pass-2'));
    expect(f).toBe(passwordFingerprint('A@flex-sso.test', 'Secret-Pass-1'));
  });
});
