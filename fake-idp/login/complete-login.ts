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

/** Runs the bound Actions. Auth0 counts a login with credentials before they run, whatever they
 * decide, and does not count one through an existing session (support article "How Logins Count
 * Work"): the event shows the count with this login, the store keeps it. */
async function runActions(ctx: LoginContext, tx: LoginTransaction, user: User, req: Request, now: Date, sso: boolean): Promise<PostLoginOutcome> {
  const actions = ctx.tenant.boundPostLoginActions();
  if (actions.length === 0) {
    if (!sso) ctx.tenant.recordLogin(user.user_id, now);
    return emptyOutcome();
  }
  const app = ctx.tenant.getApplication(tx.clientId);
  const event = buildPostLoginEvent({
    user,
    client: { client_id: tx.clientId, name: app?.name ?? '' },
    request: {
      ip: req.ip ?? '127.0.0.1',
      hostname: ctx.tenant.domain,
      method: req.method,
      query: stringRecord(req.query),
      body: {},
      ...(req.get('user-agent') ? { userAgent: req.get('user-agent') as string } : {}),
    },
    tenantId: tenantIdOf(ctx.tenant.domain),
    now,
    transactionId: tx.state,
    roles: ctx.tenant.userRoles(user.user_id).map((role) => role.name),
    countsAsLogin: !sso,
  });
  if (!sso) ctx.tenant.recordLogin(user.user_id, now);
  return ctx.runner.run(actions, event, { fetchStubs: ctx.tenant.fetchStubs() });
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

/** Finishes the transaction for `user` and writes the auto-POST page (or an error page). `sso`: the
 * user came through an existing IdP session, without credentials. */
export async function completeLogin(
  ctx: LoginContext,
  tx: LoginTransaction,
  user: User,
  req: Request,
  res: Response,
  opts: { sso?: boolean } = {},
): Promise<void> {
  ctx.transactions.finish(tx.state);
  const app = ctx.tenant.getApplication(tx.clientId);
  if (!app) return sendErrorPage(res, 404, 'invalid_request', `The application ${tx.clientId} no longer exists.`);
  const plan = planFaults(ctx.tenant.takeFaults(user.email), ctx.clock(), { next: () => ctx.tenant.nextSigningKey() });
  if (plan.delayMs > 0) await sleep(plan.delayMs);
  const userAgent = req.get('user-agent');
  const logBase = {
    client_id: app.client_id,
    client_name: app.name,
    connection: tx.connection,
    user_id: user.user_id,
    user_name: user.email,
    ip: req.ip ?? '',
    ...(userAgent ? { user_agent: userAgent } : {}),
  };
  if (plan.http500) {
    ctx.tenant.log({ ...logBase, type: 'f', description: 'Emulator fault http-500: the login was answered with HTTP 500', details: { faults: plan.kinds } });
    return sendErrorPage(res, 500, 'server_error', 'An unexpected error occurred while processing the login (injected fault http-500).');
  }

  const now = ctx.clock();
  // The addon mappings read the profile as it was before the Actions ran: metadata an Action writes
  // (api.user.set*Metadata) is persisted when the flow completes, not visible to this login's mappings.
  const profileUser = structuredClone(ctx.tenant.getUser(user.user_id) ?? user);
  const outcome = await runActions(ctx, tx, user, req, now, opts.sso === true);
  persistMetadata(ctx, user, outcome);
  const failure = failureMessage(outcome);
  if (failure === undefined && mfaRequired(ctx.tenant, outcome)) {
    // MFA comes after the Actions, at the end of the flow: no SAML response, no session until it passes.
    const { state: _finished, createdAt: _c, expiresAt: _e, lockLogin: _l, resumeUserId: _r, ...rest } = tx;
    const challenge = ctx.transactions.begin({ ...rest, mfaUserId: user.user_id }, now);
    return sendRedirect(res, `${MFA_CHALLENGE_PATH}?state=${encodeURIComponent(challenge.state)}`);
  }
  const response = await buildLoginResponse({
    user: profileUser,
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

  // Tenant logs carry execution ids only; console output goes to the real-time logs (fake-idp/tenant/login-events.ts).
  ctx.tenant.logLogin({
    base: logBase,
    actions: ctx.tenant.boundPostLoginActions().map(({ id, name }) => ({ id, name })),
    run: outcome,
    startedAt: now,
    response: { ok: response.ok, message: response.ok ? '' : response.message },
    faults: plan.kinds,
  });
  if (response.ok) {
    setSessionCookie(ctx, res, ctx.sessions.create(user.user_id, now).id);
  }
  const relayState = outcome.saml.overrides.relayState ?? tx.relayState;
  sendHtml(
    res,
    200,
    autoPostFormHtml({
      acsUrl: tx.acsUrl,
      samlResponse: Buffer.from(response.xml, 'utf8').toString('base64'),
      ...(relayState === undefined ? {} : { relayState }),
    }),
  );
}
