// HTML of the emulator's Actions real-time logs view: newest first, each Action run with its user,
// execution id, the console lines Auth0 persists (256 characters per Action) and the exception.
// Every value is HTML-escaped and control characters are shown as \xNN, never interpreted.
import { escapeHtml } from '../../flex/html.ts';
import { PERSISTED_CONSOLE_CHARS, type RealtimeLogEntry } from '../tenant/executions.ts';
import type { RealtimeLogFilter } from '../tenant/tenant.ts';

// eslint-disable-next-line no-control-regex -- the point is to find control characters
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029]/g;
const h = (text: string): string => escapeHtml(text.replace(CONTROL, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`));

const STYLE = `body{font:14px system-ui,sans-serif;margin:2em;color:#222}table{border-collapse:collapse}
td,th{border:1px solid #ccc;padding:3px 8px;text-align:left;vertical-align:top}th{background:#f3f3f3}
pre{margin:0;white-space:pre-wrap;font-size:12px}.error{color:#c00}.na{color:#888}`;

function entryRow(e: RealtimeLogEntry): string {
  const lines = e.console.map((l) => `[${l.level}] ${l.message}`).join('\n');
  const cut = e.truncated
    ? `<div class="na">${PERSISTED_CONSOLE_CHARS} of ${e.console_chars} characters kept (Auth0 persists ${PERSISTED_CONSOLE_CHARS} per Action)</div>`
    : '';
  const error = e.error ? `<div class="error">${h(`${e.error.name}: ${e.error.message}`)}</div>` : '';
  return (
    `<tr><td>${h(e.started_at)}</td><td>${h(e.action_name)}</td><td>${h(e.user_name ?? '')}<br><span class="na">${h(e.user_id ?? '')}</span></td>` +
    `<td><code>${h(e.execution_id)}</code></td><td>${lines ? `<pre>${h(lines)}</pre>` : '<span class="na">no console output</span>'}${cut}${error}</td></tr>`
  );
}

export function realtimeLogsPageHtml(entries: RealtimeLogEntry[], filter: RealtimeLogFilter, now: Date): string {
  const scope = [
    filter.userName && `user ${filter.userName}`,
    filter.userId && `user id ${filter.userId}`,
    filter.executionId && `execution ${filter.executionId}`,
    filter.since && `since ${filter.since.toISOString()}`,
  ]
    .filter(Boolean)
    .join(', ');
  const rows = entries.map(entryRow).join('\n');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta http-equiv="refresh" content="5">
<title>Actions real-time logs (emulator)</title><style>${STYLE}</style></head><body>
<h1>Actions real-time logs</h1>
<p>The emulator's stand-in for Auth0 Dashboard &gt; Monitoring &gt; Actions Logs: console output and exceptions of post-login Actions.
Tenant log events (GET /api/v2/logs) never carry them: their <code>details.actions.executions</code> hold execution ids.
Each Action keeps the first ${PERSISTED_CONSOLE_CHARS} characters of its console output, as Auth0 persists them.</p>
<p class="na">${entries.length} Action run(s)${scope ? ` for ${h(scope)}` : ''} · ${h(now.toISOString())} · reloads every 5 s</p>
${entries.length ? `<table><tr><th>started</th><th>Action</th><th>user</th><th>execution</th><th>console and errors</th></tr>\n${rows}</table>` : '<p class="na">No Action has run yet.</p>'}
</body></html>
`;
}
