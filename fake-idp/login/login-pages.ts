// Universal Login routes: single page (/u/login), identifier-first (/u/login/identifier →
// /u/login/password) and classic Lock (/login), chosen by tenant.state.settings.universalLogin.
import express, { type Request, type Response } from 'express';
import type { UniversalLoginVariant } from '../tenant/types.ts';
import { authenticate, captchaRequired, type LoginFailure } from './authenticate.ts';
import { completeLogin } from './complete-login.ts';
import { sendErrorPage, sendHtml, sendRedirect, type LoginContext } from './context.ts';
import { classicLockHtml } from './lock-page.ts';
import { identifierPageHtml, passwordPageHtml, singlePageLoginHtml, type LoginPageError } from './pages.ts';
import type { LoginTransaction } from './transactions.ts';

/** What Universal Login shows for each failure: text-customization keys and English texts of the
 * login screens (docs: customize/login-pages/universal-login/customize-text-elements). */
export const PAGE_ERRORS: Record<LoginFailure, LoginPageError> = {
  'wrong-credentials': { code: 'wrong-email-credentials', message: 'Wrong email or password', field: 'password' },
  'brute-force-blocked': { code: 'user-blocked', message: 'Your account has been blocked after multiple consecutive login attempts.', field: 'password' },
  'admin-blocked': { code: 'user-blocked', message: 'Your account has been blocked after multiple consecutive login attempts.', field: 'password' },
  captcha: { code: 'invalid-captcha', message: 'Solve the challenge question to verify you are not a robot.', field: 'captcha' },
};

const ENTRY_PATHS: Record<UniversalLoginVariant, string> = {
  'single-page': '/u/login',
  'identifier-first': '/u/login/identifier',
  'classic-lock': '/login',
};

export function loginPagePath(variant: UniversalLoginVariant): string {
  return ENTRY_PATHS[variant] ?? '/u/login';
}

function field(req: Request, name: string): string {
  const value = (req.body as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' ? value.slice(0, 512) : '';
}

function credentials(req: Request, email: string): { email: string; password: string; captcha: string } {
  return { email, password: field(req, 'password'), captcha: field(req, 'captcha') };
}

function stateOf(req: Request): string | undefined {
  const fromQuery = req.query.state;
  if (typeof fromQuery === 'string') return fromQuery;
  const fromBody = field(req, 'state');
  return fromBody === '' ? undefined : fromBody;
}

/** Resolves the transaction or answers Auth0's invalid-state page. */
function transaction(ctx: LoginContext, req: Request, res: Response): LoginTransaction | undefined {
  const tx = ctx.transactions.get(stateOf(req), ctx.clock());
  if (!tx)
    sendErrorPage(res, 400, 'invalid_request', 'Invalid state: the login transaction is unknown or has expired. Start the login again from the application.');
  return tx;
}

function tenantName(ctx: LoginContext): string {
  return ctx.tenant.state.settings.friendlyName || ctx.tenant.domain;
}

/** Sends a GET to the page the tenant's variant uses when it is not `variant`. */
function redirectIfOtherVariant(ctx: LoginContext, variant: UniversalLoginVariant, tx: LoginTransaction, res: Response): boolean {
  const configured = ctx.tenant.state.settings.universalLogin;
  if (configured === variant) return false;
  sendRedirect(res, `${loginPagePath(configured)}?state=${encodeURIComponent(tx.state)}`);
  return true;
}

export function loginPagesRouter(ctx: LoginContext): express.Router {
  const router = express.Router();
  const form = express.urlencoded({ extended: false, limit: '16kb', parameterLimit: 20 });

  router.get('/u/login', (req, res) => {
    const tx = transaction(ctx, req, res);
    if (!tx || redirectIfOtherVariant(ctx, 'single-page', tx, res)) return;
    sendHtml(res, 200, singlePageLoginHtml({ state: tx.state, tenantName: tenantName(ctx), captcha: captchaRequired(ctx, req) }));
  });
  router.post('/u/login', form, async (req, res) => {
    const tx = transaction(ctx, req, res);
    if (!tx) return;
    const username = field(req, 'username').trim();
    const result = authenticate(ctx, tx, credentials(req, username), req);
    if ('failure' in result) {
      return sendHtml(
        res,
        400,
        singlePageLoginHtml({ state: tx.state, tenantName: tenantName(ctx), username, error: PAGE_ERRORS[result.failure], captcha: captchaRequired(ctx, req) }),
      );
    }
    await completeLogin(ctx, tx, result, req, res);
  });

  router.get('/u/login/identifier', (req, res) => {
    const tx = transaction(ctx, req, res);
    if (!tx || redirectIfOtherVariant(ctx, 'identifier-first', tx, res)) return;
    sendHtml(res, 200, identifierPageHtml({ state: tx.state, tenantName: tenantName(ctx), ...(tx.username ? { username: tx.username } : {}) }));
  });
  router.post('/u/login/identifier', form, (req, res) => {
    const tx = transaction(ctx, req, res);
    if (!tx) return;
    const username = field(req, 'username').trim();
    if (username === '') {
      return sendHtml(res, 400, identifierPageHtml({ state: tx.state, tenantName: tenantName(ctx), error: { code: 'no-email', message: 'Enter an email' } }));
    }
    // Auth0 does not reveal here whether the user exists: the password step fails instead.
    tx.username = username;
    sendRedirect(res, `/u/login/password?state=${encodeURIComponent(tx.state)}`);
  });
  router.get('/u/login/password', (req, res) => {
    const tx = transaction(ctx, req, res);
    if (!tx) return;
    if (!tx.username) return res.redirect(302, `/u/login/identifier?state=${encodeURIComponent(tx.state)}`);
    sendHtml(res, 200, passwordPageHtml({ state: tx.state, tenantName: tenantName(ctx), username: tx.username, captcha: captchaRequired(ctx, req) }));
  });
  router.post('/u/login/password', form, async (req, res) => {
    const tx = transaction(ctx, req, res);
    if (!tx) return;
    if (!tx.username) return res.redirect(302, `/u/login/identifier?state=${encodeURIComponent(tx.state)}`);
    const result = authenticate(ctx, tx, credentials(req, tx.username), req);
    if ('failure' in result) {
      return sendHtml(
        res,
        400,
        passwordPageHtml({
          state: tx.state,
          tenantName: tenantName(ctx),
          username: tx.username,
          error: PAGE_ERRORS[result.failure],
          captcha: captchaRequired(ctx, req),
        }),
      );
    }
    await completeLogin(ctx, tx, result, req, res);
  });

  // Lock posts nothing here: it logs in by XHR (lock-routes.ts).
  router.get('/login', (req, res) => {
    const tx = transaction(ctx, req, res);
    if (!tx || redirectIfOtherVariant(ctx, 'classic-lock', tx, res)) return;
    sendHtml(
      res,
      200,
      classicLockHtml({
        state: tx.state,
        tenantName: tenantName(ctx),
        clientId: tx.clientId,
        connection: tx.connection,
        tenant: ctx.tenant.domain.split(/[.:]/)[0] ?? '',
        captcha: captchaRequired(ctx, req),
      }),
    );
  });
  return router;
}
