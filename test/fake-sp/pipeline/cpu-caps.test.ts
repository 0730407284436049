// CPU exhaustion, pipeline side: markup caps checked on the raw text before the DOM
// parser, and the SAML transform chain checked before xml-crypto. Each cap: one past it is refused
// with its code, exactly at it a genuinely signed response is still valid.
import { SignedXml } from 'xml-crypto';
import { describe, expect, it } from 'vitest';
import { validateXmlString } from '../../../fake-sp/pipeline/index.ts';
import { MARKUP_LIMITS } from '../../../fake-sp/pipeline/markup-limits.ts';
import { scanMarkup } from '../../../fake-sp/pipeline/markup-scan.ts';
import { buildResponseXml, signedResponseXml, testKey } from '../../helpers/saml-signer.ts';
import { NOW, expectAllOk, expectFailure, expectOk, expectations } from './support.ts';

const SUBJECT = '<saml:Subject>';
/** A Response-signed response carrying `content` in its Assertion, signed after it was added. */
const signedWith = (content: string) => signedResponseXml({ edit: (xml) => xml.replace(SUBJECT, `${content}${SUBJECT}`) });
/** A signed response with `content` added after signing (refused before the signature matters). */
const addedAfterSigning = (content: string) => signedResponseXml().replace(SUBJECT, `${content}${SUBJECT}`);
const base = scanMarkup(signedResponseXml());
const times = (n: number, f: (i: number) => string) => Array.from({ length: n }, (_, i) => f(i)).join('');

describe('markup caps, before the DOM parser (24k comments took 11 s)', () => {
  it("the issue's reproduction: 24,000 comments inside the signed element → PARSE_TOO_MANY_COMMENTS", () => {
    const c = expectFailure(validateXmlString(addedAfterSigning('<!---->'.repeat(24_000)), expectations(), NOW), 'parse', 'PARSE_TOO_MANY_COMMENTS');
    expect(c.actual).toBe('24000 comments');
    expect(c.expected).toBe('at most 64 comments');
  });

  // [cap, content one past it, the code, content exactly at it]
  const cases: Array<[string, (n: number) => string, number, string]> = [
    ['elements', (n) => `<x:w xmlns:x="urn:x">${'<x:e/>'.repeat(n - 1)}</x:w>`, MARKUP_LIMITS.elements - base.elements, 'PARSE_TOO_MANY_ELEMENTS'],
    ['comments', (n) => '<!--c-->'.repeat(n), MARKUP_LIMITS.comments - base.comments, 'PARSE_TOO_MANY_COMMENTS'],
    ['processing instructions', (n) => '<?p x?>'.repeat(n), MARKUP_LIMITS.processingInstructions - base.processingInstructions, 'PARSE_TOO_MANY_PIS'],
    [
      'CDATA sections',
      (n) => `<x:t xmlns:x="urn:x">${'<![CDATA[c]]>'.repeat(n)}</x:t>`,
      MARKUP_LIMITS.cdataSections - base.cdataSections,
      'PARSE_TOO_MANY_CDATA',
    ],
    ['references', (n) => `<x:t xmlns:x="urn:x">${'&amp;'.repeat(n)}</x:t>`, MARKUP_LIMITS.references - base.references, 'PARSE_TOO_MANY_REFERENCES'],
    [
      'namespace declarations',
      (n) => times(n, (i) => `<x:e xmlns:x="urn:x:${i}"/>`),
      MARKUP_LIMITS.namespaceDeclarations - base.namespaceDeclarations,
      'PARSE_TOO_MANY_NAMESPACES',
    ],
    [
      'attributes',
      (n) => `<x:w xmlns:x="urn:x">${times(Math.ceil((n - 1) / 16), (i) => `<x:e${times(Math.min(16, n - 1 - 16 * i), (k) => ` a${k}="v"`)}/>`)}</x:w>`,
      MARKUP_LIMITS.attributes - base.attributes,
      'PARSE_TOO_MANY_ATTRIBUTES',
    ],
    [
      'attributes on one element',
      (n) => `<x:e xmlns:x="urn:x"${times(n - 1, (k) => ` a${k}="v"`)}/>`,
      MARKUP_LIMITS.attributesPerElement,
      'PARSE_TOO_MANY_ATTRIBUTES',
    ],
    [
      'distinct element names',
      (n) => times(n, (i) => `<x:e${i} xmlns:x="urn:x"></x:e${i}>`),
      MARKUP_LIMITS.elementNames - base.elementNames,
      'PARSE_TOO_MANY_NAMES',
    ],
  ];

  it.each(cases)('%s: one past the cap is refused before parsing, with expected/actual and a hint', (_what, content, atCap, code) => {
    const c = expectFailure(validateXmlString(addedAfterSigning(content(atCap + 1)), expectations(), NOW), 'parse', code);
    expect(c.expected).toMatch(/^at most \d+ /);
    expect(c.actual).toMatch(/^\d+ /);
  });

  it.each(cases)('%s: exactly at the cap, a signed response is valid', (_what, content, atCap) => {
    expectAllOk(validateXmlString(signedWith(content(atCap)), expectations(), NOW));
  });

  it("an Action's 100 SAML attributes (Auth0's limit), signed both ways, stay under every cap", () => {
    const attributes = Object.fromEntries(
      Array.from({ length: 100 }, (_, i) => [i < 3 ? (['email', 'full_name', 'roles'][i] as string) : `attribute_${i}`, `value ${i}`]),
    );
    const xml = signedResponseXml({ sign: 'both', attributes: { ...attributes, email: 'ana.agent@example.com', roles: 'agent' } });
    expect(scanMarkup(xml).elements).toBeGreaterThan(200);
    expectAllOk(validateXmlString(xml, expectations(), NOW));
  });

  it('depth is refused before parsing too (20,000 levels: PARSE_DEPTH with the real depth)', () => {
    const c = expectFailure(
      validateXmlString(addedAfterSigning(`${'<a>'.repeat(20_000)}${'</a>'.repeat(20_000)}`), expectations(), NOW),
      'parse',
      'PARSE_DEPTH',
    );
    expect(c.actual).toBe('depth 20002'); // the flood starts as a child of the Assertion (depth 3)
  });

  it('a cap can be raised for one validation (markupLimits)', () => {
    const flood = addedAfterSigning('<!--c-->'.repeat(MARKUP_LIMITS.comments + 1));
    expectOk(validateXmlString(flood, expectations({ markupLimits: { comments: MARKUP_LIMITS.comments + 1 } }), NOW), 'parse');
  });

  it('counts only markup: "<", comments and CDATA inside quoted values and text are not elements', () => {
    const counts = scanMarkup('<?xml version="1.0"?><r a="x > <y/>" b=\'<!--\'><!-- <e/> --><![CDATA[<e/><e/>]]><?pi <e/>?><e/>&amp;&#60;</r>');
    expect(counts).toMatchObject({
      elements: 2,
      attributes: 2,
      comments: 1,
      cdataSections: 1,
      processingInstructions: 1,
      depth: 2,
      elementNames: 2,
      references: 2,
    });
  });

  it('counts as references the characters canonical XML escapes: ">" in text, \'"\' in a single-quoted value', () => {
    expect(scanMarkup('<r a=\'say "hi"\' b="x > y">1 > 0 &amp; 2 >= 1</r>').references).toBe(5);
    const flood = addedAfterSigning(`<x:t xmlns:x="urn:x">${'>'.repeat(MARKUP_LIMITS.references + 1)}</x:t>`);
    expectFailure(validateXmlString(flood, expectations(), NOW), 'parse', 'PARSE_TOO_MANY_REFERENCES');
  });

  it('keeps counting past a malformed start tag, so a broken prefix cannot switch the caps off', () => {
    const counts = scanMarkup(`<r><a b=unquoted c <d/>${'<!---->'.repeat(10)}</r>`);
    expect(counts.comments).toBe(10);
  });
});

