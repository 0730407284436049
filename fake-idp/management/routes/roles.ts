// /api/v2/roles and /api/v2/users/{id}/roles (RBAC), in the shapes the auth0 SDK v7 reads: lists
// are `{ roles, start, limit, total }` with include_totals (the SDK's default), a bare array without.
// A user's role names reach post-login Actions as event.authorization.roles.
import { Router, type Response } from 'express';
import { notFound } from '../../tenant/errors.ts';
import type { Tenant } from '../../tenant/tenant.ts';
import { auditWrite, parseBody, parseQuery, type ListQuery } from '../context.ts';
import { roleBody, roleIdsBody, updateRoleBody, userIdsBody } from '../schemas.ts';

function sendPage<T>(res: Response, key: string, items: T[], query: ListQuery): void {
  const page = query.page ?? 0;
  const perPage = query.per_page ?? 50;
  const slice = items.slice(page * perPage, (page + 1) * perPage);
  if (query.include_totals) res.json({ [key]: slice, start: page * perPage, limit: perPage, total: items.length });
  else res.json(slice);
}

export function rolesRoutes(tenant: Tenant): Router {
  const router = Router();

  router.get('/roles', (req, res) => {
    const query = parseQuery(req);
    sendPage(res, 'roles', tenant.listRoles(query.name_filter), query);
  });

  router.post('/roles', (req, res) => {
    const role = tenant.createRole(parseBody(roleBody, req.body));
    auditWrite(tenant, req, res, 'Create a role', 200);
    res.status(200).json(role);
  });

  router.get('/roles/:id', (req, res) => {
    res.json(tenant.getRole(req.params.id));
  });

  router.patch('/roles/:id', (req, res) => {
    const role = tenant.updateRole(req.params.id, parseBody(updateRoleBody, req.body));
    auditWrite(tenant, req, res, 'Update a role', 200);
    res.json(role);
  });

  router.delete('/roles/:id', (req, res) => {
    tenant.deleteRole(req.params.id);
    auditWrite(tenant, req, res, 'Delete a role', 200);
    res.status(200).end();
  });

  router.get('/roles/:id/users', (req, res) => {
    const query = parseQuery(req);
    const users = tenant.roleUsers(req.params.id).flatMap((id) => {
      const user = tenant.getUser(id);
      return user ? [{ user_id: user.user_id, email: user.email, name: user.name, picture: user.picture }] : [];
    });
    sendPage(res, 'users', users, query);
  });

  router.post('/roles/:id/users', (req, res) => {
    const { users } = parseBody(userIdsBody, req.body);
    tenant.getRole(req.params.id);
    for (const userId of users) tenant.assignRoles(userId, [req.params.id]);
    auditWrite(tenant, req, res, 'Assign users to a role', 200);
    res.status(200).end();
  });

  router.get('/users/:id/roles', (req, res) => {
    const query = parseQuery(req);
    if (!tenant.getUser(req.params.id)) throw notFound('inexistent_user', 'The user does not exist.', 'List users to find the id');
    sendPage(res, 'roles', tenant.userRoles(req.params.id), query);
  });

  router.post('/users/:id/roles', (req, res) => {
    tenant.assignRoles(req.params.id, parseBody(roleIdsBody, req.body).roles);
    auditWrite(tenant, req, res, 'Assign roles to a user', 204);
    res.status(204).end();
  });

  router.delete('/users/:id/roles', (req, res) => {
    tenant.removeRoles(req.params.id, parseBody(roleIdsBody, req.body).roles);
    auditWrite(tenant, req, res, 'Removes roles from a user', 204);
    res.status(204).end();
  });

  return router;
}
