// Drives one browser login from its start URL to the SAML POST at the fake SP (or to the error).
import type { Page, Request, Response } from 'playwright';
import { DriverError, SELECTORS, submitCredentials, type LoginPageKind } from './login-page.ts';
import { onOrigin } from './origin.ts';
import { secretChannel } from './secret-channel.ts';

export interface LoginRequest {
  startUrl: string;
  /** Origin of the fake SP: any POST to it is the SAML POST (ACS). */
  spOrigin: string;
  email: string;
  password: string;
  /** Per step (page load, element, POST); default 10 s. */
  timeoutMs?: number;
}

export interface LoginResult {
  pageKind?: LoginPageKind;
  /** The ACS POST as the browser sent it. */
  /** `loginId`: the fake SP's X-Login-Id header on its answer (its record of this POST). */
  acsPost?: { url: string; samlResponse?: string; relayState?: string; status?: number; loginId?: string };
  /** The login page's error code: Universal Login's `data-error-code`, or Lock's JSON `code`. */
  passwordError?: string;
  /** The login stopped on Auth0's MFA challenge page. */
  mfaChallenge?: { url: string };
  idpErrorPage?: { url: string; status: number };
  error?: DriverError | Error;
}

function formField(request: Request, name: string): string | undefined {
  const body = request.postData();
  return body === null ? undefined : (new URLSearchParams(body).get(name) ?? undefined);
}

/** Error codes are short keys; the page is the IdP's, so what is read from it is bounded. */
const MAX_CODE = 100;

type Ending =
  | { kind: 'post'; request: Request }
  | { kind: 'password'; code: string }
  | { kind: 'mfa'; url: string }
  | { kind: 'error-page'; url: string; status: number };

/**
 * The login page's field error code on the current document, if it shows one (password first, then
 * any other field: captcha, username): one evaluate with the DOM's own querySelector (Playwright's
 * selector engine would be injected into every document this looks at, the auto-POST page included:
 * ≈ 340 kB of script each time).
 */
async function passwordErrorCode(page: Page): Promise<string | undefined> {
  const code = await page
    .evaluate(
      ([password, any]) => {
        const element = document.querySelector(password) ?? document.querySelector(any);
        return element ? (element.getAttribute('data-error-code') ?? '') : null;
      },
      [SELECTORS.passwordError, SELECTORS.pageError] as const,
    )
    .catch(() => null);
  return code === null ? undefined : code.slice(0, MAX_CODE);
}

/** Universal Login's MFA screens live under /u/mfa-…; the Classic experience's MFA page is /mf. */
export function isMfaPage(url: string): boolean {
  try {
    const path = new URL(url).pathname;
    return path.startsWith('/u/mfa-') || path === '/mf';
  } catch {
    return false;
  }
}

/** Lock logs in by XHR (auth0.js → POST /usernamepassword/login): an error answer is JSON with a `code`. */
function isLockCredentialsCall(request: Request): boolean {
  if (request.method() !== 'POST' || request.isNavigationRequest()) return false;
  try {
    return new URL(request.url()).pathname === '/usernamepassword/login';
  } catch {
    return false;
  }
}

/** The code Lock acts on: its helper (auth0/lock src/core/web_api/helper.js) turns "user is blocked" into blocked_user. */
async function lockErrorCode(response: Response): Promise<string> {
  const body = (await response.json().catch(() => undefined)) as { code?: unknown; error?: unknown; description?: unknown } | undefined;
  const code = typeof body?.code === 'string' ? body.code : typeof body?.error === 'string' ? body.error : '';
  return code === 'unauthorized' && body?.description === 'user is blocked' ? 'blocked_user' : code.slice(0, MAX_CODE);
}

/**
 * Watches the page for what ends a login — the SAML POST to the SP, a password error, an error
 * page — from browser events only (no polling, which would compete for the 2 cores with the logins).
 */
