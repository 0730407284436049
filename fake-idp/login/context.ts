// What every login route needs, created once per emulator instance (fake-idp/app.ts).
import type { Response } from 'express';
import type { ActionRunner } from '../actions/runner.ts';
import type { Tenant } from '../tenant/tenant.ts';
import { errorPageHtml } from './pages.ts';
import { IdpSessions, LoginTransactions, SESSION_COOKIE } from './transactions.ts';
import { newToken } from '../saml/xml-text.ts';

export interface LoginContext {
  tenant: Tenant;
  runner: ActionRunner;
  clock: () => Date;
  transactions: LoginTransactions;
  sessions: IdpSessions;
  /** Mark cookies Secure (HTTPS mode). */
  secureCookies: boolean;
  /** Absolute base URL of this emulator, e.g. http://127.0.0.1:4000 */
  publicUrl: () => string;
}

export function createLoginContext(input: Omit<LoginContext, 'transactions' | 'sessions'>): LoginContext {
  return { ...input, transactions: new LoginTransactions(), sessions: new IdpSessions() };
}

/** Pages carry credentials or one-time SAML material: never cache them. */
export function noStore(res: Response): void {
  res.set('Cache-Control', 'no-store');
  res.set('Pragma', 'no-cache');
}

/** A 302 inside the login flow. Express's res.redirect negotiates a body format with the request's
 * Accept header on every call; the flow's redirects carry only the Location (and no-store). */
export function sendRedirect(res: Response, location: string): void {
  noStore(res);
  res.status(302).location(location).set('Content-Length', '0').end();
}

export function sendHtml(res: Response, status: number, html: string): void {
  noStore(res);
  res.status(status).type('text/html; charset=utf-8').send(html);
}

/** Auth0's HTML error page (browser-facing routes never answer JSON or a stack trace). */
export function sendErrorPage(res: Response, status: number, code: string, description: string): void {
  sendHtml(res, status, errorPageHtml({ code, description, trackingId: newToken(12) }));
}

export function setSessionCookie(ctx: LoginContext, res: Response, sessionId: string): void {
  res.cookie(SESSION_COOKIE, sessionId, { httpOnly: true, sameSite: 'lax', secure: ctx.secureCookies, path: '/' });
}

export function clearSessionCookie(ctx: LoginContext, res: Response): void {
  res.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: 'lax', secure: ctx.secureCookies, path: '/' });
}
