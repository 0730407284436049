// The two ACS endpoints over real HTTP with really signed responses.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSp } from '../../../fake-sp/server/start.ts';
import { buildSignedResponse, makeKey } from './support/auth0-response.ts';
import type { TestKey } from './support/auth0-response.ts';
import { ACCOUNT_SID, CONNECTION_ID, JSON_ACCEPT, NOW, postForm, removeDir, startSp, tempDir } from './support/sp-fixture.ts';

let key: TestKey;
let otherKey: TestKey;
let dir: string;
let sp: RunningSp;
const enhancedAcs = () => sp.acsUrls.enhanced as string;
const legacyAcs = () => sp.acsUrls.legacy as string;
const enhancedResponse = (extra: Partial<Parameters<typeof buildSignedResponse>[0]> = {}) =>
  buildSignedResponse({ key, acsUrl: enhancedAcs(), audience: sp.audiences.enhanced as string, now: NOW, ...extra });

beforeAll(async () => {
  [key, otherKey] = await Promise.all([makeKey(), makeKey('attacker.example')]);
  dir = await tempDir();
  sp = await startSp(key, dir, { maxBodyBytes: 64 * 1024 });
});
afterAll(async () => {
  await sp?.close();
  await removeDir(dir);
});

describe('fake SP ACS', () => {
  it('binds 127.0.0.1 on a free port and exposes the Flex ACS URLs and audiences', () => {
    expect(sp.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(sp.url).not.toMatch(/:0$/);
    expect(sp.acsUrls.enhanced).toBe(`${sp.url}/login/callback?connection=${CONNECTION_ID}`);
    expect(sp.acsUrls.legacy).toBe(`${sp.url}/v1/Accounts/${ACCOUNT_SID}/saml2`);
    expect(sp.audiences.enhanced).toBe(`urn:flex:${CONNECTION_ID}`);
    expect(sp.audiences.legacy).toBe(`https://iam.twilio.com/v1/Accounts/${ACCOUNT_SID}/saml2/metadata`);
  });

  it('Enhanced: a valid response answers 302 to the landing page and is recorded with its verdict', async () => {
    const { base64 } = enhancedResponse({ email: 'sup@example.com', roles: ['supervisor', 'agent'] });
    const res = await postForm(enhancedAcs(), { SAMLResponse: base64, RelayState: 'rs-enhanced-1' });
    expect(res.status).toBe(302);
    const location = new URL(res.headers.get('location') as string);
    expect(location.pathname).toBe('/flex/agent-desktop');
    const id = location.searchParams.get('login') as string;
    expect(res.headers.get('x-login-id')).toBe(id);
    const record = sp.store.get(id);
    expect(record?.verdict.valid).toBe(true);
    expect(record).toMatchObject({
      profile: 'enhanced',
      relayState: 'rs-enhanced-1',
      httpStatus: 302,
      email: 'sup@example.com',
      roles: ['supervisor', 'agent'],
      samlResponse: base64,
    });
    const landing = await fetch(location);
    expect(landing.status).toBe(200);
    expect(await landing.text()).toContain('sup@example.com');
  });

  // The login driver leaves its tab on these pages while it resets the browser (harness/driver/session.ts):
  // that is safe only because no script can run on them.
  it('serves the landing, verdict and error pages with a CSP that forbids every script', async () => {
    const { base64 } = enhancedResponse({ email: 'csp@example.com' });
    const accepted = await postForm(enhancedAcs(), { SAMLResponse: base64 });
    const landing = await fetch(new URL(accepted.headers.get('location') as string));
    const rejected = await postForm(enhancedAcs(), { SAMLResponse: enhancedResponse({ audience: 'urn:flex:JQ-someone-else' }).base64 });
    const unknown = await fetch(`${sp.url}/flex/agent-desktop?login=lg_nope`);
    for (const res of [landing, rejected, unknown]) {
      expect(res.headers.get('content-type')).toMatch(/^text\/html/);
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp).toMatch(/(^|;)\s*default-src 'none'/);
      expect(csp).not.toMatch(/script-src/);
    }
    expect([landing.status, rejected.status, unknown.status]).toEqual([200, 403, 404]);
  });

  it('Legacy: a valid response answers 303 with an opaque Token the landing page resolves', async () => {
    const { base64 } = buildSignedResponse({ key, acsUrl: legacyAcs(), audience: sp.audiences.legacy as string, now: NOW, email: 'legacy@example.com' });
    const res = await postForm(legacyAcs(), { SAMLResponse: base64 });
    expect(res.status).toBe(303);
    const location = new URL(res.headers.get('location') as string);
    const token = location.searchParams.get('Token');
    expect(token).toBeTruthy();
    expect(token).not.toBe(res.headers.get('x-login-id'));
    const landing = await fetch(location, { headers: JSON_ACCEPT });
    expect(await landing.json()).toMatchObject({ id: res.headers.get('x-login-id'), valid: true, email: 'legacy@example.com', profile: 'legacy' });
  });

  it('a response for the Enhanced audience posted to the Legacy ACS fails (403) on destination/recipient/audience', async () => {
    const { base64 } = enhancedResponse();
    const res = await postForm(legacyAcs(), { SAMLResponse: base64 }, JSON_ACCEPT);
    expect(res.status).toBe(403);
    const body = (await res.json()) as { valid: boolean; checks: { id: string; status: string }[] };
    expect(body.valid).toBe(false);
    expect(body.checks.filter((c) => c.status === 'failed').map((c) => c.id)).toEqual(expect.arrayContaining(['destination', 'recipient', 'audience']));
  });

  it('a response signed with a key that is not pinned is recorded and rejected with 403 and the verdict (JSON)', async () => {
    const { base64 } = buildSignedResponse({ key: otherKey, acsUrl: enhancedAcs(), audience: sp.audiences.enhanced as string, now: NOW });
    const before = sp.store.size;
    const res = await postForm(enhancedAcs(), { SAMLResponse: base64, RelayState: 'bad-sig' }, JSON_ACCEPT);
    expect(res.status).toBe(403);
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    const body = (await res.json()) as { loginId: string; valid: boolean; checks: { id: string; status: string }[] };
    expect(body.valid).toBe(false);
    expect(body.checks.find((c) => c.id === 'signature')?.status).toBe('failed');
    expect(sp.store.size).toBe(before + 1);
    expect(sp.store.get(body.loginId)).toMatchObject({ httpStatus: 403, relayState: 'bad-sig', samlResponse: base64 });
  });

  it('the same rejection is an HTML page for a browser, with every value escaped', async () => {
    const { base64 } = buildSignedResponse({ key: otherKey, acsUrl: enhancedAcs(), audience: sp.audiences.enhanced as string, now: NOW });
    const res = await postForm(enhancedAcs(), { SAMLResponse: base64, RelayState: '<script>alert(1)</script>' }, { accept: 'text/html' });
    expect(res.status).toBe(403);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    const html = await res.text();
    expect(html).toContain('data-valid="false"');
    expect(html).toContain('signature');
    const dashboard = await (await fetch(sp.dashboardUrl)).text();
    expect(dashboard).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(dashboard).not.toContain('<script>alert(1)</script>');
  });

  it('malformed base64 → 400 with a decode verdict, recorded', async () => {
    const res = await postForm(enhancedAcs(), { SAMLResponse: '%%%not base64!!!', RelayState: 'malformed' }, JSON_ACCEPT);
    expect(res.status).toBe(400);
    const body = (await res.json()) as { loginId: string; checks: { id: string; status: string }[] };
    expect(body.checks.find((c) => c.id === 'decode')?.status).toBe('failed');
    expect(sp.store.get(body.loginId)).toMatchObject({ httpStatus: 400, relayState: 'malformed' });
  });

  it('no SAMLResponse → 400 ACS_NO_SAML_RESPONSE (JSON) and an HTML page otherwise', async () => {
    const json = await postForm(enhancedAcs(), { RelayState: 'empty' }, JSON_ACCEPT);
    expect(json.status).toBe(400);
    const body = (await json.json()) as { loginId: string; valid: boolean; checks: { id: string; code?: string }[] };
    expect(body.valid).toBe(false);
    expect(body.checks[0]).toMatchObject({ id: 'decode', code: 'ACS_NO_SAML_RESPONSE' });
    expect(sp.store.get(body.loginId)?.relayState).toBe('empty');
    const html = await postForm(enhancedAcs(), {});
    expect(html.status).toBe(400);
    expect(html.headers.get('content-type')).toMatch(/text\/html/);
    expect(await html.text()).toContain('ACS_NO_SAML_RESPONSE');
  });

  it('an oversized body → 400 ACS_BODY_TOO_LARGE with a verdict, never a 500, and is recorded', async () => {
    const before = sp.store.size;
    const res = await postForm(enhancedAcs(), { SAMLResponse: 'A'.repeat(200 * 1024) }, JSON_ACCEPT);
    expect(res.status).toBe(400);
    const body = (await res.json()) as { loginId: string; valid: boolean; checks: { id: string; code?: string }[] };
    expect(body.checks[0]).toMatchObject({ id: 'decode', code: 'ACS_BODY_TOO_LARGE' });
    expect(sp.store.size).toBe(before + 1);
    expect(sp.store.get(body.loginId)?.httpStatus).toBe(400);
  });

  it('a body that is not a form → 400 ACS_NOT_FORM; a repeated SAMLResponse → 400 ACS_DUPLICATE_FIELD', async () => {
    const jsonBody = await fetch(enhancedAcs(), {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...JSON_ACCEPT },
      body: '{"SAMLResponse":"x"}',
    });
    expect(jsonBody.status).toBe(400);
    expect(((await jsonBody.json()) as { checks: { code?: string }[] }).checks[0]?.code).toBe('ACS_NOT_FORM');
    const twice = await fetch(enhancedAcs(), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...JSON_ACCEPT },
      body: 'SAMLResponse=a&SAMLResponse=b',
    });
    expect(twice.status).toBe(400);
    expect(((await twice.json()) as { checks: { code?: string }[] }).checks[0]?.code).toBe('ACS_DUPLICATE_FIELD');
  });

  it('a cross-site POST (foreign Origin, no cookies) is accepted', async () => {
    const { base64 } = enhancedResponse();
    const res = await postForm(enhancedAcs(), { SAMLResponse: base64 }, { origin: 'https://test.auth0.com', referer: 'https://test.auth0.com/' });
    expect(res.status).toBe(302);
    expect(res.headers.get('set-cookie')).toBeNull();
  });

  it('a replayed assertion is rejected by the replay check on the second POST', async () => {
    const { base64 } = enhancedResponse();
    const first = await postForm(enhancedAcs(), { SAMLResponse: base64 }, JSON_ACCEPT);
    expect(first.status).toBe(302);
    const second = await postForm(enhancedAcs(), { SAMLResponse: base64 }, JSON_ACCEPT);
    expect(second.status).toBe(403);
    const body = (await second.json()) as { checks: { id: string; status: string }[] };
    expect(body.checks.filter((c) => c.status === 'failed').map((c) => c.id)).toEqual(['replay']);
  });

  it('two concurrent POSTs of the same assertion: exactly one is accepted', async () => {
    const { base64 } = enhancedResponse();
    const answers = await Promise.all([1, 2].map(() => postForm(enhancedAcs(), { SAMLResponse: base64 }, JSON_ACCEPT)));
    expect(answers.map((a) => a.status).sort()).toEqual([302, 403]);
  });

  it('a GET on an ACS (HTTP-Redirect binding misconfigured) → 405 naming the HTTP-POST binding', async () => {
    const res = await fetch(`${enhancedAcs()}&SAMLResponse=abc`, { headers: JSON_ACCEPT });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('POST');
    expect(((await res.json()) as { error: { code: string; hint: string } }).error).toMatchObject({
      code: 'ACS_POST_ONLY',
      hint: expect.stringContaining('HTTP-POST'),
    });
  });

  it('an unknown connection id or account → 404 naming the configured ACS, not recorded', async () => {
    const before = sp.store.size;
    const { base64 } = enhancedResponse();
    const wrong = `JQ${'0'.repeat(32)}`;
    const res = await postForm(`${sp.url}/login/callback?connection=${wrong}`, { SAMLResponse: base64 }, JSON_ACCEPT);
    expect(res.status).toBe(404);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('ACS_UNKNOWN_CONNECTION');
    expect(body.error.message).toContain(enhancedAcs());
    const legacy = await postForm(`${sp.url}/v1/Accounts/AC${'0'.repeat(32)}/saml2`, { SAMLResponse: base64 }, JSON_ACCEPT);
    expect(legacy.status).toBe(404);
    expect(((await legacy.json()) as { error: { code: string } }).error.code).toBe('ACS_UNKNOWN_ACCOUNT');
    expect(sp.store.size).toBe(before);
  });

  it('100 concurrent POSTs give 100 records with distinct ids', async () => {
    const before = sp.store.size;
    const responses = Array.from({ length: 100 }, (_, i) => enhancedResponse({ email: `c${i}@example.com` }).base64);
    const answers = await Promise.all(responses.map((r, i) => postForm(enhancedAcs(), { SAMLResponse: r, RelayState: `concurrent-${i}` })));
    expect(answers.map((a) => a.status)).toEqual(Array(100).fill(302));
    const ids = answers.map((a) => a.headers.get('x-login-id'));
    expect(new Set(ids).size).toBe(100);
    expect(sp.store.size).toBe(before + 100);
    for (const [i, id] of ids.entries()) expect(sp.store.get(id as string)?.relayState).toBe(`concurrent-${i}`);
  });
});
