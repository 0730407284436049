// Second half of a login, once the user is known: faults, post-login Actions, metadata updates,
// tenant logs, the SSO session, and Auth0's auto-POST form carrying the SAML response.
import type { Request, Response } from 'express';
import { buildPostLoginEvent } from '../actions/event.ts';
import type { PostLoginOutcome } from '../actions/runner.ts';
import { planFaults } from '../faults/plan.ts';
import { buildLoginResponse } from '../saml/login-response.ts';
import type { User } from '../tenant/types.ts';
import { sendErrorPage, sendHtml, sendRedirect, setSessionCookie, type LoginContext } from './context.ts';
import { MFA_CHALLENGE_PATH, mfaRequired } from './mfa.ts';
import { autoPostFormHtml } from './pages.ts';
import type { LoginTransaction } from './transactions.ts';

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function emptyOutcome(): PostLoginOutcome {
  return { ok: true, saml: { attributes: {}, overrides: {} }, appMetadataUpdates: {}, userMetadataUpdates: {}, logs: [], durationMs: 0 };
}

function stringRecord(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (typeof value === 'object' && value !== null) {
    for (const [k, v] of Object.entries(value)) if (typeof v === 'string') out[k] = v;
  }
  return out;
}

async function runActions(ctx: LoginContext, tx: LoginTransaction, user: User, req: Request, now: Date): Promise<PostLoginOutcome> {
  const actions = ctx.tenant.boundPostLoginActions();
  if (actions.length === 0) return emptyOutcome();
  const app = ctx.tenant.getApplication(tx.clientId);
  const event = buildPostLoginEvent({
    user,
    client: { client_id: tx.clientId, name: app?.name ?? '' },
    request: {
      ip: req.ip ?? '127.0.0.1', hostname: ctx.tenant.domain, method: req.method,
      query: stringRecord(req.query), body: {},
      ...(req.get('user-agent') ? { userAgent: req.get('user-agent') as string } : {}),
    },
    tenantId: tenantIdOf(ctx.tenant.domain),
    now,
    transactionId: tx.state,
  });
  return ctx.runner.run(actions, event);
}

/** Auth0's event.tenant.id is the first label of the tenant domain (`dev-abc` of dev-abc.us.auth0.com). */
function tenantIdOf(domain: string): string {
  const label = domain.split(/[.:]/)[0] ?? '';
  return /^[a-z][a-z0-9-]*$/i.test(label) ? label : 'flex-sso-emulator';
}

function failureMessage(outcome: PostLoginOutcome): string | undefined {
  if (outcome.denied) return outcome.denied.reason;
  if (outcome.error) return outcome.error.message;
  return undefined;
}

function persistMetadata(ctx: LoginContext, user: User, outcome: PostLoginOutcome): void {
  // Auth0 applies api.user.set*Metadata after the Actions, unless one of them crashed.
  if (outcome.error) return;
  const patch: { app_metadata?: Record<string, unknown>; user_metadata?: Record<string, unknown> } = {};
  if (Object.keys(outcome.appMetadataUpdates).length > 0) patch.app_metadata = outcome.appMetadataUpdates;
  if (Object.keys(outcome.userMetadataUpdates).length > 0) patch.user_metadata = outcome.userMetadataUpdates;
  if (patch.app_metadata || patch.user_metadata) ctx.tenant.updateUser(user.user_id, patch);
}

/** Finishes the transaction for `user` and writes the auto-POST page (or an error page). */
export async function completeLogin(ctx: LoginContext, tx: LoginTransaction, user: User, req: Request, res: Response): Promise<void> {
  ctx.transactions.finish(tx.state);
  const app = ctx.tenant.getApplication(tx.clientId);
  if (!app) return sendErrorPage(res, 404, 'invalid_request', `The application ${tx.clientId} no longer exists.`);
  const plan = planFaults(ctx.tenant.takeFaults(user.email), ctx.clock());
  if (plan.delayMs > 0) await sleep(plan.delayMs);
  const logBase = { client_id: app.client_id, client_name: app.name, connection: tx.connection, user_id: user.user_id, user_name: user.email, ip: req.ip ?? '' };
  if (plan.http500) {
    ctx.tenant.log({ ...logBase, type: 'f', description: 'Emulator fault http-500: the login was answered with HTTP 500', details: { faults: plan.kinds } });
    return sendErrorPage(res, 500, 'server_error', 'An unexpected error occurred while processing the login (injected fault http-500).');
  }

  const now = ctx.clock();
  const outcome = await runActions(ctx, tx, user, req, now);
  persistMetadata(ctx, user, outcome);
  const failure = failureMessage(outcome);
  if (failure === undefined && mfaRequired(ctx.tenant, outcome)) {
    // MFA comes after the Actions, at the end of the flow: no SAML response, no session until it passes.
    const { state: _finished, createdAt: _c, expiresAt: _e, lockLogin: _l, resumeUserId: _r, ...rest } = tx;
    const challenge = ctx.transactions.begin({ ...rest, mfaUserId: user.user_id }, now);
    return sendRedirect(res, `${MFA_CHALLENGE_PATH}?state=${encodeURIComponent(challenge.state)}`);
  }
  const current = ctx.tenant.getUser(user.user_id) ?? user;
  const response = await buildLoginResponse({
    user: current,
    client: app,
    tenantIssuer: ctx.tenant.issuer,
    acsUrl: tx.acsUrl,
    ...(tx.inResponseTo === undefined ? {} : { inResponseTo: tx.inResponseTo }),
    ...(tx.authnRequestIssuer === undefined ? {} : { authnRequestIssuer: tx.authnRequestIssuer }),
    action: { ...(failure === undefined ? {} : { failure }), attributes: outcome.saml.attributes, overrides: outcome.saml.overrides },
    signingKey: ctx.tenant.state.signing,
    tweaks: plan.tweaks,
    now,
  });

  const details = {
    actions: { executions: ctx.tenant.boundPostLoginActions().map((a) => a.name), logs: outcome.logs, durationMs: outcome.durationMs, ...(outcome.error ? { error: outcome.error } : {}), ...(outcome.denied ? { denied: outcome.denied } : {}) },
    ...(plan.kinds.length > 0 ? { faults: plan.kinds } : {}),
    ...(tx.inResponseTo === undefined ? {} : { inResponseTo: tx.inResponseTo }),
  };
  if (response.ok) {
    ctx.tenant.recordLogin(user.user_id, now);
    ctx.tenant.log({ ...logBase, type: 's', description: 'Success Login', details });
    setSessionCookie(ctx, res, ctx.sessions.create(user.user_id, now).id);
  } else {
    ctx.tenant.log({ ...logBase, type: 'f', description: response.message, details });
  }
  const relayState = outcome.saml.overrides.relayState ?? tx.relayState;
  sendHtml(res, 200, autoPostFormHtml({
    acsUrl: tx.acsUrl,
    samlResponse: Buffer.from(response.xml, 'utf8').toString('base64'),
    ...(relayState === undefined ? {} : { relayState }),
  }));
}
