// Starts the Management API and /oauth/token on 127.0.0.1 (free port) for a test, HTTP or HTTPS.
import express from 'express';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { managementRouter, oauthRouter, type ManagementRouterOptions } from '../../../fake-idp/management/router.ts';
import type { Tenant } from '../../../fake-idp/tenant/tenant.ts';

export interface RunningApi {
  origin: string;
  port: number;
  close(): Promise<void>;
}

export async function startApi(tenant: Tenant, opts: ManagementRouterOptions & { tls?: { keyPem: string; certPem: string } } = {}): Promise<RunningApi> {
  const app = express();
  app.use(oauthRouter(tenant, opts.clock ? { clock: opts.clock } : {}));
  app.use('/api/v2', managementRouter(tenant, opts));
  const server: Server = opts.tls ? createHttpsServer({ key: opts.tls.keyPem, cert: opts.tls.certPem }, app) : createHttpServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    origin: `${opts.tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}

export async function fetchToken(origin: string, tenant: Tenant): Promise<string> {
  const client = tenant.state.managementClients[0]!;
  const res = await fetch(`${origin}/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      grant_type: 'client_credentials',
      client_id: client.client_id,
      client_secret: client.client_secret,
      audience: `https://${tenant.domain}/api/v2/`,
    }),
  });
  if (res.status !== 200) throw new Error(`token request failed: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { access_token: string }).access_token;
}
