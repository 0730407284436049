// A login on the embedded emulator over plain HTTP, as the browser would make it but without one: the
// SSO endpoint (with an AuthnRequest for SP-initiated logins), the single-page Universal Login form,
// then Auth0's auto-POST page, whose SAMLResponse is the replay's output. The page a login goes
// through changes neither the emulator's SAML response nor its log events, so `flex-sso fidelity`
// needs no browser.
import { randomBytes } from 'node:crypto';
import { deflateRawSync } from 'node:zlib';

export interface HttpLoginInput {
  /** The emulator's base URL and its /samlp/<client_id> endpoint. */
  baseUrl: string;
  samlUrl: string;
  flow: 'idp-initiated' | 'sp-initiated';
  email: string;
  password: string;
  relayState: string;
  /** SP-initiated: the AuthnRequest's Issuer (the SP entity ID) and AssertionConsumerServiceURL. */
  sp: { entityId: string; acsUrl: string };
  timeoutMs?: number;
}

export type HttpLoginResult = { kind: 'response'; samlResponse: string } | { kind: 'page'; status: number; url: string; errorCode?: string };

const POST_BINDING = 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST';

function xmlAttr(value: string): string {
  return value.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c);
}

/** An unsigned AuthnRequest as the fake SP sends it (fake-sp/server/routes/sp-initiated.ts), HTTP-Redirect encoded. */
export function authnRequestParameter(input: { id: string; issuer: string; acsUrl: string; destination: string; now: Date }): string {
  const xml =
    '<samlp:AuthnRequest xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion"' +
    ` ID="${xmlAttr(input.id)}" Version="2.0" IssueInstant="${input.now.toISOString()}" Destination="${xmlAttr(input.destination)}"` +
    ` ProtocolBinding="${POST_BINDING}" AssertionConsumerServiceURL="${xmlAttr(input.acsUrl)}">` +
    `<saml:Issuer>${xmlAttr(input.issuer)}</saml:Issuer></samlp:AuthnRequest>`;
  return deflateRawSync(Buffer.from(xml, 'utf8')).toString('base64');
}

function htmlDecode(value: string): string {
  return value.replace(/&(amp|lt|gt|quot|#39|#x27);/g, (_m, name: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", '#x27': "'" })[name] ?? '');
}

/** The SAMLResponse of Auth0's auto-POST page, or undefined. */
export function samlResponseOf(html: string): string | undefined {
  const match = /<input[^>]*\bname="SAMLResponse"[^>]*\bvalue="([^"]*)"/.exec(html) ?? /<input[^>]*\bvalue="([^"]*)"[^>]*\bname="SAMLResponse"/.exec(html);
  return match ? htmlDecode(match[1] ?? '') : undefined;
}

function errorCodeOf(html: string): string | undefined {
  const match = /data-error-code="([^"]*)"/.exec(html);
  return match ? htmlDecode(match[1] ?? '') : undefined;
}

async function request(url: string, init: RequestInit, timeoutMs: number): Promise<Response> {
  return fetch(url, { ...init, redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) });
}

export async function loginOverHttp(input: HttpLoginInput, now: () => Date = () => new Date()): Promise<HttpLoginResult> {
  const timeoutMs = input.timeoutMs ?? 30_000;
  const start = new URL(input.samlUrl);
  start.searchParams.set('RelayState', input.relayState);
  if (input.flow === 'sp-initiated') {
    const id = `_${randomBytes(16).toString('hex')}`;
    start.searchParams.set(
      'SAMLRequest',
      authnRequestParameter({ id, issuer: input.sp.entityId, acsUrl: input.sp.acsUrl, destination: input.samlUrl, now: now() }),
    );
  }
  const sso = await request(start.toString(), { method: 'GET' }, timeoutMs);
  const location = sso.headers.get('location');
  if (sso.status !== 302 || location === null) {
    const html = await sso.text();
    const posted = samlResponseOf(html);
    if (posted !== undefined) return { kind: 'response', samlResponse: posted };
    const code = errorCodeOf(html);
    return { kind: 'page', status: sso.status, url: start.pathname, ...(code ? { errorCode: code } : {}) };
  }
  const loginPage = new URL(location, input.baseUrl);
  const state = loginPage.searchParams.get('state') ?? '';
  const form = new URLSearchParams({ state, username: input.email, password: input.password, action: 'default' });
  const answer = await request(
    new URL(loginPage.pathname, input.baseUrl).toString(),
    {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: form.toString(),
    },
    timeoutMs,
  );
  const html = await answer.text();
  const posted = answer.status === 200 ? samlResponseOf(html) : undefined;
  if (posted !== undefined) return { kind: 'response', samlResponse: posted };
  const code = errorCodeOf(html);
  return { kind: 'page', status: answer.status, url: answer.headers.get('location') ?? loginPage.pathname, ...(code ? { errorCode: code } : {}) };
}
