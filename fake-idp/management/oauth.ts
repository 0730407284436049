// POST /oauth/token: the client-credentials grant that gives a management client its
// Management API token. Bodies and errors follow Auth0's Authentication API.
import { createHash, timingSafeEqual } from 'node:crypto';
import express, { Router, type ErrorRequestHandler, type Request, type Response } from 'express';
import type { Tenant } from '../tenant/tenant.ts';
import { issueToken, managementAudience, MANAGEMENT_SCOPES, TOKEN_LIFETIME_SECONDS } from './tokens.ts';

export interface OauthRouterOptions {
  clock?: () => Date;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/** client_secret_basic: `Authorization: Basic base64(client_id:client_secret)`. */
function basicCredentials(req: Request): { id?: string; secret?: string } {
  const header = req.get('authorization');
  if (!header?.startsWith('Basic ')) return {};
  const decoded = Buffer.from(header.slice(6), 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return {};
  return { id: decodeURIComponent(decoded.slice(0, colon)), secret: decodeURIComponent(decoded.slice(colon + 1)) };
}

/** Constant-time secret comparison (digests have equal length whatever the inputs). */
function sameSecret(given: string, expected: string): boolean {
  const digest = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

function oauthError(res: Response, status: number, error: string, description: string): void {
  res.status(status).json({ error, error_description: description });
}

export function oauthRouter(tenant: Tenant, opts: OauthRouterOptions = {}): Router {
  const clock = opts.clock ?? (() => new Date());
  const router = Router();
  router.use('/oauth/token', express.json({ limit: '64kb' }), express.urlencoded({ extended: false, limit: '64kb' }));

  router.post('/oauth/token', (req, res) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const basic = basicCredentials(req);
    const grantType = str(body.grant_type);
    const clientId = str(body.client_id) ?? basic.id;
    const clientSecret = str(body.client_secret) ?? basic.secret;
    const audience = str(body.audience);
    const fail = (status: number, error: string, description: string) => {
      tenant.log({ type: 'feccft', description, ...(clientId ? { client_id: clientId } : {}), ...(req.ip ? { ip: req.ip } : {}) });
      oauthError(res, status, error, description);
    };

    if (grantType !== 'client_credentials') {
      return fail(
        grantType ? 403 : 400,
        grantType ? 'unauthorized_client' : 'invalid_request',
        grantType ? `Grant type '${grantType}' not allowed for the client.` : 'Missing required parameter: grant_type',
      );
    }
    const client = tenant.state.managementClients.find((c) => c.client_id === clientId);
    const app = tenant.state.applications.find((a) => a.client_id === clientId);
    const known = client ?? app;
    if (!known || !clientSecret || !sameSecret(clientSecret, known.client_secret)) return fail(401, 'access_denied', 'Unauthorized');
    if (!audience) return fail(403, 'access_denied', 'No audience parameter was provided, and no default audience has been configured');
    if (audience !== managementAudience(tenant.domain)) return fail(403, 'access_denied', `Service not enabled within domain: ${audience}`);
    if (!client) {
      return fail(403, 'access_denied', `Client is not authorized to access "${audience}". You need to create a "client-grant" associated to this API.`);
    }
    const token = issueToken(tenant, client.client_id, clock());
    tenant.log({
      type: 'seccft',
      description: 'Client Credentials for Access Token',
      client_id: client.client_id,
      client_name: client.name,
      ...(req.ip ? { ip: req.ip } : {}),
    });
    res.set('cache-control', 'no-store').json({ access_token: token, token_type: 'Bearer', expires_in: TOKEN_LIFETIME_SECONDS, scope: MANAGEMENT_SCOPES });
  });

  // Unparsable bodies: an OAuth error body, not Express's HTML page.
  router.use('/oauth/token', ((err, _req, res, next) => {
    const status = (err as { status?: number }).status;
    if (typeof status === 'number' && status >= 400 && status < 500) return oauthError(res, status, 'invalid_request', (err as Error).message);
    next(err);
  }) satisfies ErrorRequestHandler);

  return router;
}