const ENVELOPED = 'http://www.w3.org/2000/09/xmldsig#enveloped-signature';
const EXC = 'http://www.w3.org/2001/10/xml-exc-c14n#';

/** Signs the Response with the given Reference transforms (xml-crypto, the test key). */
function signWithTransforms(transforms: string[]): string {
  const key = testKey();
  const sig = new SignedXml({
    privateKey: key.privateKey,
    publicCert: key.cert,
    signatureAlgorithm: 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256',
    canonicalizationAlgorithm: EXC,
  });
  sig.addReference({ xpath: "/*[local-name(.)='Response']", transforms, digestAlgorithm: 'http://www.w3.org/2001/04/xmlenc#sha256' });
  sig.computeSignature(buildResponseXml(), { location: { reference: "/*[local-name(.)='Response']/*[local-name(.)='Issuer']", action: 'after' } });
  return sig.getSignedXml();
}

describe('the SAML transform chain, before xml-crypto (SAML 2.0 Core 5.4.4; auth0/node-saml lib/xml/sign.js)', () => {
  it("the issue's reproduction: 3,500 Transforms are refused before any signature work", () => {
    const flood = signedResponseXml().replace('<Transforms>', `<Transforms>${`<Transform Algorithm="${EXC}"/>`.repeat(3500)}`);
    expectFailure(validateXmlString(flood, expectations(), NOW), 'parse', 'PARSE_TOO_MANY_ELEMENTS');
  });

  it('a chain under the element cap that is not enveloped + one c14n → SIG_TRANSFORM_CHAIN (not a digest verdict)', () => {
    const longer = signedResponseXml().replace('<Transforms>', `<Transforms>${`<Transform Algorithm="${EXC}"/>`.repeat(300)}`);
    expect(expectFailure(validateXmlString(longer, expectations(), NOW), 'signature', 'SIG_TRANSFORM_CHAIN').actual).toBe('302 transforms');
    for (const transforms of [[ENVELOPED], [EXC, ENVELOPED], [ENVELOPED, EXC, EXC], [ENVELOPED, ENVELOPED, EXC]]) {
      expectFailure(validateXmlString(signWithTransforms(transforms), expectations(), NOW), 'signature', 'SIG_TRANSFORM_CHAIN');
    }
    const none = signedResponseXml().replace(/<Transforms>.*?<\/Transforms>/, '');
    expect(expectFailure(validateXmlString(none, expectations(), NOW), 'signature', 'SIG_TRANSFORM_CHAIN').actual).toBe('(none)');
  });

  it('accepts enveloped + each canonicalization the profile allows (exclusive or inclusive, with or without comments)', () => {
    for (const c14n of [
      EXC,
      `${EXC}WithComments`,
      'http://www.w3.org/TR/2001/REC-xml-c14n-20010315',
      'http://www.w3.org/TR/2001/REC-xml-c14n-20010315#WithComments',
    ]) {
      expectAllOk(validateXmlString(signWithTransforms([ENVELOPED, c14n]), expectations(), NOW));
    }
  });
});
