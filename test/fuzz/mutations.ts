// Mutations of a valid signed SAML response for property-based fuzzing of the validation pipeline
// (SECURITY.md). Each mutation is a plain value (so fast-check can shrink and print it) applied by
// `applyMutation` to the signed XML; the result is the base64 SAMLResponse the ACS would receive.
// The oracle (`judge`) is "accepted ⇒ the signed content is unchanged": a mutation may be harmless
// (a character reference, a comment inside a text node, a BOM) and accepted, but an accepted response
// must give exactly the original attributes and facts.
import { deflateRawSync } from 'node:zlib';
import fc from 'fast-check';
import type { SpPolicy, Verdict } from '../../fake-sp/pipeline/types.ts';
import { signedResponseXml, testKey, TEST_TENANT, type Signed } from '../helpers/saml-signer.ts';

export type ElementName = 'Assertion' | 'Signature' | 'Attribute' | 'Subject' | 'Issuer' | 'AttributeValue' | 'Conditions';

export type Mutation =
  | { kind: 'flipBase64'; at: number; to: number }
  | { kind: 'flipXmlBit'; at: number; bit: number }
  | { kind: 'duplicate'; element: ElementName; nth: number; target: number }
  | { kind: 'move'; element: ElementName; nth: number; target: number }
  | { kind: 'editText'; nth: number; value: string }
  | { kind: 'editAttribute'; nth: number; value: string }
  | { kind: 'rebindPrefix'; nth: number; prefix: 'saml' | 'samlp' | 'ds' | 'xs' | 'xsi' }
  | { kind: 'defaultNamespace'; nth: number; uri: string }
  | { kind: 'bom' }
  | { kind: 'utf16' }
  | { kind: 'crlf'; nth: number }
  | { kind: 'charRef'; nth: number; hex: boolean }
  | { kind: 'commentInText'; nth: number; offset: number }
  | { kind: 'insertRaw'; nth: number; raw: string }
  // floods that cost xml-crypto quadratic time, control characters and encodings.
  | { kind: 'commentFlood'; nth: number; count: number }
  | { kind: 'transformFlood'; count: number; algorithm: string }
  | { kind: 'controlChar'; nth: number; code: number; as: 'raw' | 'decimal' | 'hex'; inAttribute: boolean }
  | { kind: 'encoding'; to: 'utf16le' | 'utf16be' | 'latin1' | 'utf8-declared-latin1' | 'utf32le' | 'cesu8' | 'utf16le-nobom' | 'deflate' | 'base64url' };

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=';
const NS_URIS = ['', 'urn:oasis:names:tc:SAML:2.0:assertion', 'urn:oasis:names:tc:SAML:2.0:protocol', 'http://www.w3.org/2000/09/xmldsig#', 'urn:evil'];
const RAW_SNIPPETS = [
  '<!--x-->',
  '<![CDATA[x]]>',
  '<?pi x?>',
  '<!DOCTYPE r [<!ENTITY e "x">]>',
  '&amp;',
  '&#0;',
  '&e;',
  ']]>',
  '<x:y/>',
  '<ds:Signature xmlns:ds="http://www.w3.org/2000/09/xmldsig#"/>',
  '<saml:Attribute Name="roles"><saml:AttributeValue>admin</saml:AttributeValue></saml:Attribute>',
  '\u0000',
  '\uFFFE',
  '\uD800',
  '  ',
  '\r\n',
];

// Characters XML forbids (C0, U+FFFE), allows but terminals act on (C1, DEL), reorder text (bidi) or
// that parsers disagree on as line ends (U+0085, U+2028, U+2029).

const index = fc.nat({ max: 10_000 });
const text = fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('', 'admin', 'supervisor', 'agent ', ' agent', 'x&amp;y', '&#x61;', 'a<!---->b'));

