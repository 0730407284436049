// Admin endpoint of the fault injector: POST adds a fault for the next logins, GET lists, DELETE clears.
// Not part of Auth0's API: mounted under /__emulator so it never collides with a real path.
import express from 'express';
import { z } from 'zod';
import { TenantError } from '../tenant/errors.ts';
import type { Tenant } from '../tenant/tenant.ts';
import type { Fault } from '../tenant/types.ts';
import { FAULT_KINDS } from './kinds.ts';

export const FaultInputSchema = z.strictObject({
  kind: z.enum(FAULT_KINDS),
  email: z.string().min(1).max(320).optional(),
  remaining: z.number().int().min(1).max(1_000_000).optional(),
  attribute: z.string().min(1).max(1024).optional(),
  delayMs: z.number().int().min(0).max(120_000).optional(),
});

function invalid(error: z.ZodError): TenantError {
  const issue = error.issues[0];
  const where = issue?.path.join('.') || '(root)';
  return new TenantError(
    400,
    'invalid_body',
    `Fault validation error on ${where}: ${issue?.message ?? 'invalid'}.`,
    `Send JSON like {"kind":"wrong-audience","remaining":1}; kind is one of ${FAULT_KINDS.join(', ')}`,
  );
}

export function faultsRouter(tenant: Tenant): express.Router {
  const router = express.Router();
  router.use(express.json({ limit: '8kb' }));
  router.post('/', (req, res) => {
    const parsed = FaultInputSchema.safeParse(req.body);
    if (!parsed.success) throw invalid(parsed.error);
    const input: Omit<Fault, 'id'> = { kind: parsed.data.kind };
    if (parsed.data.email !== undefined) input.email = parsed.data.email;
    if (parsed.data.remaining !== undefined) input.remaining = parsed.data.remaining;
    if (parsed.data.attribute !== undefined) input.attribute = parsed.data.attribute;
    if (parsed.data.delayMs !== undefined) input.delayMs = parsed.data.delayMs;
    res.status(201).json(tenant.addFault(input));
  });
  router.get('/', (_req, res) => {
    res.json(tenant.listFaults());
  });
  router.delete('/', (_req, res) => {
    tenant.clearFaults();
    res.status(204).end();
  });
  return router;
}
