// Resource bounds of the fake SP (docs/bounds.md): request body, decoded XML size, XML depth, replay
// cache size and TTL, run store rotation. Each: at the bound accepted, one past it rejected with a
// clear 4xx and a stable code (never a 500), and the bound is configurable.
import { readdir } from 'node:fs/promises';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import type { RunningSp } from '../../fake-sp/server/start.ts';
import { LoginStore } from '../../fake-sp/store/login-store.ts';
import { ReplayCache } from '../../fake-sp/store/replay-cache.ts';
import { toBase64 } from '../helpers/saml-signer.ts';
import { failedCode, formBody, post, removeDir, startTestSp, tempDir, validBase64, validXml } from './support.ts';

const dirs: string[] = [];
const sps: RunningSp[] = [];
async function sp(overrides: Parameters<typeof startTestSp>[1] = {}): Promise<RunningSp> {
  const dir = await tempDir();
  dirs.push(dir);
  const running = await startTestSp(dir, overrides);
  sps.push(running);
  return running;
}
afterAll(async () => {
  await Promise.all(sps.map((s) => s.close()));
  await Promise.all(dirs.map(removeDir));
});

describe('request body size (maxBodyBytes)', () => {
  const LIMIT = 16 * 1024;
  let running: RunningSp;
  beforeAll(async () => {
    running = await sp({ maxBodyBytes: LIMIT });
  });

  const bodyOfLength = (length: number): string => {
    const base = formBody({ SAMLResponse: validBase64(running), RelayState: '' });
    expect(base.length).toBeLessThan(length);
    return base + 'x'.repeat(length - base.length);
  };

  test('a body of exactly maxBodyBytes is accepted', async () => {
    const res = await post(running.acsUrls.enhanced ?? '', bodyOfLength(LIMIT));
    expect(res.status).toBe(302);
  });

  test('one byte more → 400 ACS_BODY_TOO_LARGE, recorded, never a 500', async () => {
    const res = await post(running.acsUrls.enhanced ?? '', bodyOfLength(LIMIT + 1));
    expect(res.status).toBe(400);
    expect(await failedCode(res)).toBe('ACS_BODY_TOO_LARGE');
    expect(res.headers.get('x-login-id')).toMatch(/^lg_/);
  });
});

describe('decoded XML size (maxSamlBytes)', () => {
  const LIMIT = 12 * 1024;
  let running: RunningSp;
  beforeAll(async () => {
    running = await sp({ maxSamlBytes: LIMIT });
  });

  // Trailing whitespace after the root element is outside the signed content: it sizes the document exactly.
  const ofSize = (bytes: number): string => {
    const xml = validXml(running);
    expect(Buffer.byteLength(xml)).toBeLessThan(bytes);
    return toBase64(xml + ' '.repeat(bytes - Buffer.byteLength(xml)));
  };

  test('a response of exactly maxSamlBytes is accepted', async () => {
    expect((await post(running.acsUrls.enhanced ?? '', formBody({ SAMLResponse: ofSize(LIMIT) }))).status).toBe(302);
  });

  test('one byte more → 400 DECODE_TOO_LARGE', async () => {
    const res = await post(running.acsUrls.enhanced ?? '', formBody({ SAMLResponse: ofSize(LIMIT + 1) }));
    expect(res.status).toBe(400);
    expect(await failedCode(res)).toBe('DECODE_TOO_LARGE');
  });
});

