// doctor's findings on MFA, bot detection and brute-force settings (pure; the CLI test reads them
// from the emulator through the Management API).
import { describe, expect, it } from 'vitest';
import { protectionFindings } from '../../../harness/auth0/doctor-protections.ts';
import type { BindingInfo, LoginProtectionsInfo } from '../../../harness/auth0/types.ts';

const fine = (): LoginProtectionsInfo => ({
  mfaPolicies: { ok: true, value: [] },
  enabledFactors: { ok: true, value: [] },
  botDetection: { ok: true, value: { challengePasswordPolicy: 'never', allowlist: [], monitoringMode: false } },
  bruteForce: { ok: true, value: { enabled: true, blocks: true, maxAttempts: 10, allowlist: [] } },
});
const bound = (code: string): BindingInfo => ({ displayName: 'Flex', action: { id: 'a', name: 'Flex', code, errors: [], deployedVersion: { id: 'v', code } } });
const severities = (info: LoginProtectionsInfo, bindings: BindingInfo[] = []) =>
  Object.fromEntries(protectionFindings(info, bindings).map((f) => [f.id, f.severity]));

describe('protectionFindings', () => {
  it('a new tenant: MFA Never and no CAPTCHA are ok; brute-force protection is a note', () => {
    expect(severities(fine())).toEqual({ mfa: 'ok', 'bot-detection': 'ok', 'brute-force': 'info' });
  });

  it.each([
    [['all-applications'], ['otp'], 'warning', /Always/],
    [['confidence-score'], ['sms'], 'warning', /Adaptive MFA/],
    [['all-applications'], [], 'info', /no factor is enabled/],
  ])('MFA policy %j with factors %j is a %s', (policies, factors, severity, what) => {
    const info = { ...fine(), mfaPolicies: { ok: true as const, value: policies }, enabledFactors: { ok: true as const, value: factors } };
    const mfa = protectionFindings(info, []).find((f) => f.id === 'mfa');
    expect(mfa?.severity).toBe(severity);
    expect(mfa?.what).toMatch(what);
  });

  it('an Action enabling MFA is a warning; one that also skips it ("none") is a note', () => {
    expect(severities(fine(), [bound("api.multifactor.enable('any')")])['mfa-action']).toBe('warning');
    expect(severities(fine(), [bound('if (x) api.multifactor.enable(\'none\'); else api.multifactor.enable("any")')])['mfa-action']).toBe('info');
    expect(severities(fine(), [bound("api.multifactor.enable('none')")])['mfa-action']).toBeUndefined();
  });

  it('a CAPTCHA policy is a warning unless in monitoring mode; the allow list is shown', () => {
    const always = {
      ...fine(),
      botDetection: { ok: true as const, value: { challengePasswordPolicy: 'always', allowlist: ['10.0.0.0/8'], monitoringMode: false } },
    };
    const finding = protectionFindings(always, []).find((f) => f.id === 'bot-detection');
    expect(finding).toMatchObject({ severity: 'warning', what: expect.stringContaining('IP AllowList: 10.0.0.0/8') });
    const risky = { ...fine(), botDetection: { ok: true as const, value: { challengePasswordPolicy: 'when_risky', allowlist: [], monitoringMode: false } } };
    expect(severities(risky)['bot-detection']).toBe('warning');
    const monitoring = { ...fine(), botDetection: { ok: true as const, value: { challengePasswordPolicy: 'always', allowlist: [], monitoringMode: true } } };
    expect(severities(monitoring)['bot-detection']).toBe('ok');
  });

  it('a setting the management client may not read is a note naming the scope, never an error', () => {
    const info: LoginProtectionsInfo = {
      ...fine(),
      mfaPolicies: { ok: false, error: 'GET /guardian/policies: HTTP 403: the management client lacks the scope read:mfa_policies' },
      botDetection: { ok: false, error: 'GET /attack-protection/bot-detection: HTTP 403: the management client lacks the scope read:attack_protection' },
    };
    const findings = protectionFindings(info, []);
    expect(findings.find((f) => f.id === 'mfa')).toMatchObject({ severity: 'info', what: expect.stringContaining('read:mfa_policies') });
    expect(findings.find((f) => f.id === 'bot-detection')).toMatchObject({ severity: 'info', what: expect.stringContaining('read:attack_protection') });
  });
});
