// The Management API's login-protection endpoints over HTTP: user-blocks (brute-force-protection
// docs, "Remove brute-force protection blocks"), attack-protection settings, Guardian MFA policies
// and factors, the database connection, and the PasswordStrengthError of POST/PATCH /users.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { newTenant } from '../tenant/fixtures.ts';
import { apiClient } from './api-client.ts';
import { fetchToken, startApi, type RunningApi } from './api-server.ts';

const { tenant } = newTenant();
let api: RunningApi;
let call: ReturnType<typeof apiClient>;
const CONN = 'Username-Password-Authentication';
const EMAIL = 'blocked@example.com';
let userId = '';

beforeAll(async () => {
  api = await startApi(tenant, { rateLimit: false });
  call = apiClient(api.origin, await fetchToken(api.origin, tenant));
  userId = tenant.createUser({ email: EMAIL, password: 'Right-pass-1' }).user_id;
});
afterAll(async () => {
  await api.close();
});

function blockFrom(ip: string): void {
  for (let i = 0; i < 10; i++) tenant.recordLoginFailure({ identifier: EMAIL, ip, connection: CONN, userId });
}

describe('user-blocks', () => {
  beforeEach(() => {
    tenant.removeUserBlocks(EMAIL);
  });

  it('GET /user-blocks/{id} lists brute-force blocks; DELETE removes them (204)', async () => {
    blockFrom('198.51.100.7');
    expect(await call('GET', `/user-blocks/${encodeURIComponent(userId)}`)).toMatchObject({
      status: 200,
      body: { blocked_for: [{ identifier: EMAIL, ip: '198.51.100.7', connection: CONN }] },
    });
    const removed = await call('DELETE', `/user-blocks/${encodeURIComponent(userId)}`);
    expect(removed.status).toBe(204);
    expect(tenant.bruteForceBlock({ identifier: EMAIL, ip: '198.51.100.7' })).toBeUndefined();
    expect((await call('GET', `/user-blocks/${encodeURIComponent(userId)}`)).body).toEqual({ blocked_for: [] });
    expect(tenant.listLogs()[0]).toMatchObject({ type: 'sapi', description: 'Unblock a user' });
  });

  it('GET and DELETE /user-blocks?identifier= work by e-mail; identifier is required', async () => {
    blockFrom('203.0.113.9');
    expect((await call('GET', `/user-blocks?identifier=${encodeURIComponent('Blocked@Example.com')}`)).body).toEqual({
      blocked_for: [{ identifier: EMAIL, ip: '203.0.113.9', connection: CONN }],
    });
    expect((await call('DELETE', `/user-blocks?identifier=${encodeURIComponent(EMAIL)}`)).status).toBe(204);
    expect(tenant.userBlocks(EMAIL)).toEqual([]);
    expect(await call('GET', '/user-blocks')).toMatchObject({ status: 400, body: { errorCode: 'invalid_query_string' } });
  });

  it('an unknown user id is 404; consider_brute_force_enablement hides blocks while protection is off', async () => {
    expect((await call('GET', '/user-blocks/auth0%7Cnobody')).status).toBe(404);
    expect((await call('DELETE', '/user-blocks/auth0%7Cnobody')).status).toBe(404);
    blockFrom('198.51.100.7');
    tenant.updateBruteForce({ enabled: false });
    try {
      expect((await call('GET', `/user-blocks?identifier=${EMAIL}&consider_brute_force_enablement=true`)).body).toEqual({ blocked_for: [] });
      expect((await call('GET', `/user-blocks?identifier=${EMAIL}`)).body).toMatchObject({ blocked_for: [{ ip: '198.51.100.7' }] });
    } finally {
      tenant.updateBruteForce({ enabled: true });
    }
  });

  it("an administrator's block (blocked: true) is not a brute-force block and stays", async () => {
    await call('PATCH', `/users/${encodeURIComponent(userId)}`, { blocked: true });
    expect((await call('DELETE', `/user-blocks/${encodeURIComponent(userId)}`)).status).toBe(204);
    expect(tenant.getUser(userId)?.blocked).toBe(true);
    await call('PATCH', `/users/${encodeURIComponent(userId)}`, { blocked: false });
  });
});

