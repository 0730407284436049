// Universal Login routes: single page (/u/login), identifier-first (/u/login/identifier →
// /u/login/password) and classic Lock (/login), chosen by tenant.state.settings.universalLogin.
import express, { type Request, type Response } from 'express';
import type { UniversalLoginVariant, User } from '../tenant/types.ts';
import { completeLogin } from './complete-login.ts';
import { sendErrorPage, sendHtml, sendRedirect, type LoginContext } from './context.ts';
import { classicLockHtml, identifierPageHtml, passwordPageHtml, singlePageLoginHtml, type LoginPageError } from './pages.ts';
import type { LoginTransaction } from './transactions.ts';

export const WRONG_CREDENTIALS: LoginPageError = { code: 'wrong-email-credentials', message: 'Wrong email or password' };
const BLOCKED: LoginPageError = { code: 'user-blocked', message: 'Your account has been blocked after multiple consecutive login attempts.' };

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

function stateOf(req: Request): string | undefined {
  const fromQuery = req.query.state;
  if (typeof fromQuery === 'string') return fromQuery;
  const fromBody = field(req, 'state');
  return fromBody === '' ? undefined : fromBody;
}

/** Resolves the transaction or answers Auth0's invalid-state page. */
function transaction(ctx: LoginContext, req: Request, res: Response): LoginTransaction | undefined {
  const tx = ctx.transactions.get(stateOf(req), ctx.clock());
  if (!tx) sendErrorPage(res, 400, 'invalid_request', 'Invalid state: the login transaction is unknown or has expired. Start the login again from the application.');
  return tx;
}

/** Checks credentials, logging Auth0's failure events; returns the user or the page error. */
function authenticate(ctx: LoginContext, tx: LoginTransaction, email: string, password: string, req: Request): User | LoginPageError {
  const app = ctx.tenant.getApplication(tx.clientId);
  const userAgent = req.get('user-agent');
  const base = { client_id: tx.clientId, client_name: app?.name ?? '', connection: tx.connection, user_name: email, ip: req.ip ?? '', ...(userAgent ? { user_agent: userAgent } : {}) };
  // logs-schema.json: fp and fu carry details.error.message.
  const wrong = { description: 'Wrong email or password.', details: { error: { message: 'Wrong email or password.' } } };
  const known = email === '' ? undefined : ctx.tenant.findUserByEmail(email);
  if (!known) {
    ctx.tenant.log({ ...base, type: 'fu', ...wrong });
    return WRONG_CREDENTIALS;
  }
  const user = ctx.tenant.verifyPassword(email, password);
  if (!user) {
    ctx.tenant.log({ ...base, type: 'fp', ...wrong, user_id: known.user_id });
    return WRONG_CREDENTIALS;
  }
  if (user.blocked) {
    ctx.tenant.log({ ...base, type: 'f', description: 'user is blocked', user_id: user.user_id });
    return BLOCKED;
  }
  return user;
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
    sendHtml(res, 200, singlePageLoginHtml({ state: tx.state, tenantName: tenantName(ctx) }));
  });
  router.post('/u/login', form, async (req, res) => {
    const tx = transaction(ctx, req, res);
    if (!tx) return;
    const username = field(req, 'username').trim();
    const result = authenticate(ctx, tx, username, field(req, 'password'), req);
    if ('code' in result) return sendHtml(res, 400, singlePageLoginHtml({ state: tx.state, tenantName: tenantName(ctx), username, error: result }));
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
    sendHtml(res, 200, passwordPageHtml({ state: tx.state, tenantName: tenantName(ctx), username: tx.username }));
  });
  router.post('/u/login/password', form, async (req, res) => {
    const tx = transaction(ctx, req, res);
    if (!tx) return;
    if (!tx.username) return res.redirect(302, `/u/login/identifier?state=${encodeURIComponent(tx.state)}`);
    const result = authenticate(ctx, tx, tx.username, field(req, 'password'), req);
    if ('code' in result) return sendHtml(res, 400, passwordPageHtml({ state: tx.state, tenantName: tenantName(ctx), username: tx.username, error: result }));
    await completeLogin(ctx, tx, result, req, res);
  });

  router.get('/login', (req, res) => {
    const tx = transaction(ctx, req, res);
    if (!tx || redirectIfOtherVariant(ctx, 'classic-lock', tx, res)) return;
    sendHtml(res, 200, classicLockHtml({ state: tx.state, tenantName: tenantName(ctx) }));
  });
  router.post('/login', form, async (req, res) => {
    const tx = transaction(ctx, req, res);
    if (!tx) return;
    const email = (field(req, 'email') || field(req, 'username')).trim();
    const result = authenticate(ctx, tx, email, field(req, 'password'), req);
    if ('code' in result) return sendHtml(res, 400, classicLockHtml({ state: tx.state, tenantName: tenantName(ctx), email, error: result }));
    await completeLogin(ctx, tx, result, req, res);
  });
  return router;
}
