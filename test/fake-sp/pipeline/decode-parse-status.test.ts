import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { validateResponse, validateXmlString } from '../../../fake-sp/pipeline/index.ts';
import { signedResponseXml, toBase64 } from '../../helpers/saml-signer.ts';
import { NOW, check, expectFailure, expectOk, expectations } from './support.ts';

const corpus = new URL('../../fixtures/corpus/', import.meta.url);
const corpusText = (path: string) => readFileSync(new URL(path, corpus), 'utf8');

describe('decode check', () => {
  it('accepts base64 wrapped with newlines and spaces, as posted by browsers and copied from logs', () => {
    const wrapped = toBase64(signedResponseXml()).replace(/(.{76})/g, '$1\r\n ');
    expectOk(validateResponse(wrapped, expectations(), NOW), 'decode');
  });

  it('rejects characters outside base64, naming the offset (DECODE_BASE64)', () => {
    const c = expectFailure(validateResponse('PHNhbWxwOlJlc3Bvbn$lPg==', expectations(), NOW), 'decode', 'DECODE_BASE64');
    expect(c.actual).toContain('"$"');
  });

  it('rejects raw XML with a hint that it must be base64 (DECODE_BASE64)', () => {
    expect(expectFailure(validateResponse('<samlp:Response/>', expectations(), NOW), 'decode', 'DECODE_BASE64').actual).toBe('raw XML');
  });

  it('rejects an empty value (DECODE_EMPTY)', () => {
    expectFailure(validateResponse('  \n', expectations(), NOW), 'decode', 'DECODE_EMPTY');
  });

  it('rejects input over the size limit before decoding it (DECODE_TOO_LARGE)', () => {
    expectFailure(validateResponse(toBase64(signedResponseXml()), expectations({ maxBytes: 1024 }), NOW), 'decode', 'DECODE_TOO_LARGE');
    expectFailure(validateResponse('A'.repeat(400 * 1024), expectations(), NOW), 'decode', 'DECODE_TOO_LARGE');
  });

  it('rejects bytes that are not text at all (DECODE_UTF8), without guessing at compression', () => {
    const c = expectFailure(
      validateResponse(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0xff]).toString('base64'), expectations(), NOW),
      'decode',
      'DECODE_UTF8',
    );
    expect(c.hint).not.toMatch(/deflate/i);
  });
});

describe('parse check', () => {
  it('accepts a well-formed samlp:Response', () => {
    expectOk(validateXmlString(signedResponseXml(), expectations(), NOW), 'parse');
  });

  it('rejects a DOCTYPE and an ENTITY declaration before parsing (PARSE_DOCTYPE)', () => {
    const xml = signedResponseXml();
    const doctype = xml.replace('<samlp:Response', '<!DOCTYPE r [<!ENTITY x "boom">]><samlp:Response');
    expectFailure(validateXmlString(doctype, expectations(), NOW), 'parse', 'PARSE_DOCTYPE');
    expectFailure(validateXmlString('<!ENTITY x SYSTEM "file:///etc/passwd"><a/>', expectations(), NOW), 'parse', 'PARSE_DOCTYPE');
  });

  it('rejects malformed XML (PARSE_MALFORMED)', () => {
    expectFailure(
      validateXmlString('<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol"><a></samlp:Response>', expectations(), NOW),
      'parse',
      'PARSE_MALFORMED',
    );
    expectFailure(validateXmlString('just text', expectations(), NOW), 'parse', 'PARSE_MALFORMED');
  });

  it('rejects nesting deeper than the limit (PARSE_DEPTH)', () => {
    const deep = `<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol">${'<a>'.repeat(100)}${'</a>'.repeat(100)}</samlp:Response>`;
    expect(expectFailure(validateXmlString(deep, expectations(), NOW), 'parse', 'PARSE_DEPTH').actual).toBe('depth 101');
    expectFailure(validateXmlString(signedResponseXml(), expectations({ maxDepth: 4 }), NOW), 'parse', 'PARSE_DEPTH');
  });

  it('names a real Auth0 LogoutResponse instead of accepting it as a login', () => {
    const v = validateXmlString(corpusText('real/auth0-devtenant-jackson-slo/logout_response.xml'), expectations(), NOW);
    expect(expectFailure(v, 'parse', 'PARSE_LOGOUT_RESPONSE').detail).toContain('LogoutResponse');
  });

  it("names a bare Assertion from Auth0's saml library", () => {
    expectFailure(
      validateXmlString(corpusText('real/auth0-samlp-lib-wsfed/samlresponse_saml20_invalid_cert.txt'), expectations(), NOW),
      'parse',
      'PARSE_BARE_ASSERTION',
    );
  });

  it('names a LogoutRequest, an AuthnRequest, a WS-Fed token, metadata and anything else', () => {
    const cases: Array<[string, string]> = [
      ['<samlp:LogoutRequest xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol"/>', 'PARSE_LOGOUT_REQUEST'],
      ['<samlp:AuthnRequest xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol"/>', 'PARSE_AUTHN_REQUEST'],
      ['<t:RequestSecurityTokenResponse xmlns:t="http://schemas.xmlsoap.org/ws/2005/02/trust"/>', 'PARSE_WSFED_TOKEN'],
      ['<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata"/>', 'PARSE_METADATA'],
      ['<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:1.0:protocol"/>', 'PARSE_SAML11'],
      ['<html><body>Login failed</body></html>', 'PARSE_NOT_A_RESPONSE'],
      ['<constructor/>', 'PARSE_NOT_A_RESPONSE'],
    ];
    for (const [xml, code] of cases) expectFailure(validateXmlString(xml, expectations(), NOW), 'parse', code);
  });
});

