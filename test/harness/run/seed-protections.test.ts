// Seeding a scenario's `protections` block into the emulated tenant, and back to a new tenant's
// defaults for the next scenario (one tenant serves every scenario of a Playwright worker).
import { beforeAll, describe, expect, it } from 'vitest';
import { Tenant } from '../../../fake-idp/tenant/tenant.ts';
import { seedScenario, type SamlTarget } from '../../../harness/run/seed.ts';
import { loadScenariosOrThrow } from '../../../harness/scenarios/load.ts';
import type { Scenario } from '../../../harness/scenarios/schema.ts';

let tenant: Tenant;
let target: SamlTarget;
const byId = new Map(loadScenariosOrThrow().map((s) => [s.id, s]));
const scenario = (id: string): Scenario => byId.get(id) as Scenario;

beforeAll(() => {
  tenant = Tenant.create({ domain: 'tenant.test' });
  target = { clientId: tenant.defaultSamlClientId(), acsUrl: 'http://127.0.0.1:1/acs', audience: 'urn:flex:JQx', callbacks: ['http://127.0.0.1:1/acs'] };
});

describe('seedScenario: login protections', () => {
  it('turns on the MFA policy with the one-time-password factor', () => {
    seedScenario(tenant, scenario('protection-mfa-policy'), target, new Map());
    expect(tenant.protections.mfa.policies).toEqual(['all-applications']);
    expect(tenant.protections.mfa.factors.find((f) => f.name === 'otp')?.enabled).toBe(true);
  });

  it("sets bot detection's CAPTCHA policy and allow list", () => {
    seedScenario(tenant, scenario('protection-captcha-allowlisted'), target, new Map());
    expect(tenant.protections.botDetection).toMatchObject({ challenge_password_policy: 'always', allowlist: ['127.0.0.1'] });
    expect(tenant.protections.mfa.policies).toEqual([]);
  });

  it("records prior failed logins from the browser's IP, so the user starts blocked", () => {
    seedScenario(tenant, scenario('protection-brute-force-blocked'), target, new Map());
    expect(tenant.bruteForceBlock({ identifier: 'brute-force@flex-sso.test', ip: '127.0.0.1' })).toBeDefined();
  });

  it("a scenario without protections gets a new tenant's defaults and an unblocked user", () => {
    seedScenario(tenant, scenario('protection-brute-force-blocked'), target, new Map());
    seedScenario(
      tenant,
      { ...scenario('pattern-a-supervisor'), user: { ...scenario('pattern-a-supervisor').user, email: 'brute-force@flex-sso.test' } },
      target,
      new Map(),
    );
    expect(tenant.bruteForceBlock({ identifier: 'brute-force@flex-sso.test', ip: '127.0.0.1' })).toBeUndefined();
    expect(tenant.protections.botDetection.challenge_password_policy).toBe('never');
    expect(tenant.protections.bruteForce.max_attempts).toBe(10);
  });
});
