// A user's Auth0 log events for one login attempt (Management API GET /api/v2/logs, Lucene `search`
// on user and date range): the tenant-side half of "why is this attribute missing?" — failed login
// `f` (Action error/deny), wrong password `fp`, success `s` whose details carry the Action's console output.
import type { ManagementClient } from 'auth0';
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
  /** Event details as Auth0 gives them (Action executions, console output, errors). */
  details?: unknown;
}

export interface LogSearch { search: string; page: number; per_page: number; sort: string }

/** Where log events come from: the SDK over a real tenant or the emulator (see logsSourceFromClient). */
export interface LogsSource { listLogs(request: LogSearch): Promise<unknown[]> }

export interface TenantLogQuery {
  /** Preferred: the Auth0 user_id; otherwise the e-mail (Auth0 logs it as `user_name`). */
  userId?: string;
  email?: string;
  from: Date;
  to: Date;
  /** At most this many events (default 50, newest first). */
  limit?: number;
}

const TYPE_NAMES: Record<string, string> = {
  s: 'Success login', f: 'Failed login', fp: 'Failed login (wrong password)', fu: 'Failed login (unknown user)',
  fc: 'Failed connector login', fco: 'Origin not allowed', fcoa: 'Failed cross-origin authentication',
  limit_wc: 'Blocked account (too many attempts)', limit_mu: 'Blocked IP address', w: 'Warning during login',
  sapi: 'Management API operation', fapi: 'Failed Management API operation', seccft: 'Client credentials exchange',
  feccft: 'Failed client credentials exchange', mgmt_api_read: 'Management API read',
};

export function logTypeName(type: string): string {
  return TYPE_NAMES[type] ?? `Auth0 log type "${type}"`;
}

/** Lucene string literal: backslash and double quote escaped. */
function quoted(value: string): string {
  return `"${value.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}

/** The `search` string: user and inclusive date range, as Auth0's log search (v3) accepts it. */
export function tenantLogSearch(query: TenantLogQuery): string {
  if (Number.isNaN(query.from.getTime()) || Number.isNaN(query.to.getTime())) throw new RangeError('tenant log window: from/to must be valid dates');
  const user = query.userId !== undefined ? `user_id:${quoted(query.userId)}` : query.email !== undefined ? `user_name:${quoted(query.email.toLowerCase())}` : undefined;
  if (user === undefined) throw new TypeError('tenant log query: give userId or email');
  return `${user} AND date:[${query.from.toISOString()} TO ${query.to.toISOString()}]`;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

export function toTenantLogEvent(raw: unknown): TenantLogEvent | undefined {
  if (!raw || typeof raw !== 'object') return undefined;
  const e = raw as Record<string, unknown>;
  const date = str(e.date);
  const type = str(e.type);
  if (date === undefined || type === undefined) return undefined;
  const out: TenantLogEvent = { date, type, typeName: logTypeName(type) };
  const fields = [['description', 'description'], ['userId', 'user_id'], ['userName', 'user_name'], ['clientName', 'client_name'], ['connection', 'connection'], ['logId', 'log_id']] as const;
  for (const [key, source] of fields) {
    const value = str(e[source]);
    if (value !== undefined) out[key] = value;
  }
  if (e.details !== undefined) out.details = e.details;
  return out;
}

/** The user's events in [from, to], newest first. Failures reach the caller as CliErrors (redacted). */
export async function fetchTenantLogs(source: LogsSource, query: TenantLogQuery): Promise<TenantLogEvent[]> {
  const limit = Math.min(Math.max(query.limit ?? 50, 1), 100);
  const raw = await source.listLogs({ search: tenantLogSearch(query), page: 0, per_page: limit, sort: 'date:-1' });
  const fromMs = query.from.getTime();
  const toMs = query.to.getTime();
  // The date filter is re-applied here: a tenant that ignored part of the query must not leak other attempts in.
  return raw.map(toTenantLogEvent).filter((e): e is TenantLogEvent => {
    if (!e) return false;
    const at = new Date(e.date).getTime();
    if (Number.isNaN(at) || at < fromMs || at > toMs) return false;
    if (query.userId !== undefined && e.userId !== undefined && e.userId !== query.userId) return false;
    return true;
  });
}

export function logsSourceFromClient(client: ManagementClient, call: ReturnType<typeof wrapApiErrors>): LogsSource {
  return {
    listLogs: (request) => call('read tenant logs', async () => {
      const page = await client.logs.list({ ...request, include_totals: true });
      return page.data as unknown[];
    }),
  };
}

/** A LogsSource over the Management API, with the same rate-limit handling and redaction as the admin commands. */
export function createLogsSource(options: ManagementOptions): LogsSource {
  return logsSourceFromClient(createManagementClient(options), wrapApiErrors(options.redactor, options.domain));
}
