// Hostile SAMLResponses built to exhaust the validator, for the tests, `npm run fuzz`
// and `npm run bench -- --only hostile`: floods past every markup cap (rejected before the parser),
// transform chains (rejected before xml-crypto), and documents that sit just under every cap at
// once, signed for real, which therefore reach xml-crypto: those are the costliest inputs the
// pipeline still fully judges. Every input is at most 256 KiB, the ACS's decoded-size limit.
import { MARKUP_LIMITS } from '../../fake-sp/pipeline/markup-limits.ts';
import { scanMarkup } from '../../fake-sp/pipeline/markup-scan.ts';
import { buildResponseXml, signedResponseXml, type Signed } from '../helpers/saml-signer.ts';

export const MAX_BYTES = 256 * 1024;

export interface HostileInput {
  name: string;
  /** What it is, for reports. */
  what: string;
  xml: string;
  /** The code of the first failed check, or 'valid'. */
  expect: string;
}

const EXC_C14N = '<Transform Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"/>';
const ASSERTION_BODY = '<saml:Subject>';

/** Inserts `content` into the signed Assertion (before its Subject) of an already signed response. */
function intoSigned(content: string, sign: Signed = 'response'): string {
  return signedResponseXml({ sign }).replace(ASSERTION_BODY, `${content}${ASSERTION_BODY}`);
}

/** `unit` repeated as often as fits in `bytes` once placed into a signed response. */
function fill(unit: string, bytes = MAX_BYTES): string {
  const room = bytes - Buffer.byteLength(signedResponseXml()) - 64;
  return unit.repeat(Math.max(1, Math.floor(room / Buffer.byteLength(unit))));
}

/** A signed response carrying `content` inside its Assertion before signing: the content is digested. */
function signedWith(content: string, sign: Signed): string {
  return signedResponseXml({ sign, edit: (xml) => xml.replace(ASSERTION_BODY, `${content}${ASSERTION_BODY}`) });
}

/**
 * Markup that reaches every cap at once (counting what the signed response itself holds), padded
 * with text to `bytes`, inside the Assertion before signing so it is parsed, canonicalized and
 * digested: a chain as deep as allowed whose elements carry every namespace declaration and every
 * distinct element name (not self-closed, closed far from the end of the text: the costly case of
 * xml-crypto's parser), then every remaining element with every remaining attribute, every comment,
 * processing instruction, CDATA section and character reference allowed.
 */
function atCaps(sign: Signed, bytes: number): string {
  const base = scanMarkup(signedResponseXml({ sign }));
  const limits = MARKUP_LIMITS;
  // The chain starts as a child of the Assertion (depth 3) and holds one more level of leaves.
  const depth = 64 - 3 - 1;
  const names = limits.elementNames - base.elementNames - 2; // the leaves' and the padding's names
  const namespaces = limits.namespaceDeclarations - base.namespaceDeclarations - 1; // h: on the padding
  const perLevel = Math.ceil(namespaces / depth);
  let declared = 0;
  const open: string[] = [];
  const close: string[] = [];
  for (let level = 0; level < depth; level += 1) {
    const decls: string[] = [];
    for (let k = 0; k < perLevel && declared < namespaces; k += 1, declared += 1) decls.push(` xmlns:n${declared}="urn:n:${declared}"`);
    const name = `n0:d${level % names}`;
    open.push(`<${name}${decls.join('')}>`);
    close.unshift(`</${name}>`);
  }
  const elements = limits.elements - base.elements - depth - 1;
  const attributes = limits.attributes - base.attributes - namespaces - 1;
  const perElement = Math.min(limits.attributesPerElement, Math.ceil(attributes / elements));
  let given = 0;
  const leaves: string[] = [];
  for (let i = 0; i < elements; i += 1) {
    const attrs: string[] = [];
    for (let k = 0; k < perElement && given < attributes; k += 1, given += 1) attrs.push(` n${k % declared}:a${k}="${i}"`);
    leaves.push(`<n0:e${attrs.join('')}/>`);
  }
  const comments = '<!--c-->'.repeat(limits.comments - base.comments);
  const pis = '<?p x?>'.repeat(limits.processingInstructions - base.processingInstructions);
  const cdata = '<![CDATA[x]]>'.repeat(limits.cdataSections - base.cdataSections);
  const references = '&amp;'.repeat(limits.references - base.references);
  const markup = `${open.join('')}${leaves.join('')}${comments}${pis}${cdata}${close.join('')}`;
  const signatureBytes = 2200 * (sign === 'both' ? 2 : 1);
  const padding = bytes - Buffer.byteLength(buildResponseXml()) - Buffer.byteLength(markup) - references.length - signatureBytes - 64;
  return signedWith(`${markup}<h:pad xmlns:h="urn:hostile">${references}${'x'.repeat(Math.max(0, padding))}</h:pad>`, sign);
}

