// A counting pass over the raw XML text, run before the DOM parser and before any signature work.
//
// Why before the parser: what @xmldom/xmldom and xml-crypto (with the xpath library it bundles)
// spend grows with the number of nodes, not bytes, and for some shapes faster than linearly
// (docs/benchmarks-history.md "hostile inputs"): every element and attribute is visited by several whole-document
// XPath queries per signature (tens of µs each), comments are removed one by one from a clone before
// digesting (each removal rebuilds the parent's child list: quadratic), nested namespace
// declarations are copied per element, and deep nesting costs the parser itself. Counting first
// bounds all of that by a small node count, whatever the bytes are.
//
// This is not a parser: it only has to be exact for well-formed XML (where '<' never appears in
// text or attribute values, and '>' may appear inside quoted values) and to over-count rather than
// under-count on anything else. It never gives up early, so a malformed prefix cannot switch the
// counting off for what follows; the DOM parser still decides well-formedness afterwards.

export interface MarkupCounts {
  elements: number;
  /** All attributes, namespace declarations included. */
  attributes: number;
  namespaceDeclarations: number;
  comments: number;
  /** Processing instructions (the XML declaration `<?xml …?>` is not one). */
  processingInstructions: number;
  cdataSections: number;
  /** Deepest element nesting (the root element is depth 1). */
  depth: number;
  /** Most attributes on one element. */
  maxAttributesPerElement: number;
  /** Distinct element names (qualified, as written). */
  elementNames: number;
  /**
   * Character and entity references (every `&`; in comments and CDATA too, which only over-counts),
   * plus the characters canonical XML writes as one: `>` in text and `"` in a single-quoted
   * attribute value (each costs an escape in xml-crypto and an entity in the signed bytes re-read).
   */
  references: number;
}

const WS = new Set([' ', '\t', '\n', '\r']);

function skipWs(s: string, i: number): number {
  while (i < s.length && WS.has(s[i] as string)) i += 1;
  return i;
}

/** Index just past the first `end` at or after `from`, or the text's length when it never ends. */
function after(s: string, end: string, from: number): number {
  const at = s.indexOf(end, from);
  return at < 0 ? s.length : at + end.length;
}

interface Tag {
  end: number;
  attributes: number;
  namespaceDeclarations: number;
  selfClosing: boolean;
  escaped: number;
}

/** Occurrences of `char` in s[from, to): a plain loop, so the cost stays within the span. */
function countOf(s: string, char: string, from: number, to: number): number {
  let n = 0;
  for (let at = from; at < to; at += 1) if (s[at] === char) n += 1;
  return n;
}

/** Reads a start tag from just after its name: attributes (quoted, unquoted or bare) up to `>`. */
function readStartTag(s: string, from: number): Tag {
  let i = from;
  let attributes = 0;
  let namespaceDeclarations = 0;
  let escaped = 0;
  for (;;) {
    i = skipWs(s, i);
    if (i >= s.length) return { end: s.length, attributes, namespaceDeclarations, selfClosing: false, escaped };
    const c = s[i];
    if (c === '>') return { end: i + 1, attributes, namespaceDeclarations, selfClosing: false, escaped };
    if (c === '/' && s[i + 1] === '>') return { end: i + 2, attributes, namespaceDeclarations, selfClosing: true, escaped };
    const nameStart = i;
    while (i < s.length && !WS.has(s[i] as string) && s[i] !== '=' && s[i] !== '>' && !(s[i] === '/' && s[i + 1] === '>')) i += 1;
    if (i === nameStart) {
      i += 1;
      continue;
    } // a stray '/' or similar: skip it
    const name = s.slice(nameStart, i);
    attributes += 1;
    if (name === 'xmlns' || name.startsWith('xmlns:')) namespaceDeclarations += 1;
    i = skipWs(s, i);
    if (s[i] !== '=') continue; // a bare name: counted, the parser will refuse it
    i = skipWs(s, i + 1);
    const q = s[i];
    if (q === '"' || q === "'") {
      const end = after(s, q, i + 1);
      if (q === "'") escaped += countOf(s, '"', i + 1, end);
      i = end;
    } else {
      while (i < s.length && !WS.has(s[i] as string) && s[i] !== '>') i += 1; // unquoted value
    }
  }
}

const NAME_START = /[A-Za-z_:\u00C0-\uFFFF]/;

/** Counts the markup of `xml` in one linear pass. */
export function scanMarkup(xml: string): MarkupCounts {
  const counts: MarkupCounts = {
    elements: 0,
    attributes: 0,
    namespaceDeclarations: 0,
    comments: 0,
    processingInstructions: 0,
    cdataSections: 0,
    depth: 0,
    maxAttributesPerElement: 0,
    elementNames: 0,
    references: 0,
  };
  const names = new Set<string>();
  let depth = 0;
  let i = xml.indexOf('<');
  while (i >= 0 && i < xml.length) {
    if (xml.startsWith('<!--', i)) {
      counts.comments += 1;
      i = after(xml, '-->', i + 4);
    } else if (xml.startsWith('<![CDATA[', i)) {
      counts.cdataSections += 1;
      i = after(xml, ']]>', i + 9);
    } else if (xml.startsWith('<?', i)) {
      const declaration = /^<\?xml[\s?]/.test(xml.slice(i, i + 6));
      if (!declaration) counts.processingInstructions += 1;
      i = after(xml, '?>', i + 2);
    } else if (xml.startsWith('<!', i)) {
      i = after(xml, '>', i + 2); // DOCTYPE and other declarations: refused before this scan runs
    } else if (xml[i + 1] === '/') {
      if (depth > 0) depth -= 1;
      i = after(xml, '>', i + 2);
    } else if (NAME_START.test(xml[i + 1] ?? '')) {
      let j = i + 1;
      while (j < xml.length && !WS.has(xml[j] as string) && xml[j] !== '>' && !(xml[j] === '/' && xml[j + 1] === '>')) j += 1;
      names.add(xml.slice(i + 1, j));
      const tag = readStartTag(xml, j);
      counts.elements += 1;
      counts.attributes += tag.attributes;
      counts.references += tag.escaped;
      counts.namespaceDeclarations += tag.namespaceDeclarations;
      if (tag.attributes > counts.maxAttributesPerElement) counts.maxAttributesPerElement = tag.attributes;
      if (!tag.selfClosing) {
        depth += 1;
        if (depth > counts.depth) counts.depth = depth;
      } else if (depth + 1 > counts.depth) {
        counts.depth = depth + 1;
      }
      i = tag.end;
    } else {
      i += 1; // a '<' that starts no markup: the parser will refuse it
    }
    const text = i;
    i = xml.indexOf('<', i);
    counts.references += countOf(xml, '>', text, i < 0 ? xml.length : i);
  }
  counts.elementNames = names.size;
  for (let at = xml.indexOf('&'); at >= 0; at = xml.indexOf('&', at + 1)) counts.references += 1;
  return counts;
}
