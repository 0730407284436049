// Writes a normalised response (normalise.ts) as XML: the `response.xml` of a recording. One element
// per line, two-space indent, attributes in document order, every namespace declared once on the
// root with a fixed prefix (rules.ts), so two recordings of the same structure are the same bytes and
// a recording diffs line by line. normaliseSamlXml reads it back to the same tree (it is idempotent).
import type { NormalElement } from './normalise.ts';
import { NAMESPACE_ALIASES, SERIALISE_PREFIXES } from './rules.ts';

const XML_NS = 'http://www.w3.org/XML/1998/namespace';

class Prefixes {
  readonly declared = new Map<string, string>();
  private next = 1;

  of(ns: string): string {
    if (ns === XML_NS) return 'xml';
    let prefix = this.declared.get(ns);
    if (prefix === undefined) {
      prefix = SERIALISE_PREFIXES[ns] ?? `ns${this.next++}`;
      this.declared.set(ns, prefix);
    }
    return prefix;
  }
}

const ALIAS_NS = new Map(Object.entries(NAMESPACE_ALIASES).map(([ns, alias]) => [alias, ns]));

/** `local`, `xsi:type` (an alias of normalise.ts) or `{uri}local` → the name written. */
function attributeName(key: string, prefixes: Prefixes): string {
  const braced = /^\{([^}]*)\}(.+)$/.exec(key);
  if (braced) return `${prefixes.of(braced[1] ?? '')}:${braced[2] ?? ''}`;
  const colon = key.indexOf(':');
  if (colon > 0) {
    const ns = ALIAS_NS.get(key.slice(0, colon));
    if (ns !== undefined) return `${prefixes.of(ns)}:${key.slice(colon + 1)}`;
  }
  return key;
}

function escapeAttribute(value: string): string {
  return value.replace(/[&<>"\t\n\r]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', '\t': '&#9;', '\n': '&#10;', '\r': '&#13;' })[c] ?? c);
}

function escapeText(value: string): string {
  return value.replace(/[&<>\r]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '\r': '&#13;' })[c] ?? c);
}

function write(el: NormalElement, depth: number, prefixes: Prefixes, lines: string[]): void {
  const pad = '  '.repeat(depth);
  const name = el.ns === '' ? el.local : `${prefixes.of(el.ns)}:${el.local}`;
  const attributes = Object.entries(el.attributes)
    .map(([key, value]) => ` ${attributeName(key, prefixes)}="${escapeAttribute(value)}"`)
    .join('');
  const open = `${pad}<${name}${attributes}`;
  if (el.children.length === 0) {
    lines.push(el.text === undefined ? `${open}/>` : `${open}>${escapeText(el.text)}</${name}>`);
    return;
  }
  lines.push(`${open}>`);
  if (el.text !== undefined) lines.push(`${pad}  ${escapeText(el.text)}`);
  for (const child of el.children) write(child, depth + 1, prefixes, lines);
  lines.push(`${pad}</${name}>`);
}

export const SERIALISED_HEADER =
  '<!-- flex-sso: a normalised SAML response. IDs, instants, digests, signature values, the certificate and user data are placeholders; see docs/emulator-fidelity.md -->';

/** The normalised tree as XML text (ends with a newline). */
export function serialiseNormalised(root: NormalElement): string {
  const prefixes = new Prefixes();
  const lines: string[] = [];
  write(root, 0, prefixes, lines);
  // Declarations go on the root once every prefix is known, sorted so the bytes are stable.
  const declarations = [...prefixes.declared]
    .sort(([, a], [, b]) => a.localeCompare(b))
    .map(([ns, prefix]) => ` xmlns:${prefix}="${escapeAttribute(ns)}"`)
    .join('');
  const rootLine = lines[0] ?? '';
  const nameEnd = rootLine.search(/[\s/>]/);
  lines[0] = `${rootLine.slice(0, nameEnd)}${declarations}${rootLine.slice(nameEnd)}`;
  return `<?xml version="1.0" encoding="UTF-8"?>\n${SERIALISED_HEADER}\n${lines.join('\n')}\n`;
}
