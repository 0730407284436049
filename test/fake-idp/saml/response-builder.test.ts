import { describe, expect, test } from 'vitest';
import { foreignSigningKey } from '../../../fake-idp/faults/plan.ts';
import { buildLoginResponse } from '../../../fake-idp/saml/login-response.ts';
import { attributeNameFormat, buildErrorResponseXml, buildSamlResponseXml, xsiType } from '../../../fake-idp/saml/response-builder.ts';
import { ACS, loginRequest, NOW, testKey } from './fixtures.ts';
import { attributeMap, childElements, elements, first, parseXml, verifiedReferences } from './xml-helpers.ts';

const DSIG = 'http://www.w3.org/2000/09/xmldsig#';

async function build(opts: Parameters<typeof loginRequest>[0] = {}) {
  const r = await buildLoginResponse(loginRequest(opts));
  return { ...r, doc: parseXml(r.xml) };
}

describe('Auth0-shaped success response', () => {
  test('IDs follow Auth0 patterns and the top-level layout is Issuer, Status, Assertion', async () => {
    const { doc, ok } = await build();
    expect(ok).toBe(true);
    const root = doc.documentElement as unknown as Element;
    expect(root.localName).toBe('Response');
    expect(root.getAttribute('ID')).toMatch(/^_[0-9a-f]{20}$/);
    expect(first(doc, 'Assertion').getAttribute('ID')).toMatch(/^_[A-Za-z0-9]{32}$/);
    expect(first(doc, 'AuthnStatement').getAttribute('SessionIndex')).toMatch(/^_[A-Za-z0-9]{32}$/);
    expect(childElements(root).map((e) => e.localName)).toEqual(['Issuer', 'Status', 'Assertion']);
    expect(first(doc, 'StatusCode').getAttribute('Value')).toBe('urn:oasis:names:tc:SAML:2.0:status:Success');
  });

  test('signResponse false: one default-namespace Signature right after the Assertion Issuer, covering the Assertion', async () => {
    const { doc, xml } = await build({ addon: { signatureAlgorithm: 'rsa-sha256', digestAlgorithm: 'sha256' } });
    const signatures = elements(doc, 'Signature');
    expect(signatures).toHaveLength(1);
    const signature = signatures[0] as Element;
    expect(signature.namespaceURI).toBe(DSIG);
    expect(signature.prefix ?? null).toBeNull();
    const assertion = first(doc, 'Assertion');
    expect(
      childElements(assertion)
        .map((e) => e.localName)
        .slice(0, 3),
    ).toEqual(['Issuer', 'Signature', 'Subject']);
    expect(verifiedReferences(xml, testKey().certPem)).toEqual([`#${assertion.getAttribute('ID')}`]);
    expect(first(doc, 'X509Certificate').textContent).toBe(testKey().certPem.replace(/-----[A-Z ]+-----|\s/g, ''));
    const transforms = elements(signature, 'Transform').map((t) => t.getAttribute('Algorithm'));
    expect(transforms).toEqual(['http://www.w3.org/2000/09/xmldsig#enveloped-signature', 'http://www.w3.org/2001/10/xml-exc-c14n#']);
    expect(first(signature, 'SignatureMethod').getAttribute('Algorithm')).toBe('http://www.w3.org/2001/04/xmldsig-more#rsa-sha256');
    expect(first(signature, 'DigestMethod').getAttribute('Algorithm')).toBe('http://www.w3.org/2001/04/xmlenc#sha256');
  });

  test('signResponse true: the Response is signed instead of the Assertion', async () => {
    const { doc, xml } = await build({ addon: { signResponse: true } });
    const root = doc.documentElement as unknown as Element;
    expect(elements(doc, 'Signature')).toHaveLength(1);
    expect(childElements(root).map((e) => e.localName)).toEqual(['Issuer', 'Signature', 'Status', 'Assertion']);
    expect(childElements(first(doc, 'Assertion')).map((e) => e.localName)).not.toContain('Signature');
    expect(verifiedReferences(xml, testKey().certPem)).toEqual([`#${root.getAttribute('ID')}`]);
  });

  test('sha1 settings produce rsa-sha1 / sha1 algorithm URIs that still verify', async () => {
    const { doc, xml } = await build({ addon: { signatureAlgorithm: 'rsa-sha1', digestAlgorithm: 'sha1' } });
    expect(first(doc, 'SignatureMethod').getAttribute('Algorithm')).toBe('http://www.w3.org/2000/09/xmldsig#rsa-sha1');
    expect(first(doc, 'DigestMethod').getAttribute('Algorithm')).toBe('http://www.w3.org/2000/09/xmldsig#sha1');
    expect(verifiedReferences(xml, testKey().certPem)).toHaveLength(1);
  });

  test("no signatureAlgorithm/digestAlgorithm → RSA-SHA1 / SHA-1, Auth0's default (docs customize-saml-assertions; captures auth0-svc-tester-2020, auth0-scaleft-gosaml2)", async () => {
    for (const addon of [{}, { signResponse: true }]) {
      const { doc, xml } = await build({ addon });
      expect(first(doc, 'SignatureMethod').getAttribute('Algorithm')).toBe('http://www.w3.org/2000/09/xmldsig#rsa-sha1');
      expect(first(doc, 'DigestMethod').getAttribute('Algorithm')).toBe('http://www.w3.org/2000/09/xmldsig#sha1');
      expect(verifiedReferences(xml, testKey().certPem)).toHaveLength(1);
    }
  });

  test("an Action's setSignatureAlgorithm/setDigestAlgorithm override the default", async () => {
    const r = await buildLoginResponse({
      ...loginRequest(),
      action: { attributes: {}, overrides: { signatureAlgorithm: 'rsa-sha256', digestAlgorithm: 'sha256' } },
    });
    const doc = parseXml(r.xml);
    expect(first(doc, 'SignatureMethod').getAttribute('Algorithm')).toBe('http://www.w3.org/2001/04/xmldsig-more#rsa-sha256');
    expect(first(doc, 'DigestMethod').getAttribute('Algorithm')).toBe('http://www.w3.org/2001/04/xmlenc#sha256');
  });

  test('a signature made with the tenant key fails against another certificate', async () => {
    const { xml } = await build();
    expect(() => verifiedReferences(xml, foreignSigningKey(NOW).certPem)).toThrow(/invalid/);
  });

  test('subject, conditions and authn statement carry the addon and clock values', async () => {
    const { doc } = await build({ inResponseTo: '_req-42', authnRequestIssuer: 'urn:flex:JQ0123' });
    const root = doc.documentElement as unknown as Element;
    expect(root.getAttribute('Destination')).toBe(ACS);
    expect(root.getAttribute('InResponseTo')).toBe('_req-42');
    expect(root.getAttribute('IssueInstant')).toBe(NOW.toISOString());
    const nameId = first(doc, 'NameID');
    expect(nameId.textContent).toBe('auth0|65f0a1b2c3d4e5f6a7b8c9d0');
    expect(nameId.getAttribute('Format')).toBe('urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified');
    expect(first(doc, 'SubjectConfirmation').getAttribute('Method')).toBe('urn:oasis:names:tc:SAML:2.0:cm:bearer');
    const scd = first(doc, 'SubjectConfirmationData');
    expect(scd.getAttribute('Recipient')).toBe(ACS);
    expect(scd.getAttribute('InResponseTo')).toBe('_req-42');
    expect(scd.getAttribute('NotOnOrAfter')).toBe('2026-03-01T13:00:00.000Z');
    const conditions = first(doc, 'Conditions');
    expect(conditions.getAttribute('NotBefore')).toBe(NOW.toISOString());
    expect(conditions.getAttribute('NotOnOrAfter')).toBe('2026-03-01T13:00:00.000Z');
    expect(first(doc, 'Audience').textContent).toBe('urn:flex:JQ0123');
    expect(first(doc, 'Issuer').textContent).toBe('urn:example.auth0.com');
    expect(first(doc, 'AuthnStatement').getAttribute('AuthnInstant')).toBe(NOW.toISOString());
    expect(first(doc, 'AuthnContextClassRef').textContent).toBe('urn:oasis:names:tc:SAML:2.0:ac:classes:unspecified');
  });

  test('IdP-initiated with no addon audience: no InResponseTo and no AudienceRestriction (node-saml saml20.js writes one only `if (options.audiences)`)', async () => {
    const { xml, doc } = await build();
    expect(xml).not.toContain('InResponseTo');
    expect(elements(doc, 'AudienceRestriction')).toHaveLength(0);
    const conditions = first(doc, 'Conditions');
    expect(childElements(conditions)).toHaveLength(0);
    expect(conditions.getAttribute('NotBefore')).toBe(NOW.toISOString());
    expect(conditions.getAttribute('NotOnOrAfter')).toBe('2026-03-01T13:00:00.000Z');
  });

  test('IdP-initiated with an addon audience carries it (docs customize-saml-assertions)', async () => {
    const { doc } = await build({ addon: { audience: 'urn:flex:JQabc' } });
    expect(elements(doc, 'Audience').map((e) => e.textContent)).toEqual(['urn:flex:JQabc']);
  });

  test('the Response start tag spaces InResponseTo as node-samlp templates/samlresponse.ejs renders it', async () => {
    const sp = await build({ inResponseTo: '_req-1' });
    expect(sp.xml).toMatch(
      /^<samlp:Response xmlns:samlp="[^"]+" ID="_[0-9a-f]{20}" {2}InResponseTo="_req-1" {2}Version="2\.0" IssueInstant="[^"]+" {2}Destination="[^"]+">/,
    );
    const idp = await build();
    expect(idp.xml).toMatch(/^<samlp:Response xmlns:samlp="[^"]+" ID="_[0-9a-f]{20}" {2}Version="2\.0" IssueInstant="[^"]+" {2}Destination="[^"]+">/);
  });

  test('addon values override issuer, audience, recipient, destination, lifetime, formats', async () => {
    const { doc } = await build({
      addon: {
        issuer: 'urn:custom-issuer',
        audience: 'urn:flex:JQabc',
        recipient: 'https://r.example/acs',
        destination: 'https://d.example/acs',
        lifetimeInSeconds: 600,
        nameIdentifierFormat: 'urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress',
        nameIdentifierProbes: ['http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress'],
        authnContextClassRef: 'urn:ctx',
      },
      authnRequestIssuer: 'urn:ignored-when-audience-set',
    });
    expect((doc.documentElement as unknown as Element).getAttribute('Destination')).toBe('https://d.example/acs');
    expect(elements(doc, 'Issuer').map((e) => e.textContent)).toEqual(['urn:custom-issuer', 'urn:custom-issuer']);
    expect(first(doc, 'Audience').textContent).toBe('urn:flex:JQabc');
    expect(first(doc, 'SubjectConfirmationData').getAttribute('Recipient')).toBe('https://r.example/acs');
    expect(first(doc, 'Conditions').getAttribute('NotOnOrAfter')).toBe('2026-03-01T12:10:00.000Z');
    expect(first(doc, 'NameID').textContent).toBe('ada@example.com');
    expect(first(doc, 'NameID').getAttribute('Format')).toBe('urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress');
    expect(first(doc, 'AuthnContextClassRef').textContent).toBe('urn:ctx');
  });
});

