// Tenant logs, listed like GET /api/v2/logs: Lucene-subset `q`, page/per_page (newest first by
// default) or checkpoint paging with from/take (events after a log_id, oldest first).
import { badRequest } from './errors.ts';
import { newLogId } from './ids.ts';
import { matchesQuery, parseQuery } from './lucene.ts';
import type { LogEvent, TenantState } from './types.ts';

/** Oldest events are dropped past this, so a long-running emulator keeps bounded memory. */
export const MAX_LOG_EVENTS = 10_000;
const MAX_PER_PAGE = 100;
const DEFAULT_PER_PAGE = 50;

export type NewLogEvent = Omit<LogEvent, 'log_id' | 'date'> & { date?: string };
export interface ListLogsOptions { q?: string; page?: number; per_page?: number; from?: string; take?: number; sort?: string }

let sequence = 0;

export function appendLog(state: TenantState, event: NewLogEvent, now: Date): LogEvent {
  const date = event.date ?? now.toISOString();
  const at = new Date(date);
  if (Number.isNaN(at.getTime())) throw badRequest('invalid_body', `Log event date "${date}" is not a valid ISO date.`, 'Pass an ISO 8601 date or omit it');
  const entry: LogEvent = { ...event, date: at.toISOString(), log_id: newLogId(at, sequence++) };
  state.logs.push(entry);
  if (state.logs.length > MAX_LOG_EVENTS) state.logs.splice(0, state.logs.length - MAX_LOG_EVENTS);
  return entry;
}

function checkCount(name: string, value: number | undefined, fallback: number): number {
  const n = value ?? fallback;
  if (!Number.isInteger(n) || n < 1 || n > MAX_PER_PAGE) {
    throw badRequest('invalid_query_string', `Query validation error: '${name} must be between 1 and ${MAX_PER_PAGE}, received ${String(value)}' on property ${name}.`, `Use ${name} from 1 to ${MAX_PER_PAGE}`);
  }
  return n;
}

function sorter(sort: string | undefined): (a: LogEvent, b: LogEvent) => number {
  const [field = 'date', direction = '-1'] = (sort ?? 'date:-1').split(':');
  if (field !== 'date' || (direction !== '1' && direction !== '-1')) {
    throw badRequest('invalid_query_string', `Query validation error: unsupported sort "${sort}".`, 'Use sort=date:1 or sort=date:-1');
  }
  const sign = direction === '1' ? 1 : -1;
  // log_id embeds time and a sequence number, so it also orders events logged in the same millisecond.
  return (a, b) => sign * (a.log_id < b.log_id ? -1 : a.log_id > b.log_id ? 1 : 0);
}

export function listLogs(state: TenantState, opts: ListLogsOptions = {}): { logs: LogEvent[]; total: number; start: number; limit: number } {
  const clauses = opts.q ? parseQuery(opts.q) : [];
  const matching = clauses.length ? state.logs.filter((e) => matchesQuery(e, clauses, ['user_name', 'client_name', 'connection', 'description'])) : [...state.logs];
  if (opts.from !== undefined || opts.take !== undefined) {
    const take = checkCount('take', opts.take, DEFAULT_PER_PAGE);
    matching.sort(sorter('date:1'));
    const after = opts.from === undefined ? matching : matching.filter((e) => e.log_id > (opts.from ?? ''));
    return { logs: after.slice(0, take), total: after.length, start: 0, limit: take };
  }
  const perPage = checkCount('per_page', opts.per_page, DEFAULT_PER_PAGE);
  const page = opts.page ?? 0;
  if (!Number.isInteger(page) || page < 0) throw badRequest('invalid_query_string', `Query validation error: page must be an integer >= 0, received ${page}.`, 'page counts from 0');
  matching.sort(sorter(opts.sort));
  const start = page * perPage;
  return { logs: matching.slice(start, start + perPage), total: matching.length, start, limit: perPage };
}
