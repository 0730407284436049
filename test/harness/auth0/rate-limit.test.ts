import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rateLimitedFetch, retryDelayMs, type RetryPolicy } from '../../../harness/auth0/rate-limit.ts';

const NOW = new Date('2026-03-01T12:00:00.000Z');
const nowSeconds = NOW.getTime() / 1000;
const policy: RetryPolicy = { maxRetries: 3, baseDelayMs: 500, maxDelayMs: 30_000 };
const headers = (h: Record<string, string>) => new Headers(h);

describe('retryDelayMs', () => {
  it('waits until x-ratelimit-reset (epoch seconds), plus slack', () => {
    expect(retryDelayMs(headers({ 'x-ratelimit-reset': String(nowSeconds + 2) }), 0, NOW, policy)).toBe(2100);
  });

  it('prefers retry-after seconds', () => {
    expect(retryDelayMs(headers({ 'retry-after': '3', 'x-ratelimit-reset': String(nowSeconds + 10) }), 0, NOW, policy)).toBe(3000);
  });

  it('backs off exponentially without headers, capped', () => {
    expect(retryDelayMs(headers({}), 0, NOW, policy)).toBe(500);
    expect(retryDelayMs(headers({}), 2, NOW, policy)).toBe(2000);
    expect(retryDelayMs(headers({}), 20, NOW, policy)).toBe(30_000);
  });

  it('caps a far-away reset and ignores an unparsable one', () => {
    expect(retryDelayMs(headers({ 'x-ratelimit-reset': String(nowSeconds + 3600) }), 0, NOW, policy)).toBe(30_000);
    expect(retryDelayMs(headers({ 'x-ratelimit-reset': 'soon' }), 1, NOW, policy)).toBe(1000);
  });

  it('retries shortly when the reset is already past', () => {
    expect(retryDelayMs(headers({ 'x-ratelimit-reset': String(nowSeconds - 1) }), 0, NOW, policy)).toBe(100);
  });
});

describe('rateLimitedFetch against a real HTTP server', () => {
  let server: Server;
  let url: string;
  let remaining429 = 0;
  let requests = 0;

  beforeAll(async () => {
    server = createServer((_req, res) => {
      requests += 1;
      if (remaining429 > 0) {
        remaining429 -= 1;
        res.writeHead(429, { 'x-ratelimit-reset': String(nowSeconds + 1), 'content-type': 'application/json' });
        res.end('{"statusCode":429}');
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"ok":true}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('waits as the headers say, reports it, and returns the eventual answer', async () => {
    remaining429 = 2;
    requests = 0;
    const waits: number[] = [];
    const messages: string[] = [];
    const f = rateLimitedFetch(fetch, {
      policy,
      clock: () => NOW,
      sleep: async (ms) => {
        waits.push(ms);
      },
      onWait: (m) => messages.push(m),
    });
    const response = await f(url);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true });
    expect(requests).toBe(3);
    expect(waits).toEqual([1100, 1100]);
    expect(messages[0]).toBe('rate limited, waiting 2s (retry 1/3)');
  });

  it('gives up after maxRetries and hands back the 429', async () => {
    remaining429 = 10;
    requests = 0;
    const f = rateLimitedFetch(fetch, { policy, clock: () => NOW, sleep: async () => undefined });
    const response = await f(url);
    expect(response.status).toBe(429);
    expect(requests).toBe(4);
  });

  it('does not retry a success', async () => {
    remaining429 = 0;
    requests = 0;
    const f = rateLimitedFetch(fetch, {
      policy,
      clock: () => NOW,
      sleep: async () => {
        throw new Error('must not sleep');
      },
    });
    expect((await f(url)).status).toBe(200);
    expect(requests).toBe(1);
  });
});