export const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('flipBase64' as const), at: index, to: fc.nat({ max: B64.length - 1 }) }),
  fc.record({ kind: fc.constant('flipXmlBit' as const), at: index, bit: fc.nat({ max: 7 }) }),
  fc.record({
    kind: fc.constantFrom('duplicate' as const, 'move' as const),
    element: fc.constantFrom<ElementName>('Assertion', 'Signature', 'Attribute', 'Subject', 'Issuer', 'AttributeValue', 'Conditions'),
    nth: fc.nat({ max: 5 }),
    target: index,
  }),
  fc.record({ kind: fc.constant('editText' as const), nth: index, value: text }),
  fc.record({ kind: fc.constant('editAttribute' as const), nth: index, value: text }),
  fc.record({
    kind: fc.constant('rebindPrefix' as const),
    nth: index,
    prefix: fc.constantFrom('saml' as const, 'samlp' as const, 'ds' as const, 'xs' as const, 'xsi' as const),
  }),
  fc.record({ kind: fc.constant('defaultNamespace' as const), nth: index, uri: fc.constantFrom(...NS_URIS) }),
  fc.constant({ kind: 'bom' as const }),
  fc.constant({ kind: 'utf16' as const }),
  fc.record({ kind: fc.constant('crlf' as const), nth: index }),
  fc.record({ kind: fc.constant('charRef' as const), nth: index, hex: fc.boolean() }),
  fc.record({ kind: fc.constant('commentInText' as const), nth: index, offset: fc.nat({ max: 40 }) }),
  fc.record({ kind: fc.constant('insertRaw' as const), nth: index, raw: fc.constantFrom(...RAW_SNIPPETS) }),
);

const TRANSFORM_ALGORITHMS = [
  'http://www.w3.org/2001/10/xml-exc-c14n#',
  'http://www.w3.org/2001/10/xml-exc-c14n#WithComments',
  'http://www.w3.org/2000/09/xmldsig#enveloped-signature',
  'http://www.w3.org/TR/2001/REC-xml-c14n-20010315',
  'http://www.w3.org/TR/1999/REC-xpath-19991116',
  'http://www.w3.org/2000/09/xmldsig#base64',
];
/** C0 controls (only TAB, LF, CR are XML 1.0 characters), DEL, C1 (NEL, CSI), bidi marks, the Unicode line/paragraph separators, BOM, non-characters. */
const CONTROL_CODES = [...Array.from({ length: 32 }, (_, i) => i), 0x7f, 0x85, 0x9b, 0x200e, 0x202e, 0x2066, 0x2028, 0x2029, 0xfeff, 0xfffe, 0xffff];
/** Counts either side of the caps (markup-limits.ts): small, at the cap's scale, and the 24k. */
const floodCount = fc.oneof(fc.integer({ min: 1, max: 80 }), fc.integer({ min: 60, max: 600 }), fc.constantFrom(3500, 24_000));

/** The hostile generators alone (`npm run fuzz -- --only hostile` runs just these). */
export const hostileMutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('commentFlood' as const), nth: index, count: floodCount }),
  fc.record({ kind: fc.constant('transformFlood' as const), count: floodCount, algorithm: fc.constantFrom(...TRANSFORM_ALGORITHMS) }),
  fc.record({
    kind: fc.constant('controlChar' as const),
    nth: index,
    code: fc.constantFrom(...CONTROL_CODES),
    as: fc.constantFrom('raw' as const, 'decimal' as const, 'hex' as const),
    inAttribute: fc.boolean(),
  }),
  fc.record({
    kind: fc.constant('encoding' as const),
    to: fc.constantFrom(
      'utf16le' as const,
      'utf16be' as const,
      'latin1' as const,
      'utf8-declared-latin1' as const,
      'utf32le' as const,
      'cesu8' as const,
      'utf16le-nobom' as const,
      'deflate' as const,
      'base64url' as const,
    ),
  }),
);

/** Up to three mutations applied in order (most findings need one; combinations catch the rest). */
export const mutationsArb = fc.array(fc.oneof({ arbitrary: mutationArb, weight: 4 }, { arbitrary: hostileMutationArb, weight: 1 }), {
  minLength: 1,
  maxLength: 3,
});

