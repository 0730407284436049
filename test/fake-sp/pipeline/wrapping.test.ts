import { DOMParser } from '@xmldom/xmldom';
import { describe, expect, it } from 'vitest';
import { wrapping } from '../../../fake-sp/pipeline/checks/wrapping.ts';
import { validateXmlString } from '../../../fake-sp/pipeline/index.ts';
import { buildResponseXml, signElement, signedResponseXml } from '../../helpers/saml-signer.ts';
import { NOW, check, expectFailure, expectOk, expectations } from './support.ts';

const ASSERTION = /<saml:Assertion [\s\S]*<\/saml:Assertion>/;
const evilAssertion = (xml: string) =>
  (ASSERTION.exec(xml)?.[0] ?? '')
    .replace(/ID="[^"]+"/, 'ID="_evil00000000000000000000000000000"')
    .replace(/<Signature [\s\S]*?<\/Signature>/, '')
    .replace('ana.agent@example.com', 'admin@example.com');

describe('wrapping check', () => {
  it('accepts the single signed Assertion and reads values from the signed bytes', () => {
    const v = validateXmlString(signedResponseXml({ sign: 'assertion' }), expectations(), NOW);
    expectOk(v, 'wrapping');
    expect(check(v, 'wrapping').detail).toContain('signed Assertion bytes');
  });

  it('rejects a second, unsigned Assertion placed before the signed one (WRAP_MULTIPLE_ASSERTIONS)', () => {
    const xml = signedResponseXml({ sign: 'assertion' });
    const wrapped = xml.replace('<saml:Assertion ', `${evilAssertion(xml)}<saml:Assertion `);
    const v = validateXmlString(wrapped, expectations(), NOW);
    expectOk(v, 'signature'); // the genuine Assertion signature still verifies…
    expectFailure(v, 'wrapping', 'WRAP_MULTIPLE_ASSERTIONS'); // …but nothing is consumed
    expect(v.attributes).toEqual({});
    expect(v.flex.email).toBeUndefined();
  });

  it('rejects a moved signed Response: the original nested in Extensions under an attacker Response', () => {
    const original = signedResponseXml({ sign: 'response' });
    const attacker = buildResponseXml({ attributes: { email: 'admin@example.com', full_name: 'Mallory', roles: 'admin' } }).replace(
      '<samlp:Status>',
      `<samlp:Extensions>${original}</samlp:Extensions><samlp:Status>`,
    );
    const v = validateXmlString(attacker, expectations(), NOW);
    expectFailure(v, 'signature', 'SIG_MISPLACED'); // the genuine Signature now sits under samlp:Extensions
    expectFailure(v, 'wrapping', 'WRAP_MULTIPLE_ASSERTIONS');
  });

  it('rejects duplicate IDs anywhere in the document (WRAP_DUPLICATE_ID)', () => {
    const xml = signedResponseXml({ sign: 'assertion', assertionId: '_ABCDEFGHIJKLMNOPQRSTUVWXYZ012345' });
    const dup = xml.replace('<samlp:Status>', '<samlp:Extensions><x ID="_ABCDEFGHIJKLMNOPQRSTUVWXYZ012345"/></samlp:Extensions><samlp:Status>');
    const v = validateXmlString(dup, expectations(), NOW);
    expectFailure(v, 'wrapping', 'WRAP_DUPLICATE_ID');
    expect(check(v, 'signature').status).toBe('failed'); // xml-crypto also refuses ambiguous references
  });

  it('rejects an EncryptedAssertion: Flex does not support encrypted assertions', () => {
    const unsigned = buildResponseXml().replace(
      ASSERTION,
      '<saml:EncryptedAssertion xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion"><xenc:EncryptedData xmlns:xenc="http://www.w3.org/2001/04/xmlenc#"/></saml:EncryptedAssertion>',
    );
    const v = validateXmlString(signElement(unsigned, 'Response'), expectations(), NOW);
    expectOk(v, 'signature');
    expect(expectFailure(v, 'wrapping', 'WRAP_ENCRYPTED_ASSERTION').hint).toContain('Flex does not support encrypted assertions');
  });

  it('rejects an Assertion hidden outside its place, even inside a signed Response (WRAP_ASSERTION_POSITION)', () => {
    const unsigned = buildResponseXml();
    const assertion = ASSERTION.exec(unsigned)?.[0] ?? '';
    const hidden = unsigned.replace(assertion, '').replace('<samlp:Status>', `<samlp:Extensions>${assertion}</samlp:Extensions><samlp:Status>`);
    const v = validateXmlString(signElement(hidden, 'Response'), expectations(), NOW);
    expectOk(v, 'signature');
    expectFailure(v, 'wrapping', 'WRAP_ASSERTION_POSITION');
  });

  it('rejects a Success response without any Assertion (WRAP_NO_ASSERTION)', () => {
    const v = validateXmlString(signElement(buildResponseXml().replace(ASSERTION, ''), 'Response'), expectations(), NOW);
    expectFailure(v, 'wrapping', 'WRAP_NO_ASSERTION');
  });

  it('rejects a consumed Assertion that is not the signed node (WRAP_NOT_SIGNED_NODE), as a pure check', () => {
    const parse = (xml: string) => new DOMParser().parseFromString(xml, 'text/xml').documentElement!;
    const root = parse(buildResponseXml({ assertionId: '_consumed000000000000000000000000' }));
    const signed = parse('<saml:Assertion xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="_signed00000000000000000000000000"/>');
    const out = wrapping({ input: '', root, signedElement: 'Assertion', signedAssertion: signed }, expectations(), NOW);
    expect(out.result).toMatchObject({ status: 'failed', code: 'WRAP_NOT_SIGNED_NODE' });
    expect(out.trusted).toBeUndefined();
    const same = wrapping(
      {
        input: '',
        root,
        signedElement: 'Assertion',
        signedAssertion: parse('<saml:Assertion xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="_consumed000000000000000000000000"/>'),
      },
      expectations(),
      NOW,
    );
    expect(same.result.status).toBe('ok');
  });

  it('accepts an Assertion carried as Advice inside the signed Assertion, but not one in Extensions', () => {
    const advice =
      '<saml:Advice><saml:Assertion ID="_advice0000000000000000000000000" Version="2.0" IssueInstant="2026-01-15T10:00:00.000Z"><saml:Issuer>urn:elsewhere</saml:Issuer></saml:Assertion></saml:Advice>';
    const inAdvice = signedResponseXml({ edit: (x) => x.replace('<saml:AuthnStatement ', `${advice}<saml:AuthnStatement `) });
    const v = validateXmlString(inAdvice, expectations(), NOW);
    expectOk(v, 'wrapping');
    expect(v.facts.issuer).toBe('urn:flex-sso-test.eu.auth0.com');
    const inExtensions = signedResponseXml({
      edit: (x) =>
        x.replace(
          '<samlp:Status>',
          `<samlp:Extensions>${advice.replace('<saml:Advice>', '<saml:Advice xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion">')}</samlp:Extensions><samlp:Status>`,
        ),
    });
    const w = validateXmlString(inExtensions, expectations(), NOW);
    expectOk(w, 'parse');
    expectFailure(w, 'wrapping', 'WRAP_MULTIPLE_ASSERTIONS');
  });

  describe('comments never truncate a value', () => {
    for (const sign of ['response', 'assertion'] as const) {
      it(`reads a NameID and an attribute whole when a comment is injected after signing (${sign} signed)`, () => {
        const xml = signedResponseXml({
          sign,
          nameId: 'admin@x.com.evil.com',
          attributes: { email: 'admin@x.com.evil.com', full_name: 'Eve', roles: 'agent' },
        });
        const injected = xml
          .replace('>admin@x.com.evil.com</saml:NameID>', '>admin@x.com<!---->.evil.com</saml:NameID>')
          .replace('>admin@x.com.evil.com</saml:AttributeValue>', '>admin@x.com<!-- -->.evil.com</saml:AttributeValue>');
        expect(injected).toContain('admin@x.com<!---->.evil.com');
        const v = validateXmlString(injected, expectations(), NOW);
        expectOk(v, 'signature'); // exc-c14n without comments: the signed bytes never contained the comment
        expect(v.facts.nameId).toBe('admin@x.com.evil.com');
        expect(v.attributes['email']).toEqual(['admin@x.com.evil.com']);
        expect(v.flex.email).toBe('admin@x.com.evil.com');
      });
    }
  });
});
