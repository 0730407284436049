// A tiny browser stand-in for tests: fetch with a cookie jar, manual redirects and form parsing,
// so the emulator's login flow is exercised over real HTTP without a browser.
import { deflateRawSync } from 'node:zlib';

export class CookieJar {
  private readonly cookies = new Map<string, string>();
  store(res: Response): void {
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair?.indexOf('=') ?? -1;
      if (!pair || eq <= 0) continue;
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      if (value === '' || /expires=Thu, 01 Jan 1970/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
  has(name: string): boolean {
    return this.cookies.has(name);
  }
}

export interface Page {
  status: number;
  url: string;
  html: string;
  contentType: string;
}

/** Requests `url`, following redirects by hand (max 10) while keeping cookies. */
export async function browse(jar: CookieJar, url: string, init: { method?: string; form?: Record<string, string> } = {}): Promise<Page> {
  let current = url;
  let method = init.method ?? (init.form ? 'POST' : 'GET');
  let body: string | undefined = init.form ? new URLSearchParams(init.form).toString() : undefined;
  for (let hop = 0; hop < 10; hop++) {
    const headers: Record<string, string> = { cookie: jar.header() };
    if (body !== undefined) headers['content-type'] = 'application/x-www-form-urlencoded';
    const res = await fetch(current, { method, headers, body, redirect: 'manual' });
    jar.store(res);
    const location = res.headers.get('location');
    if (res.status >= 300 && res.status < 400 && location) {
      current = new URL(location, current).toString();
      method = 'GET';
      body = undefined;
      continue;
    }
    return { status: res.status, url: current, html: await res.text(), contentType: res.headers.get('content-type') ?? '' };
  }
  throw new Error(`too many redirects from ${url}`);
}

export function decodeEntities(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|#39|apos);/g, (_m, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", apos: "'" })[e] ?? _m);
}

function attribute(tag: string, name: string): string | undefined {
  const match = new RegExp(`\\s${name}="([^"]*)"`, 'i').exec(tag);
  return match ? decodeEntities(match[1] ?? '') : undefined;
}

export interface ParsedForm {
  action: string;
  method: string;
  name?: string;
  fields: Record<string, string>;
}

/** Parses the first <form> of a page: action, method and named inputs with their values. */
export function parseForm(html: string, baseUrl: string): ParsedForm | undefined {
  const formMatch = /<form\b[^>]*>([\s\S]*?)<\/form>/i.exec(html);
  if (!formMatch) return undefined;
  const tag = /<form\b[^>]*>/i.exec(formMatch[0])?.[0] ?? '';
  const fields: Record<string, string> = {};
  for (const input of formMatch[1]?.match(/<input\b[^>]*>/gi) ?? []) {
    const name = attribute(input, 'name');
    if (name) fields[name] = attribute(input, 'value') ?? '';
  }
  const name = attribute(tag, 'name');
  return {
    action: new URL(attribute(tag, 'action') ?? '', baseUrl).toString(),
    method: (attribute(tag, 'method') ?? 'get').toLowerCase(),
    ...(name === undefined ? {} : { name }),
    fields,
  };
}

export function authnRequestXml(p: { id: string; issuer: string; acsUrl?: string; destination: string }): string {
  const acs = p.acsUrl === undefined ? '' : ` AssertionConsumerServiceURL="${p.acsUrl}"`;
  return `<samlp:AuthnRequest xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="${p.id}" Version="2.0" IssueInstant="${new Date().toISOString()}" Destination="${p.destination}"${acs} ProtocolBinding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST"><saml:Issuer>${p.issuer}</saml:Issuer></samlp:AuthnRequest>`;
}

/** HTTP-Redirect binding encoding: raw DEFLATE, then base64. */
export function deflateForRedirect(xml: string): string {
  return deflateRawSync(Buffer.from(xml, 'utf8')).toString('base64');
}

export type Variant = 'single-page' | 'identifier-first' | 'classic-lock';

/** The `data-*` attributes Lock's form carries (what the page script posts). */
export function lockFormData(html: string): Record<string, string> {
  const tag = /<form\b[^>]*class="auth0-lock-widget"[^>]*>/.exec(html)?.[0] ?? '';
  const out: Record<string, string> = {};
  for (const [, name, value] of tag.matchAll(/\sdata-([a-z-]+)="([^"]*)"/g)) out[name as string] = decodeEntities(value ?? '');
  return out;
}

/**
 * What Lock's page script does (auth0.js): POST the credentials as JSON to /usernamepassword/login;
 * on success submit the returned hidden form to /login/callback and follow the redirects. On an
 * error the JSON answer is returned as the page (status and body), since Lock stays on its page.
 */
export async function lockLogin(jar: CookieJar, page: Page, email: string, password: string, extra: Record<string, string> = {}): Promise<Page> {
  const data = lockFormData(page.html);
  const url = new URL('/usernamepassword/login', page.url).toString();
  const res = await fetch(url, {
    method: 'POST',
    headers: { cookie: jar.header(), 'content-type': 'application/json' },
    body: JSON.stringify({
      client_id: data['client-id'],
      connection: data.connection,
      tenant: data.tenant,
      state: data.state,
      username: email,
      password,
      ...extra,
    }),
  });
  jar.store(res);
  const html = await res.text();
  const contentType = res.headers.get('content-type') ?? '';
  if (res.status !== 200 || !contentType.startsWith('text/html')) return { status: res.status, url, html, contentType };
  const hidden = parseForm(html, url);
  if (!hidden) throw new Error(`no hidden form in the /usernamepassword/login answer: ${html.slice(0, 200)}`);
  return browse(jar, hidden.action, { form: hidden.fields });
}

/** Submits credentials on whichever login page variant `page` shows; returns the next page. */
export async function submitCredentials(jar: CookieJar, page: Page, variant: Variant, email: string, password: string): Promise<Page> {
  const form = parseForm(page.html, page.url);
  if (!form) throw new Error(`no form on ${page.url}: ${page.html.slice(0, 300)}`);
  if (variant === 'classic-lock') return lockLogin(jar, page, email, password);
  if (variant === 'single-page') return browse(jar, form.action, { form: { ...form.fields, username: email, password, action: 'default' } });
  const passwordPage = await browse(jar, form.action, { form: { ...form.fields, username: email, action: 'default' } });
  const passwordForm = parseForm(passwordPage.html, passwordPage.url);
  if (!passwordForm) throw new Error(`no password form on ${passwordPage.url}`);
  return browse(jar, passwordForm.action, { form: { ...passwordForm.fields, password, action: 'default' } });
}