describe('attribute typing and NameFormat', () => {
  test('typedAttributes (default) infers xs:string / xs:boolean / xs:double / xs:anyType', async () => {
    const { xml } = await build({ attributes: { roles: ['admin', 'agent'], active: true, level: 3 } });
    const attrs = attributeMap(xml);
    expect(attrs.roles).toMatchObject({ values: ['admin', 'agent'], types: ['xs:string', 'xs:string'] });
    expect(attrs.active?.types).toEqual(['xs:boolean']);
    expect(attrs.level?.types).toEqual(['xs:double']);
    expect(attrs['http://schemas.auth0.com/created_at']).toMatchObject({
      types: ['xs:anyType'],
      values: ['Fri Jan 02 2026 03:04:05 GMT+0000 (Coordinated Universal Time)'],
    });
  });

  test('typedAttributes false marks every value xs:anyType', async () => {
    const attrs = attributeMap((await build({ addon: { typedAttributes: false }, attributes: { active: true } })).xml);
    expect(new Set(Object.values(attrs).flatMap((a) => a.types))).toEqual(new Set(['xs:anyType']));
  });

  test('includeAttributeNameFormat (default) gives uri for URI names and basic for plain names', async () => {
    const attrs = attributeMap((await build({ attributes: { email: 'ada@example.com' } })).xml);
    expect(attrs.email?.nameFormat).toBe('urn:oasis:names:tc:SAML:2.0:attrname-format:basic');
    expect(attrs['http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress']?.nameFormat).toBe('urn:oasis:names:tc:SAML:2.0:attrname-format:uri');
  });

  test('includeAttributeNameFormat false omits NameFormat', async () => {
    const attrs = attributeMap((await build({ addon: { includeAttributeNameFormat: false }, attributes: { email: 'x@y.z' } })).xml);
    expect(Object.values(attrs).every((a) => a.nameFormat === null)).toBe(true);
  });

  test('helpers classify names and values', () => {
    expect(attributeNameFormat('urn:oid:1.2.3')).toMatch(/:uri$/);
    expect(attributeNameFormat('full_name')).toMatch(/:basic$/);
    expect(xsiType(null, true)).toBe('xs:anyType');
    expect(xsiType({ $saml: 'xs:double', text: 'NaN' }, true)).toBe('xs:double');
    expect(xsiType('x', true)).toBe('xs:string');
    expect(xsiType(new Date(0), true)).toBe('xs:anyType');
    expect(xsiType(1, false)).toBe('xs:anyType');
  });

  test('values are XML-escaped, not injected', async () => {
    const { xml, doc } = await build({ attributes: { team: '</saml:AttributeValue><evil/>&' } });
    expect(elements(doc, 'evil')).toHaveLength(0);
    expect(attributeMap(xml).team?.values).toEqual(['</saml:AttributeValue><evil/>&']);
  });
});

