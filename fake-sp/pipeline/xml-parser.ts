// The one XML parser of the pipeline. The received document, and the canonical bytes each verified
// signature covers, are parsed here with the same rules, so what is verified and what is read can
// never differ (the CVE-2025-25291/25292 class: two parsers, two readings of the same bytes).
//
// Rules are XML 1.0 (Fifth Edition), which SAML 2.0 uses:
// - line ends (§2.11): only CR LF and a lone CR become LF. @xmldom/xmldom 0.9 applies XML 1.1's
//   rules by default and also turns U+0085, U+2028 and U+2029 into LF; xml-crypto's bundled xmldom
//   0.8 does so for U+0085 and U+2028. Under XML 1.0 those are ordinary characters, so a genuine
//   response carrying them (xmlsec1 verifies it) keeps them, and a signed U+2029 is read as U+2029.
// - characters (§2.2 Char): C0 controls other than TAB, LF, CR, and U+FFFE/U+FFFF are not XML,
//   literally or as character references (`&#0;`, `&#27;`): the document is refused.
// - well-formedness: xmldom reports an unquoted or valueless attribute, a missing space between
//   attributes or junk in an end tag only as a warning; all of them are not well-formed XML.
// - no DTD (XXE, entity expansion): a DOCTYPE or ENTITY declaration in markup is refused before the
//   parser sees it; the same text inside a comment, a CDATA section or a processing instruction is
//   not a declaration.
import { DOMParser } from '@xmldom/xmldom';
import type { Document, Element, Node } from '@xmldom/xmldom';

export type XmlProblemCode = 'PARSE_DOCTYPE' | 'PARSE_ILLEGAL_CHAR' | 'PARSE_MALFORMED';

export type ParsedXml = { ok: true; doc: Document; root: Element; warnings: string[] } | { ok: false; code: XmlProblemCode; message: string };

/** XML 1.0 §2.11: CR LF and a lone CR are LF; nothing else is a line end. */
export function xml10LineEnds(text: string): string {
  return text.replace(/\r\n?/g, '\n');
}

// Characters outside XML 1.0's Char production (lone surrogates included, for strings built in code).
// eslint-disable-next-line no-control-regex -- matching control characters is the point here
const NOT_XML_CHAR = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** `U+001B` for a code unit, for messages (the character itself must never be printed). */
export function codePoint(ch: string): string {
  return `U+${(ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
}

/** Warnings of xmldom that are well-formedness errors under XML 1.0 (everything but U+FFFD in the source). */
const BENIGN_WARNING = /^Unicode replacement character/;

/**
 * The first DOCTYPE/ENTITY declaration in markup, skipping comments, CDATA sections and processing
 * instructions. Linear: each construct is skipped with one indexOf.
 */
export function findDeclaration(xml: string): { text: string; index: number } | undefined {
  const decl = /<!(DOCTYPE|ENTITY)/iy;
  let i = xml.indexOf('<');
  while (i >= 0 && i < xml.length) {
    let end = -1;
    if (xml.startsWith('<!--', i)) end = skip(xml, i + 4, '-->');
    else if (xml.startsWith('<![CDATA[', i)) end = skip(xml, i + 9, ']]>');
    else if (xml.startsWith('<?', i)) end = skip(xml, i + 2, '?>');
    else {
      decl.lastIndex = i;
      const m = decl.exec(xml);
      if (m !== null) return { text: m[0], index: i };
      end = i + 1;
    }
    // An unterminated comment/CDATA/PI is malformed: the parser refuses it, nothing is hidden.
    if (end < 0) return undefined;
    i = xml.indexOf('<', end);
  }
  return undefined;
}

function skip(xml: string, from: number, terminator: string): number {
  const at = xml.indexOf(terminator, from);
  return at < 0 ? -1 : at + terminator.length;
}

/** The first character outside XML 1.0 in any text, attribute value, comment or PI of the tree. */
function illegalCharInTree(root: Element): { where: string; ch: string } | undefined {
  const stack: Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop() as Node;
    if (node.nodeType === 1) {
      const el = node as Element;
      for (let i = 0; i < el.attributes.length; i++) {
        const a = el.attributes.item(i);
        const m = a === null ? null : NOT_XML_CHAR.exec(a.value);
        if (a !== null && m !== null) return { where: `attribute ${a.name} of <${el.tagName}>`, ch: m[0] };
      }
      for (let c = el.firstChild; c !== null; c = c.nextSibling) stack.push(c);
    } else {
      const data = (node as Node & { data?: unknown }).data;
      const m = typeof data === 'string' ? NOT_XML_CHAR.exec(data) : null;
      if (m !== null) return { where: `the content of <${(node.parentNode as Element | null)?.tagName ?? '?'}>`, ch: m[0] };
    }
  }
  return undefined;
}

/** Parses XML text under the rules above; every problem is a value with a stable code. */
export function parseXml(xml: string): ParsedXml {
  const declaration = findDeclaration(xml);
  if (declaration !== undefined) return { ok: false, code: 'PARSE_DOCTYPE', message: `${declaration.text} at offset ${declaration.index}` };
  const literal = NOT_XML_CHAR.exec(xml);
  if (literal !== null) {
    return { ok: false, code: 'PARSE_ILLEGAL_CHAR', message: `character ${codePoint(literal[0])} at offset ${literal.index}` };
  }
  const errors: string[] = [];
  const warnings: string[] = [];
  let doc: Document | undefined;
  try {
    doc = new DOMParser({
      normalizeLineEndings: xml10LineEnds,
      onError: (level, message) => {
        if (level === 'warning' && BENIGN_WARNING.test(message)) {
          warnings.push(message);
          return;
        }
        errors.push(`${level}: ${message}`);
        // Stop at the first error: xmldom's recovery costs ~20 µs per error, and garbage yields an
        // error every few bytes (docs/benchmarks-history.md, hostile inputs).
        throw new Error(message);
      },
    }).parseFromString(xml, 'text/xml');
  } catch (err) {
    if (errors.length === 0) errors.push(err instanceof Error ? err.message : String(err));
  }
  const root = doc?.documentElement ?? undefined;
  if (errors.length > 0 || doc === undefined || root == null) {
    return { ok: false, code: 'PARSE_MALFORMED', message: errors[0] ?? 'no root element' };
  }
  if (doc.doctype != null) return { ok: false, code: 'PARSE_DOCTYPE', message: `<!DOCTYPE ${doc.doctype.name}>` };
  const bad = illegalCharInTree(root);
  if (bad !== undefined) {
    return { ok: false, code: 'PARSE_ILLEGAL_CHAR', message: `character reference to ${codePoint(bad.ch)} in ${bad.where}` };
  }
  return { ok: true, doc, root, warnings };
}
