// /api/v2/logs: tenant log events (logins s/f/fp/fu, sapi writes, Action console output).
import { Router } from 'express';
import { notFound } from '../../tenant/errors.ts';
import type { Tenant } from '../../tenant/tenant.ts';
import { parseQuery } from '../context.ts';

export function logsRoutes(tenant: Tenant): Router {
  const router = Router();

  router.get('/logs', (req, res) => {
    const query = parseQuery(req);
    const q = query.q ?? query.search;
    const opts = {
      ...(q !== undefined ? { q } : {}),
      ...(query.page !== undefined ? { page: query.page } : {}),
      ...(query.per_page !== undefined ? { per_page: query.per_page } : {}),
      ...(query.from !== undefined ? { from: query.from } : {}),
      ...(query.take !== undefined ? { take: query.take } : {}),
      ...(query.sort !== undefined ? { sort: query.sort } : {}),
    };
    const page = tenant.pageLogs(opts);
    // Checkpoint paging (from/take) always answers a bare array, as Auth0 does.
    const checkpoint = query.from !== undefined || query.take !== undefined;
    if (query.include_totals && !checkpoint) {
      res.json({ start: page.start, limit: page.limit, length: page.logs.length, total: page.total, logs: page.logs });
    } else res.json(page.logs);
  });

  router.get('/logs/:id', (req, res) => {
    const event = tenant.state.logs.find((e) => e.log_id === req.params.id);
    if (!event) throw notFound('inexistent_log', 'Log event not found');
    res.json(event);
  });

  return router;
}