/** About 250 KiB of text holding as many references as the cap allows beside the response's own. */
function longValue(room = 2048): string {
  const references = MARKUP_LIMITS.references - scanMarkup(signedResponseXml({ sign: 'both' })).references;
  return `${'&amp;'.repeat(references)}${'a'.repeat(MAX_BYTES - room - Buffer.byteLength(signedResponseXml()) - 5 * references)}`;
}

function forge(xml: string): string {
  return xml.replace(/<SignatureValue>(.)/, (_m, c: string) => `<SignatureValue>${c === 'A' ? 'B' : 'A'}`);
}

/** Every hostile input; built on demand (signing the at-cap documents takes a moment). */
export function hostileInputs(): HostileInput[] {
  const over = (n: number) => n + 1;
  const inputs: HostileInput[] = [
    {
      name: 'comment-flood',
      what: '24,000 comments inside the signed Assertion (≈ 11 s before)',
      xml: intoSigned('<!---->'.repeat(24_000)),
      expect: 'PARSE_TOO_MANY_COMMENTS',
    },
    {
      name: 'comments-over-cap',
      what: `${over(MARKUP_LIMITS.comments)} comments`,
      xml: intoSigned('<!--c-->'.repeat(over(MARKUP_LIMITS.comments))),
      expect: 'PARSE_TOO_MANY_COMMENTS',
    },
    {
      name: 'transform-flood',
      what: '3,500 Transforms in the Reference (≈ 139 s before)',
      xml: signedResponseXml().replace('<Transforms>', `<Transforms>${EXC_C14N.repeat(3500)}`),
      expect: 'PARSE_TOO_MANY_ELEMENTS',
    },
    {
      name: 'transform-chain',
      what: '300 Transforms (under the element cap): not the SAML chain',
      xml: signedResponseXml().replace('<Transforms>', `<Transforms>${EXC_C14N.repeat(300)}`),
      expect: 'SIG_TRANSFORM_CHAIN',
    },
    {
      name: 'transform-extra',
      what: 'enveloped + exc-c14n + exc-c14n',
      xml: signedResponseXml().replace('</Transforms>', `${EXC_C14N}</Transforms>`),
      expect: 'SIG_TRANSFORM_CHAIN',
    },
    { name: 'element-flood', what: '256 KiB of empty sibling elements', xml: intoSigned(fill('<a/>')), expect: 'PARSE_TOO_MANY_ELEMENTS' },
    {
      name: 'attribute-flood',
      what: '256 KiB of attributes on one element',
      xml: intoSigned(`<a${Array.from({ length: fill('x').length / 10 }, (_, i) => ` b${i}=""`).join('')}/>`),
      expect: 'PARSE_TOO_MANY_ATTRIBUTES',
    },
    {
      name: 'attributes-per-element',
      what: `${over(MARKUP_LIMITS.attributesPerElement)} attributes on one element`,
      xml: intoSigned(`<a ${Array.from({ length: over(MARKUP_LIMITS.attributesPerElement) }, (_, i) => `b${i}=""`).join(' ')}/>`),
      expect: 'PARSE_TOO_MANY_ATTRIBUTES',
    },
    {
      name: 'namespace-flood',
      what: '5,000 nested elements, each declaring a namespace',
      xml: intoSigned(`${Array.from({ length: 5000 }, (_, i) => `<a xmlns:p${i}="u">`).join('')}${'</a>'.repeat(5000)}`),
      expect: 'PARSE_DEPTH',
    },
    {
      name: 'namespace-declarations',
      what: `${over(MARKUP_LIMITS.namespaceDeclarations)} namespace declarations on flat elements`,
      xml: intoSigned(Array.from({ length: over(MARKUP_LIMITS.namespaceDeclarations) }, (_, i) => `<a xmlns:p${i}="u"/>`).join('')),
      expect: 'PARSE_TOO_MANY_NAMESPACES',
    },
    { name: 'pi-flood', what: '256 KiB of processing instructions', xml: intoSigned(fill('<?a?>')), expect: 'PARSE_TOO_MANY_PIS' },
    { name: 'cdata-flood', what: '256 KiB of CDATA sections', xml: intoSigned(fill('<![CDATA[]]>')), expect: 'PARSE_TOO_MANY_CDATA' },
    { name: 'depth-flood', what: '20,000 nested elements', xml: intoSigned(`${'<a>'.repeat(20_000)}${'</a>'.repeat(20_000)}`), expect: 'PARSE_DEPTH' },
    {
      name: 'reference-flood',
      what: '50,000 character references',
      xml: intoSigned(`<x:t xmlns:x="urn:x">${fill('&#97;')}</x:t>`),
      expect: 'PARSE_TOO_MANY_REFERENCES',
    },
    {
      name: 'long-text',
      what: 'one 250 KiB text value (references at the cap) inside the signed Assertion',
      xml: signedWith(`<x:t xmlns:x="urn:x">${longValue()}</x:t>`, 'response'),
      expect: 'valid',
    },
    {
      name: 'long-attribute',
      what: 'one 250 KiB attribute value (references at the cap) inside the signed Assertion',
      xml: signedWith(`<x:t xmlns:x="urn:x" v="${longValue()}"/>`, 'response'),
      expect: 'valid',
    },
    {
      name: 'long-text-both',
      what: 'one 250 KiB text value (references at the cap), Response and Assertion signed',
      xml: signedWith(`<x:t xmlns:x="urn:x">${longValue(4096)}</x:t>`, 'both'),
      expect: 'valid',
    },
    {
      name: 'lt-flood',
      what: '100,000 "< " in a text: an error every two bytes, each costly to recover from',
      xml: intoSigned(`<x:t xmlns:x="urn:x">${'< '.repeat(100_000)}</x:t>`),
      expect: 'PARSE_MALFORMED',
    },
    // Canonical XML writes '>' as '&gt;': 4× longer once canonicalized, and re-read as entities.
    { name: 'gt-flood', what: '250 KiB of ">" in a text', xml: intoSigned(`<x:t xmlns:x="urn:x">${fill('>')}</x:t>`), expect: 'PARSE_TOO_MANY_REFERENCES' },
    { name: 'at-caps-response', what: 'every cap reached at once, padded to 256 KiB, Response signed', xml: atCaps('response', MAX_BYTES), expect: 'valid' },
    {
      name: 'at-caps-both',
      what: 'every cap reached at once, padded to 256 KiB, Response and Assertion signed',
      xml: atCaps('both', MAX_BYTES),
      expect: 'valid',
    },
    {
      name: 'at-caps-forged',
      what: 'every cap reached at once, both signed, Response SignatureValue forged',
      xml: forge(atCaps('both', MAX_BYTES)),
      expect: 'SIG_VALUE_INVALID',
    },
  ];
  for (const input of inputs) {
    const bytes = Buffer.byteLength(input.xml);
    if (bytes > MAX_BYTES) throw new Error(`hostile input ${input.name} is ${bytes} bytes, over ${MAX_BYTES}`);
  }
  return inputs;
}