describe('status check', () => {
  it('accepts Success', () => {
    expectOk(validateXmlString(signedResponseXml(), expectations(), NOW), 'status');
  });

  it('surfaces the StatusMessage of a denied login (Action api.access.deny) and skips the rest', () => {
    const xml = signedResponseXml({
      sign: 'response',
      status: { code: 'urn:oasis:names:tc:SAML:2.0:status:Responder', message: 'Access denied: user has no Flex role' },
    });
    const v = validateXmlString(xml, expectations(), NOW);
    const c = expectFailure(v, 'status', 'STATUS_NOT_SUCCESS');
    expect(c.actual).toBe('Responder: Access denied: user has no Flex role');
    expect(c.hint).toContain('api.access.deny()');
    expect(v.facts.statusMessage).toBe('Access denied: user has no Flex role');
    // The denial itself is verified: an unsigned "access denied" could come from anyone.
    expect(check(v, 'signature').status).toBe('ok');
    expect(check(v, 'wrapping').detail).toContain('`status` failed (STATUS_NOT_SUCCESS)');
  });

  it("reads Auth0's form of the message, StatusMessage@Value (node-samlp samlresponse.ejs), and shows it", () => {
    const xml = signedResponseXml({
      sign: 'response',
      status: { code: 'urn:oasis:names:tc:SAML:2.0:status:Responder', message: 'Access denied: no "flex" & no role', messageForm: 'value' },
    });
    const v = validateXmlString(xml, expectations(), NOW);
    const c = expectFailure(v, 'status', 'STATUS_NOT_SUCCESS');
    expect(c.actual).toBe('Responder: Access denied: no "flex" & no role');
    expect(c.detail).toBe('The IdP refused the login: "Access denied: no "flex" & no role".');
    expect(v.facts.statusMessage).toBe('Access denied: no "flex" & no role');
  });

  it('fails the signature of an unsigned denial as well as its status', () => {
    const xml = signedResponseXml({ sign: 'none', status: { code: 'urn:oasis:names:tc:SAML:2.0:status:Responder', message: 'denied' } });
    const v = validateXmlString(xml, expectations(), NOW);
    expectFailure(v, 'status', 'STATUS_NOT_SUCCESS');
    expectFailure(v, 'signature', 'SIG_UNSIGNED');
  });

  it('reports a missing StatusCode (STATUS_MISSING)', () => {
    const xml = signedResponseXml({ sign: 'none' }).replace(/<samlp:Status>[\s\S]*?<\/samlp:Status>/, '');
    expectFailure(validateXmlString(xml, expectations(), NOW), 'status', 'STATUS_MISSING');
  });
});