describe('failure responses', () => {
  test('a deny with signResponse true: Responder status, the reason in StatusMessage@Value (node-samlp samlresponse.ejs), a signed Response, no Assertion', async () => {
    const r = await build({ failure: 'Access denied: no Flex role', inResponseTo: '_req-9', addon: { signResponse: true } });
    expect(r.ok).toBe(false);
    expect(elements(r.doc, 'Assertion')).toHaveLength(0);
    expect(first(r.doc, 'StatusCode').getAttribute('Value')).toBe('urn:oasis:names:tc:SAML:2.0:status:Responder');
    const message = first(r.doc, 'StatusMessage');
    expect(message.getAttribute('Value')).toBe('Access denied: no Flex role');
    expect(message.childNodes.length).toBe(0);
    const root = r.doc.documentElement as unknown as Element;
    expect(root.getAttribute('InResponseTo')).toBe('_req-9');
    expect(childElements(root).map((e) => e.localName)).toEqual(['Issuer', 'Signature', 'Status']);
    expect(verifiedReferences(r.xml, testKey().certPem)).toEqual([`#${root.getAttribute('ID')}`]);
  });

  test("a deny with signResponse false (Auth0's default) is sent unsigned (node-samlp buildSamlResponse signs only `if (options.signResponse)`)", async () => {
    const r = await build({ failure: 'Access denied: no Flex role' });
    expect(r.ok).toBe(false);
    expect(elements(r.doc, 'Signature')).toHaveLength(0);
    expect(childElements(r.doc.documentElement as unknown as Element).map((e) => e.localName)).toEqual(['Issuer', 'Status']);
    expect(first(r.doc, 'StatusMessage').getAttribute('Value')).toBe('Access denied: no Flex role');
  });

  test('no probe attribute gives Auth0 nameIdentifier error response', async () => {
    const r = await build({ addon: { nameIdentifierProbes: ['urn:not-there'] } });
    expect(r.ok).toBe(false);
    expect(first(r.doc, 'StatusMessage').getAttribute('Value')).toContain('No attribute was found to generate the nameIdentifier');
    expect(elements(r.doc, 'Assertion')).toHaveLength(0);
  });

  test('the pure builders are deterministic with fixed ids', () => {
    const input = {
      issuer: 'urn:i',
      destination: 'https://a/acs',
      recipient: 'https://a/acs',
      audience: 'urn:a',
      nameId: { value: 'u', format: 'f' },
      attributes: [],
      lifetimeInSeconds: 60,
      authnContextClassRef: 'c',
      typedAttributes: true,
      includeAttributeNameFormat: true,
      ids: { response: '_r', assertion: '_a', sessionIndex: '_s' },
    };
    expect(buildSamlResponseXml(input, NOW)).toBe(buildSamlResponseXml(input, NOW));
    expect(buildErrorResponseXml({ issuer: 'urn:i', destination: 'd', message: 'm & "q"', ids: { response: '_r' } }, NOW)).toContain(
      '<samlp:StatusMessage Value="m &amp; &quot;q&quot;"/></samlp:Status>',
    );
    // node-samlp's template writes no StatusMessage for an empty message (`<% if (samlStatusMessage) { %>`).
    expect(buildErrorResponseXml({ issuer: 'urn:i', destination: 'd', message: '', ids: { response: '_r' } }, NOW)).not.toContain('StatusMessage');
    expect(() => buildSamlResponseXml(input, new Date('nope'))).toThrow(RangeError);
  });
});
