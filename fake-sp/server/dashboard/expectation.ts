// The scenario's expectation a login record may carry (the scenario runner can attach it), compared
// attribute by attribute with what Flex would read. The record comes from disk or from a client, so
// the shape is checked here rather than trusted.
import { attributeMatches } from '../../../flex/attribute-match.ts';
import type { LoginRecord } from '../../store/login-store.ts';

export interface LoginExpectation {
  outcome?: string;
  /** Attribute name → exact value, exact values, or `absent`. `roles` compares as a set. */
  attributes: Record<string, string | string[]>;
  checks?: string[];
}

export interface AttributeComparison {
  name: string;
  /** undefined: the response does not carry it. */
  actual?: string[];
  /** undefined: the scenario says nothing about it. */
  expected?: string | string[];
  match?: boolean;
}

function stringList(value: unknown): string[] | undefined {
  return Array.isArray(value) && value.every((v) => typeof v === 'string') ? (value as string[]) : undefined;
}

/** The record's expectation, when it has a usable one. */
export function expectationOf(record: LoginRecord): LoginExpectation | undefined {
  const raw: unknown = record.expectation;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return undefined;
  const e = raw as Record<string, unknown>;
  const attributes: Array<[string, string | string[]]> = [];
  if (typeof e.attributes === 'object' && e.attributes !== null && !Array.isArray(e.attributes)) {
    for (const [name, value] of Object.entries(e.attributes)) {
      const list = stringList(value);
      if (typeof value === 'string') attributes.push([name, value]);
      else if (list) attributes.push([name, list]);
    }
  }
  return {
    attributes: Object.fromEntries(attributes),
    ...(typeof e.outcome === 'string' ? { outcome: e.outcome } : {}),
    ...(stringList(e.checks) ? { checks: stringList(e.checks) } : {}),
  };
}

/** Every attribute either side names: response order first, then those only the scenario names. */
export function compareAttributes(attributes: Readonly<Record<string, string[]>>, expectation: LoginExpectation | undefined): AttributeComparison[] {
  const names = [...Object.keys(attributes), ...Object.keys(expectation?.attributes ?? {}).filter((n) => !Object.hasOwn(attributes, n))];
  return names.map((name) => {
    const actual = Object.hasOwn(attributes, name) ? attributes[name] : undefined;
    const expected = expectation && Object.hasOwn(expectation.attributes, name) ? expectation.attributes[name] : undefined;
    return {
      name,
      ...(actual !== undefined ? { actual } : {}),
      ...(expected !== undefined ? { expected, match: attributeMatches(name, actual, expected) } : {}),
    };
  });
}
