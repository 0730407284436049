import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newTenant } from '../tenant/fixtures.ts';
import { fetchToken, startApi, type RunningApi } from './api-server.ts';

const { tenant, clock } = newTenant({ domain: 'auth.test' });
let api: RunningApi;
// The rate limit has its own test (rate-limit.test.ts); with a frozen clock it would refuse all but 2 calls.
beforeAll(async () => {
  api = await startApi(tenant, { clock: () => clock.now, rateLimit: false });
});
afterAll(async () => {
  await api.close();
});

const mgmt = tenant.state.managementClients[0]!;
const audience = 'https://auth.test/api/v2/';

async function tokenRequest(body: Record<string, string>, form = false) {
  const res = await fetch(`${api.origin}/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': form ? 'application/x-www-form-urlencoded' : 'application/json' },
    body: form ? new URLSearchParams(body).toString() : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe('POST /oauth/token', () => {
  it('issues a Bearer token for the management client (JSON and form bodies)', async () => {
    for (const form of [false, true]) {
      const { status, body } = await tokenRequest(
        { grant_type: 'client_credentials', client_id: mgmt.client_id, client_secret: mgmt.client_secret, audience },
        form,
      );
      expect(status).toBe(200);
      expect(body).toMatchObject({ token_type: 'Bearer', expires_in: 86400, scope: expect.stringContaining('read:users') });
      expect(body.access_token).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    }
  });

  it('answers 401 access_denied for a wrong secret or unknown client', async () => {
    for (const body of [
      { grant_type: 'client_credentials', client_id: mgmt.client_id, client_secret: 'wrong', audience },
      { grant_type: 'client_credentials', client_id: 'nobody', client_secret: mgmt.client_secret, audience },
    ]) {
      expect(await tokenRequest(body)).toEqual({ status: 401, body: { error: 'access_denied', error_description: 'Unauthorized' } });
    }
    expect(tenant.listLogs({ q: 'type:feccft' }).length).toBeGreaterThanOrEqual(2);
  });

  it('refuses another audience, a missing audience, an unsupported grant and a non-M2M client', async () => {
    const base = { grant_type: 'client_credentials', client_id: mgmt.client_id, client_secret: mgmt.client_secret };
    expect(await tokenRequest({ ...base, audience: 'https://other.test/api/v2/' })).toMatchObject({ status: 403, body: { error: 'access_denied' } });
    expect(await tokenRequest(base)).toMatchObject({ status: 403, body: { error: 'access_denied' } });
    expect(await tokenRequest({ ...base, audience, grant_type: 'password' })).toMatchObject({ status: 403, body: { error: 'unauthorized_client' } });
    const app = tenant.listApplications()[0]!;
    expect(await tokenRequest({ ...base, audience, client_id: app.client_id, client_secret: app.client_secret })).toMatchObject({
      status: 403,
      body: { error: 'access_denied', error_description: expect.stringContaining('client-grant') },
    });
  });

  it('answers a malformed body with an OAuth error, not an HTML page', async () => {
    const res = await fetch(`${api.origin}/oauth/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"grant_type":' });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: 'invalid_request' });
  });
});

describe('/api/v2 authentication', () => {
  const get = (headers: Record<string, string> = {}) => fetch(`${api.origin}/api/v2/users`, { headers });

  it('answers 401 "Missing authentication" without a token', async () => {
    const res = await get();
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ statusCode: 401, error: 'Unauthorized', message: 'Missing authentication' });
  });

  it('answers 401 "Invalid token" for a forged, tampered or foreign token', async () => {
    const token = await fetchToken(api.origin, tenant);
    const [h, p, s] = token.split('.');
    const tampered = `${h}.${Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(p!, 'base64url').toString()), azp: 'x' })).toString('base64url')}.${s}`;
    const other = newTenant({ domain: 'auth.test' }).tenant;
    const foreignApi = await startApi(other, { rateLimit: false });
    try {
      const foreign = await fetchToken(foreignApi.origin, other);
      for (const bad of ['garbage', tampered, foreign]) {
        const res = await get({ authorization: `Bearer ${bad}` });
        expect(res.status).toBe(401);
        expect(await res.json()).toEqual({ statusCode: 401, error: 'Unauthorized', message: 'Invalid token' });
      }
    } finally {
      await foreignApi.close();
    }
  });

  it('accepts a valid token, and rejects it once expired or after the domain changes', async () => {
    const token = await fetchToken(api.origin, tenant);
    expect((await get({ authorization: `Bearer ${token}` })).status).toBe(200);
    const start = clock.now;
    clock.now = new Date(start.getTime() + 86_401_000);
    try {
      const res = await get({ authorization: `Bearer ${token}` });
      expect(res.status).toBe(401);
      expect(((await res.json()) as { message: string }).message).toMatch(/^Expired token/);
    } finally {
      clock.now = start;
    }
    tenant.domain = 'moved.test';
    try {
      expect((await get({ authorization: `Bearer ${token}` })).status).toBe(401);
    } finally {
      tenant.domain = 'auth.test';
    }
  });
});