const pick = <T>(items: readonly T[], n: number): T | undefined => (items.length === 0 ? undefined : items[n % items.length]);

/** [start, end) of every complete `<prefix:Name …>…</prefix:Name>` (or self-closing) element, outermost matches only for nesting-free names. */
function elementSpans(xml: string, name: ElementName): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  const open = new RegExp(`<([A-Za-z0-9_-]+:)?${name}[\\s/>]`, 'g');
  for (let m = open.exec(xml); m !== null; m = open.exec(xml)) {
    const start = m.index;
    const tagEnd = xml.indexOf('>', start);
    if (tagEnd < 0) break;
    if (xml[tagEnd - 1] === '/') {
      spans.push([start, tagEnd + 1]);
      continue;
    }
    const close = `</${m[1] ?? ''}${name}>`;
    const end = xml.indexOf(close, tagEnd);
    if (end >= 0) spans.push([start, end + close.length]);
  }
  return spans;
}

/** Offsets just after a start tag or just before an end tag: places where an element may be inserted. */
function insertionPoints(xml: string): number[] {
  const points: number[] = [];
  for (let i = xml.indexOf('>'); i >= 0; i = xml.indexOf('>', i + 1)) points.push(i + 1);
  return points.slice(0, -1);
}

/** [start, end) of every non-empty text node. */
function textSpans(xml: string): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  const re = />([^<]+)</g;
  for (let m = re.exec(xml); m !== null; m = re.exec(xml)) spans.push([m.index + 1, m.index + 1 + (m[1]?.length ?? 0)]);
  return spans;
}

/** [start, end) of every attribute value (between the quotes). */
function attributeValueSpans(xml: string): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  const re = /\s[A-Za-z_:][\w:.-]*="([^"]*)"/g;
  for (let m = re.exec(xml); m !== null; m = re.exec(xml)) {
    const end = m.index + m[0].length - 1;
    spans.push([end - (m[1]?.length ?? 0), end]);
  }
  return spans;
}

/** Start tags (offset of the character after the element name), for adding namespace declarations. */
function startTagNameEnds(xml: string): number[] {
  const out: number[] = [];
  const re = /<([A-Za-z_][\w:.-]*)/g;
  for (let m = re.exec(xml); m !== null; m = re.exec(xml)) out.push(m.index + m[0].length);
  return out;
}

