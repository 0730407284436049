// /api/v2/keys/signing: the tenant's application signing keys (Management API "Get all Application
// Signing Keys", "Get an Application Signing Key by its key id", "Rotate the Application Signing
// Key"; docs-v2 tenant-settings/signing-keys/rotate-signing-keys). The list holds the current and
// the next key, and the previous one after a rotation; rotate answers the new next key `{ cert, kid }`.
import { Router } from 'express';
import { notFound } from '../../tenant/errors.ts';
import type { Tenant } from '../../tenant/tenant.ts';
import { auditWrite } from '../context.ts';

export function keysRoutes(tenant: Tenant): Router {
  const router = Router();

  router.get('/keys/signing', (_req, res) => {
    res.json(tenant.listSigningKeys());
  });

  router.get('/keys/signing/:kid', (req, res) => {
    const key = tenant.listSigningKeys().find((k) => k.kid === req.params.kid);
    if (!key) throw notFound('inexistent_key', 'Signing key not found', `No signing key with kid ${req.params.kid}; list them with GET /api/v2/keys/signing`);
    res.json(key);
  });

  router.post('/keys/signing/rotate', (req, res) => {
    const next = tenant.rotateSigningKey();
    auditWrite(tenant, req, res, 'Rotate the Application Signing Key', 201);
    res.status(201).json({ cert: next.certPem, kid: next.kid });
  });

  return router;
}
