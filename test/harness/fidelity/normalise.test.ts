import { describe, expect, test } from 'vitest';
import { NORMALISE_LIMITS, normaliseSamlXml, type NormalElement } from '../../../harness/fidelity/index.ts';

const SAMLP = 'urn:oasis:names:tc:SAML:2.0:protocol';
const SAML = 'urn:oasis:names:tc:SAML:2.0:assertion';
const DS = 'http://www.w3.org/2000/09/xmldsig#';

// A small Auth0-shaped response (pretty-printed on purpose: whitespace between elements is not structure).
const RESPONSE = `<samlp:Response xmlns:samlp="${SAMLP}" ID="_0123456789abcdef0123"  InResponseTo="_req"  Version="2.0" IssueInstant="2026-03-01T12:00:00.008Z"  Destination="https://sp/acs">
  <saml:Issuer xmlns:saml="${SAML}">urn:t</saml:Issuer>
  <samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/></samlp:Status>
  <saml:Assertion xmlns:saml="${SAML}" Version="2.0" ID="_abcdefghijABCDEFGHIJ0123456789xy" IssueInstant="2026-03-01T12:00:00.000Z">
    <saml:Issuer>urn:t</saml:Issuer>
    <Signature xmlns="${DS}"><SignedInfo><Reference URI="#_abcdefghijABCDEFGHIJ0123456789xy"><DigestValue>abc=</DigestValue></Reference></SignedInfo><SignatureValue>sig==</SignatureValue><KeyInfo><X509Data><X509Certificate>MIIC</X509Certificate></X509Data></KeyInfo></Signature>
    <saml:Subject><saml:NameID Format="urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified">auth0|123</saml:NameID></saml:Subject>
    <saml:Conditions NotBefore="2026-03-01T12:00:00.000Z" NotOnOrAfter="2026-03-01T13:00:00Z"/>
    <saml:AuthnStatement AuthnInstant="2026-03-01T12:00:00.000Z" SessionIndex="_abcdefghijABCDEFGHIJ0123456789zz"/>
    <saml:AttributeStatement xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
      <saml:Attribute Name="email" NameFormat="urn:oasis:names:tc:SAML:2.0:attrname-format:basic"><saml:AttributeValue xsi:type="xs:string">ada@example.com</saml:AttributeValue></saml:Attribute>
    </saml:AttributeStatement>
  </saml:Assertion>
</samlp:Response>`;

function normal(xml: string): NormalElement {
  const r = normaliseSamlXml(xml);
  if (!r.ok) throw new Error(r.error.detail);
  return r.root;
}

const find = (el: NormalElement, ...locals: string[]): NormalElement => {
  let cur = el;
  for (const local of locals) {
    const next = cur.children.find((c) => c.local === local);
    if (!next) throw new Error(`no ${local}`);
    cur = next;
  }
  return cur;
};

describe('normaliseSamlXml', () => {
  test('IDs become their role and shape; the Reference names what it signs; InResponseTo a placeholder', () => {
    const root = normal(RESPONSE);
    expect(root.attributes).toEqual({
      ID: '{response-id _hex20}',
      InResponseTo: '{request-id}',
      Version: '2.0',
      IssueInstant: '{instant+0s}',
      Destination: 'https://sp/acs',
    });
    expect(find(root, 'Assertion').attributes.ID).toBe('{assertion-id _alnum32}');
    expect(find(root, 'Assertion', 'Signature', 'SignedInfo', 'Reference').attributes.URI).toBe('#{assertion-id}');
    expect(find(root, 'Assertion', 'AuthnStatement').attributes).toEqual({ AuthnInstant: '{instant+0s}', SessionIndex: '{session-index _alnum32}' });
  });

  test('instants become offsets from the Assertion IssueInstant, marking whole-second values', () => {
    expect(find(normal(RESPONSE), 'Assertion', 'Conditions').attributes).toEqual({ NotBefore: '{instant+0s}', NotOnOrAfter: '{instant+3600s, whole seconds}' });
  });

  test('signature bytes, the certificate and user data are masked; configuration values and types stay', () => {
    const root = normal(RESPONSE);
    const sig = find(root, 'Assertion', 'Signature');
    expect(find(sig, 'SignedInfo', 'Reference', 'DigestValue').text).toBe('{digest}');
    expect(find(sig, 'SignatureValue').text).toBe('{signature}');
    expect(find(sig, 'KeyInfo', 'X509Data', 'X509Certificate').text).toBe('{certificate}');
    expect(find(root, 'Assertion', 'Subject', 'NameID')).toEqual({
      ns: SAML,
      local: 'NameID',
      attributes: { Format: 'urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified' },
      children: [],
      text: '{user data}',
    });
    expect(find(root, 'Issuer').text).toBe('urn:t');
    const attribute = find(root, 'Assertion', 'AttributeStatement', 'Attribute');
    expect(attribute.attributes).toEqual({ Name: 'email', NameFormat: 'urn:oasis:names:tc:SAML:2.0:attrname-format:basic' });
    expect(attribute.children).toEqual([{ ns: SAML, local: 'AttributeValue', attributes: { 'xsi:type': 'xs:string' }, children: [], text: '{user data}' }]);
  });

  test('namespace declarations and whitespace between elements are not structure; prefixes do not matter', () => {
    const root = normal(RESPONSE);
    expect(Object.keys(find(root, 'Assertion', 'AttributeStatement').attributes)).toEqual([]);
    expect(root.text).toBeUndefined();
    const prefixed = RESPONSE.replace(/samlp:/g, 'p:').replace('xmlns:samlp=', 'xmlns:p=');
    expect(normal(prefixed)).toEqual(root);
  });

  test('an empty masked element keeps its placeholder (the value is data, its absence is not)', () => {
    const root = normal(RESPONSE.replace('>ada@example.com<', '><'));
    expect(find(root, 'Assertion', 'AttributeStatement', 'Attribute', 'AttributeValue').text).toBe('{user data}');
  });

  test.each([
    ['a DOCTYPE', `<!DOCTYPE r [<!ENTITY x "y">]>${RESPONSE}`, 'FIDELITY_XML_DTD'],
    ['malformed XML', '<samlp:Response', 'FIDELITY_XML_MALFORMED'],
    ['an oversized document', `<r>${'x'.repeat(NORMALISE_LIMITS.maxChars)}</r>`, 'FIDELITY_XML_TOO_LARGE'],
    ['a hostile nesting', `${'<a>'.repeat(NORMALISE_LIMITS.maxDepth + 1)}${'</a>'.repeat(NORMALISE_LIMITS.maxDepth + 1)}`, 'FIDELITY_XML_TOO_DEEP'],
  ])('refuses %s with a stable code and a hint', (_label, xml, code) => {
    const r = normaliseSamlXml(xml);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe(code);
      expect(r.error.hint).not.toBe('');
    }
  });

  test('nesting exactly at the depth limit is fine', () => {
    const depth = NORMALISE_LIMITS.maxDepth;
    expect(normaliseSamlXml(`${'<a>'.repeat(depth)}${'</a>'.repeat(depth)}`).ok).toBe(true);
  });
});
