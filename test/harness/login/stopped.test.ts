// `flex-sso login` when Auth0 stops the login before Flex: the outcome, the reason and the fix.
import { describe, expect, it } from 'vitest';
import { formatLoginHuman, loginJson } from '../../../harness/login/format.ts';
import { stoppedAtAuth0 } from '../../../harness/login/perform.ts';

const EMAIL = 'agent@flex-sso.test';

describe('stoppedAtAuth0', () => {
  it('reports MFA with the Action condition that excludes test users', () => {
    const stopped = stoppedAtAuth0({ mfaChallenge: { url: 'https://t/u/mfa-otp-challenge?state=s' } }, EMAIL);
    expect(stopped).toMatchObject({ outcome: 'mfa-required', message: `Auth0 asked ${EMAIL} for a second factor at https://t/u/mfa-otp-challenge?state=s` });
    expect(stopped?.hint).toContain("api.multifactor.enable('none')");
  });

  it.each([
    ['invalid-captcha', 'captcha', /IP AllowList/],
    ['too_many_attempts', 'user-blocked', /user-blocks/],
  ])('reports %s as %s with its fix', (code, outcome, fix) => {
    const stopped = stoppedAtAuth0({ passwordError: code }, EMAIL);
    expect(stopped?.outcome).toBe(outcome);
    expect(stopped?.hint).toMatch(fix);
  });

  it('a wrong password has no fix; a finished login is not stopped', () => {
    expect(stoppedAtAuth0({ passwordError: 'wrong-email-credentials' }, EMAIL)).toEqual({
      outcome: 'wrong-password',
      message: `the IdP rejected the password of ${EMAIL} (wrong-email-credentials)`,
    });
    expect(stoppedAtAuth0({ acsPost: { url: 'http://sp/acs' } }, EMAIL)).toBeUndefined();
  });

  it('prints the fix for people and puts it in the JSON', () => {
    const result = { user: EMAIL, relayState: 'r', ...stoppedAtAuth0({ passwordError: 'invalid-captcha' }, EMAIL)! };
    expect(formatLoginHuman(result)).toMatch(/^✗ captcha: bot detection asked for a CAPTCHA \(invalid-captcha\)\n {2}fix: Bot detection showed a CAPTCHA/);
    expect(loginJson(result, { mode: 'staging' })).toMatchObject({ outcome: 'captcha', hint: expect.stringContaining('Bot Detection') });
  });
});

describe('stoppedAtAuth0 output', () => {
  it('escapes control characters of a page error code before it reaches a terminal', () => {
    expect(stoppedAtAuth0({ passwordError: 'x\u001b[2Jy' }, EMAIL)?.message).toBe(`the IdP rejected the password of ${EMAIL} (x\\u001b[2Jy)`);
  });
});
