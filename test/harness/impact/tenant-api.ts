// A tenant for `flex-sso impact` tests: the emulator's Management API, /oauth/token and the
// users-export download over HTTPS with a local CA (the auth0 SDK only speaks https://{domain}),
// with every request recorded — so a test can prove the command wrote nothing — and the CLI run in
// a child process with NODE_EXTRA_CA_CERTS, as users are told to run it against the emulator.
import express from 'express';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { managementRouter, oauthRouter } from '../../../fake-idp/management/router.ts';
import type { RateLimitSetting } from '../../../fake-idp/management/rate-limit.ts';
import { jobFilesRouter } from '../../../fake-idp/management/routes/jobs-files.ts';
import { USERS_EXPORT_FILES_PATH } from '../../../fake-idp/management/routes/jobs.ts';
import type { Tenant } from '../../../fake-idp/tenant/tenant.ts';
import { ensureLocalCa } from '../../../fake-idp/tls/local-ca.ts';
import { runCli, type CliResult } from '../../helpers/cli.ts';

export interface SeenRequest {
  method: string;
  path: string;
  status: number;
}

export interface ImpactTenant {
  requests: SeenRequest[];
  dir: string;
  env: NodeJS.ProcessEnv;
  writeFile(name: string, text: string | Buffer): string;
  cli(args: string[], extraEnv?: NodeJS.ProcessEnv): Promise<CliResult>;
  close(): Promise<void>;
}

export async function startImpactTenant(tenant: Tenant, rateLimit: RateLimitSetting): Promise<ImpactTenant> {
  const dir = mkdtempSync(join(tmpdir(), 'flex-sso-impact-'));
  const ca = await ensureLocalCa(join(dir, 'ca'));
  const requests: SeenRequest[] = [];
  const app = express();
  app.use((req, res, next) => {
    const path = req.originalUrl.split('?')[0] ?? '';
    res.on('finish', () => requests.push({ method: req.method, path, status: res.statusCode }));
    next();
  });
  app.use(oauthRouter(tenant));
  app.use('/api/v2', managementRouter(tenant, { rateLimit }));
  app.use(USERS_EXPORT_FILES_PATH, jobFilesRouter(tenant));
  const tls = ca.issueServerCert(['localhost'], ['127.0.0.1']);
  const server = createServer({ key: tls.keyPem, cert: tls.certPem }, app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  tenant.domain = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  const mgmt = tenant.state.managementClients[0]!;
  const env: NodeJS.ProcessEnv = {
    AUTH0_DOMAIN: tenant.domain,
    AUTH0_MGMT_CLIENT_ID: mgmt.client_id,
    AUTH0_MGMT_CLIENT_SECRET: mgmt.client_secret,
    AUTH0_SAML_CLIENT_ID: tenant.defaultSamlClientId(),
    NODE_EXTRA_CA_CERTS: ca.caFile,
  };
  return {
    requests,
    dir,
    env,
    writeFile: (name, text) => {
      const path = join(dir, name);
      writeFileSync(path, text);
      return path;
    },
    cli: (args, extraEnv = {}) => runCli(args, { env: { ...env, ...extraEnv }, cwd: dir, timeoutMs: 110_000 }),
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
