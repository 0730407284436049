// The emulator's Management API over HTTPS with a local CA, and a child process running a script
// with the real, unmodified auth0 SDK v7 against it (started with NODE_EXTRA_CA_CERTS, as users are
// told to trust the CA). Shared by the sdk*.test.ts suites.
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureLocalCa } from '../../../fake-idp/tls/local-ca.ts';
import type { Tenant } from '../../../fake-idp/tenant/tenant.ts';
import { startApi } from './api-server.ts';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
// Loading the SDK through tsx takes ~2 s of CPU, but tens of seconds on a loaded 2-core machine.
export const SDK_TIMEOUT_MS = 120_000;

export interface SdkApi {
  /** The local CA's certificate file, for NODE_EXTRA_CA_CERTS. */
  caFile: string;
  /** SDK_DOMAIN, SDK_CLIENT_ID, SDK_CLIENT_SECRET and NODE_EXTRA_CA_CERTS for the tenant's management client. */
  env(): NodeJS.ProcessEnv;
  close(): Promise<void>;
}

/**
 * Serves `tenant`'s Management API over HTTPS on 127.0.0.1 and points the tenant's domain at it
 * (the SDK builds https://{domain}/api/v2 and the token audience from the domain). Explicit rate
 * figures: the SDK's retries would honour the Free plan's 2/s, but a suite's calls would then take seconds.
 */
export async function startSdkApi(tenant: Tenant): Promise<SdkApi> {
  const caDir = await mkdtemp(join(tmpdir(), 'sdk-ca-'));
  const ca = await ensureLocalCa(caDir);
  const api = await startApi(tenant, { tls: ca.issueServerCert(['localhost'], ['127.0.0.1']), rateLimit: { burst: 100, perSecond: 100 } });
  tenant.domain = `127.0.0.1:${api.port}`;
  return {
    caFile: ca.caFile,
    env: () => {
      const mgmt = tenant.state.managementClients[0]!;
      return { SDK_DOMAIN: tenant.domain, SDK_CLIENT_ID: mgmt.client_id, SDK_CLIENT_SECRET: mgmt.client_secret, NODE_EXTRA_CA_CERTS: ca.caFile };
    },
    close: async () => {
      await api.close();
      await rm(caDir, { recursive: true, force: true });
    },
  };
}

/** Runs `script` (a TypeScript file beside this one) under tsx with `env` added; kills it after 110 s. */
export function runSdkScript(script: string, env: NodeJS.ProcessEnv): Promise<{ code: number; stdout: string; stderr: string }> {
  const file = fileURLToPath(new URL(`./${script}`, import.meta.url));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', file], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), SDK_TIMEOUT_MS - 10_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? -1, stdout, stderr });
    });
  });
}
