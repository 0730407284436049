// The emulated Auth0 Management API (/api/v2 subset) and its token endpoint. The auth0 SDK v7
// ManagementClient works against these unmodified (it needs HTTPS: see fake-idp/tls/local-ca.ts).
import express, { Router } from 'express';
import type { Tenant } from '../tenant/tenant.ts';
import { errorHandler, notFoundRoute } from './http-errors.ts';
import { AUTH0_FREE_MANAGEMENT_LIMIT, rateLimiter, type RateLimitSetting } from './rate-limit.ts';
import { actionsRoutes } from './routes/actions.ts';
import { attackProtectionRoutes } from './routes/attack-protection.ts';
import { clientsRoutes } from './routes/clients.ts';
import { executionsRoutes } from './routes/executions.ts';
import { jobsRoutes } from './routes/jobs.ts';
import { logsRoutes } from './routes/logs.ts';
import { rolesRoutes } from './routes/roles.ts';
import { userBlocksRoutes } from './routes/user-blocks.ts';
import { keysRoutes } from './routes/keys.ts';
import { usersRoutes } from './routes/users.ts';
import { verifyToken } from './tokens.ts';

export { oauthRouter } from './oauth.ts';
export type { OauthRouterOptions } from './oauth.ts';

export interface ManagementRouterOptions {
  /** Rate limit, read on every request: figures, or false for none. Default: Auth0's Free plan (2, 2/s). */
  rateLimit?: RateLimitSetting | (() => RateLimitSetting);
  clock?: () => Date;
}

const BODY_LIMIT = '512kb'; // Action code is the largest body; Auth0 caps Actions at 100 kB.

export function managementRouter(tenant: Tenant, opts: ManagementRouterOptions = {}): Router {
  const clock = opts.clock ?? (() => new Date());
  const router = Router();

  const limit = opts.rateLimit ?? AUTH0_FREE_MANAGEMENT_LIMIT;
  router.use(rateLimiter({ setting: typeof limit === 'function' ? limit : () => limit, clock }));

  router.use((req, res, next) => {
    const header = req.get('authorization');
    const unauthorized = (message: string) => res.status(401).json({ statusCode: 401, error: 'Unauthorized', message });
    if (!header) return unauthorized('Missing authentication');
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match?.[1]) return unauthorized('Bad HTTP authentication header format');
    const check = verifyToken(tenant, match[1], clock());
    if (!check.ok) return unauthorized(check.reason === 'expired' ? 'Expired token received for JSON Web Token validation' : 'Invalid token');
    res.locals.claims = check.claims;
    next();
  });

  router.use(express.json({ limit: BODY_LIMIT }));
  router.use(usersRoutes(tenant), clientsRoutes(tenant), actionsRoutes(tenant), executionsRoutes(tenant), logsRoutes(tenant), rolesRoutes(tenant));
  router.use(userBlocksRoutes(tenant), attackProtectionRoutes(tenant), jobsRoutes(tenant), keysRoutes(tenant));
  router.use(notFoundRoute);
  router.use(errorHandler);
  return router;
}
