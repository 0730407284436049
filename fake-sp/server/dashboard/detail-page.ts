// `GET /logins/:id`: one login in full: the check table with hints, the attributes Flex would read
// beside the scenario's expectation, the worker attributes Flex would write, and the decoded XML with
// the signed element marked. Every value is escaped.
import type { LoginRecord } from '../../store/login-store.ts';
import { FLEX_ATTRIBUTES } from '../../pipeline/flex-attributes.ts';
import { absentAttributes, isFlexPattern, PATTERN_ATTRIBUTES } from '../../../flex/patterns.ts';
import { escapeHtml } from '../../../flex/html.ts';
import { compareAttributes, expectationOf } from './expectation.ts';
import type { AttributeComparison, LoginExpectation } from './expectation.ts';
import { dashboardPage, statusMark } from './layout.ts';
import { detailPath } from './list-page.ts';
import { flexMeaning, workerAttributes } from './worker-attributes.ts';
import { xmlView } from './xml-view.ts';

function facts(record: LoginRecord): string {
  const f = record.verdict.facts;
  const rows: Array<[string, string | undefined]> = [
    ['received', record.receivedAt],
    ['Flex profile', record.profile],
    ['ACS URL', record.acsUrl],
    ['HTTP answer', String(record.httpStatus)],
    ['RelayState', record.relayState],
    ['scenario', record.scenarioId],
    ['NameID', f.nameId],
    ['issuer', f.issuer],
    ['Response ID', f.responseId],
    ['Assertion ID', f.assertionId],
    ['signed element', f.signedElement],
    ['InResponseTo', f.inResponseTo],
    ['status', f.statusCode],
    ['status message', f.statusMessage],
    ['NotOnOrAfter', f.notOnOrAfter],
  ];
  return `<dl class="facts">${rows
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${escapeHtml(v)}</dd>`)
    .join('')}</dl>`;
}

function checkTable(record: LoginRecord): string {
  const rows = record.verdict.checks
    .map(
      (c) =>
        `<tr class="${escapeHtml(c.status)}" data-check="${escapeHtml(c.id)}">` +
        `<td class="${escapeHtml(c.status)}">${statusMark(c.status)}</td><td><code>${escapeHtml(c.id)}</code></td>` +
        `<td><code>${escapeHtml(c.code ?? '')}</code></td><td>${escapeHtml(c.detail)}` +
        `${c.expected !== undefined ? `<br><span class="muted">expected:</span> ${escapeHtml(c.expected)}` : ''}` +
        `${c.actual !== undefined ? `<br><span class="muted">received:</span> ${escapeHtml(c.actual)}` : ''}` +
        `${(c.warnings ?? []).map((w) => `<br><span class="warning" data-warning>⚠ ${escapeHtml(w)}</span>`).join('')}</td>` +
        `<td>${escapeHtml(c.hint ?? '')}</td></tr>`,
    )
    .join('');
  return `<table id="checks"><thead><tr><th></th><th>check</th><th>code</th><th>detail</th><th>hint (the fix)</th></tr></thead><tbody>${rows}</tbody></table>`;
}

const values = (v: readonly string[] | string | undefined) => (v === undefined ? '' : (typeof v === 'string' ? [v] : v).map((x) => escapeHtml(x)).join('<br>'));

function attributeRow(c: AttributeComparison, withExpectation: boolean): string {
  const actual = c.actual === undefined ? '<span class="muted">(not in the response)</span>' : values(c.actual);
  const expected = c.expected === undefined ? '<span class="muted">(not checked)</span>' : values(c.expected);
  const match = c.match === undefined ? '' : c.match ? '<span class="ok">✓</span>' : '<span class="failed">✗ mismatch</span>';
  return (
    `<tr data-attribute="${escapeHtml(c.name)}"${c.match === false ? ' class="mismatch"' : ''}><td><code>${escapeHtml(c.name)}</code></td>` +
    `<td>${actual}</td>${withExpectation ? `<td>${expected}</td><td>${match}</td>` : ''}<td class="muted">${escapeHtml(flexMeaning(c.name))}</td></tr>`
  );
}

/** An Auth0 claim URI (`http://schemas.xmlsoap.org/…`, `http://schemas.auth0.com/…`, `urn:…`): Flex ignores namespaced names. */
function isClaimUri(name: string): boolean {
  return /^[a-z][a-z0-9+.-]*:/i.test(name);
}

