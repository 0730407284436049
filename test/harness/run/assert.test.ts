import { describe, expect, it } from 'vitest';
import { actualOutcome, assertScenario } from '../../../harness/run/assert.ts';
import type { ScenarioSpec } from '../../../harness/scenarios/schema.ts';
import { record, verdict } from './verdicts.ts';

type Expect = ScenarioSpec['expect'];
const login = (attributes: Expect['attributes']): Expect => ({ outcome: 'login', attributes });
const PA = { email: ['a@example.com'], full_name: ['Ada'], roles: ['supervisor,wfo.team_leader'], team: ['RAMP'], program: ['RAMP'] };

describe('assertScenario', () => {
  it('passes a login whose attributes match, roles compared as a set', () => {
    const result = assertScenario(
      login({ email: 'a@example.com', full_name: 'Ada', roles: ['wfo.team_leader', 'supervisor'], team: 'RAMP', program: 'RAMP', image_url: 'absent' }),
      { relayState: 'rs', record: record(verdict(PA)) },
    );
    expect(result.passed).toBe(true);
    expect(result.outcome).toBe('login');
    expect(result.fields.map((f) => f.field)).toEqual(['outcome', 'email', 'full_name', 'roles', 'team', 'program', 'image_url']);
    expect(result.hints).toEqual([]);
  });

  it('accepts roles sent as several values and as one comma-separated value alike', () => {
    const multi = assertScenario(login({ roles: 'supervisor,wfo.team_leader' }), {
      relayState: 'rs',
      record: record(verdict({ roles: ['wfo.team_leader', 'supervisor'] })),
    });
    expect(multi.passed).toBe(true);
  });

  it('fails a role set that differs, with expected and received', () => {
    const result = assertScenario(login({ roles: 'supervisor' }), { relayState: 'rs', record: record(verdict({ roles: ['supervisor,agent'] })) });
    expect(result.passed).toBe(false);
    expect(result.fields[1]).toMatchObject({ field: 'roles', ok: false, expected: '{supervisor}', actual: '{agent, supervisor}' });
  });

  it("fails missing roles with the verdict's hint when the flex check failed", () => {
    const v = verdict({ email: ['a@example.com'] }, { flex: { code: 'FLEX_MISSING_REQUIRED', hint: 'roles missing: set app_metadata.flex.roles' } });
    const result = assertScenario(login({ roles: 'agent' }), { relayState: 'rs', record: record(v) });
    expect(result.outcome).toBe('sp-rejected');
    expect(result.fields.find((f) => f.field === 'roles')).toMatchObject({ ok: false, actual: 'absent', hint: 'roles missing: set app_metadata.flex.roles' });
    expect(result.fields[0]?.hint).toBe('roles missing: set app_metadata.flex.roles');
    expect(result.hints).toEqual(['roles missing: set app_metadata.flex.roles']);
  });

  it('names each failed check when several rejected the response, and lists each advice once', () => {
    const v = verdict({ roles: ['agent'] }, { audience: { hint: 'fix the audience' }, time: { hint: 'check the clock' } });
    const result = assertScenario(login({ roles: 'agent' }), { relayState: 'rs', record: record(v) });
    expect(result.fields[0]?.hint).toBe('audience: fix the audience | time: check the clock');
    expect(result.hints).toEqual(['fix the audience', 'check the clock']);
  });

  it('gives its own hint for a missing attribute when no check explains it', () => {
    const result = assertScenario(login({ program: 'RAMP' }), { relayState: 'rs', record: record(verdict({ email: ['a@example.com'] })) });
    expect(result.fields[1]?.hint).toMatch(/program is missing from the response: is the Action deployed and bound/);
  });

  it('explains a team case mismatch', () => {
    const result = assertScenario(login({ team: 'Sales' }), { relayState: 'rs', record: record(verdict({ team: ['sales'] })) });
    expect(result.fields[1]).toMatchObject({ ok: false, expected: '"Sales"', actual: '"sales"' });
    expect(result.fields[1]?.hint).toMatch(/team case mismatch.*case-sensitive/);
  });

  it('fails an attribute expected absent that is present', () => {
    const result = assertScenario(login({ team: 'absent' }), { relayState: 'rs', record: record(verdict({ team: ['RAMP'] })) });
    expect(result.fields[1]).toMatchObject({ ok: false, expected: 'absent', actual: '"RAMP"' });
  });

  it('matches list values in order', () => {
    const ok = assertScenario(login({ groups: ['a', 'b'] }), { relayState: 'rs', record: record(verdict({ groups: ['a', 'b'] })) });
    const bad = assertScenario(login({ groups: ['a', 'b'] }), { relayState: 'rs', record: record(verdict({ groups: ['b', 'a'] })) });
    expect([ok.passed, bad.passed]).toEqual([true, false]);
  });

  it('passes sp-rejected when the listed checks failed, and fails when they passed', () => {
    const rejected = verdict({}, { audience: { code: 'AUD_MISMATCH', hint: 'audience differs from the addon' } });
    const expectation: Expect = { outcome: 'sp-rejected', checks: ['audience'], attributes: {} };
    expect(assertScenario(expectation, { relayState: 'rs', record: record(rejected) }).passed).toBe(true);
    const wrongCheck = assertScenario(expectation, { relayState: 'rs', record: record(verdict({}, { time: { hint: 'expired' } })) });
    expect(wrongCheck.passed).toBe(false);
    expect(wrongCheck.fields.find((f) => f.field === 'check:audience')).toMatchObject({ ok: false, expected: 'failed', actual: 'ok' });
  });

  it("reports an SP rejection of an expected login with the failed checks' hints", () => {
    const result = assertScenario(login({}), {
      relayState: 'rs',
      record: record(verdict({ roles: ['superviser'] }, { flex: { hint: 'did you mean supervisor?' } })),
    });
    expect(result.fields[0]).toMatchObject({
      field: 'outcome',
      ok: false,
      expected: 'login',
      actual: 'sp-rejected (failed: flex)',
      hint: 'did you mean supervisor?',
    });
  });

  it.each([
    ['superviser', 'supervisor'],
    ['agnet', 'agent'],
    ['wfo.team_leadr', 'wfo.team_leader'],
  ])('names the Flex role closest to the typo %s (flex/roles.ts)', (typo, role) => {
    const result = assertScenario(login({ roles: role }), { relayState: 'rs', record: record(verdict({ roles: [typo] })) });
    expect(result.fields.find((f) => f.field === 'roles')?.hint).toBe(`role typo "${typo}": did you mean "${role}"? Fix app_metadata.flex.roles`);
  });

  it('recognises an IdP error from the Responder status', () => {
    const v = verdict(
      {},
      { status: { code: 'STATUS_NOT_SUCCESS' } },
      { statusCode: 'urn:oasis:names:tc:SAML:2.0:status:Responder', statusMessage: 'TypeError' },
    );
    expect(assertScenario({ outcome: 'idp-error', attributes: {} }, { relayState: 'rs', record: record(v) }).passed).toBe(true);
    const asLogin = assertScenario(login({}), { relayState: 'rs', record: record(v) });
    expect(asLogin.outcome).toBe('idp-error');
    expect(asLogin.hints[0]).toMatch(/"TypeError".*Action threw/);
  });

  it('recognises an IdP error page', () => {
    expect(actualOutcome({ relayState: 'rs', idpErrorPage: { url: 'http://idp/samlp/x', status: 500 } })).toBe('idp-error');
  });

  it('passes wrong-password on wrong-email-credentials only', () => {
    const expectation: Expect = { outcome: 'wrong-password', attributes: {}, password: 'nope' };
    expect(assertScenario(expectation, { relayState: 'rs', passwordError: 'wrong-email-credentials' }).passed).toBe(true);
    const other = assertScenario(expectation, { relayState: 'rs', passwordError: 'too-many-attempts' });
    expect(other.passed).toBe(false);
    expect(other.fields[1]).toMatchObject({ field: 'password-error', actual: 'too-many-attempts' });
    const accepted = assertScenario(expectation, { relayState: 'rs', record: record(verdict(PA)) });
    expect(accepted.fields[0]?.hint).toMatch(/password was accepted/);
  });

  it('fails with no-response when nothing reached the SP', () => {
    const result = assertScenario(login({ roles: 'agent' }), { relayState: 'rs-1', driverError: 'login page http://x: no element matches `input#username`' });
    expect(result.outcome).toBe('no-response');
    expect(result.fields[0]?.actual).toMatch(/input#username/);
    expect(result.fields[1]).toMatchObject({ field: 'roles', ok: false, actual: 'no response' });
    expect(result.hints[0]).toMatch(/RelayState rs-1/);
  });
});
