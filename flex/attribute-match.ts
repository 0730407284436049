// Whether a received SAML attribute matches what a scenario expects, with one meaning of "absent":
// no value at all (the attribute is not sent, or sent without an AttributeValue) — Flex sees nothing
// either way. `roles` compares as Flex reads it (flex/roles.ts); other attributes value by value.
import { sameRoles } from './roles.ts';

/** The expectation that an attribute is not sent. */
export const ABSENT = 'absent';

export type ExpectedValue = string | readonly string[];

export function isAbsent(values: readonly string[] | undefined): boolean {
  return values === undefined || values.length === 0;
}

export function attributeMatches(name: string, actual: readonly string[] | undefined, expected: ExpectedValue): boolean {
  if (expected === ABSENT) return isAbsent(actual);
  if (actual === undefined || isAbsent(actual)) return false;
  const want = typeof expected === 'string' ? [expected] : expected;
  if (name === 'roles') return sameRoles(actual, want);
  return actual.length === want.length && want.every((v, i) => actual[i] === v);
}
