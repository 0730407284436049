// Drives one browser login from its start URL to the SAML POST at the fake SP (or to the error).
import type { Page, Request, Response } from 'playwright';
import { DriverError, SELECTORS, submitCredentials, type LoginPageKind } from './login-page.ts';

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
  acsPost?: { url: string; samlResponse?: string; relayState?: string; status?: number };
  passwordError?: string;
  idpErrorPage?: { url: string; status: number };
  error?: DriverError | Error;
}

function formField(request: Request, name: string): string | undefined {
  const body = request.postData();
  return body === null ? undefined : new URLSearchParams(body).get(name) ?? undefined;
}

type Ending = { kind: 'post'; request: Request } | { kind: 'password'; code: string } | { kind: 'error-page'; url: string; status: number };

/** Logs in on a fresh page; resolves with what ended the login, never rejects. */
export async function driveLogin(page: Page, login: LoginRequest): Promise<LoginResult> {
  const timeoutMs = login.timeoutMs ?? 10_000;
  const result: LoginResult = {};
  let settle: (ending: Ending) => void = () => {};
  const ended = new Promise<Ending>((resolve) => { settle = resolve; });
  const onRequest = (request: Request): void => {
    if (request.method() === 'POST' && request.url().startsWith(login.spOrigin) && request.isNavigationRequest()) settle({ kind: 'post', request });
  };
  page.on('request', onRequest);
  const onResponse = (response: Response): void => {
    const request = response.request();
    if (!request.isNavigationRequest() || request.frame() !== page.mainFrame() || response.status() < 400 || response.url().startsWith(login.spOrigin)) return;
    // Universal Login re-renders a wrong password with HTTP 400: that is a password error, not an error page.
    // The response arrives before its document commits: wait for that document, then look.
    const loaded = page.waitForEvent('domcontentloaded', { timeout: timeoutMs }).catch(() => undefined);
    void (async () => {
      await loaded;
      const error = await page.waitForSelector(SELECTORS.passwordError, { state: 'attached', timeout: 500 }).catch(() => null);
      if (error) settle({ kind: 'password', code: (await error.getAttribute('data-error-code')) ?? '' });
      else settle({ kind: 'error-page', url: response.url(), status: response.status() });
    })();
  };
  page.on('response', onResponse);
  try {
    const first = await page.goto(login.startUrl, { timeout: timeoutMs, waitUntil: 'domcontentloaded' }).catch((error: unknown) => {
      throw new DriverError('NAVIGATION', `cannot open ${login.startUrl}: ${(error as Error).message.split('\n')[0]}`, login.startUrl);
    });
    if (first && first.status() >= 400) return { ...result, idpErrorPage: { url: first.url(), status: first.status() } };
    const typed = await Promise.race([
      submitCredentials(page, login, timeoutMs).then((kind) => ({ kind })),
      ended.then((ending) => ({ ending })),
    ]);
    let ending: Ending | undefined;
    if ('ending' in typed) ending = typed.ending;
    else {
      result.pageKind = typed.kind;
      const passwordWatch = page.waitForSelector(SELECTORS.passwordError, { state: 'attached', timeout: timeoutMs })
        .then(async (el) => { if (el) settle({ kind: 'password', code: (await el.getAttribute('data-error-code')) ?? '' }); })
        .catch(() => undefined);
      let timer: NodeJS.Timeout | undefined;
      ending = await Promise.race([
        ended,
        new Promise<undefined>((resolve) => { timer = setTimeout(() => resolve(undefined), timeoutMs); }),
      ]);
      clearTimeout(timer);
      void passwordWatch;
    }
    if (!ending) {
      throw new DriverError('LOGIN_TIMEOUT', `no SAML POST to ${login.spOrigin}, no password error (\`${SELECTORS.passwordError}\`) and no error page within ${timeoutMs} ms after submitting at ${page.url()}`, page.url(), SELECTORS.passwordError);
    }
    if (ending.kind === 'password') result.passwordError = ending.code;
    else if (ending.kind === 'error-page') result.idpErrorPage = { url: ending.url, status: ending.status };
    else {
      const response = await ending.request.response();
      result.acsPost = {
        url: ending.request.url(),
        samlResponse: formField(ending.request, 'SAMLResponse'),
        relayState: formField(ending.request, 'RelayState'),
        status: response?.status(),
      };
    }
    return result;
  } catch (error) {
    return { ...result, error: error instanceof Error ? error : new Error(String(error)) };
  } finally {
    page.off('request', onRequest);
    page.off('response', onResponse);
  }
}
