// Pipeline fixes found by running test/fixtures/corpus (see test/fixtures/corpus-manifest.json), each
// reproduced here on a response signed for real with the test IdP key.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { validateXmlString } from '../../../fake-sp/pipeline/validate.ts';
import { buildResponseXml, signElement } from '../../helpers/saml-signer.ts';
import { check, expectAllOk, expectations, NOW } from './support.ts';

const SAML_NS = 'urn:oasis:names:tc:SAML:2.0:assertion';
const ADVICE =
  '<saml:Advice><saml:Assertion Version="2.0" ID="_advice0000000000000000000000000000" IssueInstant="2026-01-15T10:00:00.000Z">' +
  '<saml:Issuer>urn:flex-sso-test.eu.auth0.com</saml:Issuer>' +
  '<saml:AttributeStatement><saml:Attribute Name="roles"><saml:AttributeValue>admin</saml:AttributeValue></saml:Attribute></saml:AttributeStatement>' +
  '</saml:Assertion></saml:Advice>';

describe('wrapping: an Assertion carried in the Advice of the consumed Assertion (node-saml signature-placement corpus)', () => {
  it('is accepted when it sits in the Advice of the signed Assertion, and its attributes are never read', () => {
    const xml = signElement(buildResponseXml().replace('</saml:Conditions>', `</saml:Conditions>${ADVICE}`), 'Response');
    const verdict = validateXmlString(xml, expectations(), NOW);
    expectAllOk(verdict);
    expect(verdict.attributes['roles']).toEqual(['agent']);
  });

  it('still counts an Assertion in an Advice placed outside any Assertion as a second Assertion', () => {
    const xml = signElement(
      buildResponseXml().replace('<saml:Assertion ', `${ADVICE.replace('<saml:Advice>', `<saml:Advice xmlns:saml="${SAML_NS}">`)}<saml:Assertion `),
      'Response',
    );
    const verdict = validateXmlString(xml, expectations(), NOW);
    expect(check(verdict, 'wrapping')).toMatchObject({ status: 'failed', code: 'WRAP_MULTIPLE_ASSERTIONS' });
    expect(verdict.valid).toBe(false);
  });
});

describe('signature: a Signature outside the Response and the Assertion (ruby-saml invalids/response_invalid_signed_element)', () => {
  const bothSigned = signElement(signElement(buildResponseXml(), 'Assertion'), 'Response');

  it('accepts the Response and Assertion signatures in their places', () => {
    expectAllOk(validateXmlString(bothSigned, expectations(), NOW));
  });

  it('refuses a Response signature moved into samlp:Status even though the Assertion signature verifies', () => {
    const start = bothSigned.indexOf('<Signature');
    const end = bothSigned.indexOf('</Signature>', start) + '</Signature>'.length;
    const signatureXml = bothSigned.slice(start, end);
    const moved = (bothSigned.slice(0, start) + bothSigned.slice(end)).replace('<samlp:Status>', `<samlp:Status>${signatureXml}`);
    const verdict = validateXmlString(moved, expectations(), NOW);
    expect(check(verdict, 'signature')).toMatchObject({ status: 'failed', code: 'SIG_MISPLACED' });
    expect(verdict.valid).toBe(false);
  });
});

describe('signature: a CR written as &#13; inside the Signature (node-saml valid/response.root-signed.assertion-unsigned-13-signature)', () => {
  const dir = new URL('../../fixtures/corpus/attacks/signature-placement-node-saml/', import.meta.url);
  const xml = readFileSync(new URL('valid__response.root-signed.assertion-unsigned-13-signature.xml', dir), 'utf8');
  const cert = readFileSync(new URL('cert.pem', dir), 'utf8');
  const corpusExpectations = { certificates: [cert] };
  const clock = new Date('2020-09-25T16:59:00Z');

  it('verifies: the SignatureValue keeps its CRs when the Signature is handed to xml-crypto', () => {
    expect(xml).toContain('&#13;');
    const verdict = validateXmlString(xml, corpusExpectations, clock);
    expect(check(verdict, 'signature')).toMatchObject({ status: 'ok' });
    expect(check(verdict, 'wrapping')).toMatchObject({ status: 'ok' });
  });

  it('still rejects the same document with its signed NameID changed', () => {
    expect(xml).toContain('vincent.vega@evil-corp.com');
    const verdict = validateXmlString(xml.replace('vincent.vega@evil-corp.com', 'vincent.vega@hacker-corp.com'), corpusExpectations, clock);
    expect(check(verdict, 'signature')).toMatchObject({ status: 'failed', code: 'SIG_DIGEST_MISMATCH' });
  });
});
