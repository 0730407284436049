// Multi-factor authentication at the end of a login (docs: secure/multi-factor-authentication/
// enable-mfa; post-login-api-object, api.multifactor.enable). MFA applies when an Action asked for
// it (its last api.multifactor.enable call wins; 'none' skips MFA for this login, as in the
// docs' "skip MFA" example) or, without such a call, when the tenant policy is "Always"
// (all-applications) — and only if a factor is enabled ("An MFA provider must be configured").
// Adaptive MFA (confidence-score) depends on Auth0's risk model: the emulator never challenges.
// The login then stops on the one-time-password challenge: the emulator verifies no code.
import express, { type Request, type Response } from 'express';
import type { PostLoginOutcome } from '../actions/runner.ts';
import type { Tenant } from '../tenant/tenant.ts';
import { sendErrorPage, sendHtml, type LoginContext } from './context.ts';
import { mfaOtpChallengeHtml } from './pages.ts';
import type { LoginTransaction } from './transactions.ts';

export const MFA_CHALLENGE_PATH = '/u/mfa-otp-challenge';

export function mfaRequired(tenant: Tenant, outcome: Pick<PostLoginOutcome, 'multifactor'>): boolean {
  const { policies, factors } = tenant.protections.mfa;
  if (!factors.some((f) => f.enabled)) return false;
  const choice = outcome.multifactor?.provider;
  if (choice !== undefined) return choice !== 'none';
  return policies.includes('all-applications');
}

function pending(ctx: LoginContext, req: Request, res: Response): LoginTransaction | undefined {
  const state = typeof req.query.state === 'string' ? req.query.state : undefined;
  const tx = ctx.transactions.get(state, ctx.clock());
  if (!tx?.mfaUserId) {
    sendErrorPage(
      res,
      400,
      'invalid_request',
      'Invalid state: no multi-factor challenge is pending for this login transaction. Start the login again from the application.',
    );
    return undefined;
  }
  return tx;
}

export function mfaRouter(ctx: LoginContext): express.Router {
  const router = express.Router();
  const form = express.urlencoded({ extended: false, limit: '4kb', parameterLimit: 10 });
  const clientName = (tx: LoginTransaction): string => ctx.tenant.getApplication(tx.clientId)?.name ?? '';
  router.get(MFA_CHALLENGE_PATH, (req, res) => {
    const tx = pending(ctx, req, res);
    if (tx) sendHtml(res, 200, mfaOtpChallengeHtml({ state: tx.state, clientName: clientName(tx) }));
  });
  router.post(MFA_CHALLENGE_PATH, form, (req, res) => {
    const tx = pending(ctx, req, res);
    if (!tx) return;
    // No authenticator is enrolled in the emulator, so no code is right.
    sendHtml(
      res,
      400,
      mfaOtpChallengeHtml({
        state: tx.state,
        clientName: clientName(tx),
        error: { code: 'invalid-code', message: 'The code you entered is invalid', field: 'code' },
      }),
    );
  });
  return router;
}
