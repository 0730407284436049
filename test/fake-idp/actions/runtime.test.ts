// The Action runtime is Node 22 (Auth0 docs "Migrate from Node 18 to Node 22", "Actions
// limitations"): built-in modules through require, and Node's globals. Expected values are
// published test vectors or Node's documented output, never computed by the code under test.
import { afterAll, describe, expect, it } from 'vitest';
import { ActionRunner } from '../../../fake-idp/actions/runner.ts';
import type { FetchStub } from '../../../fake-idp/actions/fetch-stubs.ts';
import { action, eventFor } from './helpers.ts';

const runner = new ActionRunner({ poolSize: 1, timeoutMs: 5_000 });
afterAll(() => runner.close());

/** Evaluates `expression` (awaited) in an Action; returns String(value) or `threw:Name:message`. */
async function value(expression: string, fetchStubs: FetchStub[] = []): Promise<string> {
  const outcome = await runner.run(
    [
      action(
        'probe',
        `
    let result;
    try { result = String(await (${expression})); } catch (e) { result = 'threw:' + (e && e.name) + ':' + (e && e.message); }
    api.samlResponse.setAttribute('result', result);`,
      ),
    ],
    eventFor(),
    { fetchStubs },
  );
  expect(outcome.error).toBeUndefined();
  return String(outcome.saml.attributes.result);
}

