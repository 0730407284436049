// Differences between two attempts' normalised tenant log events (log-normalise.ts): events are
// matched by type and occurrence (`s`, `fp[2]`), so a missing event is one difference, not a
// cascade; a different order of the matched events is one difference; matched events are compared
// field by field. `expected` is the tenant's, `actual` the emulator's. Pure.
import type { NormalLogEvent } from './log-normalise.ts';
import { knownNotModelled } from './log-rules.ts';

export type LogDifferenceKind = 'event-missing' | 'event-extra' | 'event-order' | 'field-missing' | 'field-extra' | 'field-value';

export interface LogDifference {
  /** The event: its type, with the occurrence number when the type repeats (`fp[2]`). */
  event: string;
  kind: LogDifferenceKind;
  field?: string;
  expected?: string;
  actual?: string;
  /** The field is listed as not modelled in docs/emulator-fidelity.md. */
  notModelled?: true;
}

interface Keyed {
  key: string;
  event: NormalLogEvent;
}

function keyed(events: readonly NormalLogEvent[]): Keyed[] {
  const total = new Map<string, number>();
  for (const e of events) total.set(e.type, (total.get(e.type) ?? 0) + 1);
  const seen = new Map<string, number>();
  return events.map((event) => {
    const n = (seen.get(event.type) ?? 0) + 1;
    seen.set(event.type, n);
    return { key: (total.get(event.type) ?? 0) > 1 ? `${event.type}[${n}]` : event.type, event };
  });
}

function compareFields(key: string, expected: NormalLogEvent, actual: NormalLogEvent, out: LogDifference[]): void {
  const names = [...new Set([...Object.keys(expected.fields), ...Object.keys(actual.fields)])].sort();
  for (const field of names) {
    const e = expected.fields[field];
    const a = actual.fields[field];
    if (e === a) continue;
    const known = knownNotModelled(field) ? { notModelled: true as const } : {};
    if (a === undefined) out.push({ event: key, kind: 'field-missing', field, expected: e as string, ...known });
    else if (e === undefined) out.push({ event: key, kind: 'field-extra', field, actual: a, ...known });
    else out.push({ event: key, kind: 'field-value', field, expected: e, actual: a, ...known });
  }
}

export function diffLogEvents(expected: readonly NormalLogEvent[], actual: readonly NormalLogEvent[]): LogDifference[] {
  const out: LogDifference[] = [];
  const e = keyed(expected);
  const a = keyed(actual);
  const inActual = new Map(a.map((k) => [k.key, k]));
  const inExpected = new Map(e.map((k) => [k.key, k]));
  for (const k of e) if (!inActual.has(k.key)) out.push({ event: k.key, kind: 'event-missing' });
  for (const k of a) if (!inExpected.has(k.key)) out.push({ event: k.key, kind: 'event-extra' });
  const commonExpected = e.filter((k) => inActual.has(k.key));
  const commonActual = a.filter((k) => inExpected.has(k.key));
  if (commonExpected.some((k, i) => k.key !== commonActual[i]?.key)) {
    out.push({ event: '(all)', kind: 'event-order', expected: commonExpected.map((k) => k.key).join(', '), actual: commonActual.map((k) => k.key).join(', ') });
  }
  for (const k of commonExpected) {
    const other = inActual.get(k.key);
    if (other) compareFields(k.key, k.event, other.event, out);
  }
  return out;
}
