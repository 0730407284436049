// GET /api/v2/actions/executions/{id}: what a login's tenant log event points to
// (logs-schema.json `s.details.actions.executions`). The body is the auth0 SDK v7's
// GetActionExecutionResponseContent: id, trigger_id, status, results (each Action's name, error and
// timing), created_at, updated_at. Console output is not part of it, on Auth0 or here.
import { Router } from 'express';
import { notFound } from '../../tenant/errors.ts';
import type { Tenant } from '../../tenant/tenant.ts';

export function executionsRoutes(tenant: Tenant): Router {
  const router = Router();
  router.get('/actions/executions/:id', (req, res) => {
    const execution = tenant.getExecution(req.params.id);
    if (!execution)
      throw notFound(
        'not_found',
        `Execution ${req.params.id} not found.`,
        "Take the id from a login event's details.actions.executions; executions are kept 10 days",
      );
    res.json(execution);
  });
  return router;
}
