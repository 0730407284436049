// Normalises one attempt's tenant log events (GET /api/v2/logs items, or the emulator's) for a
// structural comparison: oldest first, each event flattened to `path → value`, where a value is kept
// only for the fields of LOG_VALUE_FIELDS and is otherwise the kind of value (`{string}`,
// `{number}`); booleans and null stay (they are structure: `isMobile: false`). Pure, bounded.
import { LOG_LIMITS, LOG_VALUE_FIELDS, SETUP_EVENT_TYPES } from './log-rules.ts';

export interface NormalLogEvent {
  type: string;
  /** Sorted by path. */
  fields: Record<string, string>;
}

function kind(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'number') return '{number}';
  if (typeof value === 'string') return '{string}';
  return `{${typeof value}}`;
}

function keep(value: unknown): string {
  const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  return text.length > LOG_LIMITS.maxValueChars ? `${text.slice(0, LOG_LIMITS.maxValueChars)}…` : text;
}

function flatten(value: unknown, path: string, depth: number, out: Map<string, string>): void {
  if (out.size >= LOG_LIMITS.maxFields) return;
  if (Array.isArray(value)) {
    if (value.length === 0 || depth >= LOG_LIMITS.maxDepth) out.set(path, value.length === 0 ? '[]' : '{array}');
    else value.forEach((item, i) => flatten(item, `${path}[${i}]`, depth + 1, out));
    return;
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length === 0 || depth >= LOG_LIMITS.maxDepth) out.set(path, entries.length === 0 ? '{}' : '{object}');
    else for (const [key, child] of entries) flatten(child, path === '' ? key : `${path}.${key}`, depth + 1, out);
    return;
  }
  out.set(path, LOG_VALUE_FIELDS.has(path) && value !== null && value !== undefined ? keep(value) : kind(value));
}

function dateOf(raw: unknown): number {
  const date = raw !== null && typeof raw === 'object' ? (raw as { date?: unknown }).date : undefined;
  const time = typeof date === 'string' ? Date.parse(date) : Number.NaN;
  return Number.isNaN(time) ? Number.POSITIVE_INFINITY : time;
}

/** One event; undefined when it is not an object with a string `type`. */
export function normaliseLogEvent(raw: unknown): NormalLogEvent | undefined {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return undefined;
  const type = (raw as { type?: unknown }).type;
  if (typeof type !== 'string') return undefined;
  const out = new Map<string, string>();
  flatten(raw, '', 0, out);
  return { type, fields: Object.fromEntries([...out].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) };
}

/**
 * The attempt's events, oldest first (Auth0 lists newest first); at most LOG_LIMITS.maxEvents; the
 * harness's own setup events (SETUP_EVENT_TYPES) left out.
 */
export function normaliseLogEvents(raw: readonly unknown[]): NormalLogEvent[] {
  const ordered = raw
    .slice(0, LOG_LIMITS.maxEvents)
    .map((event, index) => ({ event, index, at: dateOf(event) }))
    // Same instant: Auth0's newest-first order reversed.
    .sort((a, b) => a.at - b.at || b.index - a.index);
  return ordered.map(({ event }) => normaliseLogEvent(event)).filter((e): e is NormalLogEvent => e !== undefined && !SETUP_EVENT_TYPES.has(e.type));
}
