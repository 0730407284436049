// Safety net for the string fast path of response signing: for every addon combination the interop
// test covers, the fast path's canonical bytes equal xml-crypto's own exc-c14n of the same element,
// its Signature equals the xml-crypto path's byte for byte, and xml-crypto, the fake SP pipeline and
// node-saml all verify its output; inputs outside the supported subset fall back to xml-crypto.
import { describe, expect, test } from 'vitest';
import { DOMParser } from '@xmldom/xmldom';
import { ExclusiveCanonicalization, SignedXml } from 'xml-crypto';
import { SAML, ValidateInResponseTo } from '@node-saml/node-saml';
import { buildLoginResponse } from '../../../fake-idp/saml/login-response.ts';
import { buildLogoutResponseXml } from '../../../fake-idp/saml/logout.ts';
import { ROOT_XPATH, signRootElement, signSamlResponseXml, signWithXmlCrypto, TARGET_XPATH } from '../../../fake-idp/saml/signing.ts';
import { canonicalizeElement, type ElementMatcher } from '../../../fake-idp/saml/string-c14n.ts';
import { NS_ASSERTION, NS_PROTOCOL, type DigestAlgorithm, type SignatureAlgorithm } from '../../../fake-idp/saml/types.ts';
import type { SamlpAddon } from '../../../fake-idp/tenant/types.ts';
import { validateResponse } from '../../../fake-sp/pipeline/validate.ts';
import { ACS, loginRequest, NOW, testKey } from './fixtures.ts';

const AUDIENCE = 'urn:flex:JQ0123456789abcdef0123456789abcdef';
const ISSUER = 'urn:example.auth0.com';
const TRICKY_ATTRIBUTES = {
  email: 'ada@example.com',
  full_name: 'Ada & "Lovelace" <Byron> Ünïcødé',
  roles: ['admin', 'agent'],
  'http://example.com/claims/amp': 'Fish & Chips <b>"quoted"</b> it\'s > ok',
  'http://example.com/claims/unicode': 'Zoë Ünïcødé 日本語 🎉',
  'http://example.com/claims/multi': ['a&b', 'c<d', 'e"f'],
  'tricky name &<">': 'plain',
  number: 42,
  flag: true,
};

const combos: SamlpAddon[] = [];
for (const signResponse of [false, true]) {
  for (const alg of ['sha1', 'sha256'] as const) {
    for (const typedAttributes of [true, false]) {
      for (const includeAttributeNameFormat of [true, false]) {
        combos.push({
          audience: AUDIENCE,
          signResponse,
          typedAttributes,
          includeAttributeNameFormat,
          signatureAlgorithm: alg === 'sha1' ? 'rsa-sha1' : 'rsa-sha256',
          digestAlgorithm: alg,
        });
      }
    }
  }
}

const MATCH: Record<'response' | 'assertion', ElementMatcher> = {
  response: (depth, local, ns) => depth === 0 && local === 'Response' && ns === NS_PROTOCOL,
  assertion: (depth, local, ns) => depth === 1 && local === 'Assertion' && ns === NS_ASSERTION,
};

