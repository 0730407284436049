// Server-sent events for open dashboard pages: every recorded login is pushed as a small JSON summary
// (plus its list row, rendered and escaped on the server) to each page whose filter it matches.
// A comment line every 15 s keeps proxies and idle timers from dropping the stream. `close()` ends
// every stream, so the HTTP server's own close never waits on a page left open.
import type { Response } from 'express';
import type { LoginRecord } from '../../store/login-store.ts';
import { failedCheckIds } from '../malformed-verdict.ts';
import type { DashboardFilter } from './filter.ts';
import { matchesFilter } from './filter.ts';
import { detailPath, firstFailure, loginRowHtml } from './list-page.ts';

export const HEARTBEAT_MS = 15_000;
/** Open streams at most (each holds a socket); more answer 503. */
export const MAX_STREAMS = 64;

export interface LoginEventSummary {
  id: string;
  receivedAt: string;
  profile: LoginRecord['profile'];
  valid: boolean;
  email?: string;
  roles: string[];
  relayState?: string;
  failedChecks: string[];
  firstFailure: string;
  detailUrl: string;
  /** The list row, escaped on the server. */
  rowHtml: string;
}

export function eventSummary(record: LoginRecord): LoginEventSummary {
  return {
    id: record.id,
    receivedAt: record.receivedAt,
    profile: record.profile,
    valid: record.verdict.valid,
    email: record.email,
    roles: record.roles,
    relayState: record.relayState,
    failedChecks: failedCheckIds(record.verdict),
    firstFailure: firstFailure(record),
    detailUrl: detailPath(record.id),
    rowHtml: loginRowHtml(record),
  };
}

/** One JSON line: JSON.stringify escapes newlines, so an event cannot be split or forged. */
function eventText(record: LoginRecord): string {
  return `event: login\nid: ${record.id.replace(/[\r\n]/g, '')}\ndata: ${JSON.stringify(eventSummary(record))}\n\n`;
}

interface Client {
  res: Response;
  filter: DashboardFilter;
}

export class LoginEvents {
  private readonly clients = new Set<Client>();
  private heartbeat: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(private readonly heartbeatMs = HEARTBEAT_MS) {}

  get size(): number {
    return this.clients.size;
  }

  /**
   * Turns `res` into an event stream until the client leaves or `close()`. `backlog` (oldest first):
   * logins the page has not seen yet (recorded between its rendering and this connection, or while
   * the stream was down), sent at once.
   */
  attach(res: Response, filter: DashboardFilter, backlog: readonly LoginRecord[] = []): void {
    if (this.closed || this.clients.size >= MAX_STREAMS) {
      res
        .status(503)
        .set('Retry-After', '5')
        .type('text/plain')
        .send(this.closed ? 'the fake SP is shutting down' : `too many open dashboard streams (${MAX_STREAMS})`);
      return;
    }
    res.status(200).set({
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    });
    res.flushHeaders();
    // retry: how long the browser waits before reconnecting after the stream drops.
    res.write('retry: 2000\n\n');
    for (const record of backlog) if (matchesFilter(record, filter)) res.write(eventText(record));
    // After the backlog, so a client (and a test) knows it has everything up to now.
    res.write(': connected\n\n');
    const client: Client = { res, filter };
    this.clients.add(client);
    res.on('close', () => {
      this.clients.delete(client);
      if (this.clients.size === 0) this.stopHeartbeat();
    });
    this.startHeartbeat();
  }

  publish(record: LoginRecord): void {
    if (this.closed || this.clients.size === 0) return;
    const data = eventText(record);
    for (const client of this.clients) if (matchesFilter(record, client.filter)) client.res.write(data);
  }

  /** Ends every stream; later `attach` calls answer 503. Idempotent. */
  close(): void {
    this.closed = true;
    this.stopHeartbeat();
    for (const client of this.clients) client.res.end();
    this.clients.clear();
  }

  private startHeartbeat(): void {
    if (this.heartbeat) return;
    this.heartbeat = setInterval(() => {
      for (const client of this.clients) client.res.write(': heartbeat\n\n');
    }, this.heartbeatMs);
    this.heartbeat.unref();
  }

  private stopHeartbeat(): void {
    clearInterval(this.heartbeat);
    this.heartbeat = undefined;
  }
}