const splice = (s: string, start: number, end: number, insert: string): string => s.slice(0, start) + insert + s.slice(end);
const escapeText = (s: string): string => s.replace(/&(?!(amp|lt|gt|quot|#x?[0-9a-fA-F]+);)/g, '&amp;').replace(/</g, '&lt;');
const escapeAttr = (s: string): string => escapeText(s).replace(/"/g, '&quot;');

/** Applies one XML-level mutation; returns the XML, or base64 directly for byte/encoding-level ones. */
function applyToXml(xml: string, m: Mutation): string | { base64: string } {
  switch (m.kind) {
    case 'flipBase64': {
      const b64 = Buffer.from(xml, 'utf8').toString('base64');
      const at = m.at % b64.length;
      return { base64: b64.slice(0, at) + (B64[m.to] ?? 'A') + b64.slice(at + 1) };
    }
    case 'flipXmlBit': {
      const bytes = Buffer.from(xml, 'utf8');
      const at = m.at % bytes.length;
      bytes[at] = (bytes[at] ?? 0) ^ (1 << m.bit);
      return { base64: bytes.toString('base64') };
    }
    case 'duplicate':
    case 'move': {
      const span = pick(elementSpans(xml, m.element), m.nth);
      if (!span) return xml;
      const copy = xml.slice(span[0], span[1]);
      const base = m.kind === 'move' ? splice(xml, span[0], span[1], '') : xml;
      const at = pick(insertionPoints(base), m.target) ?? base.length;
      return splice(base, at, at, copy);
    }
    case 'editText': {
      const span = pick(textSpans(xml), m.nth);
      return span ? splice(xml, span[0], span[1], escapeText(m.value)) : xml;
    }
    case 'editAttribute': {
      const span = pick(attributeValueSpans(xml), m.nth);
      return span ? splice(xml, span[0], span[1], escapeAttr(m.value)) : xml;
    }
    case 'rebindPrefix': {
      const at = pick(startTagNameEnds(xml), m.nth);
      return at === undefined ? xml : splice(xml, at, at, ` xmlns:${m.prefix}="urn:evil:${m.prefix}"`);
    }
    case 'defaultNamespace': {
      const at = pick(startTagNameEnds(xml), m.nth);
      return at === undefined ? xml : splice(xml, at, at, ` xmlns="${m.uri}"`);
    }
    case 'bom':
      return { base64: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(xml, 'utf8')]).toString('base64') };
    case 'utf16':
      return { base64: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(xml, 'utf16le')]).toString('base64') };
    case 'crlf': {
      const at = pick(insertionPoints(xml), m.nth);
      return at === undefined ? xml : splice(xml, at, at, '\r\n');
    }
    case 'charRef': {
      const span = pick(
        textSpans(xml).filter(([s, e]) => /[A-Za-z0-9]/.test(xml.slice(s, e))),
        m.nth,
      );
      if (!span) return xml;
      const offset = span[0] + xml.slice(span[0], span[1]).search(/[A-Za-z0-9]/);
      const code = xml.charCodeAt(offset);
      return splice(xml, offset, offset + 1, m.hex ? `&#x${code.toString(16)};` : `&#${code};`);
    }
    case 'commentInText': {
      const span = pick(textSpans(xml), m.nth);
      if (!span) return xml;
      const at = span[0] + (m.offset % (span[1] - span[0] + 1));
      return splice(xml, at, at, '<!--c-->');
    }
    case 'insertRaw': {
      const at = pick(insertionPoints(xml), m.nth) ?? 0;
      return splice(xml, at, at, m.raw);
    }
    case 'commentFlood': {
      const at = pick(insertionPoints(xml), m.nth) ?? 0;
      return splice(xml, at, at, '<!---->'.repeat(m.count));
    }
    case 'transformFlood': {
      const at = xml.indexOf('<Transforms>');
      if (at < 0) return xml;
      const end = at + '<Transforms>'.length;
      return splice(xml, end, end, `<Transform Algorithm="${m.algorithm}"/>`.repeat(m.count));
    }
    case 'controlChar': {
      const spans = m.inAttribute ? attributeValueSpans(xml) : textSpans(xml);
      const span = pick(spans, m.nth);
      if (!span) return xml;
      const char = m.as === 'raw' ? String.fromCharCode(m.code) : m.as === 'decimal' ? `&#${m.code};` : `&#x${m.code.toString(16)};`;
      return splice(xml, span[0], span[0], char);
    }
    case 'encoding':
      // base64url is an encoding of the transport, not of the document: the value itself changes.
      return { base64: m.to === 'base64url' ? Buffer.from(xml, 'utf8').toString('base64url') : encode(xml, m.to).toString('base64') };
  }
}

/** The document's bytes in another encoding (or mislabelled): the SP must say what it is, never misread it. */
function encode(xml: string, to: Extract<Mutation, { kind: 'encoding' }>['to']): Buffer {
  switch (to) {
    case 'utf16le':
      return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(xml, 'utf16le')]);
    case 'utf16be':
      return Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(xml, 'utf16le').swap16()]);
    case 'latin1':
      return Buffer.from(`<?xml version="1.0" encoding="ISO-8859-1"?>${xml}`.replace(/@/, '\u00e9@'), 'latin1');
    case 'utf8-declared-latin1':
      return Buffer.from(`<?xml version="1.0" encoding="ISO-8859-1"?>${xml}`, 'utf8');
    case 'utf32le': {
      const codes = Array.from(xml, (c) => c.codePointAt(0) ?? 0);
      const out = Buffer.alloc(4 * (codes.length + 1));
      out.writeUInt32LE(0xfeff, 0);
      codes.forEach((code, i) => out.writeUInt32LE(code, 4 * (i + 1)));
      return out;
    }
    case 'utf16le-nobom':
      return Buffer.from(xml, 'utf16le');
    // The HTTP-POST binding is never deflated or base64url: the ACS must refuse both, not convert them.
    case 'deflate':
      return deflateRawSync(Buffer.from(xml, 'utf8'));
    case 'base64url':
      return Buffer.from(xml, 'utf8'); // handled by the caller
    case 'cesu8': {
      // A supplementary character as two 3-byte surrogates (CESU-8): not UTF-8.
      const [head, tail] = [xml.slice(0, xml.indexOf('>') + 1), xml.slice(xml.indexOf('>') + 1)];
      return Buffer.concat([Buffer.from(head, 'utf8'), Buffer.from([0xed, 0xa0, 0xbd, 0xed, 0xb8, 0x80]), Buffer.from(tail, 'utf8')]);
    }
  }
}

