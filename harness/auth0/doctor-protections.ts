// `doctor` on the tenant settings that stop an automated login before Flex: MFA (Guardian policies
// and factors, and Actions calling api.multifactor.enable), bot detection's CAPTCHA, brute-force
// protection. Read with the Management API (GET /guardian/policies, /guardian/factors,
// /attack-protection/bot-detection, /attack-protection/brute-force-protection); a part the
// management client may not read (missing scope) is reported as a note, never as an error.
import type { DoctorFinding } from './doctor.ts';
import type { BindingInfo, LoginProtectionsInfo } from './types.ts';

const MFA_FIX =
  "Exclude the test users in a post-login Action: `if (event.user.app_metadata.flex_sso_harness) { api.multifactor.enable('none'); }` " +
  '(the marker flex-sso provisions), or set Security → Multi-factor Auth → Require Multi-factor Auth to Never on the staging tenant.';
const CAPTCHA_FIX =
  "Add the CI runners' IP addresses or CIDR ranges to the IP AllowList of Security → Attack Protection → Bot Detection " +
  '(PATCH /api/v2/attack-protection/bot-detection {"allowlist": [...]}), or set the password-flow CAPTCHA policy to Never on the staging tenant.';

/** Action code that requires MFA: api.multifactor.enable with any provider but 'none'. */
const ENABLES_MFA = /multifactor\s*\.\s*enable\s*\(\s*(?!(['"`])none\1)/;
const SKIPS_MFA = /multifactor\s*\.\s*enable\s*\(\s*(['"`])none\1/;

function mfaFindings(info: LoginProtectionsInfo, out: DoctorFinding[]): void {
  if (!info.mfaPolicies.ok || !info.enabledFactors.ok) {
    const error = !info.mfaPolicies.ok ? info.mfaPolicies.error : info.enabledFactors.ok ? '' : info.enabledFactors.error;
    out.push({
      id: 'mfa',
      severity: 'info',
      what: `MFA settings not read (${error})`,
      why: 'An MFA prompt stops every automated login.',
      fix: 'Grant the management client read:mfa_policies and read:guardian_factors, or check Security → Multi-factor Auth by hand.',
    });
    return;
  }
  const policies = info.mfaPolicies.value;
  const factors = info.enabledFactors.value;
  if (policies.length === 0) {
    out.push({ id: 'mfa', severity: 'ok', what: 'MFA policy is Never (only an Action can ask for MFA)' });
  } else if (factors.length === 0) {
    out.push({
      id: 'mfa',
      severity: 'info',
      what: `MFA policy ${policies.join(', ')} is set but no factor is enabled, so no one is prompted`,
      fix: `Once a factor is enabled: ${MFA_FIX}`,
    });
  } else {
    const adaptive = !policies.includes('all-applications');
    out.push({
      id: 'mfa',
      severity: 'warning',
      what: adaptive
        ? `Adaptive MFA (confidence-score) is on with ${factors.join(', ')}: risky-looking logins, CI runners' among them, get an MFA prompt`
        : `MFA policy is Always (all-applications) with ${factors.join(', ')}: every login, the test users' too, must pass a second factor`,
      why: 'Playwright cannot answer an MFA prompt: the scenario ends with outcome mfa-required, and the emulator (no MFA policy by default) predicts a green run that the tenant will not give.',
      fix: MFA_FIX,
    });
  }
}

function actionMfaFindings(bindings: readonly BindingInfo[], out: DoctorFinding[]): void {
  for (const binding of bindings) {
    const code = binding.action.deployedVersion?.code;
    if (!code || !ENABLES_MFA.test(code)) continue;
    const skips = SKIPS_MFA.test(code);
    out.push({
      id: 'mfa-action',
      severity: skips ? 'info' : 'warning',
      what: `Action "${binding.displayName}" calls api.multifactor.enable${skips ? ' and skips MFA for some users' : ''}`,
      why: skips
        ? 'Check that the condition that skips MFA covers the test users.'
        : 'An Action that asks for MFA stops automated logins unless it skips the test users.',
      fix: MFA_FIX,
    });
  }
}

function botDetectionFindings(info: LoginProtectionsInfo, out: DoctorFinding[]): void {
  if (!info.botDetection.ok) {
    out.push({
      id: 'bot-detection',
      severity: 'info',
      what: `bot detection settings not read (${info.botDetection.error})`,
      why: 'A CAPTCHA stops every automated login.',
      fix: 'Grant the management client read:attack_protection, or check Security → Attack Protection → Bot Detection by hand.',
    });
    return;
  }
  const { challengePasswordPolicy: policy, allowlist, monitoringMode } = info.botDetection.value;
  if (policy === 'never' || monitoringMode) {
    out.push({
      id: 'bot-detection',
      severity: 'ok',
      what: monitoringMode ? 'bot detection is in monitoring mode (no CAPTCHA)' : 'bot detection never asks password logins for a CAPTCHA',
    });
    return;
  }
  const listed = allowlist.length > 0 ? ` (IP AllowList: ${allowlist.join(', ')}; make sure the CI runners are in it)` : ' and its IP AllowList is empty';
  out.push({
    id: 'bot-detection',
    severity: 'warning',
    what: `bot detection asks ${policy === 'always' ? 'every' : 'risky-looking'} password login for a CAPTCHA${listed}`,
    why: 'Playwright cannot solve a CAPTCHA: the scenario ends with outcome captcha. CI runners in data centres look risky to Auth0.',
    fix: CAPTCHA_FIX,
  });
}

function bruteForceFindings(info: LoginProtectionsInfo, out: DoctorFinding[]): void {
  if (!info.bruteForce.ok) return;
  const { enabled, blocks, maxAttempts } = info.bruteForce.value;
  out.push(
    enabled && blocks
      ? {
          id: 'brute-force',
          severity: 'info',
          what: `brute-force protection blocks a user after ${maxAttempts} failed logins from one IP`,
          why: 'Wrong-password scenarios fail a login on purpose at every run.',
          fix: 'flex-sso unblocks its wrong-password users (DELETE /api/v2/user-blocks/{id}, scope update:users) before each staging run; nothing to do.',
        }
      : { id: 'brute-force', severity: 'ok', what: 'brute-force protection does not block users' },
  );
}

export function protectionFindings(info: LoginProtectionsInfo, bindings: readonly BindingInfo[]): DoctorFinding[] {
  const out: DoctorFinding[] = [];
  mfaFindings(info, out);
  actionMfaFindings(bindings, out);
  botDetectionFindings(info, out);
  bruteForceFindings(info, out);
  return out;
}
