// auth0 SDK v7 (unmodified) → the emulator's user-blocks, attack-protection and Guardian endpoints
// over HTTPS with the local CA: the SDK calls flex-sso uses against a real tenant work here too.
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ensureLocalCa } from '../../../fake-idp/tls/local-ca.ts';
import { newTenant } from '../tenant/fixtures.ts';
import { startApi, type RunningApi } from './api-server.ts';

const SCRIPT = fileURLToPath(new URL('./sdk-protections-client.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const SDK_TIMEOUT_MS = 120_000;
const CONN = 'Username-Password-Authentication';

const { tenant } = newTenant();
let api: RunningApi;
let caDir: string;
let caFile: string;
let blockedId = '';

function block(email: string, userId: string, ip: string): void {
  for (let i = 0; i < 10; i++) tenant.recordLoginFailure({ identifier: email, ip, connection: CONN, userId });
}

beforeAll(async () => {
  caDir = await mkdtemp(join(tmpdir(), 'sdk-protections-ca-'));
  const ca = await ensureLocalCa(caDir);
  caFile = ca.caFile;
  api = await startApi(tenant, { tls: ca.issueServerCert(['localhost'], ['127.0.0.1']) });
  tenant.domain = `127.0.0.1:${api.port}`;
  blockedId = tenant.createUser({ email: 'blocked@example.com', password: 'Right-pass-1' }).user_id;
  const other = tenant.createUser({ email: 'other@example.com', password: 'Right-pass-2' });
  block('blocked@example.com', blockedId, '198.51.100.7');
  block('other@example.com', other.user_id, '198.51.100.8');
  tenant.updateBotDetection({ challenge_password_policy: 'always', allowlist: ['192.0.2.0/24'] });
  tenant.setMfaPolicies(['all-applications']);
  tenant.setMfaFactor('otp', true);
});
afterAll(async () => {
  await api.close();
  await rm(caDir, { recursive: true, force: true });
});

function runClient(): Promise<{ code: number; stdout: string; stderr: string }> {
  const mgmt = tenant.state.managementClients[0]!;
  const env = {
    ...process.env, NODE_EXTRA_CA_CERTS: caFile, SDK_DOMAIN: tenant.domain, SDK_CLIENT_ID: mgmt.client_id, SDK_CLIENT_SECRET: mgmt.client_secret,
    SDK_BLOCKED_USER_ID: blockedId, SDK_BLOCKED_IDENTIFIER: 'blocked@example.com', SDK_OTHER_IDENTIFIER: 'other@example.com',
  };
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', SCRIPT], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => { stdout += d.toString(); });
    child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
    const timer = setTimeout(() => child.kill('SIGKILL'), 110_000);
    child.on('error', reject);
    child.on('close', (code) => { clearTimeout(timer); resolve({ code: code ?? -1, stdout, stderr }); });
  });
}

it('lists and removes user blocks by id and by identifier, and reads attack protection and MFA settings', async () => {
  const result = await runClient();
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  const seen = JSON.parse(result.stdout) as Record<string, unknown>;
  expect(seen.byId).toEqual([{ identifier: 'blocked@example.com', ip: '198.51.100.7', connection: CONN }]);
  expect(seen.byIdentifier).toEqual(seen.byId);
  expect(seen.afterDelete).toEqual([]);
  expect(seen.otherBefore).toBe(1);
  expect(seen.otherAfter).toEqual([]);
  expect(seen.bruteForce).toEqual({ enabled: true, shields: ['block'], allowlist: [], mode: 'count_per_identifier_and_ip', max_attempts: 10 });
  expect(seen.botDetection).toEqual({ challenge_password_policy: 'always', allowlist: ['192.0.2.0/24'] });
  expect(seen.policies).toEqual(['all-applications']);
  expect(seen.otp).toBe(true);
  expect(tenant.userBlocks('blocked@example.com')).toEqual([]);
}, SDK_TIMEOUT_MS);
