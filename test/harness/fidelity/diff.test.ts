import { describe, expect, test } from 'vitest';
import { compareSamlXml, diffSaml, formatDifferences, normaliseSamlXml, type NormalElement } from '../../../harness/fidelity/index.ts';

const NS = 'xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion"';

function tree(xml: string): NormalElement {
  const r = normaliseSamlXml(xml);
  if (!r.ok) throw new Error(r.error.detail);
  return r.root;
}

function doc(body: string, rootAttributes = 'ID="_0123456789abcdef0123" Version="2.0"'): string {
  return `<samlp:Response ${NS} ${rootAttributes}>${body}</samlp:Response>`;
}

const attr = (name: string, format = 'urn:oasis:names:tc:SAML:2.0:attrname-format:uri', type = 'xs:string') =>
  `<saml:Attribute Name="${name}" NameFormat="${format}"><saml:AttributeValue xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="${type}">v</saml:AttributeValue></saml:Attribute>`;

describe('diffSaml', () => {
  test('identical structure with different user data, IDs and instants: no difference', () => {
    const a = doc(
      `<saml:Issuer>urn:t</saml:Issuer><saml:Assertion ID="_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" IssueInstant="2020-01-01T00:00:00.000Z"><saml:AttributeStatement>${attr('email')}</saml:AttributeStatement></saml:Assertion>`,
    );
    const b = doc(
      `<saml:Issuer>urn:t</saml:Issuer><saml:Assertion ID="_BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB" IssueInstant="2026-06-01T10:00:00.000Z"><saml:AttributeStatement>${attr('email').replace('>v<', '>other<')}</saml:AttributeStatement></saml:Assertion>`,
      'ID="_fedcba9876543210fedc" Version="2.0"',
    );
    expect(diffSaml(tree(a), tree(b))).toEqual([]);
  });

  test('an Attribute is matched by its Name: one missing, one extra, one with another NameFormat and type', () => {
    const expected = doc(`<saml:AttributeStatement>${attr('a')}${attr('b')}${attr('c')}</saml:AttributeStatement>`);
    const actual = doc(
      `<saml:AttributeStatement>${attr('a', 'urn:oasis:names:tc:SAML:2.0:attrname-format:basic', 'xs:anyType')}${attr('c')}${attr('d')}</saml:AttributeStatement>`,
    );
    expect(diffSaml(tree(expected), tree(actual))).toEqual([
      { path: '/Response/AttributeStatement/Attribute[@Name="b"]', kind: 'element-missing' },
      { path: '/Response/AttributeStatement/Attribute[@Name="d"]', kind: 'element-extra' },
      {
        path: '/Response/AttributeStatement/Attribute[@Name="a"]',
        kind: 'attribute-value',
        attribute: 'NameFormat',
        expected: 'urn:oasis:names:tc:SAML:2.0:attrname-format:uri',
        actual: 'urn:oasis:names:tc:SAML:2.0:attrname-format:basic',
      },
      {
        path: '/Response/AttributeStatement/Attribute[@Name="a"]/AttributeValue',
        kind: 'attribute-value',
        attribute: 'xsi:type',
        expected: 'xs:string',
        actual: 'xs:anyType',
      },
    ]);
  });

  test('a different order of the same children is one element-order difference', () => {
    const expected = doc('<saml:Issuer>i</saml:Issuer><samlp:Status/><saml:Assertion/>');
    const actual = doc('<saml:Issuer>i</saml:Issuer><saml:Assertion/><samlp:Status/>');
    expect(diffSaml(tree(expected), tree(actual))).toEqual([
      { path: '/Response', kind: 'element-order', expected: 'Issuer, Status, Assertion', actual: 'Issuer, Assertion, Status' },
    ]);
  });

  test('missing and extra XML attributes, text, and repeated siblings by occurrence', () => {
    const expected = doc(
      '<saml:Conditions NotBefore="2020-01-01T00:00:00Z"><saml:AudienceRestriction><saml:Audience>urn:a</saml:Audience></saml:AudienceRestriction></saml:Conditions><saml:Issuer>x</saml:Issuer><saml:Issuer>y</saml:Issuer>',
    );
    const actual = doc('<saml:Conditions Extra="1"/><saml:Issuer>x</saml:Issuer><saml:Issuer>z</saml:Issuer>');
    expect(diffSaml(tree(expected), tree(actual))).toEqual([
      { path: '/Response/Conditions', kind: 'attribute-extra', attribute: 'Extra', actual: '1' },
      { path: '/Response/Conditions', kind: 'attribute-missing', attribute: 'NotBefore', expected: '{instant, whole seconds}' },
      { path: '/Response/Conditions/AudienceRestriction', kind: 'element-missing' },
      { path: '/Response/Issuer[2]', kind: 'text', expected: 'y', actual: 'z' },
    ]);
  });

  test('different root elements are reported as such and not compared further', () => {
    expect(diffSaml(tree(doc('')), tree('<samlp:LogoutResponse xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol"/>'))).toEqual([
      { path: '/Response', kind: 'element-missing' },
      { path: '/LogoutResponse', kind: 'element-extra' },
    ]);
  });
});

