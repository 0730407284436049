// Answers in JSON or HTML by the Accept header (JSON only when the client asks for it; a browser
// gets a page). Errors are `{ error: { code, message, hint } }`.
import type { Request, Response } from 'express';
import type { Verdict } from '../pipeline/types.ts';
import { detailPath } from './dashboard/list-page.ts';
import { escapeHtml } from '../../flex/html.ts';
import { HTML_CSP, page, verdictHtml } from './html.ts';
import { endInSlices } from './sliced-write.ts';

export function wantsJson(req: Request): boolean {
  return req.accepts(['html', 'json']) === 'json';
}

export function sendHtml(res: Response, status: number, html: string): void {
  res.status(status).set('Content-Security-Policy', HTML_CSP).type('html').send(html);
}

export interface ApiError {
  code: string;
  message: string;
  hint?: string;
}

export function sendError(req: Request, res: Response, status: number, error: ApiError): void {
  if (wantsJson(req)) {
    res.status(status).json({ error });
    return;
  }
  sendHtml(
    res,
    status,
    page(
      `Error ${status}`,
      `<h1>${escapeHtml(status)} ${escapeHtml(error.code)}</h1>` +
        `<p>${escapeHtml(error.message)}</p>${error.hint ? `<p>Fix: ${escapeHtml(error.hint)}</p>` : ''}`,
    ),
  );
}

/**
 * A rejected ACS POST: the verdict itself (plus the login id), as JSON or as a Flex-like error page.
 * `xmlJson`: the decoded XML as JSON text (a judge worker encoded it), spliced into the JSON answer as
 * its `xml` member instead of stringifying the whole XML here.
 */
export function sendVerdict(req: Request, res: Response, status: number, loginId: string | undefined, verdict: Verdict, xmlJson?: Uint8Array): void {
  if (wantsJson(req)) {
    const json = JSON.stringify({ loginId, ...verdict });
    if (xmlJson === undefined || verdict.xml !== undefined) {
      res.status(status).type('json').send(json);
      return;
    }
    // The verdict always has members, so its JSON ends with `}` after at least one: append `xml`.
    // Written in parts (no copy of the XML into one buffer here), a slice per event-loop turn.
    const parts = [Buffer.from(`${json.slice(0, -1)},"xml":`), xmlJson, Buffer.from('}')];
    res
      .status(status)
      .type('json')
      .set('Content-Length', String(parts.reduce((n, p) => n + p.byteLength, 0)));
    endInSlices(res, parts);
    return;
  }
  sendHtml(
    res,
    status,
    page(
      'Flex: login failed',
      `<h1>Flex</h1><p>Single sign-on failed (HTTP ${escapeHtml(status)}).` +
        `${loginId ? ` Login <code>${escapeHtml(loginId)}</code>.` : ''}</p>` +
        `${loginId ? `<p><a id="dashboard-link" href="${escapeHtml(detailPath(loginId))}">Why it failed and what to fix: this login on the dashboard</a></p>` : ''}${verdictHtml(verdict)}`,
    ),
  );
}
