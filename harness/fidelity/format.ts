// Human-readable lines for fidelity differences (diff.ts). Values are quoted with control and
// line-separator characters escaped, so a hostile response cannot rewrite the terminal.
import type { FidelityDifference } from './diff.ts';

export interface DiffLabels {
  /** Who produced the reference response (`expected`), e.g. "tenant" or "capture". */
  expected: string;
  /** Who produced the compared one (`actual`), e.g. "emulator". */
  actual: string;
}

const DEFAULT_LABELS: DiffLabels = { expected: 'tenant', actual: 'emulator' };

/** JSON-quoted, with C0/C1 controls and U+2028/U+2029 escaped. */
export function quote(value: string): string {
  return JSON.stringify(value).replace(/[\u007f-\u009f\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** A path may hold attribute names from the response: escape what quote() escapes, outside the quotes too. */
function safePath(path: string): string {
  // eslint-disable-next-line no-control-regex
  return path.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export function formatDifference(d: FidelityDifference, labels: DiffLabels = DEFAULT_LABELS): string {
  const path = safePath(d.path);
  const at = d.attribute === undefined ? '' : ` @${safePath(d.attribute)}`;
  switch (d.kind) {
    case 'element-missing':
      return `- ${path}: only in the ${labels.expected}'s response`;
    case 'element-extra':
      return `+ ${path}: only in the ${labels.actual}'s response`;
    case 'element-order':
      return `~ ${path}: children in another order\n    ${labels.expected}: ${d.expected ?? ''}\n    ${labels.actual}: ${d.actual ?? ''}`;
    case 'attribute-missing':
      return `- ${path}${at}: only in the ${labels.expected}'s response (${quote(d.expected ?? '')})`;
    case 'attribute-extra':
      return `+ ${path}${at}: only in the ${labels.actual}'s response (${quote(d.actual ?? '')})`;
    case 'attribute-value':
      return `~ ${path}${at}: ${labels.expected} ${quote(d.expected ?? '')}, ${labels.actual} ${quote(d.actual ?? '')}`;
    case 'text': {
      const show = (v: string | undefined) => (v === undefined ? '(no text)' : quote(v));
      return `~ ${path} text: ${labels.expected} ${show(d.expected)}, ${labels.actual} ${show(d.actual)}`;
    }
  }
}

/** One line (or block) per difference; an empty string when there is none. */
export function formatDifferences(diffs: readonly FidelityDifference[], labels: DiffLabels = DEFAULT_LABELS): string {
  return diffs.map((d) => formatDifference(d, labels)).join('\n');
}
