// The dashboard's page shell and its CSP. Pages may load one same-origin script (/dashboard.js, the
// live-update client) and open /events; no inline script can ever run, whatever a response contains.
import { escapeHtml } from '../../../flex/html.ts';
import { DASHBOARD_CSS } from './styles.ts';

export const DASHBOARD_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; script-src 'self'; connect-src 'self'; " +
  "img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

export const DASHBOARD_SCRIPT_PATH = '/dashboard.js';

export function dashboardPage(title: string, bodyHtml: string, options: { liveUpdates?: boolean } = {}): string {
  const script = options.liveUpdates ? `<script src="${DASHBOARD_SCRIPT_PATH}" defer></script>` : '';
  return (
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">` +
    `<title>${escapeHtml(title)}</title><style>${DASHBOARD_CSS}</style>${script}</head><body>` +
    '<header><a href="/">Fake Flex SP</a><span class="meta">received SAML logins · <a href="/api/logins">JSON</a></span></header>' +
    `<main>${bodyHtml}</main></body></html>`
  );
}

/** A check status as a mark a screen reader and a test can both read. */
export function statusMark(status: string): string {
  return status === 'ok' ? '✓' : status === 'failed' ? '✗' : '–';
}
