// report.html: one self-contained page (no external assets) — a header saying where the run ran, the
// matrix (failures first, with a filter), then per scenario the attribute diff, the check table,
// the hints, the trace and the decoded XML. Every value is HTML-escaped. Its only script (the filter,
// and opening the details a #link names) is allowed by its hash in the page's CSP, nothing else runs.
import { createHash } from 'node:crypto';
import { relative, sep } from 'node:path';
import { escapeHtml } from '../../flex/html.ts';
import { cellState, MATRIX_FIELDS, showTraceCommand, summarize, tracePath, type ReportedScenario, type RunMeta, type RunReport } from './model.ts';
import { prettyXml } from './pretty-xml.ts';


const e = escapeHtml;
const MARK = { pass: '<span class="ok">✓</span>', fail: '<span class="bad">✗</span>', none: '<span class="na">·</span>' } as const;

const STYLE = `body{font:14px system-ui,sans-serif;margin:2em;color:#222}table{border-collapse:collapse;margin:.5em 0}
td,th{border:1px solid #ccc;padding:3px 8px;text-align:left;vertical-align:top}th{background:#f3f3f3}
.warn{color:#8a5a00}.ok{color:#080}.bad{color:#c00;font-weight:bold}.na{color:#999}.hint{background:#fff6d5;padding:4px 8px;margin:4px 0}
pre{background:#f7f7f7;padding:8px;overflow:auto;max-height:30em;font-size:12px}details{margin:.6em 0;border-top:1px solid #ddd;padding-top:.4em}
summary{cursor:pointer;font-weight:600}header dl{display:grid;grid-template-columns:max-content 1fr;gap:2px 12px;margin:.5em 0}
header dt{color:#666}header dd{margin:0}.filter{margin:.8em 0}.filter input{width:20em}[hidden]{display:none!important}
.trace code{background:#f3f3f3;padding:1px 4px}`;

// Filters the matrix rows and the details by text and status, and opens the details a link targets
// (a closed <details> stays closed when the fragment names it).
const SCRIPT = `(()=>{const q=document.getElementById('filter-text'),st=document.getElementById('filter-status');
function apply(){const t=q.value.trim().toLowerCase(),s=st.value;for(const el of document.querySelectorAll('[data-scenario]')){
const okText=!t||el.dataset.scenario.toLowerCase().includes(t)||(el.dataset.codes||'').toLowerCase().includes(t);
const okStatus=s==='all'||el.dataset.status===s;el.hidden=!(okText&&okStatus);}}
function openTarget(){const id=decodeURIComponent(location.hash.slice(1));const d=id&&document.getElementById(id);
if(d&&d.tagName==='DETAILS'){d.hidden=false;d.open=true;d.scrollIntoView();}}
q.addEventListener('input',apply);st.addEventListener('change',apply);addEventListener('hashchange',openTarget);
for(const a of document.querySelectorAll('a[href^="#s-"]'))a.addEventListener('click',()=>setTimeout(openTarget));openTarget();})();`;
const SCRIPT_HASH = createHash('sha256').update(SCRIPT).digest('base64');

function anchor(s: ReportedScenario): string {
  return `s-${s.id.replace(/[^a-z0-9-]/g, '')}`;
}

/** Attributes the filter reads: the scenario id and the codes of its failed checks. */
function dataAttributes(s: ReportedScenario): string {
  const codes = failedCodes(s);
  return `data-scenario="${e(s.id)}" data-status="${s.passed ? 'passed' : 'failed'}"${codes.length ? ` data-codes="${e(codes.join(' '))}"` : ''}`;
}

function failedCodes(s: ReportedScenario): string[] {
  return [...new Set(s.checks.filter((c) => c.status === 'failed' && c.code).map((c) => c.code as string))];
}

function matrix(scenarios: ReportedScenario[]): string {
  const head = `<tr><th>scenario</th>${MATRIX_FIELDS.map((f) => `<th>${e(f)}</th>`).join('')}<th>ms</th></tr>`;
  const rows = scenarios.map((s) => `<tr ${dataAttributes(s)}><td><a href="#${anchor(s)}">${e(s.id)}</a></td>${
    MATRIX_FIELDS.map((f) => `<td>${MARK[cellState(s, f)]}</td>`).join('')}<td>${Math.round(s.durationMs)}</td></tr>`);
  return `<table>${head}${rows.join('')}</table>`;
}

