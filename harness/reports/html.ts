// report.html: one self-contained page (no external assets) — the matrix, then per scenario the
// attribute diff, the check table, the hints and the decoded XML. Every value is HTML-escaped.
import { cellState, MATRIX_FIELDS, summarize, type ReportedScenario, type RunReport } from './model.ts';
import { prettyXml } from './pretty-xml.ts';

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

const e = escapeHtml;
const MARK = { pass: '<span class="ok">✓</span>', fail: '<span class="bad">✗</span>', none: '<span class="na">·</span>' } as const;

const STYLE = `body{font:14px system-ui,sans-serif;margin:2em;color:#222}table{border-collapse:collapse;margin:.5em 0}
td,th{border:1px solid #ccc;padding:3px 8px;text-align:left;vertical-align:top}th{background:#f3f3f3}
.ok{color:#080}.bad{color:#c00;font-weight:bold}.na{color:#999}.hint{background:#fff6d5;padding:4px 8px;margin:4px 0}
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
  const checks = s.checks.map((c) => `<tr><td>${c.ok ? MARK.pass : c.status === 'skipped' ? MARK.none : MARK.fail}</td><td>${e(c.id)}</td><td>${e(c.status)}</td><td>${e(c.detail ?? '')}</td><td>${e(c.hint ?? '')}</td></tr>`);
  const received = Object.entries(s.attributes).map(([name, values]) => `<tr><td>${e(name)}</td><td>${values.map(e).join('<br>')}</td></tr>`);
  return `<details id="${anchor(s)}"${s.passed ? '' : ' open'}><summary>${s.passed ? MARK.pass : MARK.fail} ${e(s.id)} — ${e(s.title)}</summary>
<p>action <code>${e(s.action)}</code> · ${e(s.flow)} · ${e(s.profile)} · ${e(s.loginPage)} · expected <b>${e(s.expectedOutcome)}</b>, got <b>${e(s.outcome)}</b> · ${e(s.file)}</p>
${s.hints.map((h) => `<div class="hint">hint: ${e(h)}</div>`).join('')}${s.error ? `<div class="hint">error: ${e(s.error)}</div>` : ''}
<h4>Expected vs received</h4><table><tr><th></th><th>field</th><th>expected</th><th>received</th><th>hint</th></tr>${fields.join('')}</table>
${received.length ? `<h4>Attributes received</h4><table>${received.join('')}</table>` : ''}
${checks.length ? `<h4>Checks</h4><table><tr><th></th><th>check</th><th>status</th><th>detail</th><th>hint</th></tr>${checks.join('')}</table>` : ''}
${tenantLogs(s)}
${s.xml ? `<h4>Decoded SAML response</h4><pre>${e(prettyXml(s.xml))}</pre>` : ''}</details>`;
}

function tenantLogs(s: ReportedScenario): string {
  if (!s.tenantLogs) return '';
  if (!Array.isArray(s.tenantLogs)) return `<h4>Auth0 tenant logs</h4><div class="hint">could not read the tenant logs: ${e(s.tenantLogs.error)}</div>`;
  if (s.tenantLogs.length === 0) return '<h4>Auth0 tenant logs</h4><p class="na">no log event for this user during the attempt</p>';
  const rows = s.tenantLogs.map((l) => `<tr><td>${e(l.date)}</td><td>${e(l.type)}</td><td>${e(l.typeName)}</td><td>${e(l.description ?? '')}</td><td>${
    l.details === undefined ? '' : `<pre>${e(JSON.stringify(l.details, null, 2))}</pre>`}</td></tr>`);
  return `<h4>Auth0 tenant logs</h4><table><tr><th>date</th><th>type</th><th>meaning</th><th>description</th><th>details (Action console output)</th></tr>${rows.join('')}</table>`;
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
