// The real auth0 SDK v7 ManagementClient, unmodified, against the emulator over HTTPS with the
// local CA, in a child process started with NODE_EXTRA_CA_CERTS (how users are told to trust it).
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureLocalCa } from '../../../fake-idp/tls/local-ca.ts';
import { newTenant } from '../tenant/fixtures.ts';
import { startApi, type RunningApi } from './api-server.ts';

const SCRIPT = fileURLToPath(new URL('./sdk-client.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
// Loading the SDK through tsx takes ~2 s of CPU, but tens of seconds on a loaded 2-core machine.
const SDK_TIMEOUT_MS = 120_000;

function runSdkClient(env: NodeJS.ProcessEnv): Promise<{ code: number; stdout: string; stderr: string }> {
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

const { tenant } = newTenant();
let api: RunningApi;
let caDir: string;
let caFile: string;

beforeAll(async () => {
  caDir = await mkdtemp(join(tmpdir(), 'sdk-ca-'));
  const ca = await ensureLocalCa(caDir);
  caFile = ca.caFile;
  // Explicit figures: the SDK's own retries would honour the Free plan's 2/s, but ~20 calls would then take 10 s.
  api = await startApi(tenant, { tls: ca.issueServerCert(['localhost'], ['127.0.0.1']), rateLimit: { burst: 100, perSecond: 100 } });
  // The SDK builds https://{domain}/api/v2 and the token audience from the domain.
  tenant.domain = `127.0.0.1:${api.port}`;
  tenant.createUser({ email: 'existing@example.com', password: 'Str0ng-x' });
  tenant.createUser({ email: 'another@example.com', password: 'Str0ng-x' });
});
afterAll(async () => {
  await api.close();
  await rm(caDir, { recursive: true, force: true });
});

const sdkEnv = () => {
  const mgmt = tenant.state.managementClients[0]!;
  return { SDK_DOMAIN: tenant.domain, SDK_CLIENT_ID: mgmt.client_id, SDK_CLIENT_SECRET: mgmt.client_secret, SDK_SAML_CLIENT_ID: tenant.defaultSamlClientId() };
};

describe('auth0 SDK v7 ManagementClient against the emulator', () => {
  it('fails to connect when the local CA is not trusted', async () => {
    const result = await runSdkClient({ ...sdkEnv(), NODE_EXTRA_CA_CERTS: '' });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/sdk-client failed/);
    expect(tenant.findUserByEmail('sdk.user@example.com')).toBeUndefined();
  }, SDK_TIMEOUT_MS);

  it('manages users, clients, actions, bindings and logs when NODE_EXTRA_CA_CERTS trusts the CA', async () => {
    const result = await runSdkClient({ ...sdkEnv(), NODE_EXTRA_CA_CERTS: caFile });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const seen = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(seen.created).toMatchObject({ email: 'sdk.user@example.com', nickname: 'sdk.user' });
    expect(seen.fetchedEmail).toBe('sdk.user@example.com');
    expect(seen.updatedAppMetadata).toEqual({ flex: { roles: ['supervisor'] } });
    expect(seen.searchEmails).toEqual(['sdk.user@example.com']);
    expect(seen.allEmails).toEqual(['existing@example.com', 'another@example.com', 'sdk.user@example.com']);
    expect(seen.byEmailCount).toBe(1);
    expect(seen.duplicateStatus).toBe(409);
    expect(seen.clientNames).toEqual(['Twilio Flex', tenant.state.managementClients[0]!.name]);
    expect(seen.samlClient).toEqual({ callbacks: ['https://127.0.0.1/acs'], samlp: { audience: 'urn:flex:JQsdk', signResponse: true, mappings: { email: 'email' } } });
    expect(seen.action).toMatchObject({ status: 'built' });
    expect(seen.version).toEqual({ number: 1, deployed: true, status: 'built' });
    expect(seen.bindings).toEqual([{ actionId: (seen.action as { id: string }).id, display_name: 'SDK binding' }]);
    expect(seen.actionNames).toEqual(['SDK action']);
    expect(seen.sapiDescriptions).toEqual(expect.arrayContaining(['Create a User', 'Update a User', 'Update a client', 'Create an action', 'Deploy an action', 'Update trigger bindings']));
    expect(seen.sapiTypes).toEqual(['sapi']);
    // GET /api/v2/logs takes `q`; the `search` the SDK sends is a 400 on Auth0 (auth0/auth0-java issue #842).
    expect(seen.searchParamStatus).toBe(400);
    expect(seen.afterDeleteStatus).toBe(404);
    // And the tenant itself holds what the SDK did.
    expect(tenant.boundPostLoginActions().map((a) => a.name)).toEqual(['SDK action']);
    expect(tenant.getApplication(tenant.defaultSamlClientId())!.addons.samlp?.audience).toBe('urn:flex:JQsdk');
  }, SDK_TIMEOUT_MS);
});
