// Tenant logs: events written with the fields of Auth0's logs schema, listed like GET /api/v2/logs
// (auth0/docs-v2 main/docs/deploy-monitor/logs/retrieve-log-events-using-mgmt-api.mdx): search with
// `q` (log-query.ts), page/per_page (at most 100 per page, 1,000 results in all), `include_totals`
// whose `total` is the page's length under search v3 (migrate-to-tenant-log-search-v3.mdx), or by
// checkpoint with from/take, which ignores every other parameter and orders by log_id. Events are
// searchable only once indexed: `indexDelayMs` after they happened (Auth0 indexes late; 0 = at once).
import { badRequest } from './errors.ts';
import { newLogId } from './ids.ts';
import { checkLogQueryDates, matchesLogQuery, parseLogQuery, SEARCHABLE_FIELDS } from './log-query.ts';
import { connectionStrategy, EMULATOR_ENVIRONMENT } from './log-types.ts';
import type { LogEvent, TenantState } from './types.ts';

/** Oldest events are dropped past this, so a long-running emulator keeps bounded memory. */
export const MAX_LOG_EVENTS = 10_000;
const MAX_PER_PAGE = 100;
const DEFAULT_PER_PAGE = 50;
/** retrieve-log-events-using-mgmt-api.mdx, "Limitations": only 1,000 search results can be paged through. */
export const MAX_SEARCH_RESULTS = 1_000;

/** What callers give; the tenant-wide fields (hostname, tenant_name, environment_name, strategy) are filled in. */
export type NewLogEvent = Omit<LogEvent, 'log_id' | 'date' | 'tenant_name' | 'environment_name'> & { date?: string };
export interface ListLogsOptions {
  q?: string;
  page?: number;
  per_page?: number;
  from?: string;
  take?: number;
  sort?: string;
}
export interface LogView {
  /** Now, for the indexing delay. */
  now: Date;
  /** Events younger than this are not searchable yet. */
  indexDelayMs: number;
}

let sequence = 0;

/** Auth0's tenant_name: the first label of the tenant domain (`dev-abc` of dev-abc.us.auth0.com). */
export function tenantNameOf(domain: string): string {
  const label = domain.split(/[.:]/)[0] ?? '';
  return /^[a-z][a-z0-9-]*$/i.test(label) ? label : 'flex-sso-emulator';
}

export function appendLog(state: TenantState, event: NewLogEvent, now: Date): LogEvent {
  const date = event.date ?? now.toISOString();
  const at = new Date(date);
  if (Number.isNaN(at.getTime())) throw badRequest('invalid_body', `Log event date "${date}" is not a valid ISO date.`, 'Pass an ISO 8601 date or omit it');
  const strategy = event.connection === undefined ? {} : connectionStrategy(event.connection);
  const entry: LogEvent = {
    ...strategy,
    hostname: state.domain,
    ...event,
    date: at.toISOString(),
    log_id: newLogId(at, sequence++),
    tenant_name: tenantNameOf(state.domain),
    environment_name: EMULATOR_ENVIRONMENT,
  };
  state.logs.push(entry);
  if (state.logs.length > MAX_LOG_EVENTS) state.logs.splice(0, state.logs.length - MAX_LOG_EVENTS);
  return entry;
}

/** The events a search can see now: those indexed (older than the delay). */
export function indexedLogs(state: TenantState, view: LogView): LogEvent[] {
  if (view.indexDelayMs <= 0) return state.logs;
  const cutoff = view.now.getTime() - view.indexDelayMs;
  return state.logs.filter((e) => Date.parse(e.date) <= cutoff);
}

function checkCount(name: string, value: number | undefined, fallback: number): number {
  const n = value ?? fallback;
  if (!Number.isInteger(n) || n < 1 || n > MAX_PER_PAGE) {
    throw badRequest(
      'invalid_query_string',
      `Query validation error: '${name} must be between 1 and ${MAX_PER_PAGE}, received ${String(value)}' on property ${name}.`,
      `Use ${name} from 1 to ${MAX_PER_PAGE}`,
    );
  }
  return n;
}

const byLogId = (a: LogEvent, b: LogEvent): number => (a.log_id < b.log_id ? -1 : a.log_id > b.log_id ? 1 : 0);

function sorter(sort: string | undefined): (a: LogEvent, b: LogEvent) => number {
  const [field = 'date', direction = '-1', extra] = (sort ?? 'date:-1').split(':');
  if (extra !== undefined || !(SEARCHABLE_FIELDS as readonly string[]).includes(field) || (direction !== '1' && direction !== '-1')) {
    throw badRequest('invalid_query_string', `Query validation error: unsupported sort "${sort}".`, 'Use sort=<searchable field>:1 or :-1, e.g. date:-1');
  }
  const sign = direction === '1' ? 1 : -1;
  // log_id embeds time and a sequence number, so it also orders events logged in the same millisecond.
  if (field === 'date') return (a, b) => sign * byLogId(a, b);
  return (a, b) => {
    const x = String((a as unknown as Record<string, unknown>)[field] ?? '');
    const y = String((b as unknown as Record<string, unknown>)[field] ?? '');
    return sign * (x < y ? -1 : x > y ? 1 : byLogId(a, b));
  };
}

export interface LogPage {
  logs: LogEvent[];
  total: number;
  start: number;
  limit: number;
  checkpoint: boolean;
}

export function listLogs(state: TenantState, opts: ListLogsOptions, view: LogView): LogPage {
  const visible = indexedLogs(state, view);
  if (opts.from !== undefined || opts.take !== undefined) {
    // By checkpoint: "any parameter other than from and take will be ignored".
    const take = checkCount('take', opts.take, DEFAULT_PER_PAGE);
    const after = visible
      .filter((e) => opts.from === undefined || e.log_id > opts.from)
      .sort(byLogId)
      .slice(0, take);
    return { logs: after, total: after.length, start: 0, limit: take, checkpoint: true };
  }
  const query = opts.q === undefined ? undefined : parseLogQuery(opts.q);
  checkLogQueryDates(query);
  const perPage = checkCount('per_page', opts.per_page, DEFAULT_PER_PAGE);
  const page = opts.page ?? 0;
  if (!Number.isInteger(page) || page < 0)
    throw badRequest('invalid_query_string', `Query validation error: page must be an integer >= 0, received ${page}.`, 'page counts from 0');
  const start = page * perPage;
  if (start + perPage > MAX_SEARCH_RESULTS) {
    throw badRequest(
      'invalid_query_string',
      `You can only page through the first ${MAX_SEARCH_RESULTS} results of a log search (page ${page} of ${perPage} per page goes past it).`,
      'Narrow the search (e.g. a date range), or read by checkpoint with from/take',
    );
  }
  const matching = visible.filter((e) => matchesLogQuery(e, query)).sort(sorter(opts.sort));
  const logs = matching.slice(start, start + perPage);
  // Search engine v3: `total` counts the events returned in this page, like `length`.
  return { logs, total: logs.length, start, limit: perPage, checkpoint: false };
}

export function getIndexedLog(state: TenantState, id: string, view: LogView): LogEvent | undefined {
  return indexedLogs(state, view).find((e) => e.log_id === id);
}
