// What a login page's error code means for a scenario, and the fix for each outcome that stops an
// automated login before Flex: the domain rules, as data. Codes come from two vocabularies: Universal
// Login's `data-error-code` (its text-customization keys, docs: customize/login-pages/universal-login/
// customize-text-elements, login screens) and the `code` of auth0.js/Lock's /usernamepassword/login
// answers (auth0/lock src/i18n/en.js error.login; common-auth0-library-authentication-errors).
import { OWNER_KEY } from '../auth0/ownership.ts';

export type PageErrorOutcome = 'wrong-password' | 'user-blocked' | 'captcha';
export type ProtectionOutcome = 'user-blocked' | 'mfa-required' | 'captcha';

export const PAGE_ERROR_OUTCOMES: Readonly<Record<string, PageErrorOutcome>> = {
  // Universal Login
  'wrong-email-credentials': 'wrong-password',
  'wrong-credentials': 'wrong-password',
  'wrong-username-credentials': 'wrong-password',
  'wrong-phone-credentials': 'wrong-password',
  'wrong-email-username-credentials': 'wrong-password',
  'wrong-email-phone-username-credentials': 'wrong-password',
  'wrong-email-phone-credentials': 'wrong-password',
  'wrong-phone-username-credentials': 'wrong-password',
  'user-blocked': 'user-blocked',
  'ip-blocked': 'user-blocked',
  'same-user-login': 'user-blocked',
  'invalid-captcha': 'captcha',
  'invalid-recaptcha': 'captcha',
  'captcha-validation-failure': 'captcha',
  'captcha-client-failure': 'captcha',
  // auth0.js / Lock
  invalid_user_password: 'wrong-password',
  too_many_attempts: 'user-blocked',
  blocked_user: 'user-blocked',
  invalid_captcha: 'captcha',
  invalid_recaptcha: 'captcha',
};

/** The outcome an error code on the login page stands for; undefined for codes not listed above. */
export function pageErrorOutcome(code: string): PageErrorOutcome | undefined {
  return Object.hasOwn(PAGE_ERROR_OUTCOMES, code) ? PAGE_ERROR_OUTCOMES[code] : undefined;
}

export function isWrongPasswordCode(code: string): boolean {
  return pageErrorOutcome(code) === 'wrong-password';
}

/** The harness's owner marker on the users it provisions (harness/auth0/ownership.ts). */
const MARKER = `event.user.app_metadata.${OWNER_KEY}`;

/** What stops an automated login at Auth0, and how a team lets its test users through. */
export const PROTECTION_HINTS: Readonly<Record<ProtectionOutcome, string>> = {
  'mfa-required':
    'Auth0 asked for a second factor (MFA), which an automated login cannot answer. Exclude the test users: ' +
    `in a post-login Action call api.multifactor.enable('none') when ${MARKER} is set (the marker flex-sso provisions), ` +
    'and call api.multifactor.enable only for other users; or set Security → Multi-factor Auth → Require Multi-factor Auth to Never on the staging tenant',
  captcha:
    "Bot detection showed a CAPTCHA, which Playwright cannot solve. Add the test runner's IP address or CIDR range " +
    'to the IP AllowList of Security → Attack Protection → Bot Detection, or set its password-flow CAPTCHA policy to Never on the staging tenant',
  'user-blocked':
    'Brute-force protection blocked this user after too many failed logins from this IP (10 by default). ' +
    'Unblock it with DELETE /api/v2/user-blocks/{user_id} (flex-sso does this for its wrong-password users before each staging run) ' +
    "or change its password; add the runner's IP to the brute-force IP AllowList (Security → Attack Protection) to stop it recurring",
};
