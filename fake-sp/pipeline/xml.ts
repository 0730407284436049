// Small DOM helpers over @xmldom/xmldom 0.9: namespace-aware child lookup without XPath, so every
// check reads exactly the element it means (no `//` searches that an attacker could satisfy elsewhere).
import type { Element, Node } from '@xmldom/xmldom';

export const NS = {
  samlp: 'urn:oasis:names:tc:SAML:2.0:protocol',
  saml: 'urn:oasis:names:tc:SAML:2.0:assertion',
  ds: 'http://www.w3.org/2000/09/xmldsig#',
  xsi: 'http://www.w3.org/2001/XMLSchema-instance',
} as const;

const ELEMENT_NODE = 1;

export function isElement(node: Node | null | undefined): node is Element {
  return node != null && node.nodeType === ELEMENT_NODE;
}

/** Direct element children, optionally filtered by local name and namespace. */
export function children(parent: Element, localName?: string, ns?: string): Element[] {
  const out: Element[] = [];
  for (let n = parent.firstChild; n != null; n = n.nextSibling) {
    if (!isElement(n)) continue;
    if (localName !== undefined && n.localName !== localName) continue;
    if (ns !== undefined && n.namespaceURI !== ns) continue;
    out.push(n);
  }
  return out;
}

export function child(parent: Element | undefined, localName: string, ns?: string): Element | undefined {
  return parent === undefined ? undefined : children(parent, localName, ns)[0];
}

/** Walks a path of child names in one namespace: path(assertion, ['Subject', 'NameID'], NS.saml). */
export function path(start: Element | undefined, names: string[], ns: string): Element | undefined {
  let cur = start;
  for (const name of names) cur = child(cur, name, ns);
  return cur;
}

/** Every descendant element (document order), iteratively so deep documents cannot overflow the stack. */
export function descendants(root: Element, visit: (el: Element, depth: number) => void): void {
  const stack: Array<[Element, number]> = [[root, 1]];
  while (stack.length > 0) {
    const [el, depth] = stack.pop() as [Element, number];
    visit(el, depth);
    const kids = children(el);
    for (let i = kids.length - 1; i >= 0; i--) stack.push([kids[i] as Element, depth + 1]);
  }
}

/** Attribute value or undefined (xmldom returns null or '' for a missing attribute). */
export function attr(el: Element | undefined, name: string): string | undefined {
  if (el === undefined || !el.hasAttribute(name)) return undefined;
  return el.getAttribute(name) ?? undefined;
}

/** Whole text content (all text nodes concatenated, comments excluded): never truncated at a comment. */
export function text(el: Element | undefined): string | undefined {
  return el === undefined ? undefined : (el.textContent ?? '');
}