describe('XML depth (maxXmlDepth)', () => {
  let running: RunningSp;
  let depthOfNested: (levels: number) => string;
  beforeAll(async () => {
    running = await sp({ maxXmlDepth: 12 });
    // Nesting added inside a signed Attribute's value element, before signing: depth = AttributeValue depth + levels.
    depthOfNested = (levels) =>
      validBase64(running, {
        edit: (xml) => xml.replace('>agent<', `>${'<x:n xmlns:x="urn:x">'.repeat(levels)}agent${'</x:n>'.repeat(levels)}<`),
        attributes: { email: 'deep@example.com', roles: 'agent' },
      });
  });

  test('a response as deep as maxXmlDepth is parsed (no depth failure)', async () => {
    const extra = 12 - 5; // AttributeValue sits at depth 5 (Response/Assertion/AttributeStatement/Attribute/AttributeValue)
    const res = await post(running.acsUrls.enhanced ?? '', formBody({ SAMLResponse: depthOfNested(extra) }));
    // Structure checks may object to markup inside an AttributeValue (403); the depth bound does not.
    expect(res.status).not.toBe(400);
    const body = (await res.json()) as { checks: Array<{ id: string; status: string }> };
    expect(body.checks.find((c) => c.id === 'parse')?.status).toBe('ok');
  });

  test('one level deeper → 400 PARSE_DEPTH', async () => {
    const res = await post(running.acsUrls.enhanced ?? '', formBody({ SAMLResponse: depthOfNested(12 - 5 + 1) }));
    expect(res.status).toBe(400);
    expect(await failedCode(res)).toBe('PARSE_DEPTH');
  });
});

describe('replay cache size (replayMaxEntries)', () => {
  test('within capacity a replay is rejected (403 REPLAY); past it the oldest ID is evicted', async () => {
    const running = await sp({ replayMaxEntries: 2 });
    const acs = running.acsUrls.enhanced ?? '';
    const [a, b, c] = [validBase64(running), validBase64(running), validBase64(running)];
    for (const r of [a, b]) expect((await post(acs, formBody({ SAMLResponse: r }))).status).toBe(302);
    const replay = await post(acs, formBody({ SAMLResponse: a }));
    expect(replay.status).toBe(403);
    expect(((await replay.json()) as { checks: Array<{ id: string; status: string }> }).checks.find((x) => x.id === 'replay')?.status).toBe('failed');
    expect((await post(acs, formBody({ SAMLResponse: c }))).status).toBe(302);
    // a was the oldest of three accepted IDs in a cache of two: evicted (the documented trade-off of a
    // bounded cache; the eviction is a ReplayCache warning), while b is still remembered.
    expect((await post(acs, formBody({ SAMLResponse: b }))).status).toBe(403);
    expect((await post(acs, formBody({ SAMLResponse: a }))).status).toBe(302);
  });

  test('ReplayCache: eviction past maxEntries warns; entries expire at NotOnOrAfter + skew, or after the fallback TTL', () => {
    const now = new Date('2026-01-15T10:00:00Z');
    const cache = new ReplayCache({ maxEntries: 2, skewSeconds: 60, fallbackTtlMs: 1000 });
    cache.add('a', '2026-01-15T10:05:00Z', now);
    cache.add('b', undefined, now);
    expect(cache.warnings).toEqual([]);
    cache.add('c', '2026-01-15T10:05:00Z', now);
    expect(cache.has('a', now)).toBe(false);
    expect(cache.warnings[0]).toMatch(/evicted unexpired assertion a/);
    expect(cache.has('b', new Date(now.getTime() + 999))).toBe(true);
    expect(cache.has('b', new Date(now.getTime() + 1000))).toBe(false);
    expect(cache.has('c', new Date('2026-01-15T10:05:59.999Z'))).toBe(true);
    expect(cache.has('c', new Date('2026-01-15T10:06:00Z'))).toBe(false);
  });
});

