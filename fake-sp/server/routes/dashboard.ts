// The dashboard: server-rendered pages over the run store (no front-end build, works offline).
//   GET /                    received logins, newest first; ?q=&verdict=valid|invalid&profile=enhanced|legacy
//   GET /logins/:id          one login: checks, attributes vs expectation, worker attributes, XML
//   GET /logins/:id/raw      the SAMLResponse as posted (base64), ?format=xml for the decoded XML; attachments
//   GET /events              server-sent events: each new login matching the same filter query
//   GET /dashboard.js        the live-update client (same origin: the CSP allows no inline script)
import { Router } from 'express';
import type { Request, Response } from 'express';
import type { LoginRecord } from '../../store/login-store.ts';
import type { SpContext } from '../context.ts';
import { renderDetailPage, renderNotFoundPage, renderProblemPage } from '../dashboard/detail-page.ts';
import { DASHBOARD_JS } from '../dashboard/client-script.ts';
import { isFilterProblem, matchesFilter, parseFilter } from '../dashboard/filter.ts';
import type { FilterProblem } from '../dashboard/filter.ts';
import { DASHBOARD_CSP, DASHBOARD_SCRIPT_PATH } from '../dashboard/layout.ts';
import { renderListPage } from '../dashboard/list-page.ts';
import type { LoginEvents } from '../dashboard/login-events.ts';
import { safeRecord } from '../dashboard/safe-record.ts';
import { decodedXml, withDecodedXml } from '../../store/decoded-xml.ts';

/** Rows on one list page; the JSON API (/api/logins) reaches further back. */
export const DASHBOARD_LIST_LIMIT = 200;

function sendPage(res: Response, status: number, html: string): void {
  res
    .status(status)
    .set({ 'Content-Security-Policy': DASHBOARD_CSP, 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' })
    .type('html')
    .send(html);
}

function badQuery(req: Request, res: Response, problem: FilterProblem): void {
  if (req.accepts(['html', 'json']) === 'json') {
    res.status(400).json({ error: problem });
    return;
  }
  sendPage(res, 400, renderProblemPage(400, problem));
}

/** A file name safe in Content-Disposition whatever the stored id holds. */
function fileName(id: string, extension: string): string {
  return `${id.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 80) || 'login'}.${extension}`;
}

/** Logins recorded after `id`, oldest first (none when `id` is unknown: the page reloads to catch up). */
function loginsAfter(ctx: SpContext, id: string): LoginRecord[] {
  if (!ctx.store.get(id)) return [];
  const newer: LoginRecord[] = [];
  for (const record of ctx.store.list()) {
    if (record.id === id || newer.length >= DASHBOARD_LIST_LIMIT) break;
    newer.push(safeRecord(record));
  }
  return newer.reverse();
}

export function dashboardRouter(ctx: SpContext, events: LoginEvents): Router {
  const router = Router();

  router.get('/', (req, res) => {
    const filter = parseFilter(req.query);
    if (isFilterProblem(filter)) return badQuery(req, res, filter);
    const records = [];
    for (const stored of ctx.store.list()) {
      const record = safeRecord(stored);
      if (!matchesFilter(record, filter)) continue;
      records.push(record);
      if (records.length >= DASHBOARD_LIST_LIMIT) break;
    }
    sendPage(res, 200, renderListPage({ records, filter, total: ctx.store.size, newestId: ctx.store.list({ limit: 1 })[0]?.id, profiles: ctx.profiles }));
  });

  router.get('/logins/:id', (req, res) => {
    const record = ctx.store.get(req.params.id);
    if (!record) return sendPage(res, 404, renderNotFoundPage(req.params.id));
    sendPage(res, 200, renderDetailPage(withDecodedXml(safeRecord(record))));
  });

  router.get('/logins/:id/raw', (req, res) => {
    const record = ctx.store.get(req.params.id);
    if (!record) return sendPage(res, 404, renderNotFoundPage(req.params.id));
    const format = req.query.format ?? 'base64';
    if (format !== 'base64' && format !== 'xml') {
      return badQuery(req, res, {
        code: 'DASHBOARD_BAD_FORMAT',
        message: `query "format": expected base64 or xml, received ${JSON.stringify(format)}`,
        hint: 'use format=xml for the decoded XML, or leave it out for the base64 as posted',
      });
    }
    const body = format === 'xml' ? decodedXml(safeRecord(record)) : record.samlResponse;
    if (body === undefined || body === '') {
      return sendPage(
        res,
        404,
        renderProblemPage(404, {
          code: 'DASHBOARD_NO_RESPONSE',
          message: format === 'xml' ? "this login's SAMLResponse could not be decoded to XML" : "this login's POST carried no SAMLResponse",
          hint: format === 'xml' ? 'download the raw base64 instead' : 'nothing to download: the POST had no SAMLResponse field',
        }),
      );
    }
    res
      .status(200)
      .set({
        'Content-Disposition': `attachment; filename="${fileName(record.id, format === 'xml' ? 'xml' : 'b64.txt')}"`,
        'X-Content-Type-Options': 'nosniff',
        'Cache-Control': 'no-store',
        'Content-Security-Policy': "default-src 'none'",
      })
      .type(format === 'xml' ? 'application/xml' : 'text/plain')
      .send(body);
  });

  router.get('/events', (req, res) => {
    const filter = parseFilter(req.query);
    if (isFilterProblem(filter)) return res.status(400).json({ error: filter });
    // The newest login the page already shows: `after` from the page, Last-Event-ID on a reconnect.
    const after = req.get('Last-Event-ID') ?? (typeof req.query.after === 'string' ? req.query.after : undefined);
    events.attach(res, filter, after === undefined ? [] : loginsAfter(ctx, after));
  });

  router.get(DASHBOARD_SCRIPT_PATH, (_req, res) => {
    res.status(200).set({ 'Cache-Control': 'no-cache', 'X-Content-Type-Options': 'nosniff' }).type('text/javascript').send(DASHBOARD_JS);
  });

  return router;
}