function parse(xml: string): Document {
  return new DOMParser().parseFromString(xml, 'text/xml') as unknown as Document;
}
function targetNode(xml: string, target: 'response' | 'assertion'): Node {
  const doc = parse(xml);
  if (target === 'response') return doc.documentElement as Node;
  return doc.getElementsByTagNameNS(NS_ASSERTION, 'Assertion')[0] as Node;
}
function xmlCryptoC14n(xml: string, target: 'response' | 'assertion'): string {
  return new ExclusiveCanonicalization().process(targetNode(xml, target) as never, {}) as string;
}
function signatureOf(xml: string): string {
  return /<Signature xmlns="http:\/\/www\.w3\.org\/2000\/09\/xmldsig#">[\s\S]*<\/Signature>/.exec(xml)?.[0] ?? '';
}
function checkWithXmlCrypto(xml: string): boolean {
  const doc = parse(xml);
  const signature = doc.getElementsByTagNameNS('http://www.w3.org/2000/09/xmldsig#', 'Signature')[0];
  const verifier = new SignedXml({ publicCert: testKey().certPem });
  verifier.loadSignature(signature as never);
  return verifier.checkSignature(xml);
}
function spVerdict(xml: string) {
  return validateResponse(Buffer.from(xml).toString('base64'), { certificates: [testKey().certPem], issuer: ISSUER, audience: AUDIENCE, acsUrl: ACS }, NOW);
}
function nodeSaml(signResponse: boolean): SAML {
  return new SAML({
    idpCert: testKey().certPem,
    issuer: AUDIENCE,
    callbackUrl: ACS,
    audience: AUDIENCE,
    idpIssuer: ISSUER,
    wantAssertionsSigned: !signResponse,
    wantAuthnResponseSigned: signResponse,
    validateInResponseTo: ValidateInResponseTo.never,
    acceptedClockSkewMs: -1,
  });
}
async function unsignedLogin(addon: SamlpAddon, attributes: Record<string, unknown> = TRICKY_ATTRIBUTES): Promise<string> {
  return (await buildLoginResponse({ ...loginRequest({ addon, attributes }), tweaks: { unsigned: true } })).xml;
}

describe('fast-path signing equals the xml-crypto path', () => {
  test.each(combos.map((c) => [JSON.stringify(c), c] as const))('%s', async (_name, addon) => {
    const target = addon.signResponse ? 'response' : 'assertion';
    const algorithms = { signatureAlgorithm: addon.signatureAlgorithm as SignatureAlgorithm, digestAlgorithm: addon.digestAlgorithm as DigestAlgorithm };
    const xml = await unsignedLogin(addon);
    const canonical = canonicalizeElement(xml, MATCH[target]);
    expect(canonical?.canonical).toBe(xmlCryptoC14n(xml, target));

    const fast = await signSamlResponseXml(xml, { target, key: testKey(), ...algorithms });
    const reference = await signWithXmlCrypto(xml, TARGET_XPATH[target], { key: testKey(), ...algorithms });
    expect(signatureOf(fast)).not.toBe('');
    expect(signatureOf(fast)).toBe(signatureOf(reference));
    expect(fast.replace(signatureOf(fast), '')).toBe(xml);

    expect(checkWithXmlCrypto(fast)).toBe(true);
    const verdict = spVerdict(fast);
    expect(verdict.checks.filter((c) => c.status === 'failed')).toEqual([]);
    expect(verdict.valid).toBe(true);
    expect(verdict.attributes['http://example.com/claims/amp']).toEqual([TRICKY_ATTRIBUTES['http://example.com/claims/amp']]);
    expect(verdict.attributes['http://example.com/claims/multi']).toEqual(['a&b', 'c<d', 'e"f']);
    expect(verdict.flex.full_name).toBe(TRICKY_ATTRIBUTES.full_name);
    const { profile } = await nodeSaml(addon.signResponse ?? false).validatePostResponseAsync({ SAMLResponse: Buffer.from(fast).toString('base64') });
    expect(profile?.issuer).toBe(ISSUER);
    expect(profile?.['http://example.com/claims/unicode']).toBe(TRICKY_ATTRIBUTES['http://example.com/claims/unicode']);
  });

  test('a fast-path signature no longer verifies once a signed value is altered', async () => {
    const fast = (await buildLoginResponse(loginRequest({ addon: { audience: AUDIENCE }, attributes: TRICKY_ATTRIBUTES }))).xml;
    expect(checkWithXmlCrypto(fast)).toBe(true);
    const tampered = fast.replace('Zoë', 'Zoe');
    expect(tampered).not.toBe(fast);
    expect(checkWithXmlCrypto(tampered)).toBe(false);
    expect(spVerdict(tampered).valid).toBe(false);
  });

  // Only signResponse true signs an error Response (node-samlp buildSamlResponse); false sends it unsigned.
  test('deny/error response (signed root, signResponse true) matches and verifies', async () => {
    const res = await buildLoginResponse(
      loginRequest({
        addon: { audience: AUDIENCE, signResponse: true, signatureAlgorithm: 'rsa-sha256', digestAlgorithm: 'sha256' },
        failure: 'Access denied: <role> & "team" missing',
      }),
    );
    expect(res.ok).toBe(false);
    const unsigned = res.xml.replace(signatureOf(res.xml), '');
    expect(canonicalizeElement(unsigned, (d) => d === 0)?.canonical).toBe(xmlCryptoC14n(unsigned, 'response'));
    const reference = await signWithXmlCrypto(unsigned, ROOT_XPATH, { key: testKey(), signatureAlgorithm: 'rsa-sha256', digestAlgorithm: 'sha256' });
    expect(signatureOf(res.xml)).toBe(signatureOf(reference));
    expect(checkWithXmlCrypto(res.xml)).toBe(true);
  });

  test('logout responses take the fast path and verify', async () => {
    const xml = buildLogoutResponseXml({ issuer: ISSUER, destination: 'https://sp.example.com/slo?a=1&b=2', inResponseTo: '_req"1' }, NOW);
    expect(canonicalizeElement(xml, (d) => d === 0)?.canonical).toBe(xmlCryptoC14n(xml, 'response'));
    const signed = await signRootElement(xml, { key: testKey(), signatureAlgorithm: 'rsa-sha1', digestAlgorithm: 'sha1' });
    expect(signed.replace(signatureOf(signed), '')).toBe(xml);
    expect(checkWithXmlCrypto(signed)).toBe(true);
  });
});

