// Before → after for one user, and the counting rule of issue 22: every user is exactly one of
// unchanged, changed (any difference in verdict, codes, reason or Flex attributes; newly rejected
// and newly accepted included) or errors (the candidate's Action failed — threw, timed out, did not
// compile — where the baseline did not fail the same way, or the record is not a usable user).
import type { AttributeChange, Classification, FlexValue, LoginResult, UserImpact } from './types.ts';

export function compareResults(
  identity: { email: string; userId: string; team?: string; program?: string },
  before: LoginResult | null,
  after: LoginResult,
): UserImpact {
  const changes = before === null ? [] : attributeChanges(before.attributes, after.attributes);
  const same = before !== null && sameResult(before, after, changes);
  const classification: Classification = same ? 'unchanged' : after.verdict === 'error' ? 'error' : before === null ? 'unchanged' : 'changed';
  const wasAccepted = before?.verdict === 'valid';
  const isAccepted = after.verdict === 'valid';
  // Object.assign, not `{ ...identity, before, … }`: V8 (Node 20) adds each property written after
  // a spread on a slow path, and this runs for every user (BENCHMARKS.md, figures table).
  return Object.assign({}, identity, {
    before,
    after,
    changes,
    classification,
    newlyRejected: classification === 'changed' && wasAccepted && !isAccepted,
    newlyAccepted: classification === 'changed' && before !== null && !wasAccepted && isAccepted,
  });
}

/** `changes`: attributeChanges(a.attributes, b.attributes), already computed by the caller. */
function sameResult(a: LoginResult, b: LoginResult, changes: AttributeChange[]): boolean {
  return a.verdict === b.verdict && (a.reason ?? '') === (b.reason ?? '') && a.codes.join('\n') === b.codes.join('\n') && changes.length === 0;
}

/** Every Flex attribute whose value differs, in a stable order (Flex's required names first, then by name). */
export function attributeChanges(before: Record<string, FlexValue>, after: Record<string, FlexValue>): AttributeChange[] {
  const names = Object.keys(before);
  for (const name of Object.keys(after)) if (!Object.hasOwn(before, name)) names.push(name);
  names.sort(byFlexOrder);
  const changes: AttributeChange[] = [];
  for (const name of names) {
    const b = Object.hasOwn(before, name) ? (before[name] as FlexValue) : null;
    const a = Object.hasOwn(after, name) ? (after[name] as FlexValue) : null;
    if (!sameValue(b, a)) changes.push({ attribute: name, before: b, after: a });
  }
  return changes;
}

const ORDER = new Map(['email', 'full_name', 'roles', 'team', 'program', 'image_url'].map((name, i) => [name, i]));
function byFlexOrder(a: string, b: string): number {
  const ia = ORDER.get(a) ?? ORDER.size,
    ib = ORDER.get(b) ?? ORDER.size;
  if (ia !== ib) return ia - ib;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Lists compare without regard to their order: Flex reads roles (and team lists) that way. A text never equals a list. */
function sameValue(a: FlexValue | null, b: FlexValue | null): boolean {
  if (a === b) return true;
  if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
  const left = [...a].sort();
  const right = [...b].sort();
  return left.every((v, i) => v === right[i]);
}

/** How a value reads in a summary line: roles joined with ", ", absent as "(none)". */
export function showValue(value: FlexValue | null): string {
  if (value === null) return '(none)';
  return Array.isArray(value) ? (value.length === 0 ? '(empty)' : value.join(', ')) : value;
}
