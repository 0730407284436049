// Capture API the harness reads logins from.
//   GET /api/logins?relayState=&email=&since=&limit=  → { logins: LoginRecordSummary[] } newest first
//   GET /api/logins/:id                              → the full LoginRecord (verdict included, with its decoded XML)
import { json, Router } from 'express';
import { parseRegistration } from '../expectations.ts';
import { withDecodedXml } from '../../store/decoded-xml.ts';
import type { LoginRecord } from '../../store/login-store.ts';
import type { SpContext } from '../context.ts';
import { failedCheckIds } from '../malformed-verdict.ts';

export interface LoginRecordSummary {
  id: string;
  receivedAt: string;
  profile: LoginRecord['profile'];
  valid: boolean;
  httpStatus: number;
  email?: string;
  roles: string[];
  relayState?: string;
  nameId?: string;
  scenarioId?: string;
  /** Ids of the checks that failed. */
  failedChecks: string[];
}

export const DEFAULT_LIST_LIMIT = 100;
export const MAX_LIST_LIMIT = 1000;

export function summarize(r: LoginRecord): LoginRecordSummary {
  return {
    id: r.id,
    receivedAt: r.receivedAt,
    profile: r.profile,
    valid: r.verdict.valid,
    httpStatus: r.httpStatus,
    email: r.email,
    roles: r.roles,
    relayState: r.relayState,
    nameId: r.nameId,
    scenarioId: r.scenarioId,
    failedChecks: failedCheckIds(r.verdict),
  };
}

export function apiRouter(ctx: SpContext): Router {
  const router = Router();
  router.get('/api/logins', (req, res) => {
    const q = req.query;
    for (const name of ['relayState', 'email', 'since', 'limit']) {
      if (q[name] !== undefined && typeof q[name] !== 'string') {
        return res
          .status(400)
          .json({ error: { code: 'API_BAD_QUERY', message: `query "${name}": expected one value, received several`, hint: `pass ${name} once` } });
      }
    }
    const since = q.since as string | undefined;
    if (since !== undefined && Number.isNaN(Date.parse(since))) {
      return res.status(400).json({
        error: {
          code: 'API_BAD_SINCE',
          message: `query "since": expected an ISO-8601 date, received ${JSON.stringify(since)}`,
          hint: 'e.g. since=2026-01-01T00:00:00Z',
        },
      });
    }
    const limitText = q.limit as string | undefined;
    const limit = limitText === undefined ? DEFAULT_LIST_LIMIT : Number(limitText);
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIST_LIMIT) {
      return res.status(400).json({
        error: {
          code: 'API_BAD_LIMIT',
          message: `query "limit": expected an integer 1..${MAX_LIST_LIMIT}, received ${JSON.stringify(limitText)}`,
          hint: `e.g. limit=${DEFAULT_LIST_LIMIT}`,
        },
      });
    }
    const logins = ctx.store.list({ relayState: q.relayState as string | undefined, email: q.email as string | undefined, since, limit });
    res.json({ logins: logins.map(summarize) });
  });
  // The harness registers a scenario's expectation for the RelayState of its next login.
  router.post('/api/expectations', json({ limit: '64kb' }), (req, res) => {
    const parsed = parseRegistration(req.body);
    if (typeof parsed === 'string') {
      return res.status(400).json({
        error: {
          code: 'API_BAD_EXPECTATION',
          message: `POST /api/expectations: ${parsed}`,
          hint: 'send {"relayState": "…", "scenarioId": "…", "expectation": {"outcome": "login", "attributes": {…}}, "pattern": "A"}',
        },
      });
    }
    ctx.registrations.set(parsed.relayState, parsed.registration);
    res.status(204).end();
  });
  router.get('/api/logins/:id', (req, res) => {
    const record = ctx.store.get(req.params.id);
    if (!record) {
      return res
        .status(404)
        .json({ error: { code: 'API_UNKNOWN_LOGIN', message: `no login with id ${JSON.stringify(req.params.id)}`, hint: 'list logins with GET /api/logins' } });
    }
    res.json(withDecodedXml(record));
  });
  return router;
}
