// Date literals of the log search `date` field: the span of time a literal names. Auth0's examples
// (log-search-query-syntax.mdx, "Ranges" and "Example queries") use YYYY-MM, YYYY-MM-DD and
// YYYY-MM-DDTHH:mm:ss: `date:[2018-12 TO 2019-01-01}` is "all logs in December 2018", so a literal
// starts at the beginning of what it names and (for an inclusive upper bound) ends at its end.
// A literal without a zone is UTC.
import type { TenantError } from './errors.ts';

const LITERAL = /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?(Z|[+-]\d{2}:\d{2})?)?)?)?$/;

export interface DateSpan {
  start: number;
  end: number;
}

export function dateBounds(text: string, invalid: (detail: string) => TenantError): DateSpan {
  const m = LITERAL.exec(text);
  if (!m) throw invalid(`"${text}" is not a date (use YYYY-MM-DD, YYYY-MM or YYYY-MM-DDTHH:mm:ss)`);
  const [, y, mo, d, h, mi, s, ms, zone] = m;
  const parts = [Number(y), Number(mo ?? 1) - 1, Number(d ?? 1), Number(h ?? 0), Number(mi ?? 0), Number(s ?? 0), Number((ms ?? '0').padEnd(3, '0'))] as const;
  const utc = Date.UTC(...parts);
  const check = new Date(utc);
  // Date.UTC rolls 2026-02-30 over into March: a literal that does not round-trip is not a date.
  if (check.getUTCMonth() !== parts[1] || check.getUTCDate() !== parts[2] || parts[3] > 23 || parts[4] > 59 || parts[5] > 59) {
    throw invalid(`"${text}" is not a valid date`);
  }
  const offset = zone === undefined || zone === 'Z' ? 0 : (zone.startsWith('-') ? -1 : 1) * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6))) * 60_000;
  const start = utc - offset;
  let next: number;
  if (mo === undefined) next = Date.UTC(parts[0] + 1, 0, 1) - offset;
  else if (d === undefined) next = Date.UTC(parts[0], parts[1] + 1, 1) - offset;
  else if (h === undefined) next = start + 86_400_000;
  else if (s === undefined) next = start + 60_000;
  else if (ms === undefined) next = start + 1_000;
  else next = start + 1;
  return { start, end: next - 1 };
}
