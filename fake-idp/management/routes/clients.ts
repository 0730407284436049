// /api/v2/clients: the tenant's applications, plus its management (M2M) clients as Auth0 lists them.
import { Router } from 'express';
import { badRequest, notFound } from '../../tenant/errors.ts';
import type { Tenant } from '../../tenant/tenant.ts';
import { auditWrite, parseBody, parseQuery } from '../context.ts';
import { clientBody, managementClientBody } from '../serialize.ts';
import { updateClientBody } from '../schemas.ts';

export function clientsRoutes(tenant: Tenant): Router {
  const router = Router();
  const all = () => [...tenant.listApplications().map(clientBody), ...tenant.state.managementClients.map(managementClientBody)];

  router.get('/clients', (req, res) => {
    const query = parseQuery(req);
    const perPage = query.per_page ?? 50;
    const start = (query.page ?? 0) * perPage;
    const clients = all();
    const page = query.page === undefined && query.per_page === undefined ? clients : clients.slice(start, start + perPage);
    if (query.include_totals) res.json({ start, limit: perPage, total: clients.length, clients: page });
    else res.json(page);
  });

  router.get('/clients/:id', (req, res) => {
    const client = all().find((c) => c.client_id === req.params.id);
    if (!client) throw notFound('inexistent_client', 'The client does not exist');
    res.json(client);
  });

  router.patch('/clients/:id', (req, res) => {
    const patch = parseBody(updateClientBody, req.body);
    if (tenant.state.managementClients.some((c) => c.client_id === req.params.id)) {
      throw badRequest('operation_not_supported', 'The emulator does not modify its management client.', 'Patch the SAML application instead');
    }
    const app = tenant.updateApplication(req.params.id, patch);
    auditWrite(tenant, req, res, 'Update a client', 200);
    res.json(clientBody(app));
  });

  return router;
}