function watchEndings(page: Page, spOrigin: string, timeoutMs: number): { ended: Promise<Ending>; submitted(): void; dispose(): void } {
  let afterSubmit = false;
  let settle: (ending: Ending) => void = () => {};
  const ended = new Promise<Ending>((resolve) => {
    settle = resolve;
  });
  const onRequest = (request: Request): void => {
    if (request.method() === 'POST' && onOrigin(request.url(), spOrigin) && request.isNavigationRequest()) settle({ kind: 'post', request });
  };
  // Universal Login renders the password error server-side: look once each time an IdP document
  // loads after the credentials went out (the first page cannot show it, the SP's pages never do).
  const onLoaded = (): void => {
    if (!afterSubmit || onOrigin(page.url(), spOrigin)) return;
    if (isMfaPage(page.url())) return settle({ kind: 'mfa', url: page.url() });
    void passwordErrorCode(page).then((code) => {
      if (code !== undefined) settle({ kind: 'password', code });
    });
  };
  const onResponse = (response: Response): void => {
    const request = response.request();
    // Lock shows its error in place, without a navigation: the XHR's JSON answer says which.
    if (isLockCredentialsCall(request) && response.status() >= 400) {
      void lockErrorCode(response).then((code) => settle({ kind: 'password', code }));
      return;
    }
    if (!request.isNavigationRequest() || request.frame() !== page.mainFrame() || response.status() < 400 || onOrigin(response.url(), spOrigin)) return;
    // A wrong password may come back as HTTP 400: only a page without the password error is an
    // error page. The response arrives before its document commits, so wait for that document.
    const loaded = page.waitForEvent('domcontentloaded', { timeout: timeoutMs }).catch(() => undefined);
    void loaded
      .then(() => passwordErrorCode(page))
      .then((code) => {
        settle(code !== undefined ? { kind: 'password', code } : { kind: 'error-page', url: response.url(), status: response.status() });
      });
  };
  page.on('request', onRequest);
  page.on('domcontentloaded', onLoaded);
  page.on('response', onResponse);
  return {
    ended,
    submitted: () => {
      afterSubmit = true;
    },
    dispose: () => {
      page.off('request', onRequest);
      page.off('domcontentloaded', onLoaded);
      page.off('response', onResponse);
    },
  };
}

function within<T>(promise: Promise<T>, timeoutMs: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), timeoutMs);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Logs in on a page with no IdP session (fresh, or reset by LoginSession); resolves with what ended the login, never rejects. */
export async function driveLogin(page: Page, login: LoginRequest): Promise<LoginResult> {
  const timeoutMs = login.timeoutMs ?? 10_000;
  const result: LoginResult = {};
  const watch = watchEndings(page, login.spOrigin, timeoutMs);
  try {
    // The password's binding goes in before the first document, as Playwright's init script: a
    // binding exposed later is written over whatever the open page defined under that name.
    await secretChannel(page.context());
    const first = await page.goto(login.startUrl, { timeout: timeoutMs, waitUntil: 'domcontentloaded' }).catch((error: unknown) => {
      throw new DriverError('NAVIGATION', `cannot open ${login.startUrl}: ${(error as Error).message.split('\n')[0]}`, login.startUrl);
    });
    if (first && first.status() >= 400) return { ...result, idpErrorPage: { url: first.url(), status: first.status() } };
    // The login may end before a form shows (an error page): whichever comes first wins.
    const typed = await Promise.race([
      // The page kind is known before the submit: a login that ends before the Enter key's promise
      // settles (a fast auto-POST on a busy machine) still reports it.
      submitCredentials(page, login, timeoutMs, (kind) => {
        result.pageKind = kind;
        watch.submitted();
      }).then((kind) => ({ kind })),
      watch.ended.then((ending) => ({ ending })),
    ]);
    let ending: Ending | undefined;
    if ('ending' in typed) ending = typed.ending;
    else {
      result.pageKind = typed.kind;
      ending = await within(watch.ended, timeoutMs);
    }
    if (!ending) {
      throw new DriverError(
        'LOGIN_TIMEOUT',
        `no SAML POST to ${login.spOrigin}, no login page error (\`${SELECTORS.pageError}\` or Lock's /usernamepassword/login answer), no MFA page and no error page within ${timeoutMs} ms after submitting at ${page.url()}`,
        page.url(),
        SELECTORS.pageError,
      );
    }
    if (ending.kind === 'password') result.passwordError = ending.code;
    else if (ending.kind === 'mfa') result.mfaChallenge = { url: ending.url };
    else if (ending.kind === 'error-page') result.idpErrorPage = { url: ending.url, status: ending.status };
    else {
      const response = await ending.request.response();
      // Let the ACS navigation (and its redirect to the landing page) commit, so that the tab is
      // idle when this returns and can be reset for the next login.
      await page.waitForURL((url) => url.origin === login.spOrigin, { waitUntil: 'commit', timeout: timeoutMs }).catch(() => undefined);
      result.acsPost = {
        url: ending.request.url(),
        samlResponse: formField(ending.request, 'SAMLResponse'),
        relayState: formField(ending.request, 'RelayState'),
        status: response?.status(),
      };
      const loginId = response?.headers()['x-login-id'];
      if (loginId) result.acsPost.loginId = loginId;
    }
    return result;
  } catch (error) {
    return { ...result, error: error instanceof Error ? error : new Error(String(error)) };
  } finally {
    watch.dispose();
  }
}
