// Structural diff of two normalised SAML responses (normalise.ts): element by element, attribute by
// attribute. `expected` is the reference (a real tenant's response, a capture), `actual` the
// emulator's. Children are matched by namespace, local name and key attribute (an Attribute by its
// Name), so a missing attribute is reported as missing, not as a cascade of mismatches; a different
// order of the matched children is one difference of its own. Pure.
import type { NormalElement } from './normalise.ts';
import { KEY_ATTRIBUTES } from './rules.ts';

export type DifferenceKind =
  | 'element-missing' // in expected, not in actual
  | 'element-extra' // in actual, not in expected
  | 'element-order'
  | 'attribute-missing'
  | 'attribute-extra'
  | 'attribute-value'
  | 'text';

export interface FidelityDifference {
  /** `/Response/Assertion/AttributeStatement/Attribute[@Name="…"]`, by local names. */
  path: string;
  kind: DifferenceKind;
  /** The XML attribute concerned (attribute-* kinds). */
  attribute?: string;
  expected?: string;
  actual?: string;
}

interface Keyed {
  key: string;
  label: string;
  el: NormalElement;
}

function keyOf(el: NormalElement): { key: string; label: string } {
  const keyAttribute = KEY_ATTRIBUTES[el.local];
  const keyValue = keyAttribute === undefined ? undefined : el.attributes[keyAttribute];
  const suffix = keyValue === undefined ? '' : `[@${keyAttribute}=${JSON.stringify(keyValue)}]`;
  return { key: `{${el.ns}}${el.local}${suffix}`, label: `${el.local}${suffix}` };
}

/** Children with unique keys: a repeated key gets its occurrence number, `Transform[2]`. */
function keyed(children: NormalElement[]): Keyed[] {
  const total = new Map<string, number>();
  for (const child of children) total.set(keyOf(child).key, (total.get(keyOf(child).key) ?? 0) + 1);
  const seen = new Map<string, number>();
  return children.map((el) => {
    const { key, label } = keyOf(el);
    const n = (seen.get(key) ?? 0) + 1;
    seen.set(key, n);
    return (total.get(key) ?? 0) > 1 ? { key: `${key}#${n}`, label: `${label}[${n}]`, el } : { key, label, el };
  });
}

function compareAttributes(path: string, expected: NormalElement, actual: NormalElement, out: FidelityDifference[]): void {
  const names = [...new Set([...Object.keys(expected.attributes), ...Object.keys(actual.attributes)])].sort();
  for (const name of names) {
    const e = expected.attributes[name];
    const a = actual.attributes[name];
    if (e === a) continue;
    if (a === undefined) out.push({ path, kind: 'attribute-missing', attribute: name, expected: e });
    else if (e === undefined) out.push({ path, kind: 'attribute-extra', attribute: name, actual: a });
    else out.push({ path, kind: 'attribute-value', attribute: name, expected: e, actual: a });
  }
}

function compare(path: string, expected: NormalElement, actual: NormalElement, out: FidelityDifference[]): void {
  compareAttributes(path, expected, actual, out);
  if (expected.text !== actual.text) {
    out.push({
      path,
      kind: 'text',
      ...(expected.text === undefined ? {} : { expected: expected.text }),
      ...(actual.text === undefined ? {} : { actual: actual.text }),
    });
  }
  const e = keyed(expected.children);
  const a = keyed(actual.children);
  const inActual = new Map(a.map((k) => [k.key, k]));
  const inExpected = new Map(e.map((k) => [k.key, k]));
  for (const k of e) if (!inActual.has(k.key)) out.push({ path: `${path}/${k.label}`, kind: 'element-missing' });
  for (const k of a) if (!inExpected.has(k.key)) out.push({ path: `${path}/${k.label}`, kind: 'element-extra' });
  const commonExpected = e.filter((k) => inActual.has(k.key));
  const commonActual = a.filter((k) => inExpected.has(k.key));
  if (commonExpected.some((k, i) => k.key !== commonActual[i]?.key)) {
    out.push({ path, kind: 'element-order', expected: commonExpected.map((k) => k.label).join(', '), actual: commonActual.map((k) => k.label).join(', ') });
  }
  for (const k of commonExpected) {
    const other = inActual.get(k.key);
    if (other !== undefined) compare(`${path}/${k.label}`, k.el, other.el, out);
  }
}

/** Every structural difference between `expected` (the reference) and `actual` (the emulator). */
export function diffSaml(expected: NormalElement, actual: NormalElement): FidelityDifference[] {
  const out: FidelityDifference[] = [];
  const root = keyOf(expected);
  if (root.key !== keyOf(actual).key) {
    out.push({ path: `/${root.label}`, kind: 'element-missing' }, { path: `/${keyOf(actual).label}`, kind: 'element-extra' });
    return out;
  }
  compare(`/${root.label}`, expected, actual, out);
  return out;
}