describe('Action runtime: Node built-ins through require (node22)', () => {
  it.each([
    [
      'crypto sha256 (FIPS 180-2 "abc" vector)',
      "require('crypto').createHash('sha256').update('abc').digest('hex')",
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    ],
    [
      'node: prefix and incremental update',
      "require('node:crypto').createHash('sha1').update('a').update('bc').digest('hex')",
      'a9993e364706816aba3e25717850c26c9cd0d89d',
    ],
    [
      'hmac (RFC 4231 test case 2)',
      "require('crypto').createHmac('sha256', 'Jefe').update('what do ya want for nothing?').digest('hex')",
      '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843',
    ],
    [
      'hash copy',
      "(() => { const h = require('crypto').createHash('sha1').update('a'); const c = h.copy(); return c.update('bc').digest('hex') + ',' + h.digest('hex'); })()",
      'a9993e364706816aba3e25717850c26c9cd0d89d,86f7e437faa5a7fce15d1ddcb9eaeaea377667b8',
    ],
    ['randomBytes length', "require('crypto').randomBytes(16).length", '16'],
    ['randomUUID shape', "/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(require('crypto').randomUUID())", 'true'],
    ['timingSafeEqual', "require('crypto').timingSafeEqual(Buffer.from('ab'), Buffer.from('ab'))", 'true'],
    [
      'pbkdf2 (RFC 6070 vector 1)',
      "require('crypto').pbkdf2Sync('password', 'salt', 1, 20, 'sha1').toString('hex')",
      '0c60c80f961f0e71f3a9b524af6012062fe037a6',
    ],
    [
      'aes-256-gcm round trip',
      `(() => { const c = require('crypto'); const key = Buffer.alloc(32, 1), iv = Buffer.alloc(12, 2);
      const e = c.createCipheriv('aes-256-gcm', key, iv); const ct = Buffer.concat([e.update('secret'), e.final()]); const tag = e.getAuthTag();
      const d = c.createDecipheriv('aes-256-gcm', key, iv); d.setAuthTag(tag); return d.update(ct, undefined, 'utf8') + d.final('utf8'); })()`,
      'secret',
    ],
    ['an unknown digest', "require('crypto').createHash('nope')", 'threw:Error:Digest method not supported'],
    ['url legacy parse', "JSON.stringify(require('url').parse('https://a.example:8443/p?q=1#h', true).query)", '{"q":"1"}'],
    ['url resolve', "require('url').resolve('https://a.example/x/y', '../z')", 'https://a.example/z'],
    ['querystring', "JSON.stringify(require('querystring').parse('a=1&a=2&b=%20'))", '{"a":["1","2"],"b":" "}'],
    ['querystring stringify', "require('querystring').stringify({ a: ['x y', 'z'], b: 1 })", 'a=x%20y&a=z&b=1'],
    ['util.format', "require('util').format('%s has %d roles: %j', 'jane', 2, ['a', 'b'])", 'jane has 2 roles: ["a","b"]'],
    ['util.promisify', "require('util').promisify((x, cb) => cb(null, x * 2))(21)", '42'],
    ['util.isDeepStrictEqual', "require('util').isDeepStrictEqual({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] })", 'true'],
    ['buffer module', "require('buffer').Buffer.from('68656c6c6f', 'hex').toString()", 'hello'],
    [
      'events',
      "(() => { const E = require('events'); const e = new E(); let v; e.once('x', (a) => { v = a; }); e.emit('x', 7); e.emit('x', 8); return v + ':' + e.listenerCount('x'); })()",
      '7:0',
    ],
    [
      'string_decoder across chunks',
      "(() => { const d = new (require('string_decoder').StringDecoder)('utf8'); return d.write(Buffer.from([0xe2, 0x82])) + d.write(Buffer.from([0xac])); })()",
      '€',
    ],
    ['path (posix)', "require('path').join('/a/b', '../c', 'd.txt') + ' ' + require('path').extname('x.tar.gz')", '/a/c/d.txt .gz'],
    ['assert throws AssertionError', "require('assert').strictEqual(1, 2)", 'threw:AssertionError:Expected values to be strictly equal:\n\n1 !== 2\n'],
    ['assert/strict', "require('assert/strict').deepEqual([1], [1]) === undefined", 'true'],
    ['zlib round trip', "require('zlib').inflateSync(require('zlib').deflateSync('flex ' .repeat(100))).toString().length", '500'],
    ['timers/promises', "require('timers/promises').setTimeout(5, 'later')", 'later'],
  ])('%s', async (_label, expression, expected) => {
    expect(await value(expression)).toBe(expected);
  });

  it.each(['fs', 'node:fs', 'child_process', 'http', 'net', 'os', 'vm', 'worker_threads', 'process', 'v8', 'inspector'])(
    "refuses '%s' with a code and the reason (the sandbox never reaches the host)",
    async (name) => {
      const outcome = await runner.run(
        [
          action(
            'refused',
            `
        try { require('${name}'); api.samlResponse.setAttribute('r', 'loaded'); } catch (e) { api.samlResponse.setAttribute('r', e.code + ' ' + e.message); }`,
          ),
        ],
        eventFor(),
      );
      expect(String(outcome.saml.attributes.r)).toMatch(
        /^EMULATOR_MODULE_UNAVAILABLE The flex-sso emulator does not give Actions Node's '[a-z0-9_]+' module \(Auth0's Node 22 runtime has it\)/,
      );
    },
  );

  it('names fetch as the way to make HTTP calls when http is required', async () => {
    expect(await value("require('https')")).toContain("use fetch, answered by the scenario's `fetch:` stubs");
  });

  it('says which module an undeclared npm dependency is, and how to declare it', async () => {
    expect(await value("require('lodash')")).toBe(
      "threw:Error:Cannot find module 'lodash'. Declare it as a dependency of the Action, as Auth0 requires: in the scenario `dependencies: [lodash@<version>]`, or `flex-sso deploy-action FILE --dependency lodash@<version>`",
    );
  });
});