export function applyMutations(xml: string, mutations: readonly Mutation[]): string {
  let current: string | { base64: string } = xml;
  for (const m of mutations) {
    // Once a mutation produced raw bytes, later XML-level ones work on their (lossy) UTF-8 reading.
    const asXml: string = typeof current === 'string' ? current : Buffer.from(current.base64, 'base64').toString('utf8');
    current = applyToXml(asXml, m);
  }
  return typeof current === 'string' ? Buffer.from(current, 'utf8').toString('base64') : current.base64;
}

export interface FuzzBase {
  name: string;
  xml: string;
  expectations: SpPolicy;
  now: Date;
  original: Verdict;
}

/** The signed originals mutated by the fuzzer: Response signed, Assertion signed, both signed. */
export function fuzzBases(validate: (b64: string, e: SpPolicy, now: Date) => Verdict): FuzzBase[] {
  const now = TEST_TENANT.now;
  const expectations: SpPolicy = {
    certificates: [testKey().cert],
    issuer: TEST_TENANT.issuer,
    audience: TEST_TENANT.audience,
    acsUrl: TEST_TENANT.acsUrl,
    outstandingRequestIds: new Set([TEST_TENANT.requestId]),
    allowIdpInitiated: true,
  };
  const attributes = { email: 'ana.agent@example.com', full_name: 'Ana Agent', roles: ['agent', 'wfo.team_leader'], team: 'RAMP' };
  return (['response', 'assertion', 'both'] as Signed[]).map((sign) => {
    const xml = signedResponseXml({ sign, now, attributes });
    const original = validate(Buffer.from(xml, 'utf8').toString('base64'), expectations, now);
    if (!original.valid) throw new Error(`fuzz base (${sign}) is not valid: ${JSON.stringify(original.checks.filter((c) => c.status === 'failed'))}`);
    return { name: `signed-${sign}`, xml, expectations, now, original };
  });
}

/** What an accepted response must reproduce exactly: everything read from the signed node. */
function signedContent(v: Verdict, responseSigned: boolean): unknown {
  const f = v.facts;
  const assertionFacts = { assertionId: f.assertionId, issuer: f.issuer, nameId: f.nameId, notOnOrAfter: f.notOnOrAfter };
  return {
    attributes: v.attributes,
    attributeTypes: v.attributeTypes,
    flex: v.flex,
    facts: responseSigned
      ? { ...assertionFacts, responseId: f.responseId, destination: f.destination, inResponseTo: f.inResponseTo, statusCode: f.statusCode }
      : assertionFacts,
  };
}

/** undefined when the property holds; otherwise why it does not. */
export function judge(base: FuzzBase, verdict: Verdict): string | undefined {
  if (!verdict.valid) return undefined;
  const responseSigned = base.original.facts.signedElement !== 'Assertion';
  const want = JSON.stringify(signedContent(base.original, responseSigned));
  const got = JSON.stringify(signedContent(verdict, responseSigned));
  return want === got ? undefined : `accepted with changed signed content:\n  original ${want}\n  accepted ${got}`;
}
