import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { Tenant } from '../../../fake-idp/tenant/tenant.ts';
import { addonFor, seedScenario, type ActionCache, type SamlTarget } from '../../../harness/run/seed.ts';
import { loadScenariosOrThrow } from '../../../harness/scenarios/load.ts';
import type { Scenario } from '../../../harness/scenarios/schema.ts';

let tenant: Tenant;
let target: SamlTarget;
const byId = new Map(loadScenariosOrThrow().map((s) => [s.id, s]));
const scenario = (id: string): Scenario => byId.get(id) as Scenario;

beforeAll(() => {
  tenant = Tenant.create({ domain: 'tenant.test' });
  target = {
    clientId: tenant.defaultSamlClientId(),
    acsUrl: 'http://127.0.0.1:1/login/callback?connection=JQx',
    audience: 'urn:flex:JQx',
    callbacks: ['http://127.0.0.1:1/login/callback?connection=JQx'],
  };
});

describe('seedScenario', () => {
  it("creates the user, binds exactly the scenario's Action and configures the SAML addon", () => {
    const cache: ActionCache = new Map();
    const s = scenario('pattern-a-supervisor');
    const { password } = seedScenario(tenant, s, target, cache);
    const user = tenant.findUserByEmail('pa-supervisor@flex-sso.test');
    expect(user).toMatchObject({ name: 'Sam Supervisor', app_metadata: { flex: { roles: ['supervisor'], team: 'RAMP' }, program: 'RAMP' } });
    expect(tenant.verifyPassword('pa-supervisor@flex-sso.test', password)?.user_id).toBe(user?.user_id);
    const bound = tenant.boundPostLoginActions();
    expect(bound).toHaveLength(1);
    expect(bound[0]?.code).toBe(readFileSync(s.actionFile, 'utf8'));
    expect(tenant.getApplication(target.clientId)).toMatchObject({
      callbacks: target.callbacks,
      addons: { samlp: { audience: 'urn:flex:JQx', signResponse: true, binding: 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST' } },
    });
    expect(tenant.listFaults()).toEqual([]);
  });

  it("replaces the previous scenario's user, Action binding, addon overrides, login page and fault", () => {
    const cache: ActionCache = new Map();
    seedScenario(tenant, scenario('fault-wrong-audience'), target, cache);
    expect(tenant.listFaults()).toMatchObject([{ kind: 'wrong-audience', email: 'fault-audience@flex-sso.test', remaining: 1 }]);
    seedScenario(tenant, scenario('flow-sign-response-false'), target, cache);
    expect(tenant.listFaults()).toEqual([]);
    expect(tenant.getApplication(target.clientId)?.addons.samlp?.signResponse).toBe(false);
    seedScenario(tenant, scenario('flow-classic-lock'), target, cache);
    expect(tenant.state.settings.universalLogin).toBe('classic-lock');
    expect(tenant.getApplication(target.clientId)?.addons.samlp?.signResponse).toBe(true);
    expect(tenant.boundPostLoginActions().map((a) => a.code)).toEqual([readFileSync(scenario('flow-classic-lock').actionFile, 'utf8')]);
    // Seeding the same scenario twice recreates the user instead of failing on a duplicate.
    const first = seedScenario(tenant, scenario('flow-classic-lock'), target, cache);
    expect(tenant.verifyPassword('classic-lock@flex-sso.test', first.password)).toBeDefined();
    expect(cache.size).toBe(2);
  });

  it("declares the scenario's npm dependencies with its Action and sets its fetch stubs, replacing the previous ones", () => {
    const cache: ActionCache = new Map();
    const base = scenario('pattern-a-supervisor');
    const stub = { url: 'https://api.example.com/x', method: 'GET', status: 200, json: { ok: true } };
    seedScenario(tenant, { ...base, dependencies: [{ name: 'lodash', version: '4.17.21' }], fetch: [stub] }, target, cache);
    expect(tenant.boundPostLoginActions()[0]?.dependencies).toEqual([{ name: 'lodash', version: '4.17.21' }]);
    expect(tenant.fetchStubs()).toEqual([stub]);
    seedScenario(tenant, base, target, cache);
    expect(tenant.boundPostLoginActions()[0]?.dependencies).toEqual([]);
    expect(tenant.fetchStubs()).toEqual([]);
  });

  it('leaves name unset when the scenario omits it (Auth0 then uses the email)', () => {
    seedScenario(tenant, scenario('pattern-a-full-name-given-family'), target, new Map());
    expect(tenant.findUserByEmail('pa-givenfamily@flex-sso.test')).toMatchObject({
      name: 'pa-givenfamily@flex-sso.test',
      given_name: 'Grace',
      family_name: 'Hopper',
    });
  });

  it('lets scenario overrides win over the Twilio defaults', () => {
    expect(addonFor(scenario('flow-sign-response-false'), target)).toMatchObject({ signResponse: false, audience: 'urn:flex:JQx' });
  });

  it('addon audience: null seeds an addon with no audience at all (flow-idp-initiated-no-audience)', () => {
    const addon = addonFor(scenario('flow-idp-initiated-no-audience'), target);
    expect(addon).toEqual({ binding: 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST', signResponse: true });
    expect(Object.hasOwn(addon, 'audience')).toBe(false);
  });
});
