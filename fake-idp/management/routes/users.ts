// /api/v2/users and /api/v2/users-by-email.
import { Router } from 'express';
import { badRequest, notFound } from '../../tenant/errors.ts';
import type { Tenant } from '../../tenant/tenant.ts';
import { publicUser } from '../../tenant/users.ts';
import { auditWrite, parseBody, parseQuery, pickFields } from '../context.ts';
import { createUserBody, updateUserBody } from '../schemas.ts';
import { createUserLogged } from '../signup-log.ts';

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

export function usersRoutes(tenant: Tenant): Router {
  const router = Router();

  router.post('/users', (req, res) => {
    const { verify_email: _noEmail, ...input } = parseBody(createUserBody, req.body);
    const user = createUserLogged(tenant, req, res, input, () => tenant.createUser(input));
    auditWrite(tenant, req, res, 'Create a User', 201);
    res.status(201).json(publicUser(user));
  });

  router.get('/users', (req, res) => {
    const query = parseQuery(req);
    const page = tenant.listUsers({ ...query, q: query.q ?? query.search });
    const fields = str(req.query.fields),
      include = str(req.query.include_fields);
    const users = page.users.map((u) => pickFields(publicUser(u), fields, include));
    if (query.include_totals) res.json({ start: page.start, limit: page.limit, length: users.length, total: page.total, users });
    else res.json(users);
  });

  router.get('/users-by-email', (req, res) => {
    const email = str(req.query.email);
    if (!email) throw badRequest('invalid_query_string', "Query validation error: 'Missing required property: email'.", 'Call /users-by-email?email=<address>');
    const user = tenant.findUserByEmail(email);
    res.json(user ? [pickFields(publicUser(user), str(req.query.fields), str(req.query.include_fields))] : []);
  });

  router.get('/users/:id', (req, res) => {
    const user = tenant.getUser(req.params.id);
    if (!user) throw notFound('inexistent_user', 'The user does not exist.');
    res.json(pickFields(publicUser(user), str(req.query.fields), str(req.query.include_fields)));
  });

  router.patch('/users/:id', (req, res) => {
    const { verify_email: _noEmail, client_id: _client, ...patch } = parseBody(updateUserBody, req.body);
    const user = tenant.updateUser(req.params.id, patch);
    auditWrite(tenant, req, res, 'Update a User', 200);
    res.json(publicUser(user));
  });

  // Auth0 answers 204 whether or not the user existed (deletes are idempotent).
  router.delete('/users/:id', (req, res) => {
    if (tenant.deleteUser(req.params.id)) auditWrite(tenant, req, res, 'Delete a User', 204);
    res.status(204).end();
  });

  return router;
}
