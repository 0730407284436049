// Normalises a SAML response into a plain tree for a structural comparison (see diff.ts): element
// and attribute names with their namespaces, configuration values as they are, and the per-login
// values and user data replaced by placeholders (rules.ts). Pure; safe on untrusted input: no
// DTDs, a size and a depth limit, errors as values with a stable code.
import { DOMParser, type Element, type Node } from '@xmldom/xmldom';
import {
  ID_RULES,
  INSTANT_ATTRIBUTES,
  MASKED_TEXT,
  NAMESPACE_ALIASES,
  REQUEST_ID_ATTRIBUTES,
  idShape,
  instantPlaceholder,
  isPlaceholder,
  parseInstant,
} from './rules.ts';

export interface NormalElement {
  /** Namespace URI ('' for none). */
  ns: string;
  local: string;
  /** By local name (no namespace), `alias:local` or `{uri}local`; namespace declarations are left out. */
  attributes: Record<string, string>;
  children: NormalElement[];
  /** Trimmed text of the element's own text nodes, when not only whitespace. */
  text?: string;
}

export type FidelityErrorCode = 'FIDELITY_XML_TOO_LARGE' | 'FIDELITY_XML_DTD' | 'FIDELITY_XML_MALFORMED' | 'FIDELITY_XML_TOO_DEEP';
export interface FidelityError {
  code: FidelityErrorCode;
  detail: string;
  hint: string;
}
export type NormaliseResult = { ok: true; root: NormalElement } | { ok: false; error: FidelityError };

export const NORMALISE_LIMITS = { maxChars: 1024 * 1024, maxDepth: 64 } as const;

const XMLNS = 'http://www.w3.org/2000/xmlns/';
const HINT = 'Pass the decoded XML of one SAML response (flex-sso decode shows it).';

function fail(code: FidelityErrorCode, detail: string): NormaliseResult {
  return { ok: false, error: { code, detail, hint: HINT } };
}

function isElement(node: Node | null): node is Element {
  return node !== null && node.nodeType === 1;
}

function elementChildren(el: Element): Element[] {
  const out: Element[] = [];
  for (let n = el.firstChild; n !== null; n = n.nextSibling) if (isElement(n)) out.push(n);
  return out;
}

function ownText(el: Element): string {
  let text = '';
  for (let n = el.firstChild; n !== null; n = n.nextSibling) if (n.nodeType === 3 || n.nodeType === 4) text += n.nodeValue ?? '';
  return text.trim();
}

interface Context {
  ids: Map<string, string>;
  base: number | undefined;
}

function attributeKey(ns: string | null, local: string): string {
  if (ns === null || ns === '') return local;
  const alias = NAMESPACE_ALIASES[ns];
  return alias === undefined ? `{${ns}}${local}` : `${alias}:${local}`;
}

function normaliseValue(el: Element, key: string, value: string, ctx: Context): string {
  const rule = ID_RULES.find((r) => r.element === el.localName && r.attribute === key);
  // Already normalised (a recording read back): kept, so normalising is idempotent.
  if (rule !== undefined) return isPlaceholder(value) ? value : `{${rule.role} ${idShape(value)}}`;
  if (REQUEST_ID_ATTRIBUTES.has(key)) return '{request-id}';
  if (INSTANT_ATTRIBUTES.has(key)) return isPlaceholder(value) ? value : instantPlaceholder(value, ctx.base);
  if (el.localName === 'Reference' && key === 'URI' && value.startsWith('#')) {
    if (isPlaceholder(value.slice(1))) return value;
    const role = ctx.ids.get(value.slice(1));
    return role === undefined ? '#{unknown id}' : `#{${role}}`;
  }
  return value;
}

