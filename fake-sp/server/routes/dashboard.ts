// `GET /`: a minimal list of the recorded logins (the full dashboard is built elsewhere).
// Every value is escaped: emails, roles and RelayState come from SAML responses and browsers.
import { Router } from 'express';
import type { SpContext } from '../context.ts';
import { LANDING_PATH } from '../context.ts';
import { escapeHtml, page } from '../html.ts';
import { sendHtml } from '../respond.ts';
import { summarize } from './api.ts';

export function dashboardRouter(ctx: SpContext): Router {
  const router = Router();
  router.get('/', (_req, res) => {
    const rows = ctx.store.list({ limit: 100 }).map(summarize).map((s) => `<tr data-login-id="${escapeHtml(s.id)}">`
      + `<td><a href="/api/logins/${encodeURIComponent(s.id)}">${escapeHtml(s.id)}</a></td>`
      + `<td>${escapeHtml(s.receivedAt)}</td><td>${escapeHtml(s.profile)}</td>`
      + `<td class="${s.valid ? 'ok' : 'failed'}">${s.valid ? '✓ valid' : '✗ invalid'} (${escapeHtml(s.httpStatus)})</td>`
      + `<td>${escapeHtml(s.email ?? '')}</td><td>${escapeHtml(s.roles.join(', '))}</td><td>${escapeHtml(s.relayState ?? '')}</td>`
      + `<td>${escapeHtml(s.failedChecks.join(', '))}</td>`
      + `<td><a href="${LANDING_PATH}?login=${encodeURIComponent(s.id)}">verdict</a></td></tr>`).join('');
    const acs = ctx.profiles.map((p) => `<li>${escapeHtml(p.kind)}: ACS <code>${escapeHtml(p.acsUrl)}</code>, audience <code>${escapeHtml(p.audience)}</code>`
      + ` (<a href="/metadata?profile=${escapeHtml(p.kind)}&amp;${p.kind === 'enhanced' ? 'connection' : 'account'}=${encodeURIComponent(p.sid)}">metadata</a>)</li>`).join('');
    sendHtml(res, 200, page('Fake Flex SP', `<h1>Fake Flex SP</h1><ul>${acs}</ul>`
      + `<h2>Logins (${ctx.store.size}, newest first)</h2>`
      + `<table><thead><tr><th>id</th><th>received</th><th>profile</th><th>verdict</th><th>email</th><th>roles</th>`
      + `<th>RelayState</th><th>failed checks</th><th></th></tr></thead><tbody>${rows}</tbody></table>`));
  });
  return router;
}