describe('attack protection, Guardian and the connection', () => {
  it("reads and patches brute-force protection and bot detection with Auth0's fields", async () => {
    expect((await call('GET', '/attack-protection/brute-force-protection')).body).toEqual({
      enabled: true,
      shields: ['block'],
      allowlist: [],
      mode: 'count_per_identifier_and_ip',
      max_attempts: 10,
    });
    expect((await call('PATCH', '/attack-protection/brute-force-protection', { max_attempts: 5, allowlist: ['10.0.0.0/8'] })).body).toMatchObject({
      enabled: true,
      max_attempts: 5,
      allowlist: ['10.0.0.0/8'],
    });
    expect((await call('PATCH', '/attack-protection/brute-force-protection', { max_attempts: 0 })).status).toBe(400);
    expect((await call('PATCH', '/attack-protection/brute-force-protection', { mode: 'sometimes' })).status).toBe(400);
    expect((await call('GET', '/attack-protection/bot-detection')).body).toMatchObject({
      challenge_password_policy: 'never',
      allowlist: [],
      monitoring_mode_enabled: false,
    });
    expect((await call('PATCH', '/attack-protection/bot-detection', { challenge_password_policy: 'always', allowlist: ['127.0.0.1'] })).body).toMatchObject({
      challenge_password_policy: 'always',
      allowlist: ['127.0.0.1'],
    });
    expect(tenant.protections.botDetection.challenge_password_policy).toBe('always');
    await call('PATCH', '/attack-protection/bot-detection', { challenge_password_policy: 'never', allowlist: [] });
    await call('PATCH', '/attack-protection/brute-force-protection', { max_attempts: 10, allowlist: [] });
  });

  it('sets MFA policies (PUT, a list) and factors', async () => {
    expect((await call('GET', '/guardian/policies')).body).toEqual([]);
    expect((await call('PUT', '/guardian/policies', ['all-applications'])).body).toEqual(['all-applications']);
    expect((await call('PUT', '/guardian/policies', ['always'])).status).toBe(400);
    expect((await call('PUT', '/guardian/factors/otp', { enabled: true })).body).toEqual({ enabled: true });
    expect((await call<{ name: string; enabled: boolean }[]>('GET', '/guardian/factors')).body.find((f) => f.name === 'otp')).toMatchObject({ enabled: true });
    expect((await call('PUT', '/guardian/factors/carrier-pigeon', { enabled: true })).status).toBe(404);
    await call('PUT', '/guardian/policies', []);
  });

  it('lists and patches the database connection (options replaced as a whole, enabled_clients)', async () => {
    const [listed] = (await call<Record<string, unknown>[]>('GET', '/connections')).body;
    expect(listed).toMatchObject({
      name: CONN,
      strategy: 'auth0',
      options: { passwordPolicy: 'good', brute_force_protection: true },
      enabled_clients: [tenant.defaultSamlClientId()],
    });
    const id = String(listed?.id);
    expect((await call('PATCH', `/connections/${id}`, { options: { passwordPolicy: 'excellent' } })).body).toMatchObject({
      options: { passwordPolicy: 'excellent' },
    });
    expect(tenant.connection.options).toEqual({ passwordPolicy: 'excellent' });
    expect((await call('PATCH', `/connections/${id}`, { options: { passwordPolicy: 'strong' } })).status).toBe(400);
    expect((await call('GET', '/connections/con_unknown')).status).toBe(404);
    await call('PATCH', `/connections/${id}`, { options: { passwordPolicy: 'good', brute_force_protection: true } });
  });

  it('POST and PATCH /users refuse a weak password with the PasswordStrengthError body, no errorCode', async () => {
    const created = await call('POST', '/users', { connection: CONN, email: 'weak@example.com', password: 'password' });
    expect(created).toMatchObject({ status: 400 });
    expect(created.body).toEqual({ statusCode: 400, error: 'Bad Request', message: 'PasswordStrengthError: Password is too weak' });
    const patched = await call('PATCH', `/users/${encodeURIComponent(userId)}`, { password: '12345678' });
    expect(patched.body).toEqual({ statusCode: 400, error: 'Bad Request', message: 'PasswordStrengthError: Password is too weak' });
    expect((await call('POST', '/users', { connection: CONN, email: 'strong@example.com', password: 'Str0ng-enough' })).status).toBe(201);
  });
});
