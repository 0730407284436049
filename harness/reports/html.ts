// report.html: one self-contained page (no external assets) — the matrix, then per scenario the
// attribute diff, the check table, the hints and the decoded XML. Every value is HTML-escaped.
import { escapeHtml } from '../../flex/html.ts';
import { cellState, MATRIX_FIELDS, summarize, type ReportedScenario, type RunReport } from './model.ts';
import { prettyXml } from './pretty-xml.ts';


const e = escapeHtml;
const MARK = { pass: '<span class="ok">✓</span>', fail: '<span class="bad">✗</span>', none: '<span class="na">·</span>' } as const;

const STYLE = `body{font:14px system-ui,sans-serif;margin:2em;color:#222}table{border-collapse:collapse;margin:.5em 0}
td,th{border:1px solid #ccc;padding:3px 8px;text-align:left;vertical-align:top}th{background:#f3f3f3}
.warn{color:#8a5a00}.ok{color:#080}.bad{color:#c00;font-weight:bold}.na{color:#999}.hint{background:#fff6d5;padding:4px 8px;margin:4px 0}
pre{background:#f7f7f7;padding:8px;overflow:auto;max-height:30em;font-size:12px}details{margin:.6em 0;border-top:1px solid #ddd;padding-top:.4em}
summary{cursor:pointer;font-weight:600}`;

function anchor(s: ReportedScenario): string {
  return `s-${s.id.replace(/[^a-z0-9-]/g, '')}`;
}

function matrix(report: RunReport): string {
  const head = `<tr><th>scenario</th>${MATRIX_FIELDS.map((f) => `<th>${e(f)}</th>`).join('')}<th>ms</th></tr>`;
  const rows = report.scenarios.map((s) => `<tr><td><a href="#${anchor(s)}">${e(s.id)}</a></td>${
    MATRIX_FIELDS.map((f) => `<td>${MARK[cellState(s, f)]}</td>`).join('')}<td>${Math.round(s.durationMs)}</td></tr>`);
  return `<table>${head}${rows.join('')}</table>`;
}

function details(s: ReportedScenario): string {
  const fields = s.fields.map((f) => `<tr><td>${f.ok ? MARK.pass : MARK.fail}</td><td>${e(f.field)}</td><td>${e(f.expected)}</td><td>${e(f.actual)}</td><td>${e(f.hint ?? '')}</td></tr>`);
  const checks = s.checks.map((c) => `<tr><td>${c.ok ? MARK.pass : c.status === 'skipped' ? MARK.none : MARK.fail}</td><td>${e(c.id)}</td><td>${e(c.status)}</td><td>${e(c.code ?? '')}</td><td>${e(c.expected ?? '')}</td><td>${e(c.actual ?? '')}</td><td>${e(c.detail)}${(c.warnings ?? []).map((w) => `<div class="warn">⚠ ${e(w)}</div>`).join('')}</td><td>${e(c.hint ?? '')}</td></tr>`);
  const received = Object.entries(s.attributes).map(([name, values]) => `<tr><td>${e(name)}</td><td>${values.map(e).join('<br>')}</td></tr>`);
  return `<details id="${anchor(s)}"${s.passed ? '' : ' open'}><summary>${s.passed ? MARK.pass : MARK.fail} ${e(s.id)} — ${e(s.title)}</summary>
<p>action <code>${e(s.action)}</code> · ${e(s.flow)} · ${e(s.profile)} · ${e(s.loginPage)} · expected <b>${e(s.expectedOutcome)}</b>, got <b>${e(s.outcome)}</b> · ${e(s.file)}</p>
${s.hints.map((h) => `<div class="hint">hint: ${e(h)}</div>`).join('')}${s.error ? `<div class="hint">error: ${e(s.error)}</div>` : ''}
<h4>Expected vs received</h4><table><tr><th></th><th>field</th><th>expected</th><th>received</th><th>hint</th></tr>${fields.join('')}</table>
${received.length ? `<h4>Attributes received</h4><table>${received.join('')}</table>` : ''}
${checks.length ? `<h4>Checks</h4><table><tr><th></th><th>check</th><th>status</th><th>code</th><th>expected</th><th>received</th><th>detail</th><th>hint</th></tr>${checks.join('')}</table>` : ''}
${actionLogs(s)}${tenantLogs(s)}
${s.xml ? `<h4>Decoded SAML response</h4><pre>${e(prettyXml(s.xml))}</pre>` : ''}</details>`;
}

