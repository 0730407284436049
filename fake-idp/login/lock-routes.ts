// Lock's credential exchange (Classic Universal Login): auth0.js posts the credentials as JSON to
// /usernamepassword/login (github auth0/auth0.js src/web-auth/username-password.js); a failure is a
// JSON error { name, code, description } shown in place by Lock; a success is an HTML form named
// "hiddenform" with wa=wsignin1.0, wresult and wctx that the page submits to /login/callback, which
// redirects to /authorize/resume to finish the login (the sequence third-party clients of hosted
// tenants script: docs/emulator-fidelity.md, "Login pages and protections").
import { timingSafeEqual } from 'node:crypto';
import express, { type Request, type Response } from 'express';
import { escapeHtml as h } from '../../flex/html.ts';
import { newToken } from '../saml/xml-text.ts';
import { authenticate, type LoginFailure } from './authenticate.ts';
import { completeLogin } from './complete-login.ts';
import { sendErrorPage, sendHtml, sendRedirect, noStore, type LoginContext } from './context.ts';
import type { LoginTransaction } from './transactions.ts';

/** auth0.js error bodies per failure: codes from auth0.js/Lock (invalid_user_password, too_many_attempts
 * with HTTP 429 per the brute-force docs, unauthorized "user is blocked", invalid_captcha). */
const LOCK_ERRORS: Record<LoginFailure, { status: number; name: string; code: string; description: string }> = {
  'wrong-credentials': { status: 401, name: 'ValidationError', code: 'invalid_user_password', description: 'Wrong email or password.' },
  'brute-force-blocked': {
    status: 429,
    name: 'AnomalyDetected',
    code: 'too_many_attempts',
    description: 'Your account has been blocked after multiple consecutive login attempts.',
  },
  'admin-blocked': { status: 401, name: 'unauthorized', code: 'unauthorized', description: 'user is blocked' },
  captcha: { status: 400, name: 'AnomalyDetected', code: 'invalid_captcha', description: 'Invalid captcha value' },
};

function sendJsonError(res: Response, status: number, body: { name: string; code: string; description: string }): void {
  noStore(res);
  res.status(status).json({ ...body, statusCode: status });
}

const text = (value: unknown, max = 512): string => (typeof value === 'string' ? value.slice(0, max) : '');

function hiddenFormHtml(action: string, wresult: string, wctx: string): string {
  return (
    `<form method="post" name="hiddenform" action="${h(action)}">` +
    '<input type="hidden" name="wa" value="wsignin1.0">' +
    `<input type="hidden" name="wresult" value="${h(wresult)}">` +
    `<input type="hidden" name="wctx" value="${h(wctx)}">` +
    '<noscript><p>Script is disabled. Click Submit to continue.</p><input type="submit" value="Submit"></noscript></form>'
  );
}

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a),
    y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function stateFromWctx(wctx: string): string | undefined {
  try {
    const parsed = JSON.parse(wctx) as { state?: unknown };
    return typeof parsed.state === 'string' ? parsed.state : undefined;
  } catch {
    return undefined;
  }
}

export function lockRouter(ctx: LoginContext): express.Router {
  const router = express.Router();
  const body = [express.json({ limit: '16kb' }), express.urlencoded({ extended: false, limit: '16kb', parameterLimit: 30 })];
  const form = express.urlencoded({ extended: false, limit: '16kb', parameterLimit: 10 });

  router.post('/usernamepassword/login', body, (req: Request, res: Response) => {
    const input = (req.body ?? {}) as Record<string, unknown>;
    const tx = ctx.transactions.get(text(input.state) || undefined, ctx.clock());
    if (!tx)
      return sendJsonError(res, 403, {
        name: 'ForbiddenError',
        code: 'invalid_request',
        description: 'Invalid state: the login transaction is unknown or has expired.',
      });
    const email = (text(input.username) || text(input.email)).trim();
    const result = authenticate(ctx, tx, { email, password: text(input.password), captcha: text(input.captcha) }, req);
    if ('failure' in result) {
      const { status, ...error } = LOCK_ERRORS[result.failure];
      return sendJsonError(res, status, error);
    }
    const token = newToken();
    tx.lockLogin = { token, userId: result.user_id };
    const wctx = JSON.stringify({
      strategy: 'auth0',
      tenant: ctx.tenant.domain.split(/[.:]/)[0] ?? '',
      connection: tx.connection,
      client_id: tx.clientId,
      state: tx.state,
    });
    sendHtml(res, 200, hiddenFormHtml(`${ctx.publicUrl()}/login/callback`, token, wctx));
  });

  router.post('/login/callback', form, (req: Request, res: Response) => {
    const input = (req.body ?? {}) as Record<string, unknown>;
    const tx: LoginTransaction | undefined = ctx.transactions.get(stateFromWctx(text(input.wctx, 4096)), ctx.clock());
    const pending = tx?.lockLogin;
    if (!tx || !pending || !sameToken(text(input.wresult), pending.token)) {
      return sendErrorPage(
        res,
        400,
        'invalid_request',
        'Invalid wresult: the credentials were not accepted for this login transaction. Start the login again from the application.',
      );
    }
    delete tx.lockLogin;
    tx.resumeUserId = pending.userId;
    sendRedirect(res, `/authorize/resume?state=${encodeURIComponent(tx.state)}`);
  });

  router.get('/authorize/resume', async (req: Request, res: Response) => {
    const state = typeof req.query.state === 'string' ? req.query.state : undefined;
    const tx = ctx.transactions.get(state, ctx.clock());
    const user = tx?.resumeUserId === undefined ? undefined : ctx.tenant.getUser(tx.resumeUserId);
    if (!tx || !user)
      return sendErrorPage(
        res,
        400,
        'invalid_request',
        'Invalid state: the login transaction is unknown or has expired. Start the login again from the application.',
      );
    await completeLogin(ctx, tx, user, req, res);
  });

  return router;
}
