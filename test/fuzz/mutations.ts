// Mutations of a valid signed SAML response for property-based fuzzing of the validation pipeline
// (SECURITY.md). Each mutation is a plain value (so fast-check can shrink and print it) applied by
// `applyMutation` to the signed XML; the result is the base64 SAMLResponse the ACS would receive.
// The oracle (`judge`) is "accepted ⇒ the signed content is unchanged": a mutation may be harmless
// (a character reference, a comment inside a text node, a BOM) and accepted, but an accepted response
// must give exactly the original attributes and facts.
import { deflateRawSync } from 'node:zlib';
import fc from 'fast-check';
import type { Expectations, Verdict } from '../../fake-sp/pipeline/types.ts';
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
  | { kind: 'controlChar'; nth: number; char: string; asRef: boolean; inAttribute: boolean }
  | { kind: 'encoding'; to: 'utf16be' | 'utf16le-nobom' | 'latin1' | 'deflate' | 'base64url' };

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=';
const NS_URIS = ['', 'urn:oasis:names:tc:SAML:2.0:assertion', 'urn:oasis:names:tc:SAML:2.0:protocol', 'http://www.w3.org/2000/09/xmldsig#', 'urn:evil'];
const RAW_SNIPPETS = [
  '<!--x-->', '<![CDATA[x]]>', '<?pi x?>', '<!DOCTYPE r [<!ENTITY e "x">]>', '&amp;', '&#0;', '&e;', ']]>', '<x:y/>',
  '<ds:Signature xmlns:ds="http://www.w3.org/2000/09/xmldsig#"/>', '<saml:Attribute Name="roles"><saml:AttributeValue>admin</saml:AttributeValue></saml:Attribute>',
  '\u0000', '\uFFFE', '\uD800', '  ', '\r\n',
];

// Characters XML forbids (C0, U+FFFE), allows but terminals act on (C1, DEL), reorder text (bidi) or
// that parsers disagree on as line ends (U+0085, U+2028, U+2029): issue 17 items 4 and 5.
const CONTROL_CHARS = ['\u0000', '\u0001', '\u0008', '\u000B', '\u000C', '\u001B', '\u007F', '\u0085', '\u009B', '\u200E', '\u202E', '\u2066', '\u2028', '\u2029', '\uFEFF', '\uFFFE'];

const index = fc.nat({ max: 10_000 });
const text = fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('', 'admin', 'supervisor', 'agent ', ' agent', 'x&amp;y', '&#x61;', 'a<!---->b'));

export const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('flipBase64' as const), at: index, to: fc.nat({ max: B64.length - 1 }) }),
  fc.record({ kind: fc.constant('flipXmlBit' as const), at: index, bit: fc.nat({ max: 7 }) }),
  fc.record({ kind: fc.constantFrom('duplicate' as const, 'move' as const), element: fc.constantFrom<ElementName>('Assertion', 'Signature', 'Attribute', 'Subject', 'Issuer', 'AttributeValue', 'Conditions'), nth: fc.nat({ max: 5 }), target: index }),
  fc.record({ kind: fc.constant('editText' as const), nth: index, value: text }),
  fc.record({ kind: fc.constant('editAttribute' as const), nth: index, value: text }),
  fc.record({ kind: fc.constant('rebindPrefix' as const), nth: index, prefix: fc.constantFrom('saml' as const, 'samlp' as const, 'ds' as const, 'xs' as const, 'xsi' as const) }),
  fc.record({ kind: fc.constant('defaultNamespace' as const), nth: index, uri: fc.constantFrom(...NS_URIS) }),
  fc.constant({ kind: 'bom' as const }),
  fc.constant({ kind: 'utf16' as const }),
  fc.record({ kind: fc.constant('crlf' as const), nth: index }),
  fc.record({ kind: fc.constant('charRef' as const), nth: index, hex: fc.boolean() }),
  fc.record({ kind: fc.constant('commentInText' as const), nth: index, offset: fc.nat({ max: 40 }) }),
  fc.record({ kind: fc.constant('insertRaw' as const), nth: index, raw: fc.constantFrom(...RAW_SNIPPETS) }),
  fc.record({ kind: fc.constant('controlChar' as const), nth: index, char: fc.constantFrom(...CONTROL_CHARS), asRef: fc.boolean(), inAttribute: fc.boolean() }),
  fc.record({ kind: fc.constant('encoding' as const), to: fc.constantFrom('utf16be' as const, 'utf16le-nobom' as const, 'latin1' as const, 'deflate' as const, 'base64url' as const) }),
);

/** Up to three mutations applied in order (most findings need one; combinations catch the rest). */
export const mutationsArb = fc.array(mutationArb, { minLength: 1, maxLength: 3 });

const pick = <T>(items: readonly T[], n: number): T | undefined => (items.length === 0 ? undefined : items[n % items.length]);

/** [start, end) of every complete `<prefix:Name …>…</prefix:Name>` (or self-closing) element, outermost matches only for nesting-free names. */
function elementSpans(xml: string, name: ElementName): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  const open = new RegExp(`<([A-Za-z0-9_-]+:)?${name}[\\s/>]`, 'g');
  for (let m = open.exec(xml); m !== null; m = open.exec(xml)) {
    const start = m.index;
    const tagEnd = xml.indexOf('>', start);
    if (tagEnd < 0) break;
    if (xml[tagEnd - 1] === '/') { spans.push([start, tagEnd + 1]); continue; }
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
      const span = pick(textSpans(xml).filter(([s, e]) => /[A-Za-z0-9]/.test(xml.slice(s, e))), m.nth);
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
    case 'controlChar': {
      const span = pick(m.inAttribute ? attributeValueSpans(xml) : textSpans(xml), m.nth);
      const char = m.asRef ? `&#x${m.char.charCodeAt(0).toString(16)};` : m.char;
      return span ? splice(xml, span[0], span[0], char) : xml;
    }
    case 'encoding':
      return { base64: reencode(xml, m.to) };
  }
}

function reencode(xml: string, to: Extract<Mutation, { kind: 'encoding' }>['to']): string {
  const utf8 = Buffer.from(xml, 'utf8');
  switch (to) {
    case 'utf16be': return Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(xml, 'utf16le').swap16()]).toString('base64');
    case 'utf16le-nobom': return Buffer.from(xml, 'utf16le').toString('base64');
    case 'latin1': return Buffer.from(xml, 'latin1').toString('base64');
    case 'deflate': return deflateRawSync(utf8).toString('base64');
    case 'base64url': return utf8.toString('base64url');
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

export interface FuzzBase { name: string; xml: string; expectations: Expectations; now: Date; original: Verdict }

/** The signed originals mutated by the fuzzer: Response signed, Assertion signed, both signed. */
export function fuzzBases(validate: (b64: string, e: Expectations, now: Date) => Verdict): FuzzBase[] {
  const now = TEST_TENANT.now;
  const expectations: Expectations = {
    certificates: [testKey().cert], issuer: TEST_TENANT.issuer, audience: TEST_TENANT.audience, acsUrl: TEST_TENANT.acsUrl,
    outstandingRequestIds: new Set([TEST_TENANT.requestId]), allowIdpInitiated: true,
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
    attributes: v.attributes, attributeTypes: v.attributeTypes, flex: v.flex,
    facts: responseSigned ? { ...assertionFacts, responseId: f.responseId, destination: f.destination, inResponseTo: f.inResponseTo, statusCode: f.statusCode } : assertionFacts,
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
