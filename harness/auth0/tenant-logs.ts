// A user's Auth0 log events for one login attempt (Management API GET /api/v2/logs, log search v3
// `q` on user and date range): the tenant-side half of "why is this attribute missing?" — failed
// login `f` (Action deny or error), `actions_execution_failed` (which Action threw, and why), wrong
// password `fp`, success `s`. An event's details hold execution ids (details.actions.executions),
// never the Action's console output: on a tenant that is only in Actions real-time logs
// (Dashboard > Monitoring > Actions Logs; auth0/docs-v2 customize/actions/actions-real-time-logs.mdx).
import type { ManagementClient } from 'auth0';
import { logEventTypeName } from '../../fake-idp/tenant/log-types.ts';
import { wrapApiErrors } from './api-error.ts';
import { createManagementClient, type ManagementOptions } from './management.ts';

/** The fields of an Auth0 log event a report shows. */
export interface TenantLogEvent {
  date: string;
  type: string;
  /** What the type code means (`fp` → "Failed login (wrong password)"). */
  typeName: string;
  description?: string;
  userId?: string;
  userName?: string;
  clientName?: string;
  connection?: string;
  logId?: string;
  /** Action execution ids of the login (details.actions.executions, or the failed execution). */
  executions?: string[];
  /** Event details as Auth0 gives them: errors, execution ids — no console output. */
  details?: unknown;
}

export interface LogSearch {
  q: string;
  page: number;
  per_page: number;
  sort: string;
}

/** Where log events come from: the SDK over a real tenant or the emulator (see logsSourceFromClient). */
export interface LogsSource {
  listLogs(request: LogSearch): Promise<unknown[]>;
}

export interface TenantLogQuery {
  /** Preferred: the Auth0 user_id; otherwise the e-mail (Auth0 logs it as `user_name`). */
  userId?: string;
  email?: string;
  from: Date;
  to: Date;
  /** At most this many events (default 50, newest first). */
  limit?: number;
}

/** Auth0's name for a log type code (auth0/docs-v2 log-event-type-codes.mdx). */
export function logTypeName(type: string): string {
  return logEventTypeName(type);
}

