// `GET /`: the received logins, newest first, with a filter form. Every value is escaped: emails,
// roles and RelayState come from SAML responses and browsers.
import type { LoginRecord } from '../../store/login-store.ts';
import type { ResolvedProfile } from '../profiles.ts';
import { escapeHtml } from '../../../flex/html.ts';
import type { DashboardFilter } from './filter.ts';
import { dashboardPage } from './layout.ts';

export function detailPath(id: string): string {
  return `/logins/${encodeURIComponent(id)}`;
}

/** "signature: SIG_INVALID" for the first failed check; '' when none failed. */
export function firstFailure(record: LoginRecord): string {
  const failed = record.verdict.checks.find((c) => c.status === 'failed');
  return failed === undefined ? '' : `${failed.id}${failed.code ? `: ${failed.code}` : ''}`;
}

/** One row of the list; also sent to open pages over /events, so both render alike. */
export function loginRowHtml(record: LoginRecord): string {
  const valid = record.verdict.valid;
  const failure = firstFailure(record);
  const verdict =
    `<span class="badge ${valid ? 'ok' : 'failed'}">${valid ? '✓ valid' : '✗ invalid'}</span>` +
    (failure ? ` <span class="failed first-failure">${escapeHtml(failure)}</span>` : '');
  const who = `${escapeHtml(record.email ?? '')}${record.nameId && record.nameId !== record.email ? `<br><span class="muted">${escapeHtml(record.nameId)}</span>` : ''}`;
  return (
    `<tr data-login-id="${escapeHtml(record.id)}" data-valid="${valid}">` +
    `<td><time datetime="${escapeHtml(record.receivedAt)}">${escapeHtml(record.receivedAt.replace('T', ' ').replace(/\.\d+Z$/, 'Z'))}</time></td>` +
    `<td class="user">${who || `<span class="muted">${record.verdict.valid || Object.keys(record.verdict.attributes).length > 0 ? '(no email)' : '(no trusted email)'}</span>`}</td>` +
    `<td class="verdict">${verdict}</td>` +
    `<td class="roles">${escapeHtml(record.roles.join(', '))}</td>` +
    `<td class="profile">${escapeHtml(record.profile)}</td>` +
    `<td class="relay-state"><code>${escapeHtml(record.relayState ?? '')}</code></td>` +
    `<td><a href="${escapeHtml(detailPath(record.id))}">details</a></td></tr>`
  );
}

function option(value: string, label: string, current: string | undefined): string {
  return `<option value="${escapeHtml(value)}"${(current ?? '') === value ? ' selected' : ''}>${escapeHtml(label)}</option>`;
}

function filterForm(filter: DashboardFilter): string {
  return (
    '<form class="filter" method="get" action="/" role="search">' +
    `<label>User or email<input type="search" name="q" value="${escapeHtml(filter.q ?? '')}" placeholder="ana@example.com"></label>` +
    `<label>Verdict<select name="verdict">${option('', 'any', filter.verdict)}${option('valid', '✓ valid', filter.verdict)}${option('invalid', '✗ invalid', filter.verdict)}</select></label>` +
    `<label>Flex profile<select name="profile">${option('', 'any', filter.profile)}${option('enhanced', 'Enhanced', filter.profile)}${option('legacy', 'Legacy', filter.profile)}</select></label>` +
    '<button type="submit">Filter</button><a class="muted" href="/">clear</a></form>'
  );
}

export interface ListPageInput {
  records: readonly LoginRecord[];
  filter: DashboardFilter;
  total: number;
  /** The newest login in the store (filtered or not): live updates start after it. */
  newestId?: string;
  profiles: readonly ResolvedProfile[];
}

/** The empty list says how to produce a login (harness CLI: `login` uses a running `serve all`). */
const HOW_TO_LOGIN =
  'Produce one: <code>flex-sso login --user pa-admin@flex-sso.test</code> (through this server when it runs as <code>flex-sso serve all</code>; <code>--seed scenarios</code> creates every scenario user), ' +
  'or have the IdP post a SAML response to an ACS above.';

export function renderListPage(input: ListPageInput): string {
  const acs = input.profiles
    .map(
      (p) =>
        `<li data-profile="${escapeHtml(p.kind)}">${escapeHtml(p.kind)} ACS <code>${escapeHtml(p.acsUrl)}</code> · audience <code>${escapeHtml(p.audience)}</code>` +
        ` · allowIdpInitiated <code>${String(p.settings.allowIdpInitiated)}</code> · requireRelayState <code>${String(p.settings.requireRelayState)}</code></li>`,
    )
    .join('');
  const filtered = input.filter.q !== undefined || input.filter.verdict !== undefined || input.filter.profile !== undefined;
  const rows =
    input.records.map(loginRowHtml).join('') ||
    `<tr class="empty"><td colspan="7">${filtered && input.total > 0 ? 'No login matches the filter. ' : `No login received yet. ${HOW_TO_LOGIN} `}New logins appear here without a reload.</td></tr>`;
  return dashboardPage(
    'Fake Flex SP: logins',
    '<h1>Received logins</h1>' +
      `<ul class="muted">${acs}</ul>${filterForm(input.filter)}` +
      `<p class="muted"><span id="login-count">${input.records.length}</span> shown${filtered ? ' (filtered)' : ''} of ${input.total}, newest first` +
      ' · <span id="live-status">live updates off</span></p>' +
      `<table id="logins" data-newest="${escapeHtml(input.newestId ?? '')}"><thead>` +
      '<tr><th>received (UTC)</th><th>user</th><th>verdict</th><th>roles</th><th>Flex profile</th><th>RelayState</th><th></th></tr></thead>' +
      `<tbody>${rows}</tbody></table>`,
    { liveUpdates: true },
  );
}
