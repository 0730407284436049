// RBAC roles and Action dependencies driven by the real auth0 SDK v7 (unmodified) over HTTPS with
// the local CA: the calls an admin script makes are the ones the emulator answers, and the roles
// they assign are what event.authorization.roles shows (test/fake-idp/actions/login-event.test.ts).
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureLocalCa } from '../../../fake-idp/tls/local-ca.ts';
import { newTenant } from '../tenant/fixtures.ts';
import { startApi, type RunningApi } from './api-server.ts';

const SCRIPT = fileURLToPath(new URL('./sdk-roles-client.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const SDK_TIMEOUT_MS = 120_000;

const { tenant } = newTenant();
let api: RunningApi;
let caDir: string;
let caFile: string;

beforeAll(async () => {
  caDir = await mkdtemp(join(tmpdir(), 'sdk-roles-ca-'));
  const ca = await ensureLocalCa(caDir);
  caFile = ca.caFile;
  api = await startApi(tenant, { tls: ca.issueServerCert(['localhost'], ['127.0.0.1']), rateLimit: { burst: 100, perSecond: 100 } });
  tenant.domain = `127.0.0.1:${api.port}`;
});
afterAll(async () => {
  await api.close();
  await rm(caDir, { recursive: true, force: true });
});

function runClient(env: NodeJS.ProcessEnv): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', SCRIPT], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => { stdout += d.toString(); });
    child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
    const timer = setTimeout(() => child.kill('SIGKILL'), 110_000);
    child.on('error', reject);
    child.on('close', (code) => { clearTimeout(timer); resolve({ code: code ?? -1, stdout, stderr }); });
  });
}

describe('auth0 SDK v7: roles, user roles and Action dependencies', () => {
  it('creates, lists (paged), assigns and removes roles, and creates an Action with dependencies', async () => {
    const user = tenant.createUser({ email: 'rbac@example.com', password: 'Str0ng-x' });
    const mgmt = tenant.state.managementClients[0]!;
    const result = await runClient({ SDK_DOMAIN: tenant.domain, SDK_CLIENT_ID: mgmt.client_id, SDK_CLIENT_SECRET: mgmt.client_secret, SDK_USER_ID: user.user_id, NODE_EXTRA_CA_CERTS: caFile });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({
      fetched: { name: 'Flex Supervisor', description: 'Teams View' },
      roleNames: ['Flex Supervisor', 'Flex Agent'],
      userRoles: ['Flex Supervisor', 'Flex Agent'],
      afterRemoval: ['Flex Supervisor'],
      actionDependencies: [{ name: 'lodash', version: '4.17.21' }],
    });
    expect(tenant.userRoles(user.user_id).map((r) => r.name)).toEqual(['Flex Supervisor']);
    expect(tenant.listRoles().map((r) => r.name)).toEqual(['Flex Supervisor']);
  }, SDK_TIMEOUT_MS);
});