// What each source holds, said where it is shown: tenant log details carry errors and execution ids,
// never an Action's console output (on a tenant that is only in Actions real-time logs).
const TENANT_LOGS_NOTE = 'Tenant log events (GET /api/v2/logs) as Auth0 writes them: their details carry errors and Action execution ids, not the Action\'s console output — on a tenant that is in Dashboard &gt; Monitoring &gt; Actions Logs (real-time, 256 characters kept per Action).';

function waited(lookup: { polls: number; waitedMs: number; timedOut: boolean }): string {
  if (lookup.polls <= 1) return '';
  const seconds = (lookup.waitedMs / 1000).toFixed(1);
  return lookup.timedOut
    ? ` Searched ${lookup.polls} times over ${seconds} s and found nothing (Auth0 indexes events late; raise FLEX_SSO_TENANT_LOG_WAIT_MS).`
    : ` Found after ${lookup.polls} searches, ${seconds} s of waiting: Auth0 indexes log events a few seconds after they happen.`;
}

function tenantLogs(s: ReportedScenario): string {
  if (!s.tenantLogs) return '';
  if ('error' in s.tenantLogs) return `<h4>Auth0 tenant logs</h4><div class="hint">could not read the tenant logs: ${e(s.tenantLogs.error)}</div>`;
  const note = `<p class="na">${TENANT_LOGS_NOTE}${e(waited(s.tenantLogs))}</p>`;
  if (s.tenantLogs.events.length === 0) return `<h4>Auth0 tenant logs</h4>${note}<p class="na">no log event for this user during the attempt</p>`;
  const rows = s.tenantLogs.events.map((l) => `<tr><td>${e(l.date)}</td><td>${e(l.type)}</td><td>${e(l.typeName)}</td><td>${e(l.description ?? '')}</td><td>${
    e((l.executions ?? []).join('\n'))}</td><td>${l.details === undefined ? '' : `<pre>${e(JSON.stringify(l.details, null, 2))}</pre>`}</td></tr>`);
  return `<h4>Auth0 tenant logs</h4>${note}<table><tr><th>date</th><th>type</th><th>meaning</th><th>description</th><th>Action executions</th><th>details (errors, execution ids)</th></tr>${rows.join('')}</table>`;
}

function actionLogs(s: ReportedScenario): string {
  if (!s.actionLogs) return '';
  const link = `<a href="${e(s.actionLogs.pageUrl)}">${e(s.actionLogs.pageUrl)}</a>`;
  const head = `<h4>Action console output (emulator's Actions real-time logs)</h4><p class="na">The first 256 characters of each Action's console output, as Auth0 keeps them; live while the emulator runs: ${link}. A tenant shows this only in Dashboard &gt; Monitoring &gt; Actions Logs, never in its tenant logs.</p>`;
  if (s.actionLogs.entries.length === 0) return `${head}<p class="na">no Action ran for this login</p>`;
  const rows = s.actionLogs.entries.map((a) => `<tr><td>${e(a.action)}</td><td>${e(a.executionId)}</td><td><pre>${e(a.console.map((l) => `[${l.level}] ${l.message}`).join('\n'))}</pre>${
    a.truncated ? `<div class="na">256 of ${a.consoleChars} characters kept</div>` : ''}${a.error ? `<div class="hint">${e(a.error)}</div>` : ''}</td></tr>`);
  return `${head}<table><tr><th>Action</th><th>execution</th><th>console and errors</th></tr>${rows.join('')}</table>`;
}

function skippedTable(report: RunReport): string {
  if (!report.skipped?.length) return '';
  const rows = report.skipped.map((s) => `<tr><td>${e(s.id)}</td><td>${e(s.reason)}</td></tr>`);
  return `<h2>Skipped (${report.skipped.length})</h2><p>Not applicable in this mode; they run with --mode emulator.</p><table><tr><th>scenario</th><th>reason</th></tr>${rows.join('')}</table>`;
}

export function buildHtmlReport(report: RunReport, generatedAt: Date): string {
  const summary = summarize(report);
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>flex-sso scenarios</title>
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<style>${STYLE}</style></head><body>
<h1>flex-sso scenario matrix</h1>
<p>${summary.passed}/${summary.total} passed, ${summary.failed} failed · ${(summary.durationMs / 1000).toFixed(1)} s · ${e(generatedAt.toISOString())}</p>
${matrix(report)}
<p class="na">· = not asserted. team and program drive no Flex feature (Teams View filters on team_name); they are asserted because the seeds' Actions emit them.</p>
${skippedTable(report)}
${report.scenarios.map(details).join('\n')}
</body></html>
`;
}
