// /api/v2/user-blocks: brute-force protection blocks, listed and removed by user id or by login
// identifier (Management API "Get blocks"/"Unblock"; the auth0 SDK v7 client.userBlocks). Blocks set
// by an administrator (`blocked: true` on the user) are separate and stay (brute-force docs).
import { Router, type Request } from 'express';
import { badRequest, notFound } from '../../tenant/errors.ts';
import type { Tenant } from '../../tenant/tenant.ts';
import type { User } from '../../tenant/types.ts';
import { auditWrite } from '../context.ts';

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

function requireUser(tenant: Tenant, id: string): User {
  const user = tenant.getUser(id);
  if (!user) throw notFound('inexistent_user', 'The user does not exist.', `No user with user_id ${id}; list users to find the id`);
  return user;
}

function identifierOf(req: Request): string {
  const identifier = str(req.query.identifier)?.trim();
  if (!identifier)
    throw badRequest('invalid_query_string', "Query validation error: 'Missing required property: identifier'.", 'Call /user-blocks?identifier=<email>');
  return identifier;
}

/** consider_brute_force_enablement=true: no blocks are reported while protection is off. */
function blockedFor(tenant: Tenant, req: Request, identifier: string): ReturnType<Tenant['userBlocks']> {
  const considered = str(req.query.consider_brute_force_enablement) === 'true';
  const active = tenant.protections.bruteForce.enabled && tenant.protections.bruteForce.shields.includes('block');
  return considered && !active ? [] : tenant.userBlocks(identifier);
}

export function userBlocksRoutes(tenant: Tenant): Router {
  const router = Router();

  router.get('/user-blocks', (req, res) => {
    res.json({ blocked_for: blockedFor(tenant, req, identifierOf(req)) });
  });

  router.delete('/user-blocks', (req, res) => {
    tenant.removeUserBlocks(identifierOf(req));
    auditWrite(tenant, req, res, 'Unblock a user by identifier', 204);
    res.status(204).end();
  });

  router.get('/user-blocks/:id', (req, res) => {
    const user = requireUser(tenant, req.params.id);
    res.json({ blocked_for: blockedFor(tenant, req, user.email) });
  });

  router.delete('/user-blocks/:id', (req, res) => {
    const user = requireUser(tenant, req.params.id);
    tenant.removeUserBlocks(user.email);
    auditWrite(tenant, req, res, 'Unblock a user', 204);
    res.status(204).end();
  });

  return router;
}
