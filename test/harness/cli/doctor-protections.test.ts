// `flex-sso doctor` on the settings that stop automated logins, read through the Management API
// (real CLI child process → auth0 SDK → emulator over HTTPS): MFA policy and factors, an Action
// asking for MFA, bot detection's CAPTCHA; brute-force protection is a note.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHttpsEmulator, type HttpsEmulator } from '../auth0/emulator.ts';

interface DoctorJson {
  findings: { id: string; severity: string; what: string; fix?: string }[];
}
let emu: HttpsEmulator;

beforeAll(async () => {
  emu = await startHttpsEmulator();
  emu.writeFile('flex-sso.config.yaml', 'mode: staging\n');
}, 60_000);
afterAll(async () => {
  await emu?.close();
});

const finding = (json: DoctorJson, id: string) => json.findings.find((f) => f.id === id);

describe('flex-sso doctor: MFA and bot detection', () => {
  it('warns about an MFA policy, an Action enabling MFA and a CAPTCHA policy, each with the fix', async () => {
    const { tenant } = emu.idp;
    tenant.setMfaPolicies(['all-applications']);
    tenant.setMfaFactor('otp', true);
    tenant.updateBotDetection({ challenge_password_policy: 'always', allowlist: [] });
    const action = tenant.createAction({ name: 'Require MFA', code: "exports.onExecutePostLogin = async (event, api) => { api.multifactor.enable('any'); };" });
    tenant.deployAction(action.id);
    tenant.setBindings('post-login', [{ ref: { type: 'action_id', value: action.id } }]);

    const result = await emu.cli(['doctor', '--json']);
    const json = JSON.parse(result.stdout) as DoctorJson;
    expect(finding(json, 'mfa')).toMatchObject({ severity: 'warning', what: expect.stringContaining('MFA policy is Always (all-applications) with otp') });
    expect(finding(json, 'mfa')?.fix).toContain("api.multifactor.enable('none')");
    expect(finding(json, 'mfa-action')).toMatchObject({ severity: 'warning', what: 'Action "Require MFA" calls api.multifactor.enable' });
    expect(finding(json, 'bot-detection')).toMatchObject({
      severity: 'warning',
      what: expect.stringContaining('every password login for a CAPTCHA and its IP AllowList is empty'),
    });
    expect(finding(json, 'bot-detection')?.fix).toContain('IP AllowList');
    expect(finding(json, 'brute-force')).toMatchObject({ severity: 'info', what: 'brute-force protection blocks a user after 10 failed logins from one IP' });
    expect(finding(json, 'automation')).toBeUndefined();
  }, 90_000);
});