function walk(el: Element, depth: number, ctx: Context): NormalElement | FidelityError {
  if (depth > NORMALISE_LIMITS.maxDepth) {
    return { code: 'FIDELITY_XML_TOO_DEEP', detail: `Elements nest deeper than ${NORMALISE_LIMITS.maxDepth} levels.`, hint: HINT };
  }
  const attributes: Record<string, string> = {};
  for (let i = 0; i < el.attributes.length; i++) {
    const a = el.attributes.item(i);
    if (a === null || a.namespaceURI === XMLNS || a.name === 'xmlns' || a.name.startsWith('xmlns:')) continue;
    const key = attributeKey(a.namespaceURI, a.localName ?? a.name);
    attributes[key] = normaliseValue(el, key, a.value, ctx);
  }
  const children: NormalElement[] = [];
  for (const child of elementChildren(el)) {
    const normal = walk(child, depth + 1, ctx);
    if ('code' in normal) return normal;
    children.push(normal);
  }
  const local = el.localName ?? el.nodeName;
  const masked = MASKED_TEXT[local];
  const text = ownText(el);
  const out: NormalElement = { ns: el.namespaceURI ?? '', local, attributes, children };
  if (text !== '') out.text = masked ?? text;
  else if (masked !== undefined && children.length === 0) out.text = masked;
  return out;
}

/** Collects generated IDs (ID, SessionIndex) by value, so a Reference URI can name what it signs. */
function collectIds(root: Element): Map<string, string> {
  const ids = new Map<string, string>();
  const stack = [root];
  while (stack.length > 0) {
    const el = stack.pop() as Element;
    for (const rule of ID_RULES)
      if (rule.element === el.localName && el.hasAttribute(rule.attribute)) ids.set(el.getAttribute(rule.attribute) ?? '', rule.role);
    stack.push(...elementChildren(el));
  }
  return ids;
}

function baseInstant(root: Element): number | undefined {
  const assertion = elementChildren(root).find((c) => c.localName === 'Assertion');
  return parseInstant(assertion?.getAttribute('IssueInstant') ?? undefined) ?? parseInstant(root.getAttribute('IssueInstant') ?? undefined);
}

export function normaliseSamlXml(xml: string): NormaliseResult {
  if (xml.length > NORMALISE_LIMITS.maxChars)
    return fail('FIDELITY_XML_TOO_LARGE', `The XML has ${xml.length} characters; the limit is ${NORMALISE_LIMITS.maxChars}.`);
  if (/<!DOCTYPE|<!ENTITY/i.test(xml)) return fail('FIDELITY_XML_DTD', 'The XML declares a DOCTYPE or an entity; a SAML response has none.');
  const errors: string[] = [];
  let root: Element | null;
  try {
    root = new DOMParser({
      onError: (level, message) => {
        if (level !== 'warning') errors.push(message);
      },
    }).parseFromString(xml, 'text/xml').documentElement;
  } catch (error) {
    // xmldom throws its ParseError on fatal errors even with an onError handler.
    return fail('FIDELITY_XML_MALFORMED', `The XML does not parse: ${(error as Error).message.split('\n')[0] ?? ''}`);
  }
  if (errors.length > 0 || root === null) return fail('FIDELITY_XML_MALFORMED', `The XML does not parse: ${errors[0] ?? 'no root element'}`);
  // Depth first, iteratively, so a hostile nesting cannot overflow the stack of collectIds.
  const normal = depthOk(root) ? walk(root, 1, { ids: collectIds(root), base: baseInstant(root) }) : undefined;
  if (normal === undefined) return fail('FIDELITY_XML_TOO_DEEP', `Elements nest deeper than ${NORMALISE_LIMITS.maxDepth} levels.`);
  if ('code' in normal) return { ok: false, error: normal };
  return { ok: true, root: normal };
}

function depthOk(root: Element): boolean {
  const stack: Array<[Element, number]> = [[root, 1]];
  while (stack.length > 0) {
    const [el, depth] = stack.pop() as [Element, number];
    if (depth > NORMALISE_LIMITS.maxDepth) return false;
    for (const child of elementChildren(el)) stack.push([child, depth + 1]);
  }
  return true;
}
