// The decoded response as indented, escaped HTML, with the element the verified signature covers
// wrapped in `<span class="signed" data-signed="Response|Assertion">`. Display only: verification
// never reads this. The element is found the way the pipeline consumes it (the root Response, or the
// root's Assertion child) AND by the ID the verdict's facts name, so a wrapped copy elsewhere in the
// document is never the one marked.
import { DOMParser } from '@xmldom/xmldom';
import type { Element, Node } from '@xmldom/xmldom';
import type { Verdict } from '../../pipeline/types.ts';
import { escapeHtml } from '../../../flex/html.ts';

const ELEMENT = 1;
const TEXT = 3;
const CDATA = 4;
const PI = 7;
const COMMENT = 8;
/** Deeper documents are shown as plain escaped text (the pipeline rejects them anyway). */
const MAX_DEPTH = 128;
const INDENT = '  ';

export interface XmlView {
  html: string;
  marked: Array<'Response' | 'Assertion'>;
}

function signedTargets(verdict: Verdict): Map<'Response' | 'Assertion', string> {
  const { signedElement, responseId, assertionId } = verdict.facts;
  const targets = new Map<'Response' | 'Assertion', string>();
  if ((signedElement === 'Response' || signedElement === 'both') && responseId) targets.set('Response', responseId);
  if ((signedElement === 'Assertion' || signedElement === 'both') && assertionId) targets.set('Assertion', assertionId);
  return targets;
}

function openTag(el: Element, selfClosing: boolean): string {
  let out = `<span class="tag">&lt;${escapeHtml(el.tagName)}</span>`;
  for (let i = 0; i < el.attributes.length; i++) {
    const a = el.attributes.item(i);
    if (a) out += ` <span class="attr">${escapeHtml(a.name)}</span>=<span class="val">"${escapeHtml(a.value)}"</span>`;
  }
  return `${out}<span class="tag">${selfClosing ? '/&gt;' : '&gt;'}</span>`;
}

const closeTag = (el: Element) => `<span class="tag">&lt;/${escapeHtml(el.tagName)}&gt;</span>`;

function meaningful(node: Node): boolean {
  return node.nodeType !== TEXT || (node.nodeValue ?? '').trim() !== '';
}

function leaf(node: Node): string {
  const value = node.nodeValue ?? '';
  if (node.nodeType === TEXT) return escapeHtml(value.trim());
  if (node.nodeType === CDATA) return `&lt;![CDATA[${escapeHtml(value)}]]&gt;`;
  if (node.nodeType === COMMENT) return `<span class="muted">&lt;!--${escapeHtml(value)}--&gt;</span>`;
  if (node.nodeType === PI) return `&lt;?${escapeHtml(node.nodeName)} ${escapeHtml(value)}?&gt;`;
  return '';
}

class TooDeep extends Error {}

function render(node: Element, depth: number, mark: (el: Element, depth: number) => 'Response' | 'Assertion' | undefined, lines: string[]): void {
  if (depth > MAX_DEPTH) throw new TooDeep();
  const pad = INDENT.repeat(depth);
  const kids: Node[] = [];
  for (let n = node.firstChild; n != null; n = n.nextSibling) if (meaningful(n)) kids.push(n);
  const signed = mark(node, depth);
  const start = lines.length;
  if (kids.length === 0) lines.push(pad + openTag(node, true));
  else if (kids.length === 1 && kids[0]?.nodeType !== ELEMENT) lines.push(pad + openTag(node, false) + leaf(kids[0] as Node) + closeTag(node));
  else {
    lines.push(pad + openTag(node, false));
    for (const kid of kids) {
      if (kid.nodeType === ELEMENT) render(kid as Element, depth + 1, mark, lines);
      else lines.push(INDENT.repeat(depth + 1) + leaf(kid));
    }
    lines.push(pad + closeTag(node));
  }
  if (signed) {
    const id = node.getAttribute('ID') ?? '';
    // The note goes on its own line above the element: its opening tag is often wider than the view.
    lines[start] =
      `<span class="signed" id="signed-${signed.toLowerCase()}" data-signed="${signed}">` +
      `${pad}<span class="signed-note">\u25bc signed ${signed}: the verified signature references #${escapeHtml(id)}</span>\n${lines[start] ?? ''}`;
    lines[lines.length - 1] = `${lines[lines.length - 1] ?? ''}</span>`;
  }
}

/** Pretty-printed, escaped HTML for a `<pre>`; falls back to the escaped text when the XML does not parse. */
export function xmlView(xml: string, verdict: Verdict): XmlView {
  const targets = signedTargets(verdict);
  const marked: XmlView['marked'] = [];
  let root: Element | null | undefined;
  try {
    root = new DOMParser({ onError: () => undefined }).parseFromString(xml, 'text/xml').documentElement;
  } catch {
    root = undefined;
  }
  if (root == null) return { html: escapeHtml(xml), marked };
  const mark = (el: Element, depth: number): 'Response' | 'Assertion' | undefined => {
    const kind = depth === 0 ? 'Response' : depth === 1 ? 'Assertion' : undefined;
    if (kind === undefined || el.localName !== kind || marked.includes(kind)) return undefined;
    if (targets.get(kind) === undefined || el.getAttribute('ID') !== targets.get(kind)) return undefined;
    marked.push(kind);
    return kind;
  };
  const lines: string[] = [];
  try {
    render(root, 0, mark, lines);
  } catch (error) {
    if (error instanceof TooDeep) return { html: escapeHtml(xml), marked: [] };
    throw error;
  }
  return { html: lines.join('\n'), marked };
}
