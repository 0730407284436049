import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newTenant } from '../tenant/fixtures.ts';
import { apiClient } from './api-client.ts';
import { fetchToken, startApi, type RunningApi } from './api-server.ts';

const { tenant, clock } = newTenant({ domain: 'limited.test' });
let api: RunningApi;
let call: ReturnType<typeof apiClient>;
beforeAll(async () => {
  api = await startApi(tenant, { clock: () => clock.now, rateLimitPerSecond: 2 });
  call = apiClient(api.origin, await fetchToken(api.origin, tenant));
});
afterAll(async () => { await api.close(); });

describe('Management API rate limit', () => {
  it('answers 429 with x-ratelimit headers past the limit, and serves again in the next second', async () => {
    clock.now = new Date('2026-03-01T12:00:10.000Z');
    const reset = String(Date.parse('2026-03-01T12:00:11.000Z') / 1000);
    const first = await call('GET', '/users');
    expect(first.status).toBe(200);
    expect([first.headers.get('x-ratelimit-limit'), first.headers.get('x-ratelimit-remaining'), first.headers.get('x-ratelimit-reset')]).toEqual(['2', '1', reset]);
    const second = await call('GET', '/users');
    expect(second.headers.get('x-ratelimit-remaining')).toBe('0');
    const third = await call('GET', '/users');
    expect(third.status).toBe(429);
    expect(third.body).toEqual({ statusCode: 429, error: 'Too Many Requests', message: 'Global limit has been reached', errorCode: 'too_many_requests' });
    expect(third.headers.get('x-ratelimit-reset')).toBe(reset);
    clock.now = new Date('2026-03-01T12:00:11.000Z');
    expect((await call('GET', '/users')).status).toBe(200);
  });

  it('sends no rate-limit headers when no limit is configured', async () => {
    const { tenant: open } = newTenant({ domain: 'open.test' });
    const unlimited = await startApi(open);
    try {
      const res = await apiClient(unlimited.origin, await fetchToken(unlimited.origin, open))('GET', '/users');
      expect(res.status).toBe(200);
      expect(res.headers.get('x-ratelimit-limit')).toBeNull();
    } finally {
      await unlimited.close();
    }
  });
});