describe('run store rotation (storeRotateBytes, storeKeepFiles)', () => {
  let dir: string;
  afterEach(async () => {
    await removeDir(dir);
  });

  const record = (i: number) => ({
    profile: 'enhanced' as const,
    acsUrl: 'http://127.0.0.1/acs',
    samlResponse: 'x'.repeat(200),
    httpStatus: 400,
    roles: [],
    relayState: `r${i}`,
    verdict: { valid: false, checks: [], attributes: {}, flex: { roles: [], insights: {}, other: {} }, warnings: [], facts: {} },
  });

  test('below rotateBytes nothing rotates; past it files shift, only keepFiles are kept, and kept records stay readable after reopening', async () => {
    dir = await tempDir();
    const store = await LoginStore.open(dir, { rotateBytes: 2000, keepFiles: 2 });
    const lineBytes = JSON.stringify({ id: 'lg_x', receivedAt: new Date().toISOString(), ...record(0) }).length + 40;
    const perFile = Math.floor(2000 / lineBytes);
    for (let i = 0; i < perFile; i += 1) await store.append(record(i));
    expect(await readdir(dir)).toEqual(['logins.jsonl']);
    for (let i = perFile; i < 40; i += 1) await store.append(record(i));
    expect((await readdir(dir)).sort()).toEqual(['logins.1.jsonl', 'logins.2.jsonl', 'logins.jsonl']);
    const kept = store.size;
    expect(kept).toBeLessThan(40);
    expect(store.list({ limit: 1 })[0]?.relayState).toBe('r39');
    expect(store.get(store.all()[0]?.id ?? '')).toBeDefined();
    await store.close();
    const reopened = await LoginStore.open(dir, { rotateBytes: 2000, keepFiles: 2 });
    expect(reopened.size).toBe(kept);
    expect(reopened.list().map((r) => r.relayState)).toEqual(store.list().map((r) => r.relayState));
    expect(reopened.warnings).toEqual([]);
    await reopened.close();
  });

  test('the SP API lists logins across rotated files', async () => {
    dir = await tempDir();
    const running = await startTestSp(dir, { storeRotateBytes: 48 * 1024, storeKeepFiles: 3 });
    try {
      for (let i = 0; i < 8; i += 1)
        expect((await post(running.acsUrls.enhanced ?? '', formBody({ SAMLResponse: validBase64(running), RelayState: `rot-${i}` }))).status).toBe(302);
      expect((await readdir(dir)).filter((f) => /^logins\.\d\.jsonl$/.test(f)).length).toBeGreaterThan(0);
      const list = (await (await fetch(`${running.url}/api/logins?limit=100`)).json()) as { logins: Array<{ relayState: string }> };
      expect(list.logins.map((l) => l.relayState)).toEqual(Array.from({ length: 8 }, (_, i) => `rot-${7 - i}`));
    } finally {
      await running.close();
    }
  });

  test('invalid bounds are refused at startup with SP_BAD_LIMIT', async () => {
    dir = await tempDir();
    for (const bad of [{ maxXmlDepth: 0 }, { replayMaxEntries: -1 }, { storeRotateBytes: 1.5 }, { storeKeepFiles: -1 }]) {
      await expect(startTestSp(dir, bad)).rejects.toMatchObject({ code: 'SP_BAD_LIMIT' });
    }
  });
});

describe('error answers', () => {
  test('bad requests get a 4xx with a code, no stack trace and no X-Powered-By; the valid POST is accepted', async () => {
    const running = await sp();
    const acs = running.acsUrls.enhanced ?? '';
    const answers = await Promise.all([
      fetch(acs, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json' }, body: '{"SAMLResponse":' }),
      fetch(acs, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-encoding': 'gzip', accept: 'application/json' },
        body: 'garbage',
      }),
      fetch(`${running.url}/api/logins?limit=abc`),
      fetch(`${running.url}/no/such/route`, { headers: { accept: 'application/json' } }),
    ]);
    for (const res of answers) {
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
      expect(res.headers.get('x-powered-by')).toBeNull();
      const text = await res.text();
      expect(text).toMatch(/"code":"[A-Z_]+"/);
      expect(text).not.toMatch(/\n\s+at |node_modules/);
    }
    expect((await post(acs, formBody({ SAMLResponse: validBase64(running) }))).status).toBe(302);
  });
});
