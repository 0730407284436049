// The browser step of `flex-sso login`: system Chromium, the scenario runner's login driver, then
// the fake SP's capture (read by RelayState through its API, never from the page).
import { chromium } from 'playwright';
import type { Verdict } from '../../fake-sp/pipeline/types.ts';
import { chromiumArgs, isHeadlessShell, requireChromium } from '../browser.ts';
import { usageError } from '../cli/errors.ts';
import { fetchCapture } from '../driver/capture.ts';
import { driveLogin, type LoginResult } from '../driver/login.ts';
import { pageErrorOutcome, PROTECTION_FIXES } from '../run/login-outcomes.ts';
import type { ManualLoginResult, PreparedLogin } from './types.ts';

export interface PerformOptions { email: string; headed: boolean; timeoutMs: number }

type Stopped = Pick<ManualLoginResult, 'outcome' | 'message' | 'fix'>;

/** A page's error code is the IdP's text: printed to a terminal, its control characters are escaped. */
function printable(code: string): string {
  return [...code.slice(0, 100)].map((c) => {
    const n = c.charCodeAt(0);
    return n < 0x20 || (n >= 0x7f && n <= 0x9f) || n === 0x2028 || n === 0x2029 ? `\\u${n.toString(16).padStart(4, '0')}` : c;
  }).join('');
}

/** The login ended on an Auth0 page (password refused, protection, MFA): what to report, with the fix. */
export function stoppedAtAuth0(login: LoginResult, email: string): Stopped | undefined {
  if (login.mfaChallenge) {
    return { outcome: 'mfa-required', message: `Auth0 asked ${email} for a second factor at ${login.mfaChallenge.url}`, fix: PROTECTION_FIXES['mfa-required'] };
  }
  if (login.passwordError === undefined) return undefined;
  const outcome = pageErrorOutcome(login.passwordError) ?? 'wrong-password';
  const code = printable(login.passwordError) || 'no error code';
  if (outcome === 'wrong-password') return { outcome, message: `the IdP rejected the password of ${email} (${code})` };
  const what = outcome === 'captcha' ? 'bot detection asked for a CAPTCHA' : 'brute-force protection blocked the user';
  return { outcome, message: `${what} (${code})`, fix: PROTECTION_FIXES[outcome] };
}

export async function performLogin(prepared: PreparedLogin, options: PerformOptions): Promise<ManualLoginResult> {
  const executablePath = requireChromium(process.env, { headless: !options.headed });
  if (options.headed && isHeadlessShell(executablePath)) {
    throw usageError('BROWSER_HEADLESS_ONLY', `--headed: CHROMIUM_PATH is ${executablePath}, which cannot open a window`, 'point CHROMIUM_PATH at a full Chromium (e.g. /usr/bin/chromium) or drop --headed');
  }
  const base = { user: options.email, relayState: prepared.relayState };
  const browser = await chromium.launch({ executablePath, args: chromiumArgs(), headless: !options.headed });
  try {
    const page = await browser.newPage();
    const login = await driveLogin(page, {
      startUrl: prepared.startUrl, spOrigin: new URL(prepared.spUrl).origin, email: options.email, password: prepared.password, timeoutMs: options.timeoutMs,
    });
    const stopped = stoppedAtAuth0(login, options.email);
    if (stopped) return { ...base, ...stopped };
    if (login.idpErrorPage) {
      return { ...base, outcome: 'idp-error', message: `the IdP answered HTTP ${login.idpErrorPage.status} at ${login.idpErrorPage.url} instead of posting a SAMLResponse` };
    }
    if (!login.acsPost) {
      return { ...base, outcome: 'no-response', message: login.error?.message ?? 'the browser never posted a SAMLResponse to the fake SP' };
    }
    const capture = await fetchCapture(prepared.spUrl, prepared.relayState, options.timeoutMs);
    if (!capture) return { ...base, outcome: 'no-response', message: `the fake SP recorded no login for RelayState ${prepared.relayState} (the browser posted to ${login.acsPost.url})` };
    const verdict: Verdict = capture.verdict;
    return {
      ...base, outcome: verdict.valid ? 'valid' : 'invalid', loginId: capture.id, verdict,
      detailUrl: `${prepared.spUrl.replace(/\/$/, '')}/logins/${encodeURIComponent(capture.id)}`,
    };
  } finally {
    await browser.close();
  }
}
