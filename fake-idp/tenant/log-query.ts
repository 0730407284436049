// Tenant log search (`q` of GET /api/v2/logs) as Auth0's log search v3 reads it. Source: auth0/docs-v2
// main/docs/deploy-monitor/logs/log-search-query-syntax.mdx: a Lucene subset; every field is case
// sensitive and not tokenized (a term matches the whole value, `*` widens it); phrases in double
// quotes; AND, OR, NOT and parentheses; ranges [a TO b] / {a TO b} (mixable, `*` open);
// only the listed fields are searchable; bare terms search seven of them; `?` is not supported and
// a leading wildcard needs 3 literal characters. A query outside this subset is Auth0's 400
// (migrate-to-tenant-log-search-v3.mdx: "q parameter validation"), never a silently wrong filter.
import { badRequest, type TenantError } from './errors.ts';
import { dateBounds } from './log-dates.ts';

/** log-search-query-syntax.mdx, "Searchable fields". */
export const SEARCHABLE_FIELDS = [
  'client_id',
  'client_name',
  'connection',
  'connection_id',
  'description',
  'date',
  'hostname',
  'ip',
  'log_id',
  'organization_id',
  'user_id',
  'user_name',
  'user_agent',
  'strategy',
  'strategy_type',
  'type',
] as const;
/** log-search-query-syntax.mdx, "Fields searchable against bare terms". */
export const BARE_TERM_FIELDS = ['client_name', 'connection', 'description', 'ip', 'log_id', 'type', 'user_name'] as const;

type Value =
  | { kind: 'exact'; text: string }
  | { kind: 'wildcard'; pattern: RegExp }
  | { kind: 'present' }
  | { kind: 'range'; from?: string; fromInclusive: boolean; to?: string; toInclusive: boolean };

export type LogQuery = { kind: 'and' | 'or'; items: LogQuery[] } | { kind: 'not'; item: LogQuery } | { kind: 'term'; field?: string; value: Value };

const MAX_CLAUSES = 64;
const MAX_DEPTH = 16;

/** Auth0's wording for an unknown field (seen in production: auth0/auth0-mcp-server PR #197). */
function queryError(detail: string): TenantError {
  return badRequest(
    'invalid_query_string',
    `The search query string has an error: ${detail}`,
    'Use the log search syntax: field:value, field:"exact phrase", field:val*, date:[2026-01-01 TO *], AND/OR/NOT',
  );
}

class Parser {
  private at = 0;
  private clauses = 0;
  constructor(private readonly text: string) {}

  parse(): LogQuery | undefined {
    this.skipSpace();
    if (this.at >= this.text.length) return undefined;
    const query = this.or(0);
    this.skipSpace();
    if (this.at < this.text.length) throw queryError(`unexpected "${this.text[this.at]}" at offset ${this.at}`);
    return query;
  }

  private or(depth: number): LogQuery {
    const items = [this.and(depth)];
    while (this.keyword('OR')) items.push(this.and(depth));
    return items.length === 1 ? (items[0] as LogQuery) : { kind: 'or', items };
  }

  private and(depth: number): LogQuery {
    const items = [this.unary(depth)];
    for (;;) {
      this.skipSpace();
      if (this.at >= this.text.length || this.text[this.at] === ')' || this.peekKeyword('OR')) break;
      this.keyword('AND');
      // Juxtaposed clauses are joined with AND (emulator's reading; Auth0's default operator is not documented).
      items.push(this.unary(depth));
    }
    return items.length === 1 ? (items[0] as LogQuery) : { kind: 'and', items };
  }

  private unary(depth: number): LogQuery {
    if (this.keyword('NOT')) return { kind: 'not', item: this.unary(depth) };
    return this.primary(depth);
  }

