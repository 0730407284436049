// The credential check every login page shares (Universal Login forms and Lock's
// /usernamepassword/login), with the protections a hosted tenant applies before and after it:
// bot detection's CAPTCHA, brute-force blocks (checked before the password, so the right password
// is refused too), the password, the administrator's block. Each failure writes Auth0's log event.
import type { Request } from 'express';
import { ipInList, normalizeIp } from '../tenant/ip-list.ts';
import type { User } from '../tenant/types.ts';
import type { LoginContext } from './context.ts';
import type { LoginTransaction } from './transactions.ts';

export type LoginFailure = 'wrong-credentials' | 'brute-force-blocked' | 'admin-blocked' | 'captcha';

export interface Credentials {
  email: string;
  password: string;
  captcha?: string;
}

export function clientIp(req: Request): string {
  return normalizeIp(req.ip ?? req.socket.remoteAddress);
}

/**
 * Whether bot detection puts a CAPTCHA on this login (docs: secure/attack-protection/bot-detection).
 * "Always" challenges every password login not on the IP AllowList; monitoring mode never blocks.
 * "When risky" depends on Auth0's risk model, which the emulator does not have: never challenged.
 */
export function captchaRequired(ctx: LoginContext, req: Request): boolean {
  const bot = ctx.tenant.protections.botDetection;
  return bot.challenge_password_policy === 'always' && !bot.monitoring_mode_enabled && !ipInList(bot.allowlist, clientIp(req));
}

export function authenticate(ctx: LoginContext, tx: LoginTransaction, credentials: Credentials, req: Request): User | { failure: LoginFailure } {
  const { tenant } = ctx;
  const app = tenant.getApplication(tx.clientId);
  const ip = clientIp(req);
  const email = credentials.email;
  const userAgent = req.get('user-agent');
  const base = {
    client_id: tx.clientId,
    client_name: app?.name ?? '',
    connection: tx.connection,
    user_name: email,
    ip,
    ...(userAgent ? { user_agent: userAgent } : {}),
  };
  // logs-schema.json: fp and fu carry details.error.message.
  const wrong = { description: 'Wrong email or password.', details: { error: { message: 'Wrong email or password.' } } };
  // No CAPTCHA answer can be right here: Playwright (and this emulator) cannot solve one.
  if (captchaRequired(ctx, req)) {
    tenant.log({ ...base, type: 'f', description: 'Invalid captcha value' });
    return { failure: 'captcha' };
  }
  const known = email === '' ? undefined : tenant.findUserByEmail(email);
  const block = known ? tenant.bruteForceBlock({ identifier: known.email, ip }) : undefined;
  if (known && block) {
    tenant.log({
      ...base,
      type: 'limit_wc',
      description: 'Blocked Account - Failed Logins',
      user_id: known.user_id,
      details: { blocked_at: block.blocked_at },
    });
    return { failure: 'brute-force-blocked' };
  }
  if (!known) {
    tenant.log({ ...base, type: 'fu', ...wrong });
    return { failure: 'wrong-credentials' };
  }
  const user = tenant.verifyPassword(email, credentials.password);
  if (!user) {
    tenant.log({ ...base, type: 'fp', ...wrong, user_id: known.user_id });
    const counted = tenant.recordLoginFailure({ identifier: known.email, ip, connection: tx.connection, userId: known.user_id });
    if (counted.blocked) {
      tenant.log({
        ...base,
        type: 'limit_wc',
        description: 'Blocked Account - Failed Logins',
        user_id: known.user_id,
        details: { failed_attempts: counted.count },
      });
    }
    return { failure: 'wrong-credentials' };
  }
  if (user.blocked) {
    tenant.log({ ...base, type: 'f', description: 'user is blocked', user_id: user.user_id });
    return { failure: 'admin-blocked' };
  }
  tenant.recordLoginSuccess({ identifier: user.email, ip });
  return user;
}
