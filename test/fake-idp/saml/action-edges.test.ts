// What the response builder makes of the edges of api.samlResponse: values as
// node-saml lib/saml20.js writes them, NameFormat by getNameFormat, Auth0's documented limits
// (docs "Actions Limitations"), and setCert/setKey (post-login API docs).
import { describe, expect, test } from 'vitest';
import { foreignSigningKey } from '../../../fake-idp/faults/plan.ts';
import { ACTION_SAML_LIMITS } from '../../../fake-idp/saml/action-limits.ts';
import { buildLoginResponse, type LoginResponseRequest } from '../../../fake-idp/saml/login-response.ts';
import { attributeNameFormat } from '../../../fake-idp/saml/response-builder.ts';
import type { SamlSettingsOverrides } from '../../../fake-idp/saml/settings.ts';
import { loginRequest, NOW, testKey } from './fixtures.ts';
import { attributeMap, elements, first, parseXml, verifiedReferences } from './xml-helpers.ts';

const URI = 'urn:oasis:names:tc:SAML:2.0:attrname-format:uri';
const BASIC = 'urn:oasis:names:tc:SAML:2.0:attrname-format:basic';
const UNSPECIFIED = 'urn:oasis:names:tc:SAML:2.0:attrname-format:unspecified';

function request(attributes: Record<string, unknown>, overrides: SamlSettingsOverrides = {}): LoginResponseRequest {
  return { ...loginRequest(), action: { attributes, overrides } };
}

describe('values an Action sets, as node-saml writes them', () => {
  test('an object → "[object Object]" xs:anyType; a null array element → "null" xs:anyType; NaN → xs:double; undefined elements skipped', async () => {
    const r = await buildLoginResponse(
      request({
        obj: { $saml: 'xs:anyType', text: '[object Object]' },
        roles: ['agent', undefined, null, 'admin'],
        nan: { $saml: 'xs:double', text: 'NaN' },
        onlyUndefined: [undefined],
      }),
    );
    expect(r.ok).toBe(true);
    const attrs = attributeMap(r.xml);
    expect(attrs.obj).toMatchObject({ values: ['[object Object]'], types: ['xs:anyType'] });
    expect(attrs.roles).toMatchObject({ values: ['agent', 'null', 'admin'], types: ['xs:string', 'xs:anyType', 'xs:string'] });
    expect(attrs.nan).toMatchObject({ values: ['NaN'], types: ['xs:double'] });
    expect(attrs.onlyUndefined).toBeUndefined();
  });

  test('undefined removes a mapped claim like null (post-login API docs)', async () => {
    const email = 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress';
    const r = await buildLoginResponse(request({ [email]: undefined, 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/upn': null }));
    const attrs = attributeMap(r.xml);
    expect(attrs[email]).toBeUndefined();
    expect(attrs['http://schemas.xmlsoap.org/ws/2005/05/identity/claims/upn']).toBeUndefined();
    expect(attrs['http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name']).toBeDefined();
  });
});

describe('NameFormat (node-saml getNameFormat: valid-url is_uri, then xml-name-validator)', () => {
  test.each([
    ['http://schemas.xmlsoap.org/ws/2005/05/identity/claims/upn', URI],
    ['urn:oid:2.5.4.3', URI],
    ['a:b', URI],
    ['full_name', BASIC],
    ['roles.stringarray', BASIC],
    ['bad name', UNSPECIFIED],
    ['1abc', UNSPECIFIED],
    ['123~oo', UNSPECIFIED],
    ['urn:has space', UNSPECIFIED],
    ['http://x/%zz', UNSPECIFIED],
  ])('%s → %s', (name, format) => {
    expect(attributeNameFormat(name)).toBe(format);
  });

  test('an attribute named neither URI nor XML name is emitted with NameFormat unspecified', async () => {
    const r = await buildLoginResponse(request({ 'team name': 'RAMP' }));
    expect(attributeMap(r.xml)['team name']?.nameFormat).toBe(UNSPECIFIED);
  });
});

describe("Auth0's SAML limits for Actions (docs Actions Limitations; how a breach fails is unconfirmed)", () => {
  const many = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`a${i}`, 'v']));

  test('100 attributes pass, 101 fail the login with a Responder status and no Assertion', async () => {
    expect((await buildLoginResponse(request(many(ACTION_SAML_LIMITS.attributes)))).ok).toBe(true);
    const r = await buildLoginResponse(request(many(ACTION_SAML_LIMITS.attributes + 1)));
    expect(r.ok).toBe(false);
    const doc = parseXml(r.xml);
    expect(first(doc, 'StatusCode').getAttribute('Value')).toBe('urn:oasis:names:tc:SAML:2.0:status:Responder');
    expect(first(doc, 'StatusMessage').getAttribute('Value')).toContain('101 attributes');
    expect(elements(doc, 'Assertion')).toHaveLength(0);
  });

  test('a name of 1 kB passes, one byte more fails', async () => {
    expect((await buildLoginResponse(request({ ['n'.repeat(1024)]: 'v' }))).ok).toBe(true);
    const r = await buildLoginResponse(request({ ['é'.repeat(513)]: 'v' }));
    expect(r).toMatchObject({ ok: false });
    expect(r.ok ? '' : r.message).toContain('1026 bytes');
  });

  test('a value of 2 kB passes, one byte more fails (each value of an array counts alone)', async () => {
    expect((await buildLoginResponse(request({ v: ['x'.repeat(2048), 'y'.repeat(2048)] }))).ok).toBe(true);
    const r = await buildLoginResponse(request({ v: ['ok', 'x'.repeat(2049)] }));
    expect(r.ok ? '' : r.message).toContain('2049 bytes');
  });

  test('names and values over 10 kB in total fail ("the total SAML assertions"); 10 kB pass', async () => {
    const values = (n: number, size: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`b${i}`, 'x'.repeat(size)]));
    // 5 × (2 name bytes + 2048 value bytes) = 10 250 > 10 240; 4 × 2050 + 1 × (2 + 2038) = 10 240.
    const r = await buildLoginResponse(request(values(5, 2048)));
    expect(r.ok ? '' : r.message).toMatch(/total 10250 bytes/);
    expect((await buildLoginResponse(request({ ...values(4, 2048), b4: 'x'.repeat(2038) }))).ok).toBe(true);
  });
});

describe('api.samlResponse.setCert + setKey (post-login API docs)', () => {
  test("the response is signed with the Action's pair instead of the tenant key", async () => {
    const own = foreignSigningKey(NOW);
    const r = await buildLoginResponse(request({}, { cert: own.certPem, key: own.keyPem }));
    expect(r.ok).toBe(true);
    expect(verifiedReferences(r.xml, own.certPem)).toHaveLength(1);
    expect(() => verifiedReferences(r.xml, testKey().certPem)).toThrow(/invalid/);
    expect(first(parseXml(r.xml), 'X509Certificate').textContent).toBe(own.certPem.replace(/-----[A-Z ]+-----|\s/g, ''));
  });

  test.each([
    ['only setCert', { cert: testKey().certPem }, 'setCert was called without api.samlResponse.setKey'],
    ['only setKey', { key: testKey().keyPem }, 'setKey was called without api.samlResponse.setCert'],
    ['an unreadable pair', { cert: 'not a cert', key: 'not a key' }, 'cannot be read'],
  ])('%s fails the login with a clear message', async (_label, overrides, message) => {
    const r = await buildLoginResponse(request({}, overrides));
    expect(r.ok).toBe(false);
    expect(r.ok ? '' : r.message).toContain(message);
  });
});