  private primary(depth: number): LogQuery {
    this.skipSpace();
    if (this.text[this.at] === '(') {
      if (depth >= MAX_DEPTH) throw queryError(`more than ${MAX_DEPTH} nested parentheses`);
      this.at += 1;
      const inner = this.or(depth + 1);
      this.skipSpace();
      if (this.text[this.at] !== ')') throw queryError('missing ")"');
      this.at += 1;
      return inner;
    }
    if (++this.clauses > MAX_CLAUSES) throw queryError(`more than ${MAX_CLAUSES} clauses`);
    const field = /^([A-Za-z_][\w.]*):/.exec(this.text.slice(this.at));
    if (field?.[1]) {
      this.at += field[0].length;
      if (!(SEARCHABLE_FIELDS as readonly string[]).includes(field[1])) throw queryError(`unknown field "${field[1]}"`);
      return { kind: 'term', field: field[1], value: this.value(field[1]) };
    }
    return { kind: 'term', value: this.value(undefined) };
  }

  private value(field: string | undefined): Value {
    const c = this.text[this.at];
    if (c === undefined || /\s/.test(c)) throw queryError(`${field ?? 'a term'} has no value`);
    if (c === '"') return { kind: 'exact', text: this.phrase() };
    if (c === '[' || c === '{') return this.range(field);
    const comparison = /^(>=|<=|>|<)/.exec(this.text.slice(this.at))?.[1];
    if (comparison) {
      // `date:>2026-01-01`: Elasticsearch query-string syntax; Auth0's page documents only ranges (unconfirmed).
      this.at += comparison.length;
      const bound = this.bare();
      if (bound === '') throw queryError(`${comparison} needs a value`);
      return comparison.startsWith('>')
        ? { kind: 'range', from: bound, fromInclusive: comparison === '>=', toInclusive: true }
        : { kind: 'range', to: bound, toInclusive: comparison === '<=', fromInclusive: true };
    }
    const bare = this.bare();
    if (bare === '') throw queryError(`unexpected "${c}" at offset ${this.at}`);
    return termValue(bare);
  }

  private phrase(): string {
    let out = '';
    for (this.at += 1; this.at < this.text.length; this.at += 1) {
      const c = this.text[this.at];
      if (c === '\\' && this.at + 1 < this.text.length) out += this.text[++this.at];
      else if (c === '"') {
        this.at += 1;
        return out;
      } else out += c;
    }
    throw queryError('unterminated phrase (missing closing ")');
  }

