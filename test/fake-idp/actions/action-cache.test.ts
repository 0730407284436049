// api.cache of the post-login trigger, per the post-login API object docs ("scoped to the Trigger",
// `ttl`/`expires_at`, 15 minutes by default) and docs "Actions limitations" (Cached data: 24 hours,
// 20 entries, 64-byte keys, 4 kB values, 8 kB in all, "available for all Actions in the same trigger
// for a single execution reliably"). Real Actions in the worker sandbox; the clock is the runner's.
import { afterAll, describe, expect, it } from 'vitest';
import { ActionCache, CACHE_LIMITS, readCacheWrites } from '../../../fake-idp/actions/action-cache.ts';
import { ActionRunner } from '../../../fake-idp/actions/runner.ts';
import { action, eventFor, NOW } from './helpers.ts';

let clock = NOW.getTime();
const runner = new ActionRunner({ poolSize: 1, timeoutMs: 10_000, now: () => new Date(clock) });
afterAll(() => runner.close());

const MINUTE = 60_000;
const read = (key: string) =>
  action(
    `read-${key}`,
    `const r = api.cache.get(${JSON.stringify(key)}); api.samlResponse.setAttribute('got', r ? r.value : 'miss'); api.samlResponse.setAttribute('expires', r ? r.expires_at : 0);`,
  );
const write = (key: string, value: string, options = 'undefined') =>
  action(`write-${key}`, `api.samlResponse.setAttribute('set', JSON.stringify(api.cache.set(${JSON.stringify(key)}, ${JSON.stringify(value)}, ${options})));`);

