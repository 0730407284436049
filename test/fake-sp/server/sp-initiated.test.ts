// SP-initiated login (/login → AuthnRequest by HTTP-Redirect) and SP metadata, over real HTTP.
import { inflateRawSync } from 'node:zlib';
import { DOMParser } from '@xmldom/xmldom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSp } from '../../../fake-sp/server/start.ts';
import { buildSignedResponse, makeKey } from './support/auth0-response.ts';
import type { TestKey } from './support/auth0-response.ts';
import { JSON_ACCEPT, NOW, postForm, removeDir, startSp, tempDir } from './support/sp-fixture.ts';

const SSO_URL = 'https://test.auth0.com/samlp/client123?connection=Username-Password-Authentication';
const PROTOCOL_NS = 'urn:oasis:names:tc:SAML:2.0:protocol';
const ASSERTION_NS = 'urn:oasis:names:tc:SAML:2.0:assertion';
const METADATA_NS = 'urn:oasis:names:tc:SAML:2.0:metadata';

let key: TestKey;
let dir: string;
let sp: RunningSp;

beforeAll(async () => {
  key = await makeKey();
  dir = await tempDir();
  sp = await startSp(key, dir);
});
afterAll(async () => {
  await sp?.close();
  await removeDir(dir);
});

function parseXml(xml: string): Document {
  return new DOMParser().parseFromString(xml, 'text/xml') as unknown as Document;
}

async function startLogin(query: string): Promise<{ location: URL; request: Element }> {
  const res = await fetch(`${sp.loginUrl}?${query}`, { redirect: 'manual' });
  expect(res.status).toBe(302);
  const location = new URL(res.headers.get('location') as string);
  const samlRequest = location.searchParams.get('SAMLRequest') as string;
  const xml = inflateRawSync(Buffer.from(samlRequest, 'base64')).toString('utf8');
  const request = parseXml(xml).documentElement as Element;
  return { location, request };
}

describe('SP-initiated login', () => {
  it('redirects to the IdP SSO URL with a deflated AuthnRequest for the chosen profile and the RelayState', async () => {
    const { location, request } = await startLogin('profile=enhanced&relayState=rs%20one');
    expect(`${location.origin}${location.pathname}`).toBe('https://test.auth0.com/samlp/client123');
    expect(location.searchParams.get('connection')).toBe('Username-Password-Authentication');
    expect(location.searchParams.get('RelayState')).toBe('rs one');
    expect(request.localName).toBe('AuthnRequest');
    expect(request.namespaceURI).toBe(PROTOCOL_NS);
    expect(request.getAttribute('AssertionConsumerServiceURL')).toBe(sp.acsUrls.enhanced);
    expect(request.getAttribute('ID')).toMatch(/^_/);
    expect(request.getElementsByTagNameNS(ASSERTION_NS, 'Issuer')[0]?.textContent).toBe(sp.audiences.enhanced);
  });

  it('a response answering the request passes inResponseTo, carries the scenario id, and consumes the request', async () => {
    const { request } = await startLogin('profile=legacy&relayState=sp-init&scenario=agent-basic');
    const requestId = request.getAttribute('ID') as string;
    const answer = (assertion?: string) =>
      buildSignedResponse({
        key,
        acsUrl: sp.acsUrls.legacy as string,
        audience: sp.audiences.legacy as string,
        now: NOW,
        inResponseTo: requestId,
        ...(assertion ? { assertionId: assertion } : {}),
      }).base64;
    const res = await postForm(sp.acsUrls.legacy as string, { SAMLResponse: answer(), RelayState: 'sp-init' });
    expect(res.status).toBe(303);
    const record = sp.store.get(res.headers.get('x-login-id') as string);
    expect(record?.verdict.checks.find((c) => c.id === 'inResponseTo')?.status).toBe('ok');
    expect(record?.scenarioId).toBe('agent-basic');
    // A second, fresh assertion answering the same (now consumed) request is refused.
    const again = await postForm(sp.acsUrls.legacy as string, { SAMLResponse: answer() }, JSON_ACCEPT);
    expect(again.status).toBe(403);
    const body = (await again.json()) as { checks: { id: string; status: string; code?: string }[] };
    expect(body.checks.find((c) => c.id === 'inResponseTo')).toMatchObject({ status: 'failed', code: 'IRT_UNKNOWN' });
  });

  it('a response answering a request this SP never issued fails inResponseTo', async () => {
    const { base64 } = buildSignedResponse({
      key,
      acsUrl: sp.acsUrls.enhanced as string,
      audience: sp.audiences.enhanced as string,
      now: NOW,
      inResponseTo: '_never-issued',
    });
    const res = await postForm(sp.acsUrls.enhanced as string, { SAMLResponse: base64 }, JSON_ACCEPT);
    expect(res.status).toBe(403);
    const body = (await res.json()) as { checks: { id: string; status: string }[] };
    expect(body.checks.filter((c) => c.status === 'failed').map((c) => c.id)).toEqual(['inResponseTo']);
  });

  it('a request issued for one profile does not satisfy a response posted to the other', async () => {
    const { request } = await startLogin('profile=enhanced');
    const { base64 } = buildSignedResponse({
      key,
      acsUrl: sp.acsUrls.legacy as string,
      audience: sp.audiences.legacy as string,
      now: NOW,
      inResponseTo: request.getAttribute('ID') as string,
    });
    const res = await postForm(sp.acsUrls.legacy as string, { SAMLResponse: base64 }, JSON_ACCEPT);
    expect(res.status).toBe(403);
  });

  it('an outstanding request expires (10 min): a late answer fails inResponseTo', async () => {
    const otherDir = await tempDir();
    let now = NOW;
    const timed = await startSp(key, otherDir, { clock: () => now });
    try {
      const res = await fetch(`${timed.loginUrl}?profile=enhanced`, { redirect: 'manual' });
      const requestId = res.headers.get('x-request-id') as string;
      expect(requestId).toMatch(/^_/);
      now = new Date(NOW.getTime() + 11 * 60_000);
      const { base64 } = buildSignedResponse({
        key,
        acsUrl: timed.acsUrls.enhanced as string,
        audience: timed.audiences.enhanced as string,
        now,
        inResponseTo: requestId,
      });
      const late = await postForm(timed.acsUrls.enhanced as string, { SAMLResponse: base64 }, JSON_ACCEPT);
      expect(late.status).toBe(403);
      const body = (await late.json()) as { checks: { id: string; status: string; code?: string }[] };
      expect(body.checks.find((c) => c.id === 'inResponseTo')).toMatchObject({ status: 'failed', code: 'IRT_UNKNOWN' });
    } finally {
      await timed.close();
      await removeDir(otherDir);
    }
  });

  it('asks for the profile when both are configured and rejects an unknown one', async () => {
    const none = await fetch(sp.loginUrl, { redirect: 'manual', headers: JSON_ACCEPT });
    expect(none.status).toBe(400);
    expect(((await none.json()) as { error: { code: string } }).error.code).toBe('SP_PROFILE_REQUIRED');
    const bad = await fetch(`${sp.loginUrl}?profile=classic`, { redirect: 'manual', headers: JSON_ACCEPT });
    expect(bad.status).toBe(400);
  });

  it('answers 409 when no IdP SSO URL is configured, and redirects once updateIdp sets one', async () => {
    const otherDir = await tempDir();
    const bare = await startSp(key, otherDir, { idp: { certificates: [key.cert] } });
    try {
      const res = await fetch(`${bare.loginUrl}?profile=enhanced`, { redirect: 'manual', headers: JSON_ACCEPT });
      expect(res.status).toBe(409);
      expect(((await res.json()) as { error: { code: string; hint: string } }).error).toMatchObject({ code: 'SP_NO_SSO_URL' });
      bare.updateIdp({ certificates: [key.cert], ssoUrl: SSO_URL });
      const ok = await fetch(`${bare.loginUrl}?profile=enhanced`, { redirect: 'manual' });
      expect(ok.status).toBe(302);
      expect(ok.headers.get('location')).toContain('SAMLRequest=');
    } finally {
      await bare.close();
      await removeDir(otherDir);
    }
  });
});

