// Headers of the login flow's responses: the emulator skips Express's ETag and its negotiated
// redirect bodies for speed, and must still mark every page and redirect as not cacheable.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { RunningIdp } from '../../../fake-idp/server.ts';
import { startIdpFixture } from './fixture.ts';

let idp: RunningIdp;
beforeAll(async () => {
  idp = await startIdpFixture();
});
afterAll(async () => {
  await idp?.close();
});

function get(url: string, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(url, { redirect: 'manual', headers });
}

function expectNoStore(res: Response): void {
  expect(res.headers.get('cache-control')).toBe('no-store');
  expect(res.headers.get('pragma')).toBe('no-cache');
}

describe('login flow response headers', () => {
  test('/samlp answers a bare 302 to the login page, not cacheable, whatever the Accept header', async () => {
    for (const accept of ['text/html', 'text/plain', 'application/json']) {
      const res = await get(`${idp.samlUrl()}?RelayState=rs`, { accept });
      expect(res.status).toBe(302);
      expect(res.headers.get('location')).toMatch(/^\/u\/login\?state=[\w-]+$/);
      expectNoStore(res);
      expect(res.headers.get('content-length')).toBe('0');
      expect(await res.text()).toBe('');
    }
  });

  test('a login page is HTML without an ETag, not cacheable', async () => {
    const start = await get(`${idp.samlUrl()}?RelayState=rs`);
    const page = await get(new URL(start.headers.get('location') ?? '', idp.samlUrl()).toString());
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('etag')).toBeNull();
    expectNoStore(page);
    expect(await page.text()).toContain('name="state"');
  });

  test('a page of another variant redirects to the configured one, not cacheable', async () => {
    const start = await get(`${idp.samlUrl()}?RelayState=rs`);
    const state = /state=([\w-]+)/.exec(start.headers.get('location') ?? '')?.[1] ?? '';
    expect(state).not.toBe('');
    const res = await get(new URL(`/login?state=${state}`, idp.samlUrl()).toString());
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe(`/u/login?state=${state}`);
    expectNoStore(res);
  });

  test('the Management API answers JSON without an ETag', async () => {
    const res = await get(new URL('/api/v2/users', idp.samlUrl()).toString());
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(res.headers.get('etag')).toBeNull();
  });
});
