// What XML 1.0 calls not well-formed is refused at parse (character references to control
// characters, unquoted attribute values); what only looks like a DTD (inside a comment or a CDATA
// section) is not one. Each reject has its accept twin: a real signed response that must stay valid.
import { describe, expect, it } from 'vitest';
import { validateXmlString } from '../../../fake-sp/pipeline/index.ts';
import { buildResponseXml, signElement, signedResponseXml } from '../../helpers/saml-signer.ts';
import { NOW, expectAllOk, expectFailure, expectations } from './support.ts';

const NOTE = 'NOTE_VALUE';
/** A Response-signed response whose `note` attribute value is `raw` XML text (written as is, then signed). */
const signedWithNote = (raw: string) =>
  signElement(
    buildResponseXml({ attributes: { email: 'ana.agent@example.com', full_name: 'Ana Agent', roles: 'agent', note: NOTE } }).replace(NOTE, raw),
    'Response',
  );
const valid = signedWithNote('plain');

describe('parse: characters XML 1.0 forbids (PARSE_ILLEGAL_CHAR)', () => {
  for (const ref of ['&#0;', '&#27;', '&#x1B;', '&#x1b;', '&#8;', '&#xFFFE;']) {
    it(`rejects the character reference ${ref} in a value and in an attribute`, () => {
      const inText = valid.replace('>plain<', `>pl${ref}ain<`);
      const c = expectFailure(validateXmlString(inText, expectations(), NOW), 'parse', 'PARSE_ILLEGAL_CHAR');
      expect(c.actual).toMatch(/character reference to U\+[0-9A-F]{4}/);
      // eslint-disable-next-line no-control-regex -- the message must never carry the character itself
      expect(`${c.actual} ${c.detail}`).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE]/);
      const inAttribute = valid.replace('Version="2.0"', `Version="2.0${ref}"`);
      expectFailure(validateXmlString(inAttribute, expectations(), NOW), 'parse', 'PARSE_ILLEGAL_CHAR');
    });
  }

  it('rejects a literal control character (ESC) anywhere in the document', () => {
    const c = expectFailure(validateXmlString(valid.replace('>plain<', '>pl\u001b[32main<'), expectations(), NOW), 'parse', 'PARSE_ILLEGAL_CHAR');
    expect(c.actual).toContain('U+001B');
  });

  it('accepts the references XML allows (tab, LF, CR) in a signed value and reads them', () => {
    const v = validateXmlString(signedWithNote('a&#9;b&#10;c&#13;d'), expectations(), NOW);
    expectAllOk(v);
    expect(v.attributes['note']).toEqual(['a\tb\nc\rd']);
  });
});

describe('parse: attribute syntax (PARSE_MALFORMED)', () => {
  it('rejects an unquoted attribute value, a missing value and a missing space between attributes', () => {
    for (const bad of ['Version=2.0', 'Version', 'Version="2.0"x="1"']) {
      const xml = signedResponseXml().replace('Version="2.0"', bad);
      expect(xml).toContain(bad);
      expectFailure(validateXmlString(xml, expectations(), NOW), 'parse', 'PARSE_MALFORMED');
    }
  });

  it('rejects junk in an end tag', () => {
    expectFailure(validateXmlString(valid.replace('</samlp:Response>', '</samlp:Response junk>'), expectations(), NOW), 'parse', 'PARSE_MALFORMED');
  });

  it('accepts single-quoted attribute values (well-formed XML)', () => {
    expectAllOk(validateXmlString(valid.replace('Version="2.0"', "Version='2.0'"), expectations(), NOW));
  });
});

describe('parse: a DTD is markup, not text that looks like one', () => {
  it('accepts DOCTYPE and ENTITY text inside a comment, before the root and inside the signed Assertion', () => {
    const prolog = `<?xml version="1.0" encoding="UTF-8"?><!-- copied from <!DOCTYPE html> <!ENTITY x "y"> -->${valid}`;
    expectAllOk(validateXmlString(prolog, expectations(), NOW));
    const inside = valid.replace('<saml:Subject>', '<!-- <!DOCTYPE r [<!ENTITY x "boom">]> --><saml:Subject>');
    expectAllOk(validateXmlString(inside, expectations(), NOW));
  });

  it('accepts DOCTYPE text in a signed CDATA section and reads it as text', () => {
    const v = validateXmlString(signedWithNote('<![CDATA[<!DOCTYPE x>]]>'), expectations(), NOW);
    expectAllOk(v);
    expect(v.attributes['note']).toEqual(['<!DOCTYPE x>']);
  });

  it('still rejects a real DOCTYPE after such a comment (PARSE_DOCTYPE)', () => {
    const xml = `<!-- <!DOCTYPE fake> --><!DOCTYPE r [<!ENTITY x "boom">]>${valid}`;
    expectFailure(validateXmlString(xml, expectations(), NOW), 'parse', 'PARSE_DOCTYPE');
  });
});
