import { deflateRawSync } from 'node:zlib';
import { describe, expect, test } from 'vitest';
import { decodeSamlRequest, MAX_REQUEST_XML_BYTES, parseAuthnRequest } from '../../../fake-idp/saml/authn-request.ts';
import { buildLogoutResponseXml, parseLogoutRequest } from '../../../fake-idp/saml/logout.ts';
import { authnRequestXml, deflateForRedirect } from '../login/http-client.ts';

const XML = authnRequestXml({ id: '_abc123', issuer: 'urn:flex:JQ1', acsUrl: 'https://sp.example/acs', destination: 'https://idp/samlp/x' });

describe('AuthnRequest decoding and parsing', () => {
  test('HTTP-Redirect (deflate+base64) and HTTP-POST (base64) decode to the same request', () => {
    const redirect = decodeSamlRequest(deflateForRedirect(XML), 'redirect');
    const post = decodeSamlRequest(Buffer.from(XML).toString('base64'), 'post');
    expect(redirect).toEqual({ ok: true, xml: XML });
    expect(post).toEqual({ ok: true, xml: XML });
    expect(parseAuthnRequest(XML)).toEqual({
      ok: true,
      request: {
        id: '_abc123',
        issuer: 'urn:flex:JQ1',
        assertionConsumerServiceUrl: 'https://sp.example/acs',
        destination: 'https://idp/samlp/x',
        protocolBinding: 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST',
      },
    });
  });

  test('rejects bad base64, non-deflate data and decompression bombs', () => {
    expect(decodeSamlRequest('%%%', 'post')).toMatchObject({ ok: false, code: 'invalid_encoding' });
    expect(decodeSamlRequest(Buffer.from(XML).toString('base64'), 'redirect')).toMatchObject({ ok: false, code: 'invalid_encoding' });
    const bomb = deflateRawSync(Buffer.alloc(MAX_REQUEST_XML_BYTES * 4, 0x20)).toString('base64');
    expect(decodeSamlRequest(bomb, 'redirect')).toMatchObject({ ok: false, code: 'invalid_encoding' });
  });

  test('rejects DOCTYPE / entities, wrong roots, malformed XML and a missing ID', () => {
    expect(parseAuthnRequest(`<!DOCTYPE x [<!ENTITY e "v">]>${XML}`)).toMatchObject({ ok: false, code: 'doctype_forbidden' });
    expect(parseAuthnRequest('<samlp:LogoutRequest xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" ID="_1"/>')).toMatchObject({
      ok: false,
      code: 'invalid_request',
    });
    expect(parseAuthnRequest('<samlp:AuthnRequest xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" ID="_1">')).toMatchObject({
      ok: false,
      code: 'invalid_xml',
    });
    expect(parseAuthnRequest(XML.replace('ID="_abc123"', ''))).toMatchObject({ ok: false, code: 'invalid_request' });
  });
});

describe('logout messages', () => {
  test('LogoutRequest parses; a DOCTYPE is rejected', () => {
    const req =
      '<samlp:LogoutRequest xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="_lo1" Version="2.0"><saml:Issuer>urn:sp</saml:Issuer><saml:NameID>auth0|x</saml:NameID><samlp:SessionIndex>_s</samlp:SessionIndex></samlp:LogoutRequest>';
    expect(parseLogoutRequest(req)).toEqual({ ok: true, request: { id: '_lo1', issuer: 'urn:sp', nameId: 'auth0|x', sessionIndex: '_s' } });
    expect(parseLogoutRequest(`<!DOCTYPE a>${req}`).ok).toBe(false);
    const res = buildLogoutResponseXml({ issuer: 'urn:idp', destination: 'https://sp/slo', inResponseTo: '_lo1' }, new Date('2026-01-01T00:00:00Z'));
    expect(res).toContain('InResponseTo="_lo1"');
    expect(res).toContain('urn:oasis:names:tc:SAML:2.0:status:Success');
  });
});
