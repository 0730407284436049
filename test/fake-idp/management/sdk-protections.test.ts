// auth0 SDK v7 (unmodified) → the emulator's user-blocks, attack-protection and Guardian endpoints
// over HTTPS with the local CA: the SDK calls flex-sso uses against a real tenant work here too.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { newTenant } from '../tenant/fixtures.ts';
import { runSdkScript, SDK_TIMEOUT_MS, startSdkApi, type SdkApi } from './sdk-harness.ts';

const CONN = 'Username-Password-Authentication';

const { tenant } = newTenant();
let api: SdkApi;
let blockedId = '';

function block(email: string, userId: string, ip: string): void {
  for (let i = 0; i < 10; i++) tenant.recordLoginFailure({ identifier: email, ip, connection: CONN, userId });
}

beforeAll(async () => {
  api = await startSdkApi(tenant);
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
});

function runClient(): ReturnType<typeof runSdkScript> {
  return runSdkScript('sdk-protections-client.ts', {
    ...api.env(),
    SDK_BLOCKED_USER_ID: blockedId,
    SDK_BLOCKED_IDENTIFIER: 'blocked@example.com',
    SDK_OTHER_IDENTIFIER: 'other@example.com',
  });
}

it(
  'lists and removes user blocks by id and by identifier, and reads attack protection and MFA settings',
  async () => {
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
  },
  SDK_TIMEOUT_MS,
);