describe('api.cache (post-login API object; Actions limitations "Cached data")', () => {
  it('shows what one Action cached to the next Action of the same login, and to a later login', async () => {
    clock = NOW.getTime();
    const login = await runner.run([write('token', 'abc'), read('token')], eventFor());
    expect(login.saml.attributes).toEqual({ set: '{"type":"success"}', got: 'abc', expires: clock + 15 * MINUTE });
    const later = await runner.run([read('token')], eventFor({ email: 'other@example.com' }));
    expect(later.saml.attributes).toMatchObject({ got: 'abc' });
  });

  it('keeps a value 15 minutes by default, `ttl` milliseconds when given, never past `expires_at` or 24 hours', async () => {
    clock = NOW.getTime();
    await runner.run(
      [write('short', 'a', '{ ttl: 60000 }'), write('capped', 'b', `{ expires_at: ${clock + 30_000} }`), write('long', 'c', '{ ttl: 9e9 }')],
      eventFor(),
    );
    const expiries = async () => {
      const out: Record<string, unknown> = {};
      for (const key of ['short', 'capped', 'long']) out[key] = (await runner.run([read(key)], eventFor())).saml.attributes.expires;
      return out;
    };
    expect(await expiries()).toEqual({ short: clock + MINUTE, capped: clock + 30_000, long: clock + 24 * 60 * MINUTE });
    clock += 45_000;
    expect((await runner.run([read('capped')], eventFor())).saml.attributes.got).toBe('miss');
    expect((await runner.run([read('short')], eventFor())).saml.attributes.got).toBe('a');
    clock += 16 * MINUTE;
    expect((await runner.run([read('short')], eventFor())).saml.attributes.got).toBe('miss');
    expect((await runner.run([read('token')], eventFor())).saml.attributes.got).toBe('miss'); // the 15-minute default of the first test
  });

  it('deletes for the next Action', async () => {
    const del = action('del', `api.samlResponse.setAttribute('deleted', api.cache.delete('gone').type);`);
    const outcome = await runner.run([write('gone', 'x'), del, read('gone')], eventFor());
    expect(outcome.saml.attributes).toMatchObject({ deleted: 'success', got: 'miss' });
  });

  it('accepts a 64-byte key and a 4 kB value, refuses one byte more of either (type "error" with a code)', async () => {
    const key64 = 'k'.repeat(64);
    const ok = await runner.run([write(key64, 'v'.repeat(4096))], eventFor());
    expect(ok.saml.attributes.set).toBe('{"type":"success"}');
    const bigKey = await runner.run([write('é'.repeat(32) + 'k', 'v')], eventFor()); // 65 bytes in UTF-8
    expect(JSON.parse(bigKey.saml.attributes.set as string)).toEqual({ type: 'error', code: 'KEY_TOO_LARGE' });
    const bigValue = await runner.run([write('v', 'v'.repeat(4097))], eventFor());
    expect(JSON.parse(bigValue.saml.attributes.set as string)).toEqual({ type: 'error', code: 'VALUE_TOO_LARGE' });
  });

  it('holds 20 entries and 8 kB at most: the 21st key and the byte past 8 kB are refused', async () => {
    const fresh = new ActionRunner({ poolSize: 1, timeoutMs: 10_000, now: () => NOW });
    try {
      const twenty = action(
        'twenty',
        `const r = []; for (let i = 0; i < 21; i++) r.push(api.cache.set('k' + i, 'v').type); api.samlResponse.setAttribute('types', r.join(','));`,
      );
      const types = ((await fresh.run([twenty], eventFor())).saml.attributes.types as string).split(',');
      expect(types.slice(0, 20).every((t) => t === 'success')).toBe(true);
      expect(types[20]).toBe('error');
      const again = await fresh.run([action('overwrite', `api.samlResponse.setAttribute('t', api.cache.set('k3', 'w').type);`)], eventFor());
      expect(again.saml.attributes.t).toBe('success'); // an existing key is not a new entry
    } finally {
      await fresh.close();
    }
    const bytes = new ActionRunner({ poolSize: 1, timeoutMs: 10_000, now: () => NOW });
    try {
      // 2 × (2 + 4096) = 8196 bytes > 8192: the second value does not fit; a smaller one does.
      const fill = action(
        'fill',
        `const a = api.cache.set('a1', 'x'.repeat(4096)).type; const b = api.cache.set('b1', 'x'.repeat(4096)); const c = api.cache.set('c1', 'x'.repeat(4092)).type; api.samlResponse.setAttribute('r', [a, b.type + ':' + b.code, c].join(','));`,
      );
      expect((await bytes.run([fill], eventFor())).saml.attributes.r).toBe('success,error:CACHE_FULL,success');
    } finally {
      await bytes.close();
    }
  });
});

describe('ActionCache on the host (what a result may write)', () => {
  it('re-checks the writes a sandbox reports: key and value sizes, types', () => {
    expect(readCacheWrites([['k', 'v', 1]])).toEqual([['k', 'v', 1]]);
    expect(readCacheWrites([['k', null, 1]])).toEqual([['k', null, 1]]);
    expect(readCacheWrites(undefined)).toEqual([]);
    expect(readCacheWrites([['k'.repeat(CACHE_LIMITS.maxKeyBytes + 1), 'v', 1]])).toBeUndefined();
    expect(readCacheWrites([['k', 'v'.repeat(CACHE_LIMITS.maxValueBytes + 1), 1]])).toBeUndefined();
    expect(readCacheWrites([['k', 5, 1]])).toBeUndefined();
    expect(readCacheWrites([['k', 'v', Number.NaN]])).toBeUndefined();
  });

  it('evicts the entries closest to expiry when concurrent logins overfill it', () => {
    const cache = new ActionCache();
    const now = NOW.getTime();
    cache.apply(
      Array.from({ length: 20 }, (_, i) => [`k${i}`, 'v', now + 1000 + i] as [string, string, number]),
      now,
    );
    cache.apply([['late', 'v', now + 5000]], now);
    expect(cache.get('k0', now)).toBeUndefined();
    expect(cache.get('k1', now)).toBe('v');
    expect(cache.get('late', now)).toBe('v');
  });
});