/** The attributes Flex reads first (in Flex's order), then other plain names; claim URIs apart. */
function flexFirst(rows: AttributeComparison[]): { plain: AttributeComparison[]; uris: AttributeComparison[] } {
  const order = Object.keys(FLEX_ATTRIBUTES);
  const rank = (name: string) => (order.includes(name) ? order.indexOf(name) : order.length);
  const plain = rows
    .filter((r) => !isClaimUri(r.name))
    .map((r, i) => ({ r, i }))
    .sort((a, b) => rank(a.r.name) - rank(b.r.name) || a.i - b.i)
    .map(({ r }) => r);
  return { plain, uris: rows.filter((r) => isClaimUri(r.name)) };
}

function attributeTable(record: LoginRecord, expectation: LoginExpectation | undefined): string {
  const { plain, uris } = flexFirst(compareAttributes(record.verdict.attributes, expectation));
  const rows = plain;
  const note = expectation
    ? `<p>Beside the expectation of scenario <code>${escapeHtml(record.scenarioId ?? '(unnamed)')}</code>${expectation.outcome ? ` (outcome <code>${escapeHtml(expectation.outcome)}</code>)` : ''}.</p>`
    : '<p class="muted" id="no-expectation">No expectation: this login was not run from a scenario.</p>';
  if (rows.length === 0 && uris.length === 0) return `${note}<p class="muted">No attributes were read (the response was not trusted or carries none).</p>`;
  const head = `<th>attribute</th><th>Flex reads</th>${expectation ? '<th>scenario expects</th><th></th>' : ''}<th>what Flex does with it</th>`;
  const body = (list: AttributeComparison[]) => list.map((r) => attributeRow(r, expectation !== undefined)).join('');
  // Auth0's default claim URIs (the addon's mappings) are in most responses and Flex reads none of
  // them (docs: Twilio Flex SSO attributes are un-namespaced): collapsed, so Flex's come first.
  const collapsed =
    uris.length === 0
      ? ''
      : `<details id="claim-uris"><summary>${uris.length} Auth0 claim URI attribute(s): Flex ignores namespaced names</summary>` +
        `<table id="claim-uri-attributes"><thead><tr>${head}</tr></thead><tbody>${body(uris)}</tbody></table></details>`;
  return `${note}${rows.length ? `<table id="attributes"><thead><tr>${head}</tr></thead><tbody>${body(rows)}</tbody></table>` : ''}${collapsed}`;
}

function workerTable(record: LoginRecord): string {
  if (Object.keys(record.verdict.attributes).length === 0) {
    return '<p class="muted" id="no-worker">No trusted attributes (the response failed before its attributes could be read): Flex would write no worker.</p>';
  }
  if (!record.verdict.valid) {
    return '<p class="muted">Flex would reject this login, so it would write no worker. What it would write if it accepted it:</p>' + workerRows(record);
  }
  return workerRows(record);
}

