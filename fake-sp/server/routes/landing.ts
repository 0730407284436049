// Where the ACS sends the browser after a login: a minimal "Flex" page showing the verdict.
// `?login=<id>` (Enhanced, 302) or `?Token=<opaque>` (Legacy, 303).
import { Router } from 'express';
import { LANDING_PATH, loginIdFromToken } from '../context.ts';
import type { SpContext } from '../context.ts';
import { escapeHtml } from '../../../flex/html.ts';
import { page, verdictHtml } from '../html.ts';
import { sendError, sendHtml, wantsJson } from '../respond.ts';
import { summarize } from './api.ts';

export function landingRouter(ctx: SpContext): Router {
  const router = Router();
  router.get(LANDING_PATH, (req, res) => {
    const { login, Token } = req.query;
    const id = typeof login === 'string' ? login : typeof Token === 'string' ? loginIdFromToken(Token) : undefined;
    const record = id === undefined ? undefined : ctx.store.get(id);
    if (!record) {
      return sendError(req, res, 404, {
        code: 'LANDING_UNKNOWN_LOGIN',
        message: 'this Flex session does not match any recorded login',
        hint: 'log in again through the IdP',
      });
    }
    if (wantsJson(req)) return res.json(summarize(record));
    const who = record.email ? ` as ${escapeHtml(record.email)}` : '';
    sendHtml(
      res,
      200,
      page(
        'Flex',
        `<h1>Flex</h1><p id="flex-login" data-login-id="${escapeHtml(record.id)}">` +
          `Logged in${who} (${escapeHtml(record.profile)} SSO), roles: <span id="roles">${escapeHtml(record.roles.join(', '))}</span></p>` +
          verdictHtml(record.verdict),
      ),
    );
  });
  return router;
}