describe('inputs outside the string subset fall back to xml-crypto', () => {
  const addon: SamlpAddon = { audience: AUDIENCE, signResponse: false };
  const cases: Array<[string, Record<string, unknown>]> = [
    ['a newline (parsers normalise whitespace in attributes)', { 'http://example.com/claims/multiline\nname': 'x', other: 'line 1\nline 2' }],
    ['a carriage return', { other: 'a\r\nb' }],
  ];
  test('a control character (not XML 1.0) is refused by the string canonicaliser', async () => {
    expect(canonicalizeElement(await unsignedLogin(addon, { other: 'bell\u0007' }), MATCH.assertion)).toBeNull();
  });
  test.each(cases)('%s: no fast canonical form, still a valid signature', async (_name, attributes) => {
    const xml = await unsignedLogin(addon, attributes);
    expect(canonicalizeElement(xml, MATCH.assertion)).toBeNull();
    const signed = await signSamlResponseXml(xml, { target: 'assertion', key: testKey(), signatureAlgorithm: 'rsa-sha256', digestAlgorithm: 'sha256' });
    expect(signatureOf(signed)).not.toBe('');
    expect(checkWithXmlCrypto(signed)).toBe(true);
  });

  test.each([
    ['a numeric character reference', (x: string) => x.replace('>ada@example.com<', '>ada&#64;example.com<')],
    ['a comment', (x: string) => x.replace('<saml:Subject>', '<!-- c --><saml:Subject>')],
    ['a default namespace', (x: string) => x.replace('<saml:Subject>', '<saml:Subject xmlns="urn:x">')],
    ['a single-quoted attribute', (x: string) => x.replace('Version="2.0" ID=', "Version='2.0' ID=")],
    ['two assertions', (x: string) => x.replace('</samlp:Response>', `${/<saml:Assertion[\s\S]*<\/saml:Assertion>/.exec(x)?.[0] ?? ''}</samlp:Response>`)],
  ])('%s is refused by the string canonicaliser', async (_name, edit) => {
    const xml = edit(await unsignedLogin(addon));
    expect(canonicalizeElement(xml, MATCH.assertion)).toBeNull();
  });

  test('the unedited document is accepted by the string canonicaliser', async () => {
    expect(canonicalizeElement(await unsignedLogin(addon), MATCH.assertion)).not.toBeNull();
  });

  test('a fallback signature verifies with xml-crypto', async () => {
    const xml = (await unsignedLogin(addon)).replace('>ada@example.com<', '>ada&#64;example.com<');
    const signed = await signSamlResponseXml(xml, { target: 'assertion', key: testKey(), signatureAlgorithm: 'rsa-sha256', digestAlgorithm: 'sha256' });
    expect(checkWithXmlCrypto(signed)).toBe(true);
  });
});