describe('Action runtime: Node 22 globals', () => {
  it.each([
    ['Buffer base64', "Buffer.from('hello').toString('base64')", 'aGVsbG8='],
    [
      'Buffer base64url (Node has it, the browserify port does not)',
      "Buffer.from([0xfb, 0xff]).toString('base64url') + ' ' + Buffer.from('-_8', 'base64url').toString('hex')",
      '-_8 fbff',
    ],
    ['Buffer is a Uint8Array', 'Buffer.alloc(2) instanceof Uint8Array', 'true'],
    ['URL', "new URL('../x?y=1#z', 'https://tenant.example/a/b/').href", 'https://tenant.example/a/x?y=1#z'],
    [
      'URL setters keep searchParams in step',
      "(() => { const u = new URL('https://a.example/?x=1'); u.searchParams.set('y', 'a b'); u.hash = 'h'; return u.href + ' ' + u.searchParams.get('x'); })()",
      'https://a.example/?x=1&y=a+b#h 1',
    ],
    ['an invalid URL', "new URL('not a url')", 'threw:TypeError:Invalid URL'],
    ['URLSearchParams', "new URLSearchParams({ a: '1', b: 'x&y' }).toString()", 'a=1&b=x%26y'],
    ['TextEncoder', "new TextEncoder().encode('é€').join(',')", '195,169,226,130,172'],
    ['TextDecoder', 'new TextDecoder().decode(new Uint8Array([0xc3, 0xa9]))', 'é'],
    [
      'TextDecoder fatal',
      "new TextDecoder('utf-8', { fatal: true }).decode(new Uint8Array([0xff]))",
      'threw:TypeError:The encoded data was not valid for encoding utf-8',
    ],
    ['atob/btoa', "atob(btoa('flex'))", 'flex'],
    ['setTimeout', "new Promise((resolve) => setTimeout(resolve, 5, 'done'))", 'done'],
    [
      'setInterval and clearInterval',
      'new Promise((resolve) => { let n = 0; const id = setInterval(() => { n++; if (n === 3) { clearInterval(id); resolve(n); } }, 1); })',
      '3',
    ],
    ['setImmediate', "new Promise((resolve) => setImmediate(resolve, 'now'))", 'now'],
    ['queueMicrotask', "new Promise((resolve) => queueMicrotask(() => resolve('micro')))", 'micro'],
    ['global', 'global === globalThis', 'true'],
    ['Web Crypto randomUUID', 'crypto.randomUUID().length', '36'],
  ])('%s', async (_label, expression, expected) => {
    expect(await value(expression)).toBe(expected);
  });
});

describe('Action runtime: fetch answered by the scenario stubs', () => {
  const stubs: FetchStub[] = [
    { url: 'https://api.example.com/roles/jane', method: 'GET', status: 200, json: { roles: ['supervisor'] } },
    { url: 'https://api.example.com/audit*', method: 'POST', status: 202, body: 'queued', headers: { 'x-id': '7' } },
  ];

  it('answers a stubbed GET with its JSON', async () => {
    expect(await value("fetch('https://api.example.com/roles/jane').then((r) => r.json()).then((b) => b.roles[0])", stubs)).toBe('supervisor');
  });

  it('answers a POST under a prefix stub with its status, headers and text', async () => {
    expect(
      await value(
        "fetch('https://api.example.com/audit/1', { method: 'post', body: '{}' }).then(async (r) => [r.status, r.ok, r.headers.get('X-Id'), await r.text()].join(' '))",
        stubs,
      ),
    ).toBe('202 true 7 queued');
  });

  it('rejects an unstubbed call like Node does (TypeError "fetch failed"), naming the stub to add', async () => {
    const result = await value("fetch('https://api.example.com/other')", stubs);
    expect(result).toMatch(
      /^threw:TypeError:fetch failed: GET https:\/\/api\.example\.com\/other is not stubbed, and the flex-sso emulator has no network at login time\. Stub it in the scenario: fetch: \[\{ url: 'https:\/\/api\.example\.com\/other', method: GET/,
    );
  });

  it('does not match a stub for another method', async () => {
    expect(await value("fetch('https://api.example.com/roles/jane', { method: 'DELETE' })", stubs)).toMatch(/^threw:TypeError:fetch failed: DELETE/);
  });
});
