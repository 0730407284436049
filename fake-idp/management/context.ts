// Shared pieces of the Management API route handlers: request parsing that fails with Auth0's
// 400 body, the caller's identity from its token, and the `sapi` log entry every write leaves.
import type { Request, Response } from 'express';
import type { z } from 'zod';
import type { Tenant } from '../tenant/tenant.ts';
import { payloadError } from './http-errors.ts';
import { listQuery } from './schemas.ts';
import type { TokenClaims } from './tokens.ts';

export function parseBody<T extends z.ZodType>(schema: T, body: unknown): z.infer<T> {
  const result = schema.safeParse(body ?? {});
  if (!result.success) throw payloadError(result.error, body, 'Payload');
  return result.data;
}

export type ListQuery = z.infer<typeof listQuery>;

export function parseQuery(req: Request): ListQuery {
  const result = listQuery.safeParse(req.query);
  if (!result.success) throw payloadError(result.error, req.query, 'Query');
  return result.data;
}

export function callerClaims(res: Response): TokenClaims | undefined {
  return res.locals.claims as TokenClaims | undefined;
}

const SECRET_KEYS = new Set(['password', 'client_secret']);

/** Copy of a request body with secrets masked: passwords, client secrets, and the `value` of
 * Action secrets (only there: a binding's `ref.value` is an Action id worth keeping). */
export function redact(value: unknown, insideSecrets = false): unknown {
  if (Array.isArray(value)) return value.map((item) => redact(item, insideSecrets));
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, SECRET_KEYS.has(k) || (insideSecrets && k === 'value') ? '[REDACTED]' : redact(v, k === 'secrets')]),
    );
  }
  return value;
}

/** Records a successful Management API write, as Auth0's `sapi` ("Success API Operation") event. */
export function auditWrite(tenant: Tenant, req: Request, res: Response, description: string, statusCode: number): void {
  const claims = callerClaims(res);
  const client = tenant.state.managementClients.find((c) => c.client_id === claims?.azp);
  tenant.log({
    type: 'sapi',
    description,
    ...(client ? { client_id: client.client_id, client_name: client.name } : {}),
    ...(req.ip ? { ip: req.ip } : {}),
    details: {
      request: { method: req.method, path: `${req.baseUrl}${req.path}`, body: redact(req.body) },
      response: { statusCode },
    },
  });
}

/** Keeps (include_fields true, the default) or drops the comma-separated `fields` of each item. */
export function pickFields<T extends object>(item: T, fields: string | undefined, include: string | undefined): Partial<T> {
  if (!fields) return item;
  const names = new Set(
    fields
      .split(',')
      .map((f) => f.trim())
      .filter(Boolean),
  );
  const keep = include !== 'false';
  return Object.fromEntries(Object.entries(item).filter(([k]) => names.has(k) === keep)) as Partial<T>;
}
