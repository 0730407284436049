// Local test helper (the shared test/helpers/saml-signer.ts was not there when these tests were
// written): builds an Auth0-shaped SAML Response and signs it for real with xml-crypto and a
// freshly generated RSA key, the way Auth0 does (Signature right after Issuer, exc-c14n + enveloped,
// X509Certificate in KeyInfo; assertion-signed by default, response-signed when signResponse).
import { randomBytes } from 'node:crypto';
import { SignedXml } from 'xml-crypto';
import { generate } from 'selfsigned';

export interface TestKey {
  privateKey: string;
  cert: string;
}

export async function makeKey(cn = 'test.auth0.com'): Promise<TestKey> {
  const pems = await generate([{ name: 'commonName', value: cn }], { keySize: 2048, algorithm: 'sha256' });
  return { privateKey: pems.private, cert: pems.cert };
}

export interface ResponseOptions {
  key: TestKey;
  acsUrl: string;
  audience: string;
  issuer?: string;
  now: Date;
  lifetimeSeconds?: number;
  inResponseTo?: string;
  assertionId?: string;
  email?: string;
  fullName?: string;
  roles?: string[];
  extraAttributes?: Record<string, string[]>;
  signResponse?: boolean;
}

export const TEST_ISSUER = 'urn:test.auth0.com';

const xmlEscape = (s: string) => s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');

export function newAssertionId(): string {
  return `_${randomBytes(16).toString('hex')}`;
}

export function buildSignedResponse(o: ResponseOptions): { xml: string; base64: string; assertionId: string } {
  const issuer = o.issuer ?? TEST_ISSUER;
  const assertionId = o.assertionId ?? newAssertionId();
  const instant = o.now.toISOString();
  const until = new Date(o.now.getTime() + (o.lifetimeSeconds ?? 3600) * 1000).toISOString();
  const irt = o.inResponseTo ? ` InResponseTo="${xmlEscape(o.inResponseTo)}"` : '';
  const attrs: Record<string, string[]> = {
    email: [o.email ?? 'agent1@example.com'],
    full_name: [o.fullName ?? 'Agent One'],
    roles: o.roles ?? ['agent'],
    ...o.extraAttributes,
  };
  const attributeXml = Object.entries(attrs)
    .map(
      ([name, values]) =>
        `<saml:Attribute Name="${xmlEscape(name)}" NameFormat="urn:oasis:names:tc:SAML:2.0:attrname-format:basic">` +
        values.map((v) => `<saml:AttributeValue xsi:type="xs:string">${xmlEscape(v)}</saml:AttributeValue>`).join('') +
        '</saml:Attribute>',
    )
    .join('');
  const xml =
    `<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" ID="_${randomBytes(10).toString('hex')}"${irt} Version="2.0" IssueInstant="${instant}" Destination="${xmlEscape(o.acsUrl)}">` +
    `<saml:Issuer xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion">${xmlEscape(issuer)}</saml:Issuer>` +
    '<samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/></samlp:Status>' +
    `<saml:Assertion xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" Version="2.0" ID="${assertionId}" IssueInstant="${instant}">` +
    `<saml:Issuer>${xmlEscape(issuer)}</saml:Issuer>` +
    '<saml:Subject><saml:NameID Format="urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified">auth0|test-user</saml:NameID>' +
    `<saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer"><saml:SubjectConfirmationData NotOnOrAfter="${until}" Recipient="${xmlEscape(o.acsUrl)}"${irt}/></saml:SubjectConfirmation></saml:Subject>` +
    `<saml:Conditions NotBefore="${instant}" NotOnOrAfter="${until}"><saml:AudienceRestriction><saml:Audience>${xmlEscape(o.audience)}</saml:Audience></saml:AudienceRestriction></saml:Conditions>` +
    `<saml:AuthnStatement AuthnInstant="${instant}" SessionIndex="_session"><saml:AuthnContext><saml:AuthnContextClassRef>urn:oasis:names:tc:SAML:2.0:ac:classes:unspecified</saml:AuthnContextClassRef></saml:AuthnContext></saml:AuthnStatement>` +
    `<saml:AttributeStatement xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">${attributeXml}</saml:AttributeStatement>` +
    '</saml:Assertion></samlp:Response>';
  const target = o.signResponse ? 'Response' : 'Assertion';
  const sig = new SignedXml({
    privateKey: o.key.privateKey,
    publicCert: o.key.cert,
    signatureAlgorithm: 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256',
    canonicalizationAlgorithm: 'http://www.w3.org/2001/10/xml-exc-c14n#',
  });
  sig.addReference({
    xpath: `//*[local-name(.)='${target}']`,
    digestAlgorithm: 'http://www.w3.org/2001/04/xmlenc#sha256',
    transforms: ['http://www.w3.org/2000/09/xmldsig#enveloped-signature', 'http://www.w3.org/2001/10/xml-exc-c14n#'],
  });
  sig.computeSignature(xml, { location: { reference: `//*[local-name(.)='${target}']/*[local-name(.)='Issuer']`, action: 'after' } });
  const signed = sig.getSignedXml();
  return { xml: signed, base64: Buffer.from(signed, 'utf8').toString('base64'), assertionId };
}
