// The browser step of `flex-sso login`: system Chromium, then the matrix's drive-and-observe path
// (run/drive.ts): the fake SP's record is read by RelayState through its API, never from the page.
// The outcome uses the scenarios' vocabulary (login, sp-rejected, idp-error, …).
import { chromium } from 'playwright';
import { terminalSafe } from '../text/terminal-safe.ts';
import { chromiumArgs, isHeadlessShell, requireChromium } from '../browser.ts';
import { usageError } from '../cli/errors.ts';
import type { LoginResult } from '../driver/login.ts';
import { assertScenario } from '../run/assert.ts';
import { driveAndObserve } from '../run/drive.ts';
import { registrationFor } from '../run/register.ts';
import { pageErrorOutcome, PROTECTION_HINTS } from '../run/login-outcomes.ts';
import type { ActualOutcome, Observation } from '../run/observation.ts';
import type { ManualLoginResult, PreparedLogin } from './types.ts';

export interface PerformOptions {
  email: string;
  headed: boolean;
  timeoutMs: number;
}

type Stopped = Pick<ManualLoginResult, 'outcome' | 'message' | 'hint'>;

/** The login ended on an Auth0 page (password refused, protection, MFA): what to report, with the advice. */
export function stoppedAtAuth0(login: LoginResult, email: string): Stopped | undefined {
  if (login.mfaChallenge) {
    return {
      outcome: 'mfa-required',
      message: `Auth0 asked ${email} for a second factor at ${login.mfaChallenge.url}`,
      hint: PROTECTION_HINTS['mfa-required'],
    };
  }
  if (login.passwordError === undefined) return undefined;
  const outcome = pageErrorOutcome(login.passwordError) ?? 'wrong-password';
  // The page's error code is the IdP's text: its control characters are escaped before a terminal sees it.
  const code = terminalSafe(login.passwordError.slice(0, 100)) || 'no error code';
  if (outcome === 'wrong-password') return { outcome, message: `the IdP rejected the password of ${email} (${code})` };
  const what = outcome === 'captcha' ? 'bot detection asked for a CAPTCHA' : 'brute-force protection blocked the user';
  return { outcome, message: `${what} (${code})`, hint: PROTECTION_HINTS[outcome] };
}

export async function performLogin(prepared: PreparedLogin, options: PerformOptions): Promise<ManualLoginResult> {
  const executablePath = requireChromium(process.env, { headless: !options.headed });
  if (options.headed && isHeadlessShell(executablePath)) {
    throw usageError(
      'BROWSER_HEADLESS_ONLY',
      `--headed: CHROMIUM_PATH is ${executablePath}, which cannot open a window`,
      'point CHROMIUM_PATH at a full Chromium (e.g. /usr/bin/chromium) or drop --headed',
    );
  }
  const base = { user: options.email, relayState: prepared.relayState };
  const browser = await chromium.launch({ executablePath, args: chromiumArgs(), headless: !options.headed });
  try {
    const page = await browser.newPage();
    const { login, observation, outcome } = await driveAndObserve(page, {
      startUrl: prepared.startUrl,
      postOrigin: new URL(prepared.spUrl).origin,
      spUrl: prepared.spUrl,
      email: options.email,
      password: prepared.password,
      relayState: prepared.relayState,
      timeoutMs: options.timeoutMs,
      recordWaitMs: options.timeoutMs,
      ...(prepared.scenario ? { scenario: registrationFor(prepared.scenario.id, prepared.scenario.expect, prepared.scenario.pattern) } : {}),
    });
    const result = resultOf(prepared, base, login, observation, outcome);
    if (!prepared.scenario) return result;
    return { ...result, expectation: { scenarioId: prepared.scenario.id, result: assertScenario(prepared.scenario.expect, observation) } };
  } finally {
    await browser.close();
  }
}

function resultOf(
  prepared: PreparedLogin,
  base: Pick<ManualLoginResult, 'user' | 'relayState'>,
  login: LoginResult,
  observation: Observation,
  outcome: ActualOutcome,
): ManualLoginResult {
  const stopped = stoppedAtAuth0(login, base.user);
  if (stopped) return { ...base, ...stopped };
  const record = observation.record;
  if (!record) {
    if (login.idpErrorPage) {
      return {
        ...base,
        outcome: 'idp-error',
        message: `the IdP answered HTTP ${login.idpErrorPage.status} at ${login.idpErrorPage.url} instead of posting a SAMLResponse`,
      };
    }
    return { ...base, outcome: 'no-response', message: observation.driverError ?? 'the browser never posted a SAMLResponse to the fake SP' };
  }
  return {
    ...base,
    outcome,
    loginId: record.id,
    verdict: record.verdict,
    detailUrl: `${prepared.spUrl.replace(/\/$/, '')}/logins/${encodeURIComponent(record.id)}`,
  };
}
