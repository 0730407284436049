import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUTH0_FREE_MANAGEMENT_LIMIT, TokenBucket } from '../../../fake-idp/management/rate-limit.ts';
import { newTenant } from '../tenant/fixtures.ts';
import { apiClient } from './api-client.ts';
import { fetchToken, startApi, type RunningApi } from './api-server.ts';

const seconds = (iso: string): string => String(Date.parse(iso) / 1000);

describe('Management API token bucket (rate-limit-policy.mdx, "Rate limit algorithm"; rate-limit-use-cases.mdx headers)', () => {
  const { tenant, clock } = newTenant({ domain: 'limited.test' });
  let api: RunningApi;
  let call: ReturnType<typeof apiClient>;
  beforeAll(async () => {
    // No rateLimit option: the default is Auth0's Free plan figures.
    api = await startApi(tenant, { clock: () => clock.now });
    call = apiClient(api.origin, await fetchToken(api.origin, tenant));
  });
  afterAll(async () => {
    await api.close();
  });

  it('is on by default with the Free plan figures: burst 2, refilled at 2/s (free-public.mdx)', () => {
    expect(AUTH0_FREE_MANAGEMENT_LIMIT).toEqual({ burst: 2, perSecond: 2 });
  });

  it('answers 429 past the burst with x-ratelimit-* headers, and refills one request every 500 ms', async () => {
    clock.now = new Date('2026-03-01T12:00:10.000Z');
    const first = await call('GET', '/users');
    expect(first.status).toBe(200);
    // limit = bucket size; remaining after this request; reset = the second the next request is added (10.5 s → 11).
    expect([first.headers.get('x-ratelimit-limit'), first.headers.get('x-ratelimit-remaining'), first.headers.get('x-ratelimit-reset')]).toEqual([
      '2',
      '1',
      seconds('2026-03-01T12:00:11.000Z'),
    ]);
    const second = await call('GET', '/users');
    expect([second.status, second.headers.get('x-ratelimit-remaining')]).toEqual([200, '0']);
    const third = await call('GET', '/users');
    expect(third.status).toBe(429);
    expect(third.body).toEqual({ statusCode: 429, error: 'Too Many Requests', message: 'Global limit has been reached', errorCode: 'too_many_requests' });
    expect([third.headers.get('x-ratelimit-remaining'), third.headers.get('x-ratelimit-reset')]).toEqual(['0', seconds('2026-03-01T12:00:11.000Z')]);
    // 400 ms later the bucket holds 0.8 of a request: still refused, the next one lands at 10.5 s.
    clock.now = new Date('2026-03-01T12:00:10.400Z');
    expect((await call('GET', '/users')).status).toBe(429);
    clock.now = new Date('2026-03-01T12:00:10.500Z');
    const refilled = await call('GET', '/users');
    expect([refilled.status, refilled.headers.get('x-ratelimit-remaining')]).toEqual([200, '0']);
    expect((await call('GET', '/users')).status).toBe(429);
  });

  it('refills up to the burst and no further: a long pause allows exactly 2 requests at once', async () => {
    clock.now = new Date('2026-03-01T12:05:00.000Z');
    expect((await call('GET', '/users')).status).toBe(200);
    expect((await call('GET', '/users')).status).toBe(200);
    expect((await call('GET', '/users')).status).toBe(429);
  });
});

describe('configurable figures', () => {
  it('takes explicit figures (a test or `serve --rate-limit` sets them)', async () => {
    const { tenant, clock } = newTenant({ domain: 'wide.test' });
    const api = await startApi(tenant, { clock: () => clock.now, rateLimit: { burst: 5, perSecond: 10 } });
    try {
      const call = apiClient(api.origin, await fetchToken(api.origin, tenant));
      const statuses: number[] = [];
      for (let i = 0; i < 6; i++) statuses.push((await call('GET', '/users')).status);
      expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    } finally {
      await api.close();
    }
  });

  it('sends no rate-limit headers when the limit is turned off', async () => {
    const { tenant: open } = newTenant({ domain: 'open.test' });
    const unlimited = await startApi(open, { rateLimit: false });
    try {
      const res = await apiClient(unlimited.origin, await fetchToken(unlimited.origin, open))('GET', '/users');
      expect(res.status).toBe(200);
      expect(res.headers.get('x-ratelimit-limit')).toBeNull();
    } finally {
      await unlimited.close();
    }
  });
});

describe('TokenBucket', () => {
  it('reports the reset as the UNIX second when the missing fraction of a request arrives', () => {
    const bucket = new TokenBucket({ burst: 1, perSecond: 0.5 }, 0);
    expect(bucket.take(0)).toEqual({ allowed: true, remaining: 0, resetSeconds: 2 });
    expect(bucket.take(1_000)).toEqual({ allowed: false, remaining: 0, resetSeconds: 2 });
    expect(bucket.take(2_000)).toEqual({ allowed: true, remaining: 0, resetSeconds: 4 });
  });
});
