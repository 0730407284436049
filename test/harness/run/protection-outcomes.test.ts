// The outcomes of a login Auth0 stops before Flex — user-blocked, captcha, mfa-required — from the
// login page's error code (Universal Login's data-error-code or Lock's /usernamepassword/login code)
// or the MFA page, each with the fix a team applies to its test users.
import { describe, expect, it } from 'vitest';
import { actualOutcome, assertScenario } from '../../../harness/run/assert.ts';
import type { ScenarioSpec } from '../../../harness/scenarios/schema.ts';
import { record, verdict } from './verdicts.ts';

type Expect = ScenarioSpec['expect'];
const expecting = (outcome: Expect['outcome']): Expect => ({ outcome, attributes: {} });
const MFA = { relayState: 'rs', mfaChallenge: { url: 'https://t.auth0.com/u/mfa-otp-challenge?state=s' } };

describe('login protection outcomes', () => {
  it.each([
    ['user-blocked', 'user-blocked'],
    ['ip-blocked', 'user-blocked'],
    ['too_many_attempts', 'user-blocked'],
    ['blocked_user', 'user-blocked'],
    ['invalid-captcha', 'captcha'],
    ['invalid_captcha', 'captcha'],
    ['wrong-email-credentials', 'wrong-password'],
    ['invalid_user_password', 'wrong-password'],
  ])('the page error code %s means %s', (code, outcome) => {
    expect(actualOutcome({ relayState: 'rs', passwordError: code })).toBe(outcome);
  });

  it('an MFA challenge page means mfa-required', () => {
    expect(actualOutcome(MFA)).toBe('mfa-required');
  });

  it('passes a scenario that expects the protection it meets, with no hint', () => {
    expect(assertScenario(expecting('mfa-required'), MFA)).toMatchObject({ passed: true, outcome: 'mfa-required', hints: [] });
    expect(assertScenario(expecting('captcha'), { relayState: 'rs', passwordError: 'invalid-captcha' }).passed).toBe(true);
    expect(assertScenario(expecting('user-blocked'), { relayState: 'rs', passwordError: 'too_many_attempts' }).passed).toBe(true);
  });

  it('a login stopped by MFA fails with the fix: exclude the test users with an Action condition', () => {
    const result = assertScenario({ outcome: 'login', attributes: { roles: 'agent' } }, MFA);
    expect(result.passed).toBe(false);
    expect(result.fields[0]).toMatchObject({
      field: 'outcome',
      expected: 'login',
      actual: 'mfa-required (MFA challenge at https://t.auth0.com/u/mfa-otp-challenge?state=s)',
    });
    expect(result.hints[0]).toContain("api.multifactor.enable('none') when event.user.app_metadata.flex_sso_harness is set");
  });

  it('a login stopped by a CAPTCHA fails with the fix: the bot-detection IP AllowList', () => {
    const result = assertScenario({ outcome: 'login', attributes: {} }, { relayState: 'rs', passwordError: 'invalid-captcha' });
    expect(result.fields[0]).toMatchObject({ actual: 'captcha (invalid-captcha)' });
    expect(result.hints[0]).toMatch(/IP AllowList of Security → Attack Protection → Bot Detection/);
  });

  it('a blocked user fails with the fix: the user-blocks API', () => {
    const result = assertScenario({ outcome: 'wrong-password', attributes: {} }, { relayState: 'rs', passwordError: 'user-blocked' });
    expect(result.outcome).toBe('user-blocked');
    expect(result.fields.map((f) => f.field)).toEqual(['outcome']);
    expect(result.hints[0]).toMatch(/DELETE \/api\/v2\/user-blocks\/\{user_id\}/);
  });

  it("Lock's invalid_user_password passes a wrong-password scenario", () => {
    expect(assertScenario({ outcome: 'wrong-password', attributes: {} }, { relayState: 'rs', passwordError: 'invalid_user_password' }).passed).toBe(true);
  });

  it('a protection that did not stop the login is named in the hint', () => {
    const result = assertScenario(expecting('captcha'), { relayState: 'rs', record: record(verdict({ email: ['a@example.com'] })) });
    expect(result.passed).toBe(false);
    expect(result.hints[0]).toMatch(/not stopped by bot detection/);
  });
});
