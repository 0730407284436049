// /api/v2/logs and /api/v2/logs/{id}: tenant log events as Auth0's log search v3 serves them
// (fake-idp/tenant/logs.ts). The parameters are the documented ones only (auth0/docs-v2
// retrieve-log-events-using-mgmt-api.mdx): q, page, per_page, sort, fields, include_fields,
// include_totals, from, take. Anything else is a 400 — notably `search`, the name the auth0 SDKs
// generated from the API spec send, which the real API refuses (auth0/auth0-java issue #842).
import { Router, type Request } from 'express';
import { z } from 'zod';
import { notFound } from '../../tenant/errors.ts';
import type { Tenant } from '../../tenant/tenant.ts';
import { payloadError } from '../http-errors.ts';
import { pickFields } from '../context.ts';

const intParam = z.coerce.number().int();
const boolParam = z.enum(['true', 'false']).transform((v) => v === 'true');

const logsQuery = z.strictObject({
  q: z.string().optional(),
  page: intParam.min(0).optional(),
  per_page: intParam.min(1).max(100).optional(),
  sort: z.string().optional(),
  fields: z.string().optional(),
  include_fields: z.enum(['true', 'false']).optional(),
  include_totals: boolParam.optional(),
  from: z.string().optional(),
  take: intParam.min(1).max(100).optional(),
});

function parseLogsQuery(req: Request): z.infer<typeof logsQuery> {
  const parsed = logsQuery.safeParse(req.query);
  if (!parsed.success) throw payloadError(parsed.error, req.query, 'Query');
  return parsed.data;
}

/** The checkpoint's next page, as the `Link` header's `next` relation (retrieve-log-events-using-mgmt-api.mdx). */
function nextLink(req: Request, lastId: string | undefined, from: string | undefined, take: number): string {
  const params = new URLSearchParams({ ...((lastId ?? from) ? { from: (lastId ?? from) as string } : {}), take: String(take) });
  return `<${req.protocol}://${req.get('host') ?? ''}${req.baseUrl}${req.path}?${params.toString()}>; rel="next"`;
}

export function logsRoutes(tenant: Tenant): Router {
  const router = Router();

  router.get('/logs', (req, res) => {
    const query = parseLogsQuery(req);
    const page = tenant.pageLogs({
      ...(query.q !== undefined ? { q: query.q } : {}),
      ...(query.page !== undefined ? { page: query.page } : {}),
      ...(query.per_page !== undefined ? { per_page: query.per_page } : {}),
      ...(query.from !== undefined ? { from: query.from } : {}),
      ...(query.take !== undefined ? { take: query.take } : {}),
      ...(query.sort !== undefined ? { sort: query.sort } : {}),
    });
    if (page.checkpoint) {
      // By checkpoint the answer is always a bare array, with the next page in the Link header.
      res.setHeader('link', nextLink(req, page.logs.at(-1)?.log_id, query.from, page.limit));
      res.json(page.logs);
      return;
    }
    const logs = page.logs.map((e) => pickFields(e, query.fields, query.include_fields));
    if (query.include_totals) res.json({ start: page.start, limit: page.limit, length: logs.length, total: page.total, logs });
    else res.json(logs);
  });

  router.get('/logs/:id', (req, res) => {
    const event = tenant.getLog(req.params.id);
    if (!event) throw notFound('inexistent_log', 'Log event not found');
    res.json(event);
  });

  return router;
}