describe('compareSamlXml and formatDifferences', () => {
  test('an unreadable side is an error value naming the side', () => {
    expect(compareSamlXml(doc(''), '<oops')).toMatchObject({ ok: false, side: 'actual', error: { code: 'FIDELITY_XML_MALFORMED' } });
    expect(compareSamlXml('<!DOCTYPE x>', doc(''))).toMatchObject({ ok: false, side: 'expected', error: { code: 'FIDELITY_XML_DTD' } });
  });

  test('readable lines per kind, with the labels given', () => {
    const text = formatDifferences(
      [
        { path: '/Response/Assertion/AttributeStatement/Attribute[@Name="b"]', kind: 'element-missing' },
        { path: '/Response/Assertion/Conditions/AudienceRestriction', kind: 'element-extra' },
        { path: '/Response', kind: 'element-order', expected: 'Issuer, Status', actual: 'Status, Issuer' },
        { path: '/Response/Assertion/Subject/NameID', kind: 'attribute-value', attribute: 'Format', expected: 'urn:a', actual: 'urn:b' },
        { path: '/Response/Issuer', kind: 'text', expected: 'x' },
      ],
      { expected: 'capture', actual: 'emulator' },
    );
    expect(text).toBe(
      [
        '- /Response/Assertion/AttributeStatement/Attribute[@Name="b"]: only in the capture\'s response',
        "+ /Response/Assertion/Conditions/AudienceRestriction: only in the emulator's response",
        '~ /Response: children in another order\n    capture: Issuer, Status\n    emulator: Status, Issuer',
        '~ /Response/Assertion/Subject/NameID @Format: capture "urn:a", emulator "urn:b"',
        '~ /Response/Issuer text: capture "x", emulator (no text)',
      ].join('\n'),
    );
    expect(formatDifferences([])).toBe('');
  });

  test('control and line-separator characters from a response are escaped, never printed raw', () => {
    const hostile = doc(`<saml:Issuer>a\u009bb</saml:Issuer><saml:AttributeStatement>${attr('evil\u001b[2Jname')}</saml:AttributeStatement>`);
    const result = compareSamlXml(doc('<saml:Issuer>x</saml:Issuer><saml:AttributeStatement/>'), hostile);
    const text = result.ok ? formatDifferences(result.differences) : '';
    expect(text).toContain('evil\\u001b[2Jname');
    expect(text).toContain('"a\\u009bb"');
    expect(formatDifferences([{ path: '/R', kind: 'text', expected: 'a\u2028b', actual: 'c\u2029d' }])).toBe(
      '~ /R text: tenant "a\\u2028b", emulator "c\\u2029d"',
    );
    // eslint-disable-next-line no-control-regex
    expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029]/);
  });
});
