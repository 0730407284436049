import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { validateXmlString } from '../../../fake-sp/pipeline/index.ts';
import { signedResponseXml } from '../../helpers/saml-signer.ts';
import { NOW, check, expectFailure, expectOk, expectations } from './support.ts';

const validate = (xml: string) => validateXmlString(xml, expectations(), NOW);
const EMAIL_CLAIM = 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress';

describe('nameId check', () => {
  it('accepts a NameID and reports its Format', () => {
    const v = validate(signedResponseXml({ nameId: 'ana@example.com', nameIdFormat: 'urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress' }));
    expect(expectOk(v, 'nameId').detail).toContain('nameid-format:emailAddress');
    expect(v.facts.nameId).toBe('ana@example.com');
  });
  it('rejects a missing or empty NameID (NAMEID_MISSING)', () => {
    expectFailure(validate(signedResponseXml({ nameId: null })), 'nameId', 'NAMEID_MISSING');
    expectFailure(validate(signedResponseXml({ nameId: '   ' })), 'nameId', 'NAMEID_MISSING');
  });
  it('rejects an encrypted NameID (NAMEID_ENCRYPTED)', () => {
    const xml = signedResponseXml({ nameId: null, edit: (x) => x.replace('<saml:Subject>', '<saml:Subject><saml:EncryptedID/>') });
    expectFailure(validate(xml), 'nameId', 'NAMEID_ENCRYPTED');
  });
});

describe('attributes check', () => {
  it('maps every name to its values in document order, keeping namespaced names verbatim and xsi:type as info', () => {
    const v = validate(
      signedResponseXml({ attributes: { [EMAIL_CLAIM]: 'ana@example.com', roles: ['supervisor', 'agent'], email: 'ana@example.com', full_name: 'Ana' } }),
    );
    expectOk(v, 'attributes');
    expect(Object.keys(v.attributes)).toEqual([EMAIL_CLAIM, 'roles', 'email', 'full_name']);
    expect(v.attributes['roles']).toEqual(['supervisor', 'agent']);
    expect(v.attributeTypes?.['roles']).toEqual(['xs:string', 'xs:string']);
  });
  it('keeps special characters and empty values exactly', () => {
    const v = validate(signedResponseXml({ attributes: { email: 'a+b@x.com', full_name: "Zoë <O'Brien> & co", roles: 'agent', note: '' } }));
    expect(v.attributes['full_name']).toEqual(["Zoë <O'Brien> & co"]);
    expect(v.attributes['note']).toEqual(['']);
  });
  it('rejects the same name in two Attribute elements (ATTR_DUPLICATE)', () => {
    const dup = '<saml:Attribute Name="roles"><saml:AttributeValue>admin</saml:AttributeValue></saml:Attribute>';
    const v = validate(signedResponseXml({ edit: (x) => x.replace('</saml:AttributeStatement>', `${dup}</saml:AttributeStatement>`) }));
    expect(expectFailure(v, 'attributes', 'ATTR_DUPLICATE').actual).toContain('roles');
    expect(check(v, 'flex').status).toBe('skipped');
  });
  it('rejects an Attribute without a Name (ATTR_NO_NAME)', () => {
    const v = validate(
      signedResponseXml({
        edit: (x) =>
          x.replace('</saml:AttributeStatement>', '<saml:Attribute><saml:AttributeValue>x</saml:AttributeValue></saml:Attribute></saml:AttributeStatement>'),
      }),
    );
    expectFailure(v, 'attributes', 'ATTR_NO_NAME');
  });
});

describe('attribute round trip (property)', () => {
  const chars = [...'abcXYZ019 _-.:/@&<>"\'', 'é', '漢', '😀'];
  const text = fc.string({ unit: fc.constantFrom(...chars), maxLength: 12 });
  const name = fc.oneof(
    text.filter((s) => s.trim() !== ''),
    fc.constantFrom('__proto__', 'constructor', 'toString', 'x.constructor', 'hasOwnProperty'),
  );
  it('reads back exactly the names and values that were signed, whatever they are', () => {
    fc.assert(
      fc.property(fc.dictionary(name, fc.array(text, { minLength: 1, maxLength: 3 }), { maxKeys: 5 }), (attributes) => {
        const v = validateXmlString(signedResponseXml({ attributes }), expectations(), NOW);
        expectOk(v, 'attributes');
        expect(Object.entries(v.attributes)).toEqual(Object.entries(attributes));
        expect(check(v, 'flex').code ?? 'ok').not.toBe('INTERNAL_ERROR');
      }),
      { numRuns: 25 },
    );
  });
});

describe('encrypted attributes', () => {
  const ENC =
    '<saml:EncryptedAttribute><xenc:EncryptedData xmlns:xenc="http://www.w3.org/2001/04/xmlenc#" Type="http://www.w3.org/2001/04/xmlenc#Element"><xenc:CipherData><xenc:CipherValue>c2VjcmV0</xenc:CipherValue></xenc:CipherData></xenc:EncryptedData></saml:EncryptedAttribute>';
  const withEncryptedEmail = () =>
    signedResponseXml({
      attributes: { email: 'EMAIL_PLACEHOLDER', full_name: 'Ana Agent', roles: 'agent' },
      edit: (xml) => xml.replace(/<saml:Attribute Name="email"[\s\S]*?<\/saml:Attribute>/, ENC),
    });

  it('says an EncryptedAttribute carrying email is encrypted and Flex cannot decrypt it (ATTR_ENCRYPTED), not "the Action must setAttribute"', () => {
    const v = validate(withEncryptedEmail());
    const c = expectFailure(v, 'attributes', 'ATTR_ENCRYPTED');
    expect(c.detail).toContain('Flex cannot decrypt');
    expect(c.hint).not.toContain('must call api.samlResponse.setAttribute');
    expect(check(v, 'flex').status).toBe('skipped');
    expect(v.attributes).toEqual({ full_name: ['Ana Agent'], roles: ['agent'] });
  });

  it('accepts the same response with a plain email attribute', () => {
    expectOk(validate(signedResponseXml({ attributes: { email: 'ana@example.com', full_name: 'Ana Agent', roles: 'agent' } })), 'attributes');
  });
});