/** Lucene string literal: backslash and double quote escaped. */
function quoted(value: string): string {
  return `"${value.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}

/** The `q` string: user and inclusive date range, as Auth0's log search v3 accepts it (fields are case sensitive). */
export function tenantLogSearch(query: TenantLogQuery): string {
  if (Number.isNaN(query.from.getTime()) || Number.isNaN(query.to.getTime())) throw new RangeError('tenant log window: from/to must be valid dates');
  const user =
    query.userId !== undefined ? `user_id:${quoted(query.userId)}` : query.email !== undefined ? `user_name:${quoted(query.email.toLowerCase())}` : undefined;
  if (user === undefined) throw new TypeError('tenant log query: give userId or email');
  return `${user} AND date:[${query.from.toISOString()} TO ${query.to.toISOString()}]`;
}

/**
 * Several users' events in one search: `(user_id:"a" OR user_id:"b") AND date:[from TO to]` (log
 * search v3 has OR and parentheses: docs-v2 log-search-query-syntax), so recording a run costs one
 * Management API call per batch of users, not one per scenario.
 */
export function tenantLogSearchForUsers(userIds: readonly string[], from: Date, to: Date): string {
  if (Number.isNaN(from.getTime()) || Number.isNaN(to.getTime())) throw new RangeError('tenant log window: from/to must be valid dates');
  if (userIds.length === 0) throw new TypeError('tenant log query: give at least one user id');
  return `(${userIds.map((id) => `user_id:${quoted(id)}`).join(' OR ')}) AND date:[${from.toISOString()} TO ${to.toISOString()}]`;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

export function toTenantLogEvent(raw: unknown): TenantLogEvent | undefined {
  if (!raw || typeof raw !== 'object') return undefined;
  const e = raw as Record<string, unknown>;
  const date = str(e.date);
  const type = str(e.type);
  if (date === undefined || type === undefined) return undefined;
  const out: TenantLogEvent = { date, type, typeName: logTypeName(type) };
  const fields = [
    ['description', 'description'],
    ['userId', 'user_id'],
    ['userName', 'user_name'],
    ['clientName', 'client_name'],
    ['connection', 'connection'],
    ['logId', 'log_id'],
  ] as const;
  for (const [key, source] of fields) {
    const value = str(e[source]);
    if (value !== undefined) out[key] = value;
  }
  const executions = executionIds(e);
  if (executions.length > 0) out.executions = executions;
  if (e.details !== undefined) out.details = e.details;
  return out;
}

/** logs-schema.json: `s.details.actions.executions`, `actions_execution_failed.details.execution_id`. */
function executionIds(e: Record<string, unknown>): string[] {
  const details = e.details && typeof e.details === 'object' ? (e.details as Record<string, unknown>) : {};
  const actions = details.actions && typeof details.actions === 'object' ? (details.actions as Record<string, unknown>) : {};
  const ids = Array.isArray(actions.executions) ? actions.executions.filter((x): x is string => typeof x === 'string') : [];
  const failed = str(details.execution_id);
  return failed !== undefined && !ids.includes(failed) ? [...ids, failed] : ids;
}

/**
 * The user's events in [from, to] as Auth0 returns them (every field kept: the fidelity recorder
 * compares fields), newest first. The date and user filters are re-applied here: a tenant that
 * ignored part of the query must not leak other attempts in.
 */
export async function fetchRawTenantLogs(source: LogsSource, query: TenantLogQuery): Promise<Record<string, unknown>[]> {
  const limit = Math.min(Math.max(query.limit ?? 50, 1), 100);
  const raw = await source.listLogs({ q: tenantLogSearch(query), page: 0, per_page: limit, sort: 'date:-1' });
  const fromMs = query.from.getTime();
  const toMs = query.to.getTime();
  return raw.filter((e): e is Record<string, unknown> => {
    if (!e || typeof e !== 'object' || Array.isArray(e)) return false;
    const event = e as Record<string, unknown>;
    const at = typeof event.date === 'string' ? new Date(event.date).getTime() : Number.NaN;
    if (Number.isNaN(at) || at < fromMs || at > toMs) return false;
    if (query.userId !== undefined && typeof event.user_id === 'string' && event.user_id !== query.userId) return false;
    return true;
  });
}

/** Auth0 pages a search through 1,000 results at most (retrieve-log-events-using-mgmt-api.mdx, "Limitations"). */
const MAX_PAGES = 10;

/**
 * The events of any of `userIds` in [from, to], as Auth0 returns them, newest first, every page of
 * the search (at most 1,000 events). The window and the users are checked again here.
 */
export async function fetchRawTenantLogsForUsers(
  source: LogsSource,
  query: { userIds: readonly string[]; from: Date; to: Date },
): Promise<Record<string, unknown>[]> {
  const q = tenantLogSearchForUsers(query.userIds, query.from, query.to);
  const users = new Set(query.userIds);
  const out: Record<string, unknown>[] = [];
  for (let page = 0; page < MAX_PAGES; page += 1) {
    const raw = await source.listLogs({ q, page, per_page: 100, sort: 'date:-1' });
    for (const e of raw) {
      if (!e || typeof e !== 'object' || Array.isArray(e)) continue;
      const event = e as Record<string, unknown>;
      const at = typeof event.date === 'string' ? new Date(event.date).getTime() : Number.NaN;
      if (!Number.isNaN(at) && at >= query.from.getTime() && at <= query.to.getTime() && typeof event.user_id === 'string' && users.has(event.user_id))
        out.push(event);
    }
    if (raw.length < 100) break;
  }
  return out;
}

/** The user's events in [from, to], newest first. Failures reach the caller as CliErrors (redacted). */
export async function fetchTenantLogs(source: LogsSource, query: TenantLogQuery): Promise<TenantLogEvent[]> {
  return (await fetchRawTenantLogs(source, query)).map(toTenantLogEvent).filter((e): e is TenantLogEvent => e !== undefined);
}

/** What a report shows of the tenant logs of one attempt: the events, and how long it waited for them. */
export interface TenantLogLookup<T = TenantLogEvent> {
  events: T[];
  /** Searches made (1 = found, or gave up, at once). */
  polls: number;
  /** Time spent waiting between searches. */
  waitedMs: number;
  /** Nothing was found within the wait. */
  timedOut: boolean;
}

export interface WaitOptions {
  /** Give up after this long (Auth0 indexes events a few seconds late). */
  waitMs: number;
  intervalMs?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

/** Searches until an event shows up or `waitMs` has passed: Auth0 logs are not real-time (events are indexed late). */
export async function waitForTenantLogs<T = TenantLogEvent>(fetchLogs: () => Promise<T[]>, options: WaitOptions): Promise<TenantLogLookup<T>> {
  const now = options.now ?? (() => Date.now());
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const interval = Math.max(1, options.intervalMs ?? 1_000);
  const started = now();
  let polls = 0;
  let waitedMs = 0;
  for (;;) {
    const events = await fetchLogs();
    polls += 1;
    const elapsed = now() - started;
    if (events.length > 0 || elapsed >= options.waitMs) return { events, polls, waitedMs, timedOut: events.length === 0 };
    const pause = Math.min(interval, options.waitMs - elapsed);
    await sleep(pause);
    waitedMs += pause;
  }
}

export function logsSourceFromClient(client: ManagementClient, call: ReturnType<typeof wrapApiErrors>): LogsSource {
  return {
    listLogs: ({ q, ...request }) =>
      call('read tenant logs', async () => {
        // The SDK would send the search as `search`, which Auth0 answers with a 400 (auth0/auth0-java
        // issue #842): the documented `q` goes as an extra query parameter instead.
        const page = await client.logs.list({ ...request, include_totals: true }, { queryParams: { q } });
        return page.data as unknown[];
      }),
  };
}

/** A LogsSource over the Management API, with the same rate-limit handling and redaction as the admin commands. */
export function createLogsSource(options: ManagementOptions): LogsSource {
  return logsSourceFromClient(createManagementClient(options), wrapApiErrors(options.redactor, options.domain));
}
