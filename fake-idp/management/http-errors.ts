// Error responses in the Auth0 Management API's shape, and the Express error handler that turns
// thrown TenantErrors, body-parser failures and anything unexpected into them (never a crash, never
// an HTML error page).
import type { ErrorRequestHandler, RequestHandler, Response } from 'express';
import type { ZodError } from 'zod';
import { TenantError } from '../tenant/errors.ts';

export function sendError(res: Response, err: TenantError): void {
  res.status(err.statusCode).json(err.toBody());
}

/** 400 naming the offending property, like Auth0's "Payload validation error: '…' on property x." */
export function payloadError(error: ZodError, input: unknown, where: 'Payload' | 'Query' = 'Payload'): TenantError {
  const issue = error.issues[0];
  const valueAt = (issue?.path ?? []).reduce<unknown>((v, key) => (v && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[key] : undefined), input);
  const path = issue?.path.join('.') ?? '';
  let message: string;
  if (issue?.code === 'unrecognized_keys') {
    const keys = issue.keys.join(', ');
    message = `${where} validation error: 'Additional properties not allowed: ${keys}'${path ? ` on property ${path}` : ''}.`;
  } else if (issue?.code === 'invalid_type' && valueAt === undefined) {
    message = `${where} validation error: 'Missing required property: ${path}'.`;
  } else {
    message = `${where} validation error: '${issue?.message ?? 'invalid'}' on property ${path || '(root)'}.`;
  }
  return new TenantError(
    400,
    where === 'Payload' ? 'invalid_body' : 'invalid_query_string',
    message,
    'Fix that property; the emulator accepts the Auth0 Management API fields it models',
  );
}

export const notFoundRoute: RequestHandler = (req, res) => {
  res.status(404).json({ statusCode: 404, error: 'Not Found', message: `Not Found: ${req.method} ${req.baseUrl}${req.path}` });
};

interface BodyParserError {
  type?: string;
  status?: number;
  statusCode?: number;
}

export const errorHandler: ErrorRequestHandler = (err: unknown, _req, res, _next) => {
  if (err instanceof TenantError) return sendError(res, err);
  const parserError = err as BodyParserError;
  if (parserError.type === 'entity.parse.failed') {
    return sendError(res, new TenantError(400, 'invalid_body', 'Invalid request payload JSON format'));
  }
  if (parserError.type === 'entity.too.large') {
    return sendError(res, new TenantError(413, 'payload_too_large', 'Request payload is too large'));
  }
  if (typeof parserError.status === 'number' && parserError.status >= 400 && parserError.status < 500) {
    return sendError(res, new TenantError(parserError.status, 'invalid_request', (err as Error).message));
  }
  // Unexpected: report without leaking internals; the message is enough to find it in a test.
  return sendError(res, new TenantError(500, 'internal_error', `Internal error: ${(err as Error)?.message ?? String(err)}`));
};