function workerRows(record: LoginRecord): string {
  const worker = workerAttributes(record.verdict.attributes, record.verdict.flex);
  const rows = Object.entries(worker)
    .filter(([, v]) => v !== undefined)
    .map(
      ([k, v]) =>
        `<tr data-worker-attribute="${escapeHtml(k)}"><td><code>${escapeHtml(k)}</code></td><td><code>${escapeHtml(JSON.stringify(v))}</code></td></tr>`,
    )
    .join('');
  return `<table id="worker-attributes"><thead><tr><th>worker attribute</th><th>value (JSON)</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function xmlSection(record: LoginRecord): string {
  const raw = `${detailPath(record.id)}/raw`;
  const downloads =
    record.samlResponse === ''
      ? '<p class="muted">The POST carried no SAMLResponse.</p>'
      : `<p><a class="button" href="${escapeHtml(raw)}" download>Download raw SAMLResponse (base64)</a> ` +
        `<a class="button" href="${escapeHtml(`${raw}?format=xml`)}" download>Download decoded XML</a></p>`;
  const xml = record.verdict.xml;
  if (xml === undefined) return `${downloads}<p class="muted">The response could not be decoded.</p>`;
  const view = xmlView(xml, record.verdict);
  const legend =
    view.marked.length > 0
      ? `<p>The highlighted element is the one the verified signature covers (${view.marked.join(' and ')}).</p>`
      : '<p class="failed">No element is marked: no signature over the Response or its Assertion verified.</p>';
  return `${downloads}${legend}<pre class="xml" id="xml">${view.html}</pre>`;
}

/**
 * The first thing on the page of a rejected login: each failed check with what it expected, what it
 * received and the fix (the check's hint), so the reason is never below the fold.
 */
function whyBox(record: LoginRecord): string {
  const failed = record.verdict.checks.filter((c) => c.status === 'failed');
  if (record.verdict.valid || failed.length === 0) return '';
  const items = failed
    .map(
      (c) =>
        `<li data-check="${escapeHtml(c.id)}"><strong><code>${escapeHtml(c.id)}</code>${c.code ? ` <code>${escapeHtml(c.code)}</code>` : ''}</strong>: ${escapeHtml(c.detail)}` +
        `${c.expected !== undefined ? `<br><span class="muted">expected:</span> ${escapeHtml(c.expected)}` : ''}` +
        `${c.actual !== undefined ? `<br><span class="muted">received:</span> ${escapeHtml(c.actual)}` : ''}` +
        `${c.hint ? `<br><span class="fix">What to fix:</span> ${escapeHtml(c.hint)}` : ''}</li>`,
    )
    .join('');
  return `<section id="why" class="why"><h2>Why Flex rejects this login and what to fix</h2><ul>${items}</ul></section>`;
}

/**
 * For a login judged against a pattern: the Flex attributes the pattern expects and the response
 * lacks (a Pattern A agent without team/program is valid for Flex, and only this says so).
 */
function absentBox(record: LoginRecord): string {
  const pattern = record.pattern;
  if (!isFlexPattern(pattern) || Object.keys(record.verdict.attributes).length === 0) return '';
  const absent = absentAttributes(pattern, record.verdict.attributes, record.verdict.flex.roles);
  const rule = escapeHtml(PATTERN_ATTRIBUTES[pattern].summary);
  if (absent.length === 0) return `<p id="absent" data-pattern="${pattern}" class="muted">Judged against ${rule}: nothing expected is absent.</p>`;
  return (
    `<section id="absent" data-pattern="${pattern}" class="why"><h2>Expected but absent (Pattern ${pattern})</h2>` +
    `<p>${rule}; this response lacks: ${absent.map((n) => `<code data-absent="${escapeHtml(n)}">${escapeHtml(n)}</code>`).join(', ')}.</p></section>`
  );
}

export function renderDetailPage(record: LoginRecord): string {
  const v = record.verdict;
  const expectation = expectationOf(record);
  const warnings = v.warnings.map((w) => `<li>${escapeHtml(w)}</li>`).join('');
  return dashboardPage(
    `Login ${record.id}`,
    `<p><a href="/">← all logins</a></p>` +
      `<h1>Login <code>${escapeHtml(record.id)}</code>${record.email ? ` · ${escapeHtml(record.email)}` : ''}</h1>` +
      `<p id="verdict" data-valid="${v.valid}"><span class="badge ${v.valid ? 'ok' : 'failed'}">` +
      `${v.valid ? '✓ valid: Flex would accept this login' : '✗ invalid: Flex would reject this login'}</span></p>` +
      whyBox(record) +
      absentBox(record) +
      `<div class="grid"><section class="card"><h2>Facts</h2>${facts(record)}</section>` +
      `<section class="card"><h2>Worker attributes Flex would write</h2>${workerTable(record)}</section></div>` +
      `<h2>Checks</h2>${checkTable(record)}` +
      `<h2>Attributes Flex would read</h2>${attributeTable(record, expectation)}` +
      (warnings ? `<h2>Warnings</h2><ul>${warnings}</ul>` : '') +
      `<h2>Decoded response</h2>${xmlSection(record)}`,
  );
}

export function renderNotFoundPage(id: string): string {
  return dashboardPage(
    'Login not found',
    '<p><a href="/">← all logins</a></p><h1>404: no such login</h1>' +
      `<p>No login with id <code>${escapeHtml(id)}</code> was received by this fake SP.</p><p>Fix: pick one from the <a href="/">list</a>.</p>`,
  );
}

export function renderProblemPage(status: number, problem: { code: string; message: string; hint: string }): string {
  return dashboardPage(
    `Error ${status}`,
    `<h1>${escapeHtml(status)} ${escapeHtml(problem.code)}</h1><p>${escapeHtml(problem.message)}</p>` +
      `<p>Fix: ${escapeHtml(problem.hint)}</p><p><a href="/">← all logins</a></p>`,
  );
}