describe('SP metadata', () => {
  it.each(['enhanced', 'legacy'] as const)('%s metadata parses and names the entity ID and the HTTP-POST ACS', async (profile) => {
    const res = await fetch(`${sp.metadataUrl}?profile=${profile}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/xml/);
    const doc = parseXml(await res.text());
    const root = doc.documentElement as Element;
    expect(root.localName).toBe('EntityDescriptor');
    expect(root.getAttribute('entityID')).toBe(sp.audiences[profile]);
    const acs = doc.getElementsByTagNameNS(METADATA_NS, 'AssertionConsumerService')[0];
    expect(acs?.getAttribute('Location')).toBe(sp.acsUrls[profile]);
    expect(acs?.getAttribute('Binding')).toBe('urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST');
  });
});

describe('SP URLs per profile and what the metadata promises (issue 18 item 4)', () => {
  it.each(['enhanced', 'legacy'] as const)('the %s metadataUrls / loginUrls answer as they are with both profiles configured', async (profile) => {
    expect((await fetch(sp.metadataUrl, { headers: JSON_ACCEPT })).status).toBe(400);
    const metadata = await fetch(sp.metadataUrls[profile] as string);
    expect(metadata.status).toBe(200);
    expect(parseXml(await metadata.text()).documentElement?.getAttribute('entityID')).toBe(sp.audiences[profile]);
    const login = await fetch(sp.loginUrls[profile] as string, { redirect: 'manual' });
    expect(login.status).toBe(302);
    expect(login.headers.get('location')).toContain('SAMLRequest=');
  });

  it('the metadata does not claim WantAssertionsSigned: a Response-only signature (Auth0 signResponse) is accepted', async () => {
    const doc = parseXml(await fetch(sp.metadataUrls.enhanced as string).then((r) => r.text()));
    const descriptor = doc.getElementsByTagNameNS(METADATA_NS, 'SPSSODescriptor')[0];
    expect(descriptor?.getAttribute('WantAssertionsSigned')).not.toBe('true');
    const { base64 } = buildSignedResponse({
      key,
      acsUrl: sp.acsUrls.enhanced as string,
      audience: sp.audiences.enhanced as string,
      now: NOW,
      signResponse: true,
    });
    const res = await postForm(sp.acsUrls.enhanced as string, { SAMLResponse: base64 });
    expect(res.status).toBe(302);
  });
});
