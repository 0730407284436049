// The emulated Auth0 Management API (/api/v2 subset) and its token endpoint. The auth0 SDK v7
// ManagementClient works against these unmodified (it needs HTTPS: see fake-idp/tls/local-ca.ts).
import express, { Router } from 'express';
import type { Tenant } from '../tenant/tenant.ts';
import { errorHandler, notFoundRoute } from './http-errors.ts';
import { rateLimiter } from './rate-limit.ts';
import { actionsRoutes } from './routes/actions.ts';
import { attackProtectionRoutes } from './routes/attack-protection.ts';
import { clientsRoutes } from './routes/clients.ts';
import { logsRoutes } from './routes/logs.ts';
import { userBlocksRoutes } from './routes/user-blocks.ts';
import { usersRoutes } from './routes/users.ts';
import { verifyToken } from './tokens.ts';

export { oauthRouter } from './oauth.ts';
export type { OauthRouterOptions } from './oauth.ts';

export interface ManagementRouterOptions {
  /** Requests per second before 429; overrides the tenant's settings.rateLimitPerSecond. */
  rateLimitPerSecond?: number;
  clock?: () => Date;
}

const BODY_LIMIT = '512kb'; // Action code is the largest body; Auth0 caps Actions at 100 kB.

export function managementRouter(tenant: Tenant, opts: ManagementRouterOptions = {}): Router {
  const clock = opts.clock ?? (() => new Date());
  const router = Router();

  router.use(rateLimiter({ limit: () => opts.rateLimitPerSecond ?? tenant.state.settings.rateLimitPerSecond, clock }));

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
  router.use(usersRoutes(tenant), clientsRoutes(tenant), actionsRoutes(tenant), logsRoutes(tenant));
  router.use(userBlocksRoutes(tenant), attackProtectionRoutes(tenant));
  router.use(notFoundRoute);
  router.use(errorHandler);
  return router;
}