  private range(field: string | undefined): Value {
    const open = this.text[this.at];
    const end = this.text.slice(this.at + 1).search(/[\]}]/);
    if (end < 0) throw queryError(`range after ${field ?? 'a term'} is not closed with ] or }`);
    const body = this.text.slice(this.at + 1, this.at + 1 + end);
    const close = this.text[this.at + 1 + end];
    this.at += end + 2;
    const parts = body.trim().split(/\s+TO\s+/);
    if (parts.length !== 2 || parts.some((p) => p === '' || /\s/.test(p))) throw queryError(`range "${open}${body}${close}" must be [from TO to]`);
    const [from, to] = parts as [string, string];
    return {
      kind: 'range',
      fromInclusive: open === '[',
      toInclusive: close === ']',
      ...(from === '*' ? {} : { from: unescape(from) }),
      ...(to === '*' ? {} : { to: unescape(to) }),
    };
  }

  private bare(): string {
    let out = '';
    while (this.at < this.text.length) {
      const c = this.text[this.at] as string;
      if (c === '\\' && this.at + 1 < this.text.length) {
        out += c + (this.text[this.at + 1] as string);
        this.at += 2;
        continue;
      }
      if (/[\s()"[\]{}]/.test(c)) break;
      out += c;
      this.at += 1;
    }
    return out;
  }

  private skipSpace(): void {
    while (this.at < this.text.length && /\s/.test(this.text[this.at] as string)) this.at += 1;
  }

  private peekKeyword(word: string): boolean {
    this.skipSpace();
    return this.text.startsWith(word, this.at) && /^(\s|\(|$)/.test(this.text.slice(this.at + word.length, this.at + word.length + 1));
  }

  private keyword(word: string): boolean {
    if (!this.peekKeyword(word)) return false;
    this.at += word.length;
    return true;
  }
}

const unescape = (s: string): string => s.replace(/\\(.)/g, '$1');

/** A bare term: exact, or a wildcard pattern under Auth0's rules (`?` unsupported, leading `*` needs 3 literals). */
function termValue(raw: string): Value {
  if (/(^|[^\\])[~^]/.test(raw)) throw queryError(`fuzzy and boost operators are not supported ("${raw}")`);
  if (/(^|[^\\])\?/.test(raw)) throw queryError(`the wildcard "?" is not supported ("${raw}")`);
  if (raw === '*') return { kind: 'present' };
  const parts = raw.split(/(?<!\\)\*/);
  if (parts.length === 1) return { kind: 'exact', text: unescape(raw) };
  const literals = parts.map(unescape);
  const prefixOnly = literals.slice(1).every((p) => p === '') && (literals[0] ?? '') !== '';
  if (!prefixOnly && literals.join('').length < 3) {
    throw queryError(`a wildcard other than a trailing * needs at least 3 literal characters ("${raw}")`);
  }
  const source = literals.map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*');
  return { kind: 'wildcard', pattern: new RegExp(`^${source}$`, 's') };
}

export function parseLogQuery(text: string): LogQuery | undefined {
  return new Parser(text).parse();
}

function fieldValue(event: Record<string, unknown>, field: string): string | undefined {
  const value = event[field];
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined;
}

function matchesValue(field: string, raw: string, value: Value): boolean {
  if (field === 'date') return matchesDate(raw, value);
  switch (value.kind) {
    case 'present':
      return true;
    case 'exact':
      return raw === value.text;
    case 'wildcard':
      return value.pattern.test(raw);
    case 'range':
      // Code-unit order: case-sensitive like every log field.
      return (
        (value.from === undefined || (value.fromInclusive ? raw >= value.from : raw > value.from)) &&
        (value.to === undefined || (value.toInclusive ? raw <= value.to : raw < value.to))
      );
  }
}

/** `date` is searched as a date: `2026-03-01` is the whole day, ranges take partial dates (see log-dates.ts). */
function matchesDate(raw: string, value: Value): boolean {
  const at = Date.parse(raw);
  if (Number.isNaN(at)) return false;
  switch (value.kind) {
    case 'present':
      return true;
    case 'wildcard':
      return value.pattern.test(raw);
    case 'exact': {
      const span = dateBounds(value.text, queryError);
      return at >= span.start && at <= span.end;
    }
    case 'range': {
      const from = value.from === undefined ? undefined : dateBounds(value.from, queryError);
      const to = value.to === undefined ? undefined : dateBounds(value.to, queryError);
      return (
        (from === undefined || (value.fromInclusive ? at >= from.start : at > from.end)) &&
        (to === undefined || (value.toInclusive ? at <= to.end : at < to.start))
      );
    }
  }
}

export function matchesLogQuery(event: object, query: LogQuery | undefined): boolean {
  if (!query) return true;
  const record = event as Record<string, unknown>;
  switch (query.kind) {
    case 'and':
      return query.items.every((q) => matchesLogQuery(event, q));
    case 'or':
      return query.items.some((q) => matchesLogQuery(event, q));
    case 'not':
      return !matchesLogQuery(event, query.item);
    case 'term': {
      const fields = query.field ? [query.field] : BARE_TERM_FIELDS;
      return fields.some((f) => {
        const raw = fieldValue(record, f);
        return raw !== undefined && matchesValue(f, raw, query.value);
      });
    }
  }
}

/** Validates every date literal up front, so a bad date is a 400 even when no event is there to compare. */
export function checkLogQueryDates(query: LogQuery | undefined): void {
  if (!query) return;
  if (query.kind === 'and' || query.kind === 'or') query.items.forEach(checkLogQueryDates);
  else if (query.kind === 'not') checkLogQueryDates(query.item);
  else if (query.kind === 'term' && query.field === 'date') {
    const v = query.value;
    if (v.kind === 'exact') dateBounds(v.text, queryError);
    if (v.kind === 'range') {
      if (v.from !== undefined) dateBounds(v.from, queryError);
      if (v.to !== undefined) dateBounds(v.to, queryError);
    }
  }
}
