// Intercept mode: the tenant keeps its real Flex callback. Every browser request to the Flex ACS
// origin is caught by page.route and served by the local fake SP, the stand-in for Flex: the SAML
// POST to the ACS goes to the SP's ACS (Chromium accepts a fulfilled 3xx), any other request (the
// landing page after the login) to the same path on the SP, and the SP's redirects are mapped back
// onto the Flex origin so the browser stays "on Flex". Nothing reaches Flex; the ledger proves it.
import type { Page, Request, Route } from 'playwright';

export interface InterceptLedger {
  /** Every URL the page requested (recorded before any routing decision). */
  requested: string[];
  /** Requests to the Flex origin served by the fake SP ("METHOD url"). */
  forwarded: string[];
  /** The SAML POSTs to the Flex ACS among them (urls). */
  acsPosts: string[];
  /** Problems with an intercepted request (no SAML body, SP unreachable). */
  errors: string[];
}

export interface InterceptTarget {
  /** The Flex ACS the tenant posts to (the SAML app's callback). */
  flexAcsUrl: string;
  /** The fake SP: its base URL and the local ACS with the same path. */
  spUrl: string;
  spAcsUrl: string;
}

/** Requests to the Flex origin the interceptor never served: must be empty after every login. */
export function leakedRequests(ledger: InterceptLedger, flexAcsUrl: string): string[] {
  const origin = new URL(flexAcsUrl).origin;
  const served = new Set(ledger.forwarded.map((f) => f.replace(/^\S+ /, '')));
  return ledger.requested.filter((url) => URL.canParse(url) && new URL(url).origin === origin && !served.has(url));
}

/** A redirect to the SP is shown on the Flex origin (and served by the SP again); any other stays as is. */
export function mapLocation(location: string | null, spUrl: string, flexOrigin: string): string | undefined {
  if (location === null) return undefined;
  const absolute = new URL(location, spUrl);
  if (absolute.origin !== new URL(spUrl).origin) return absolute.toString();
  return `${flexOrigin}${absolute.pathname}${absolute.search}${absolute.hash}`;
}

async function serveFromSp(route: Route, request: Request, spTarget: string, isAcs: boolean, target: InterceptTarget, ledger: InterceptLedger): Promise<void> {
  const body = request.postData();
  if (isAcs && body === null) {
    ledger.errors.push(`the SAML POST to ${request.url()} had no body`);
    await route.fulfill({ status: 400, contentType: 'text/plain', body: 'flex-sso intercept: the SAML POST had no body' });
    return;
  }
  const type = await request.headerValue('content-type');
  let answer: Response;
  try {
    answer = await fetch(spTarget, {
      method: request.method(),
      redirect: 'manual',
      headers: { accept: (await request.headerValue('accept')) ?? '*/*', ...(type ? { 'content-type': type } : {}) },
      ...(body !== null && request.method() !== 'GET' && request.method() !== 'HEAD' ? { body } : {}),
    });
  } catch (error) {
    ledger.errors.push(`forwarding ${request.method()} ${request.url()} to the fake SP ${spTarget} failed: ${(error as Error).message}`);
    await route.fulfill({ status: 502, contentType: 'text/plain', body: 'flex-sso intercept: the fake SP did not answer' });
    return;
  }
  const headers: Record<string, string> = {};
  const contentType = answer.headers.get('content-type');
  if (contentType) headers['content-type'] = contentType;
  const location = mapLocation(answer.headers.get('location'), target.spUrl, new URL(target.flexAcsUrl).origin);
  if (location) headers.location = location;
  ledger.forwarded.push(`${request.method()} ${request.url()}`);
  if (isAcs) ledger.acsPosts.push(request.url());
  await route.fulfill({ status: answer.status, headers, body: Buffer.from(await answer.arrayBuffer()) });
}

/** Installs the interceptor (and the request recorder) on a page before its login starts. */
export async function installIntercept(page: Page, target: InterceptTarget): Promise<InterceptLedger> {
  const ledger: InterceptLedger = { requested: [], forwarded: [], acsPosts: [], errors: [] };
  const acs = new URL(target.flexAcsUrl);
  await page.route(
    (url) => url.origin === acs.origin,
    async (route, request) => {
      const url = new URL(request.url());
      const isAcs = request.method() === 'POST' && url.pathname === acs.pathname && url.search === acs.search;
      const spTarget = isAcs ? target.spAcsUrl : new URL(`${url.pathname}${url.search}`, target.spUrl).toString();
      await serveFromSp(route, request, spTarget, isAcs, target, ledger);
    },
  );
  // Registered last, so it runs first: it sees every request, then hands it on.
  await page.route('**/*', async (route, request) => {
    ledger.requested.push(request.url());
    await route.fallback();
  });
  return ledger;
}
