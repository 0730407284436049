// /api/v2/attack-protection/{brute-force-protection,bot-detection}, /api/v2/guardian/{policies,factors}
// and /api/v2/connections: the login settings `doctor` reads on a real tenant and tests change here.
import { Router } from 'express';
import { getConnection } from '../../tenant/protections.ts';
import type { Tenant } from '../../tenant/tenant.ts';
import type { DatabaseConnection } from '../../tenant/types.ts';
import { auditWrite, parseBody } from '../context.ts';
import { botDetectionBody, bruteForceBody, factorBody, mfaPoliciesBody, updateConnectionBody } from '../protection-schemas.ts';

function connectionBody(connection: DatabaseConnection): Record<string, unknown> {
  return { ...structuredClone(connection), is_domain_connection: false, realms: [connection.name] };
}

export function attackProtectionRoutes(tenant: Tenant): Router {
  const router = Router();

  router.get('/attack-protection/brute-force-protection', (_req, res) => {
    res.json(tenant.protections.bruteForce);
  });
  router.patch('/attack-protection/brute-force-protection', (req, res) => {
    const settings = tenant.updateBruteForce(parseBody(bruteForceBody, req.body));
    auditWrite(tenant, req, res, 'Update brute force settings', 200);
    res.json(settings);
  });
  router.get('/attack-protection/bot-detection', (_req, res) => {
    res.json(tenant.protections.botDetection);
  });
  router.patch('/attack-protection/bot-detection', (req, res) => {
    const settings = tenant.updateBotDetection(parseBody(botDetectionBody, req.body));
    auditWrite(tenant, req, res, 'Update bot detection settings', 200);
    res.json(settings);
  });

  router.get('/guardian/policies', (_req, res) => {
    res.json(tenant.protections.mfa.policies);
  });
  router.put('/guardian/policies', (req, res) => {
    const policies = tenant.setMfaPolicies(parseBody(mfaPoliciesBody, req.body));
    auditWrite(tenant, req, res, 'Set the multi-factor authentication policies', 200);
    res.json(policies);
  });
  router.get('/guardian/factors', (_req, res) => {
    res.json(tenant.protections.mfa.factors.map((f) => ({ ...f, trial_expired: false })));
  });
  router.put('/guardian/factors/:name', (req, res) => {
    const result = tenant.setMfaFactor(req.params.name, parseBody(factorBody, req.body).enabled);
    auditWrite(tenant, req, res, 'Update a multi-factor authentication factor', 200);
    res.json(result);
  });

  router.get('/connections', (_req, res) => {
    res.json([connectionBody(tenant.connection)]);
  });
  router.get('/connections/:id', (req, res) => {
    res.json(connectionBody(getConnection(tenant.state, req.params.id)));
  });
  router.patch('/connections/:id', (req, res) => {
    const connection = tenant.updateConnection(req.params.id, parseBody(updateConnectionBody, req.body));
    auditWrite(tenant, req, res, 'Update a connection', 200);
    res.json(connectionBody(connection));
  });

  return router;
}