/** The trace of a failed test: a link relative to report.html and the command that opens it. */
function trace(s: ReportedScenario, reportDir: string | undefined): string {
  const path = tracePath(s);
  if (!path) return '';
  const href = reportDir ? relative(reportDir, path).split(sep).map(encodeURIComponent).join('/') : `file://${encodeURI(path)}`;
  return `<p class="trace">trace: <a href="${e(href)}">${e(path)}</a> — open it with <code>${e(showTraceCommand(path, reportDir ?? '/'))}</code></p>`;
}

function details(s: ReportedScenario, reportDir: string | undefined): string {
  const fields = s.fields.map((f) => `<tr><td>${f.ok ? MARK.pass : MARK.fail}</td><td>${e(f.field)}</td><td>${e(f.expected)}</td><td>${e(f.actual)}</td><td>${e(f.hint ?? '')}</td></tr>`);
  const checks = s.checks.map((c) => `<tr><td>${c.ok ? MARK.pass : c.status === 'skipped' ? MARK.none : MARK.fail}</td><td>${e(c.id)}</td><td>${e(c.status)}</td><td>${e(c.code ?? '')}</td><td>${e(c.expected ?? '')}</td><td>${e(c.actual ?? '')}</td><td>${e(c.detail)}${(c.warnings ?? []).map((w) => `<div class="warn">⚠ ${e(w)}</div>`).join('')}</td><td>${e(c.hint ?? '')}</td></tr>`);
  const received = Object.entries(s.attributes).map(([name, values]) => `<tr><td>${e(name)}</td><td>${values.map(e).join('<br>')}</td></tr>`);
  const codes = failedCodes(s);
  return `<details id="${anchor(s)}" ${dataAttributes(s)}${s.passed ? '' : ' open'}><summary>${s.passed ? MARK.pass : MARK.fail} ${e(s.id)} — ${e(s.title)}${codes.length ? ` <code>${codes.map(e).join(', ')}</code>` : ''}</summary>
<p>action <code>${e(s.action)}</code> · ${e(s.flow)} · ${e(s.profile)} · ${e(s.loginPage)} · expected <b>${e(s.expectedOutcome)}</b>, got <b>${e(s.outcome)}</b> · ${e(s.file)}</p>
${s.hints.map((h) => `<div class="hint">hint: ${e(h)}</div>`).join('')}${s.error ? `<div class="hint">error: ${e(s.error)}</div>` : ''}${trace(s, reportDir)}
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

function header(meta: RunMeta | undefined, generatedAt: Date): string {
  const rows: [string, string][] = [
    ['mode', meta?.mode ?? 'unknown'], ['tenant', meta?.tenant ?? 'unknown'], ['commit', meta?.commit ?? 'unknown'],
    ['versions', meta ? `flex-sso ${meta.versions.flexSso} · Node ${meta.versions.node} · Playwright ${meta.versions.playwright}` : 'unknown'],
    ['date', generatedAt.toISOString()],
  ];
  return `<header><h1>flex-sso scenario matrix</h1><dl>${rows.map(([k, v]) => `<dt>${e(k)}</dt><dd data-meta="${e(k)}">${e(v)}</dd>`).join('')}</dl></header>`;
}

const FILTER = `<div class="filter"><label>filter <input id="filter-text" type="search" placeholder="scenario id or check code"></label>
<label>show <select id="filter-status"><option value="all">all</option><option value="failed">failed</option><option value="passed">passed</option></select></label></div>`;

/** Failed scenarios first, each group in run order. */
function failuresFirst(scenarios: ReportedScenario[]): ReportedScenario[] {
  return [...scenarios.filter((s) => !s.passed), ...scenarios.filter((s) => s.passed)];
}

/** `reportDir`: where report.html is written, so trace links are relative to it (the directory moves as a whole). */
export function buildHtmlReport(report: RunReport, generatedAt: Date, reportDir?: string): string {
  const summary = summarize(report);
  const scenarios = failuresFirst(report.scenarios);
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>flex-sso scenarios</title>
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-${SCRIPT_HASH}'">
<style>${STYLE}</style></head><body>
${header(report.meta, generatedAt)}
<p>${summary.passed}/${summary.total} passed, ${summary.failed} failed${report.skipped?.length ? `, ${report.skipped.length} skipped` : ''} · ${(summary.durationMs / 1000).toFixed(1)} s</p>
${FILTER}
${matrix(scenarios)}
<p class="na">· = not asserted. team and program drive no Flex feature (Teams View filters on team_name); they are asserted because the seeds' Actions emit them.</p>
${skippedTable(report)}
${scenarios.map((s) => details(s, reportDir)).join('\n')}
<script>${SCRIPT}</script>
</body></html>
`;
}
