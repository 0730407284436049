// The subset of Auth0's Lucene query syntax for the users search (`q`) the harness needs (tenant
// logs have their own, case-sensitive reading: log-query.ts):
// `field:"exact"`, `field:bare` (case-insensitive; a trailing `*` makes it a prefix match),
// `field:[from TO to]` (inclusive; `*` for an open end), `field:*` (present), dotted paths into
// nested objects (`app_metadata.flex.team:"x"`), free text (prefix on default fields), and AND
// between clauses (also implicit). Anything else is a 400 rather than a silently wrong filter.
import { badRequest } from './errors.ts';

type Matcher = { kind: 'exact'; value: string } | { kind: 'prefix'; value: string } | { kind: 'present' } | { kind: 'range'; from: string; to: string };

export interface Clause {
  field?: string;
  matcher: Matcher;
}

const TOKEN = /\s*(?:(AND|OR|NOT)(?=\s)|([A-Za-z_][\w.]*):(?:"((?:[^"\\]|\\.)*)"|\[([^\]]*)\]|(\S+))|"((?:[^"\\]|\\.)*)"|(\S+))/y;

function invalid(query: string, why: string) {
  return badRequest('invalid_query_string', `Query validation error: ${why} in q "${query}"`, 'Use field:"value", field:value*, field:[a TO b] joined by AND');
}

function bareMatcher(raw: string): Matcher {
  if (raw === '*') return { kind: 'present' };
  if (raw.endsWith('*')) return { kind: 'prefix', value: raw.slice(0, -1).toLowerCase() };
  return { kind: 'exact', value: raw.toLowerCase() };
}

const unescape = (s: string): string => s.replace(/\\(.)/g, '$1');

export function parseQuery(query: string): Clause[] {
  const clauses: Clause[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < query.length) {
    if (/^\s*$/.test(query.slice(TOKEN.lastIndex))) break;
    const at = TOKEN.lastIndex;
    const m = TOKEN.exec(query);
    if (!m) throw invalid(query, `cannot parse at offset ${at}`);
    const [, op, field, quoted, range, bare, freeQuoted, freeBare] = m;
    if (op === 'AND') continue;
    if (op) throw invalid(query, `operator ${op} is not supported`);
    if (field !== undefined) {
      if (quoted !== undefined) clauses.push({ field, matcher: { kind: 'exact', value: unescape(quoted).toLowerCase() } });
      else if (range !== undefined) {
        const parts = range.trim().split(/\s+TO\s+/);
        if (parts.length !== 2) throw invalid(query, `range for ${field} must be [from TO to]`);
        clauses.push({ field, matcher: { kind: 'range', from: parts[0] ?? '*', to: parts[1] ?? '*' } });
      } else clauses.push({ field, matcher: bareMatcher(bare ?? '') });
    } else if (freeQuoted !== undefined) {
      clauses.push({ matcher: { kind: 'prefix', value: unescape(freeQuoted).toLowerCase() } });
    } else if (freeBare !== undefined) {
      if (/[()[\]{}]/.test(freeBare)) throw invalid(query, `unsupported syntax "${freeBare}"`);
      const matcher = bareMatcher(freeBare);
      clauses.push({ matcher: matcher.kind === 'exact' ? { kind: 'prefix', value: matcher.value } : matcher });
    }
  }
  return clauses;
}

function valuesAt(record: unknown, path: string): unknown[] {
  let current: unknown[] = [record];
  for (const key of path.split('.')) {
    const next: unknown[] = [];
    for (const item of current) {
      const items = Array.isArray(item) ? item : [item];
      for (const obj of items) {
        if (obj && typeof obj === 'object' && key in obj) next.push((obj as Record<string, unknown>)[key]);
      }
    }
    current = next;
  }
  return current.flatMap((v) => (Array.isArray(v) ? v : [v])).filter((v) => v !== undefined && v !== null);
}

function matchesValue(value: unknown, matcher: Matcher): boolean {
  if (matcher.kind === 'present') return true;
  if (typeof value === 'object') return false;
  const text = String(value).toLowerCase();
  switch (matcher.kind) {
    case 'exact':
      return text === matcher.value;
    case 'prefix':
      return text.startsWith(matcher.value);
    case 'range': {
      const raw = String(value);
      // Plain code-unit order (not localeCompare, which ignores punctuation) so ISO dates sort right.
      const compare = (a: string, b: string): number => {
        if (typeof value === 'number' && !Number.isNaN(Number(b))) return Number(a) - Number(b);
        return a < b ? -1 : a > b ? 1 : 0;
      };
      return (matcher.from === '*' || compare(raw, matcher.from) >= 0) && (matcher.to === '*' || compare(raw, matcher.to) <= 0);
    }
  }
}

/** True when every clause matches; free-text clauses look at `defaultFields`. */
export function matchesQuery(record: unknown, clauses: Clause[], defaultFields: string[]): boolean {
  return clauses.every((clause) => {
    const fields = clause.field ? [clause.field] : defaultFields;
    return fields.some((f) => valuesAt(record, f).some((v) => matchesValue(v, clause.matcher)));
  });
}
