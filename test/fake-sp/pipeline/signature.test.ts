import { describe, expect, it } from 'vitest';
import { validateXmlString } from '../../../fake-sp/pipeline/index.ts';
import { buildResponseXml, signElement, signedResponseXml, testKey } from '../../helpers/saml-signer.ts';
import { NOW, check, expectFailure, expectOk, expectations } from './support.ts';

const SIG_METHOD_256 = 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256';

describe('signature check', () => {
  it('accepts RSA-SHA512 without a warning', () => {
    const v = validateXmlString(signedResponseXml({ algorithm: 'sha512' }), expectations(), NOW);
    expectOk(v, 'signature');
    expect(check(v, 'signature').warnings ?? []).toEqual([]);
  });

  it('rejects an unsigned response (SIG_UNSIGNED)', () => {
    expectFailure(validateXmlString(signedResponseXml({ sign: 'none' }), expectations(), NOW), 'signature', 'SIG_UNSIGNED');
  });

  it('rejects a response signed by a key whose certificate is not pinned, hinting at a rotated certificate', () => {
    const v = validateXmlString(signedResponseXml({ key: testKey('other-idp') }), expectations(), NOW);
    const c = expectFailure(v, 'signature', 'SIG_INVALID');
    expect(c.hint).toContain('/pem');
    expect(c.actual).toContain('test-only-other-idp'); // names the KeyInfo certificate, for display only
  });

  it("ignores KeyInfo: the attacker's certificate in KeyInfo does not make its signature valid", () => {
    const xml = signedResponseXml({ key: testKey('other-idp') });
    expect(xml).toContain('<X509Certificate>');
    expectFailure(validateXmlString(xml, expectations(), NOW), 'signature', 'SIG_INVALID');
  });

  it('ignores KeyInfo: a pinned-key signature verifies even when KeyInfo carries another certificate', () => {
    const body = (pem: string) => pem.replace(/-----[A-Z ]+-----|\s/g, '');
    const xml = signedResponseXml().replace(body(testKey('idp').cert), body(testKey('other-idp').cert));
    expectOk(validateXmlString(xml, expectations(), NOW), 'signature');
  });

  it('accepts any of several pinned certificates (rotation: old and new pinned)', () => {
    const v = validateXmlString(signedResponseXml(), expectations({ certificates: [testKey('other-idp').cert, testKey('idp').cert] }), NOW);
    expectOk(v, 'signature');
    expect(v.warnings.join(' ')).toContain('pinned certificate #2');
  });

  it('rejects a value tampered after signing (SIG_DIGEST_MISMATCH) for response- and assertion-signed shapes', () => {
    for (const sign of ['response', 'assertion'] as const) {
      const xml = signedResponseXml({ sign }).replace('>ana.agent@example.com<', '>admin@example.com<');
      const c = expectFailure(validateXmlString(xml, expectations(), NOW), 'signature', 'SIG_DIGEST_MISMATCH');
      expect(c.hint).toContain('altered');
    }
  });

  it('says the signature value does not verify (not "certificate rotated") when KeyInfo holds the pinned certificate (SIG_VALUE_INVALID)', () => {
    const xml = signedResponseXml().replace(/<SignatureValue>(.)/, (_m, c: string) => `<SignatureValue>${c === 'A' ? 'B' : 'A'}`);
    const c = expectFailure(validateXmlString(xml, expectations(), NOW), 'signature', 'SIG_VALUE_INVALID');
    expect(c.actual).toContain('the signature value does not verify');
    expect(`${c.detail} ${c.hint}`).not.toMatch(/rotat|another key/);
  });

  it('says "empty SignatureValue", not "content changed after signing", for an unfinished signature (SIG_VALUE_EMPTY)', () => {
    for (const empty of ['<SignatureValue></SignatureValue>', '<SignatureValue>\n  </SignatureValue>', '<SignatureValue/>']) {
      const xml = signedResponseXml().replace(/<SignatureValue>[^<]*<\/SignatureValue>/, empty);
      const c = expectFailure(validateXmlString(xml, expectations(), NOW), 'signature', 'SIG_VALUE_EMPTY');
      expect(c.detail).not.toContain('changed after signing');
    }
  });

  it('rejects weak or unknown algorithms before any crypto (SIG_ALG_WEAK)', () => {
    const hmac = signedResponseXml().replace(SIG_METHOD_256, 'http://www.w3.org/2000/09/xmldsig#hmac-sha1');
    expect(expectFailure(validateXmlString(hmac, expectations(), NOW), 'signature', 'SIG_ALG_WEAK').actual).toContain('hmac-sha1');
    const md5 = signedResponseXml().replace('http://www.w3.org/2001/04/xmlenc#sha256', 'http://www.w3.org/2001/04/xmldsig-more#md5');
    expectFailure(validateXmlString(md5, expectations(), NOW), 'signature', 'SIG_ALG_WEAK');
    const dsa = signedResponseXml().replace(SIG_METHOD_256, 'http://www.w3.org/2000/09/xmldsig#dsa-sha1');
    expectFailure(validateXmlString(dsa, expectations(), NOW), 'signature', 'SIG_ALG_WEAK');
  });

  it('rejects transforms other than enveloped + c14n (SIG_TRANSFORM_NOT_ALLOWED)', () => {
    const xml = signedResponseXml().replace(
      '<Transform Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"/>',
      '<Transform Algorithm="http://www.w3.org/TR/1999/REC-xpath-19991116"/>',
    );
    expectFailure(validateXmlString(xml, expectations(), NOW), 'signature', 'SIG_TRANSFORM_NOT_ALLOWED');
  });

  it('rejects a signature that references something other than its enveloping element (SIG_BAD_REFERENCE)', () => {
    const xml = signedResponseXml({ responseId: '_0123456789abcdef0123' });
    const elsewhere = xml.replace('URI="#_0123456789abcdef0123"', 'URI="#_somewhere_else"');
    expectFailure(validateXmlString(elsewhere, expectations(), NOW), 'signature', 'SIG_BAD_REFERENCE');
    const wholeDocument = xml.replace('URI="#_0123456789abcdef0123"', 'URI=""');
    expectFailure(validateXmlString(wholeDocument, expectations(), NOW), 'signature', 'SIG_BAD_REFERENCE');
  });

  it('rejects two signatures on the Response (SIG_MULTIPLE)', () => {
    const once = signedResponseXml();
    const sig = /<Signature [\s\S]*?<\/Signature>/.exec(once)?.[0] ?? '';
    expectFailure(validateXmlString(once.replace(sig, sig + sig), expectations(), NOW), 'signature', 'SIG_MULTIPLE');
  });

  it('rejects an unusable pinned certificate list (SIG_BAD_CERT, SIG_NO_CERT) and accepts a bare base64 body', () => {
    const xml = signedResponseXml();
    expectFailure(
      validateXmlString(xml, expectations({ certificates: ['-----BEGIN CERTIFICATE-----\nnot a cert\n-----END CERTIFICATE-----'] }), NOW),
      'signature',
      'SIG_BAD_CERT',
    );
    expectFailure(validateXmlString(xml, expectations({ certificates: [] }), NOW), 'signature', 'SIG_NO_CERT');
    const bare = testKey().cert.replace(/-----[A-Z ]+-----/g, '');
    expectOk(validateXmlString(xml, expectations({ certificates: [bare] }), NOW), 'signature');
  });

  it('accepts a Signature after the Assertion (older Auth0 samlp placement)', () => {
    // Sign, then move the Response Signature to the end: placement is not covered by the digest.
    const xml = signedResponseXml();
    const sig = /<Signature [\s\S]*?<\/Signature>/.exec(xml)?.[0] ?? '';
    const moved = xml.replace(sig, '').replace('</samlp:Response>', `${sig}</samlp:Response>`);
    expectOk(validateXmlString(moved, expectations(), NOW), 'signature');
  });

  it('verifies an Assertion signature and a Response signature together (both)', () => {
    const unsigned = buildResponseXml();
    const both = signElement(signElement(unsigned, 'Assertion'), 'Response');
    const v = validateXmlString(both, expectations(), NOW);
    expectOk(v, 'signature');
    expect(v.facts.signedElement).toBe('both');
  });

  it('verifies a ds:-prefixed Assertion signature (Auth0 saml library style)', () => {
    const xml = signElement(buildResponseXml(), 'Assertion', testKey(), 'sha256', 'ds');
    expect(xml).toContain('<ds:Signature');
    const v = validateXmlString(xml, expectations(), NOW);
    expectOk(v, 'signature');
    expectOk(v, 'flex');
  });
});
