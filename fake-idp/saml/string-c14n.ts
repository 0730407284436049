// Exclusive XML canonicalisation (exc-c14n, no comments, no InclusiveNamespaces) of one element of a
// document the emulator built itself, computed straight from the string: re-parsing the document
// with a DOM only to canonicalise it cost most of a login's signing time.
// It accepts only the narrow XML subset response-builder.ts writes (double-quoted attributes, the
// five predefined entities, prefixed elements, no default namespace, no whitespace characters that
// a parser would normalise, no comments/PIs/CDATA/DTD). Anything else returns null and the caller
// falls back to xml-crypto: a wrong canonical form would mean a bad signature, a fallback only time.

export interface CanonicalElement {
  /** exc-c14n bytes of the element (what the enveloped + exc-c14n transforms digest before signing). */
  canonical: string;
  /** Value of the element's ID attribute (the Reference URI fragment). */
  id: string;
  /** Offset in the document right after the end of the element's first Issuer child. */
  afterIssuer: number;
}

/** Picks the signed element: depth, local name and namespace of a candidate start tag. */
export type ElementMatcher = (depth: number, localName: string, namespaceUri: string, rootLocalName: string) => boolean;

// Characters a parser would normalise or reject (whitespace in attribute values, CR, controls,
// non-characters, lone surrogates), CDATA-end, and any entity other than the five predefined ones.
// eslint-disable-next-line no-control-regex -- matching control characters is the point here
const UNSAFE = /[\x00-\x1F\x7F-\x9F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]|]]>|&(?!(?:amp|lt|gt|quot|apos);)/;
const TOKEN = /<(\/?)([A-Za-z_][\w.-]*(?::[A-Za-z_][\w.-]*)?)((?:\s+[A-Za-z_][\w.:-]*="[^"<]*")*) *(\/?)>|[^<]+/y;
const ATTRIBUTE = /\s+([A-Za-z_][\w.:-]*)="([^"<]*)"/g;
// Prefixes whose code-unit order equals xml-crypto's localeCompare order.
const SIMPLE_PREFIX = /^[a-z][a-z0-9]*$/;
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function unescape(value: string): string {
  return value.includes('&') ? value.replace(/&(amp|lt|gt|quot|apos);/g, (_m, name: string) => ENTITIES[name] ?? '') : value;
}
function c14nText(value: string): string {
  return value.replace(/[&<>]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : '&gt;'));
}
function c14nAttribute(value: string): string {
  return value.replace(/[&<"]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : '&quot;'));
}

// Both maps are shared with the parent frame until an element changes them (copy on write): most
// elements declare no namespace, and copying two maps per element was most of this function's time.
interface Frame {
  name: string;
  scope: Map<string, string>;
  rendered: Map<string, string>;
}
const EMPTY: Map<string, string> = new Map();
interface Attr {
  prefix: string;
  local: string;
  name: string;
  value: string;
}

function byFirst<T>(a: [string, T], b: [string, T]): number {
  return a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0;
}

function splitName(name: string): [prefix: string, local: string] {
  const colon = name.indexOf(':');
  return colon < 0 ? ['', name] : [name.slice(0, colon), name.slice(colon + 1)];
}

/** exc-c14n of the single element `match` selects, or null when the document is outside the subset. */
export function canonicalizeElement(xml: string, match: ElementMatcher): CanonicalElement | null {
  if (UNSAFE.test(xml)) return null;
  const stack: Frame[] = [];
  const out: string[] = [];
  let targetDepth = -1;
  let found: { id: string; afterIssuer: number } | null = null;
  let id = '';
  let afterIssuer = -1;
  let issuerDepth = -1;
  let rootLocal = '';
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < xml.length) {
    const m = TOKEN.exec(xml);
    if (!m) return null;
    const [token, closing, name, attrText, selfClosing] = m;
    if (name === undefined) {
      // text
      if (stack.length === 0) return null;
      if (targetDepth >= 0) out.push(c14nText(unescape(token)));
      continue;
    }
    const [prefix, local] = splitName(name);
    if (closing) {
      if (attrText || selfClosing) return null;
      const frame = stack.pop();
      if (!frame || frame.name !== name) return null;
      if (targetDepth >= 0) {
        out.push(`</${name}>`);
        if (stack.length === issuerDepth) {
          afterIssuer = TOKEN.lastIndex;
          issuerDepth = -2;
        }
        if (stack.length === targetDepth) {
          targetDepth = -1;
          found = { id, afterIssuer };
        }
      }
      continue;
    }
    const parent = stack[stack.length - 1];
    let scope = parent?.scope ?? EMPTY;
    let ownScope = false;
    const attrs: Attr[] = [];
    const seen = new Set<string>();
    for (const a of (attrText ?? '').matchAll(ATTRIBUTE)) {
      const attrName = a[1] ?? '';
      const value = unescape(a[2] ?? '');
      if (seen.has(attrName)) return null;
      seen.add(attrName);
      const [p, l] = splitName(attrName);
      if (attrName === 'xmlns' || p === 'xml') return null;
      if (p === 'xmlns') {
        if (!SIMPLE_PREFIX.test(l) || value === '') return null;
        if (!ownScope) {
          scope = new Map(scope);
          ownScope = true;
        }
        scope.set(l, value);
      } else attrs.push({ prefix: p, local: l, name: attrName, value });
    }
    if (!SIMPLE_PREFIX.test(prefix)) return null; // unprefixed elements would need default-namespace handling
    const uri = scope.get(prefix);
    if (uri === undefined) return null;
    if (stack.length === 0) rootLocal = local;
    const depth = stack.length;
    let rendered = parent?.rendered ?? EMPTY;
    let ownRendered = false;
    const entering = targetDepth < 0 && match(depth, local, uri, rootLocal);
    if (entering) {
      if (found !== null) return null; // more than one candidate: let xml-crypto decide
      const ids = attrs.filter((a) => a.prefix === '' && /^(ID|Id|id)$/.test(a.local));
      if (ids.length !== 1 || ids[0]?.local !== 'ID' || !/^[A-Za-z_][\w.-]*$/.test(ids[0].value)) return null;
      id = ids[0].value;
      targetDepth = depth;
      afterIssuer = -1;
      issuerDepth = -1;
      rendered = new Map();
      ownRendered = true;
    }
    if (targetDepth >= 0) {
      if (depth === targetDepth + 1 && local === 'Issuer' && issuerDepth === -1) issuerDepth = depth;
      let open = `<${name}`;
      // Namespaces first (by prefix), then attributes (unqualified by name, then by namespace URI and name).
      const ns: Array<[string, string]> = [];
      for (let i = -1; i < attrs.length; i += 1) {
        const p = i < 0 ? prefix : (attrs[i] as Attr).prefix;
        if (p === '') continue;
        const pUri = scope.get(p);
        if (pUri === undefined) return null;
        if (rendered.get(p) !== pUri) {
          if (!ownRendered) {
            rendered = new Map(rendered);
            ownRendered = true;
          }
          rendered.set(p, pUri);
          ns.push([p, pUri]);
        }
      }
      if (ns.length > 1) ns.sort(byFirst);
      for (const [p, u] of ns) open += ` xmlns:${p}="${c14nAttribute(u)}"`;
      if (attrs.length > 0) {
        const keyed: Array<[string, Attr]> = [];
        for (const a of attrs) keyed.push([a.prefix === '' ? `0${a.local}` : `1${scope.get(a.prefix) ?? ''}${a.local}`, a]);
        if (keyed.length > 1) keyed.sort(byFirst);
        for (const [, a] of keyed) open += ` ${a.name}="${c14nAttribute(a.value)}"`;
      }
      out.push(`${open}>`);
    } else if (attrs.some((a) => a.prefix !== '' && !scope.has(a.prefix))) return null;
    if (selfClosing) {
      if (targetDepth >= 0) {
        out.push(`</${name}>`);
        if (depth === issuerDepth) {
          afterIssuer = TOKEN.lastIndex;
          issuerDepth = -2;
        }
        if (depth === targetDepth) {
          targetDepth = -1;
          found = { id, afterIssuer };
        }
      }
      continue;
    }
    stack.push({ name, scope, rendered });
  }
  if (stack.length !== 0 || found === null || found.afterIssuer < 0) return null;
  return { canonical: out.join(''), id: found.id, afterIssuer: found.afterIssuer };
}
