// Sandbox escapes must fail, and an Action that never ends or eats memory must not hurt the pool.
import { afterAll, describe, expect, it } from 'vitest';
import { ActionRunner } from '../../../fake-idp/actions/runner.ts';
import { action, eventFor, rawAction } from './helpers.ts';

const runner = new ActionRunner({ poolSize: 2, timeoutMs: 1_500 });
afterAll(() => runner.close());

/** Runs `probe` (an expression) inside an Action and returns what it evaluated to, or the error it threw. */
async function probe(expression: string): Promise<string> {
  const outcome = await runner.run(
    [
      action(
        'probe',
        `
    let result;
    try { const value = (${expression}); result = 'value:' + typeof value + ':' + String(value && value.pid !== undefined ? 'PROCESS' : value); }
    catch (e) { result = 'threw:' + (e && e.name) + ':' + (e && e.message); }
    api.samlResponse.setAttribute('result', result);`,
      ),
    ],
    eventFor(),
  );
  expect(outcome.ok).toBe(true);
  return String(outcome.saml.attributes.result);
}

describe('Action sandbox: escapes fail', () => {
  it('gives no host module through require', async () => {
    expect(await probe("require('fs')")).toMatch(/^threw:Error:The flex-sso emulator does not give Actions Node's 'fs' module/);
    expect(await probe("require('child_process')")).toMatch(/^threw:Error:The flex-sso emulator does not give Actions Node's 'child_process' module/);
    expect(await probe("require('module')")).toMatch(/^threw:Error:The flex-sso emulator does not give Actions Node's 'module' module/);
    expect(await probe("require('/etc/passwd')")).toMatch(/^threw:Error:Cannot find module '\/etc\/passwd': an Auth0 Action is a single file/);
    expect(await probe("require('npm:buffer')")).toMatch(/^threw:Error:Cannot find module 'npm:buffer'/);
    expect(await probe("require('flex-sso:web')")).toMatch(/^threw:Error:Cannot find module 'flex-sso:web'/);
    expect(await probe("(URL, require('flex-sso:web'))")).toMatch(/^threw:Error:Cannot find module 'flex-sso:web'/);
  });

  it('has no process', async () => {
    expect(await probe('process.exit(1)')).toBe('threw:ReferenceError:process is not defined');
    expect(await probe('globalThis.process')).toBe('value:undefined:undefined');
    expect(await probe('typeof Buffer + typeof fetch + typeof setImmediate')).toBe('value:string:functionfunctionfunction');
  });

  it('blocks eval and Function from strings', async () => {
    expect(await probe("eval('1 + 1')")).toMatch(/^threw:EvalError:Code generation from strings disallowed/);
    expect(await probe("new Function('return 1')()")).toMatch(/^threw:EvalError/);
    expect(await probe("(async () => {}).constructor('return 1')")).toMatch(/^threw:EvalError/);
  });

  it.each([
    ['this (module.exports)', "this.constructor.constructor('return process')()"],
    ['globalThis', "globalThis.constructor.constructor('return process')()"],
    ['the event', "event.constructor.constructor('return process')()"],
    ['an api function', "api.samlResponse.setAttribute.constructor('return process')()"],
    ['console', "console.log.constructor('return process')()"],
    ['setTimeout', "setTimeout.constructor('return process')()"],
    ['require', "require.constructor('return process')()"],
    ['a built-in module function', "require('crypto').createHash.constructor.constructor('return process')()"],
    ['an object a built-in returns', "require('crypto').createHash('sha1').constructor.constructor('return process')()"],
    [
      'an error raised by a host service',
      "(() => { try { require('crypto').createHash('nope'); } catch (e) { return e.constructor.constructor('return process')(); } })()",
    ],
    ['Buffer', "Buffer.constructor.constructor('return process')()"],
    ['a Buffer', "Buffer.from('x').constructor.constructor('return process')()"],
    ['URL', "new URL('https://a.example').constructor.constructor('return process')()"],
    ['fetch', "fetch.constructor('return process')()"],
    ['util.promisify', "require('util').promisify.constructor('return process')()"],
    ['zlib', "require('zlib').gzipSync('x').constructor.constructor('return process')()"],
  ])('does not hand out a host Function through %s', async (_label, expression) => {
    expect(await probe(expression)).toMatch(/^threw:(EvalError|TypeError)/);
  });

  it('hands out only objects of the sandbox realm from every built-in module, global and their results', async () => {
    const outcome = await runner.run(
      [
        action(
          'realm',
          `
      const roots = { globalThis };
      for (const name of ['assert', 'buffer', 'crypto', 'events', 'path', 'querystring', 'string_decoder', 'timers', 'url', 'util', 'zlib']) roots[name] = require(name);
      const c = require('crypto');
      roots.results = [c.createHash('sha1'), c.createHmac('sha1', 'k'), c.randomBytes(2), new URL('https://a.example/?x=1').searchParams, new TextEncoder().encode('x'),
        await fetch('https://stub.example/').catch((e) => e), require('url').parse('https://a.example/'), require('querystring').parse('a=1')];
      try { c.createHash('nope'); } catch (e) { roots.error = e; }
      const foreign = [];
      const seen = new Set();
      const endsInThisRealm = (v) => { let p = v; for (let i = 0; i < 64; i++) { const next = Object.getPrototypeOf(p); if (next === null) return p === v || p === Object.prototype; p = next; } return false; };
      const queue = [[roots, 'roots', 0]];
      while (queue.length) {
        const [value, path, depth] = queue.shift();
        if ((typeof value !== 'object' && typeof value !== 'function') || value === null || seen.has(value)) continue;
        seen.add(value);
        if (!endsInThisRealm(value)) foreign.push(path);
        if (depth >= 4) continue;
        queue.push([Object.getPrototypeOf(value), path + '.__proto__', depth + 1]);
        for (const key of Reflect.ownKeys(value)) {
          const d = Object.getOwnPropertyDescriptor(value, key);
          for (const [part, v] of [['', d.value], [':get', d.get], [':set', d.set]]) queue.push([v, path + '.' + String(key) + part, depth + 1]);
        }
      }
      api.samlResponse.setAttribute('foreign', foreign.join(' ') || 'none');
      api.samlResponse.setAttribute('walked', seen.size);`,
        ),
      ],
      eventFor(),
    );
    expect(outcome.error).toBeUndefined();
    expect(outcome.saml.attributes.foreign).toBe('none');
    expect(Number(outcome.saml.attributes.walked)).toBeGreaterThan(500);
  });

  it('gives no host object to Error.prepareStackTrace through the call sites of host frames', async () => {
    const outcome = await runner.run(
      [
        action(
          'callsites',
          `
      const found = new Set();
      Error.prepareStackTrace = (error, frames) => {
        for (const frame of frames) {
          for (const value of [frame.getThis(), frame.getFunction()]) {
            if (value === undefined || value === null) continue;
            try { found.add(typeof value.constructor.constructor('return process')()); } catch (e) { found.add('blocked:' + e.name); }
          }
        }
        return 'stack';
      };
      const stackOf = (fn) => { try { fn(); } catch (e) { return String(e.stack); } };
      stackOf(() => require('crypto').createHash('nope'));
      stackOf(() => require('fs'));
      stackOf(() => new URL('nope'));
      await new Promise((resolve) => setTimeout(() => { stackOf(() => { throw new Error('in timer'); }); resolve(); }, 1));
      await fetch('https://unstubbed.example/').catch((e) => String(e.stack));
      api.samlResponse.setAttribute('found', [...found].filter((f) => !f.startsWith('blocked:')).join(',') || 'none');`,
        ),
      ],
      eventFor(),
    );
    expect(outcome.error).toBeUndefined();
    expect(outcome.saml.attributes.found).toBe('none');
  });

  it('keeps the module-scope this escape out too', async () => {
    const outcome = await runner.run(
      [
        rawAction(
          'top',
          `
      let leak = 'none';
      try { leak = typeof this.constructor.constructor('return process')(); } catch (e) { leak = 'blocked:' + e.name; }
      exports.onExecutePostLogin = async (event, api) => { api.samlResponse.setAttribute('leak', leak); };`,
        ),
      ],
      eventFor(),
    );
    expect(outcome.saml.attributes.leak).toBe('blocked:EvalError');
  });

  it('gives no host object through errors raised while calling host functions at the stack limit', async () => {
    const outcome = await runner.run(
      [
        action(
          'overflow',
          `
      const found = new Set();
      const dive = (n) => {
        try { dive(n + 1); } catch (e) {
          try { console.log(n); setTimeout(() => {}, 0); } catch (inner) {
            try { found.add(typeof inner.constructor.constructor('return process')()); } catch (e2) { found.add('blocked:' + e2.name); }
          }
        }
      };
      dive(0);
      api.samlResponse.setAttribute('found', [...found].join(',') || 'nothing');`,
        ),
      ],
      eventFor(),
    );
    expect(outcome.ok).toBe(true);
    expect(String(outcome.saml.attributes.found)).not.toContain('object');
  });

  it('does not let a patched Promise.prototype.then catch host resolvers', async () => {
    const outcome = await runner.run(
      [
        action(
          'then',
          `
      const original = Promise.prototype.then;
      Promise.prototype.then = function (onOk, onErr) {
        try { const p = onOk && onOk.constructor && onOk.constructor.constructor('return process')(); if (p) api.samlResponse.setAttribute('leak', 'process'); } catch { /* blocked */ }
        return original.call(this, onOk, onErr);
      };
      api.samlResponse.setAttribute('ran', 'yes');`,
        ),
      ],
      eventFor(),
    );
    expect(outcome.ok).toBe(true);
    expect(outcome.saml.attributes).toEqual({ ran: 'yes' });
  });

  it('does not crash the worker on an unhandled rejection or a throwing timer', async () => {
    const outcome = await runner.run(
      [
        action(
          'unhandled',
          `
      Promise.reject(new Error('nobody listens'));
      await new Promise((resolve) => { setTimeout(() => { throw new Error('in timer'); }, 1); setTimeout(resolve, 10); });
      api.samlResponse.setAttribute('after', 'ok');`,
        ),
      ],
      eventFor(),
    );
    expect(outcome.ok).toBe(true);
    expect(outcome.saml.attributes).toEqual({ after: 'ok' });
    expect(outcome.logs.some((log) => log.level === 'error' && log.message.includes('in timer'))).toBe(true);
  });
});

describe('Action sandbox: deadline and resources', () => {
  const healthy = action('healthy', `api.samlResponse.setAttribute('email', event.user.email);`);

  it.each([
    ['a synchronous endless loop', 'while (true) {}'],
    ['an endless loop after an await', 'await null; while (true) {}'],
    // No promise chaining: memory stays flat, so only the deadline can stop it (a chained loop may hit the heap cap first).
    ['an endless microtask loop', 'const spin = () => { Promise.resolve().then(spin); }; spin(); await new Promise(() => {});'],
    ['a promise that never settles', 'await new Promise(() => {});'],
  ])('stops %s with a timeout error and keeps serving other runs', async (_label, body) => {
    const [stuck, ok] = await Promise.all([runner.run([action('stuck', body), healthy], eventFor()), runner.run([healthy], eventFor())]);
    expect(stuck.ok).toBe(false);
    expect(stuck.error).toMatchObject({ kind: 'timeout', action: 'stuck' });
    expect(stuck.error?.message).toContain('did not finish within 1500 ms');
    expect(ok.ok).toBe(true);
    const after = await runner.run([healthy], eventFor());
    expect(after.saml.attributes).toEqual({ email: 'jane@example.com' });
  });

  it('keeps the console output an Action wrote before it hung', async () => {
    const outcome = await runner.run([action('hang', `console.log('before'); await null; while (true) {}`)], eventFor());
    expect(outcome.error?.kind).toBe('timeout');
    expect(outcome.logs.map((log) => log.message)).toEqual(['before']);
  });

  it('turns a memory bomb into an error value and recovers', async () => {
    const outcome = await runner.run([action('bomb', `const hoard = []; while (true) hoard.push(new Array(1e6).fill(1));`)], eventFor());
    expect(outcome.ok).toBe(false);
    expect(outcome.error).toMatchObject({ kind: 'throw', action: 'bomb' });
    expect(outcome.error?.message).toContain('out of memory');
    const after = await runner.run([healthy], eventFor());
    expect(after.ok).toBe(true);
  });

  it('serves more concurrent runs than workers by queueing them', async () => {
    const outcomes = await Promise.all(
      Array.from({ length: 7 }, (_, i) => runner.run([action(`n${i}`, `api.samlResponse.setAttribute('n', ${i});`)], eventFor())),
    );
    expect(outcomes.map((o) => o.saml.attributes.n)).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });

  it('refuses to run after close', async () => {
    const closing = new ActionRunner({ poolSize: 1 });
    await closing.run([healthy], eventFor());
    await closing.close();
    await expect(closing.run([healthy], eventFor())).rejects.toThrow('closed');
  });
});
