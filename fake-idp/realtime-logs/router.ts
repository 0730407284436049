// The emulator's Actions real-time logs (Auth0: Dashboard > Monitoring > Actions Logs, docs-v2
// customize/actions/actions-real-time-logs.mdx): the only place an Action's console output and
// exceptions appear — tenant log events carry execution ids only. GET <path> answers JSON,
// GET <path>/page an HTML view that reloads itself. Not part of Auth0's API: mounted under
// /__emulator like the fault injector. Console output is Auth0's persisted excerpt: 256 characters
// per Action (limitations.mdx, "Logs"); the Action runner has already replaced secret values.
import express from 'express';
import { z } from 'zod';
import { TenantError } from '../tenant/errors.ts';
import { PERSISTED_CONSOLE_CHARS } from '../tenant/executions.ts';
import type { RealtimeLogFilter, Tenant } from '../tenant/tenant.ts';
import { realtimeLogsPageHtml } from './page.ts';

export { REALTIME_LOGS_PATH } from './path.ts';
const MAX_ENTRIES = 500;

const filterQuery = z.strictObject({
  user_id: z.string().max(512).optional(),
  user_name: z.string().max(512).optional(),
  execution_id: z.string().max(128).optional(),
  since: z.string().max(64).optional(),
  limit: z.coerce.number().int().min(1).max(MAX_ENTRIES).optional(),
});

function parseFilter(query: unknown): RealtimeLogFilter {
  const parsed = filterQuery.safeParse(query);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new TenantError(
      400,
      'invalid_query_string',
      `Real-time logs filter: ${issue?.path.join('.') || 'query'}: ${issue?.message ?? 'invalid'}.`,
      'Filter with user_id, user_name, execution_id, since (ISO date) and limit (1-500)',
    );
  }
  const q = parsed.data;
  const since = q.since === undefined ? undefined : new Date(q.since);
  if (since && Number.isNaN(since.getTime()))
    throw new TenantError(400, 'invalid_query_string', `Real-time logs filter: since "${q.since}" is not a date.`, 'Use an ISO 8601 date');
  return {
    limit: q.limit ?? 100,
    ...(q.user_id === undefined ? {} : { userId: q.user_id }),
    ...(q.user_name === undefined ? {} : { userName: q.user_name }),
    ...(q.execution_id === undefined ? {} : { executionId: q.execution_id }),
    ...(since ? { since } : {}),
  };
}

export function realtimeLogsRouter(tenant: Tenant): express.Router {
  const router = express.Router();
  router.get('/', (req, res) => {
    const entries = tenant.realtimeLogs(parseFilter(req.query));
    res.setHeader('cache-control', 'no-store');
    res.json({ persisted_console_chars: PERSISTED_CONSOLE_CHARS, entries });
  });
  router.get('/page', (req, res) => {
    const filter = parseFilter(req.query);
    res.setHeader('cache-control', 'no-store');
    res.setHeader('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'");
    res.type('html').send(realtimeLogsPageHtml(tenant.realtimeLogs(filter).reverse(), filter, tenant.now()));
  });
  return router;
}
