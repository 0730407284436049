// The worker receives an Action's code once and runs it by hash afterwards. Each Action version is an
// instance as on Auth0's Node 22 runtime (docs "customize/extensibility-runtime/runtimes/node-22":
// "Module-level code in Actions runs once per instance of your Action and may be reused across many
// executions"): module state carries over between logins on the same instance, never between Actions.
import { afterAll, describe, expect, it } from 'vitest';
import { ActionRunner } from '../../../fake-idp/actions/runner.ts';
import { action, eventFor, rawAction } from './helpers.ts';

// One worker, so every run below lands on the same thread, the same code cache and the same instances.
const runner = new ActionRunner({ poolSize: 1, timeoutMs: 10_000 });
afterAll(() => runner.close());

const COUNTER = `
  globalThis.loads = (globalThis.loads || 0) + 1;
  let moduleCalls = 0;
  exports.onExecutePostLogin = async (event, api) => {
    moduleCalls += 1;
    globalThis.runs = (globalThis.runs || 0) + 1;
    const inherited = [].leaked === undefined && typeof JSON.leaked === 'undefined' ? 'clean' : 'leaked';
    Array.prototype.leaked = true;
    JSON.leaked = 'x';
    api.samlResponse.setAttribute('loads', globalThis.loads);
    api.samlResponse.setAttribute('module', moduleCalls);
    api.samlResponse.setAttribute('global', globalThis.runs);
    api.samlResponse.setAttribute('inherited', inherited);
  };`;

describe('Action instances (Auth0 Node 22 runtime: module code once per instance, reused across executions)', () => {
  it('runs the module body once and keeps its state, globals and prototypes for the next logins', async () => {
    const counter = rawAction('counter', COUNTER);
    const seen = [];
    for (let i = 0; i < 3; i += 1) {
      const outcome = await runner.run([counter], eventFor({ email: `run${i}@example.com` }));
      expect(outcome.ok).toBe(true);
      seen.push(outcome.saml.attributes);
    }
    expect(seen).toEqual([
      { loads: 1, module: 1, global: 1, inherited: 'clean' },
      { loads: 1, module: 2, global: 2, inherited: 'leaked' },
      { loads: 1, module: 3, global: 3, inherited: 'leaked' },
    ]);
  });

  it('starts a changed Action (a new version) on a blank instance', async () => {
    const outcome = await runner.run([rawAction('counter', `// version 2\n${COUNTER}`)], eventFor());
    expect(outcome.saml.attributes).toEqual({ loads: 1, module: 1, global: 1, inherited: 'clean' });
  });

  it("does not show one Action's globals to a different Action on the same worker", async () => {
    await runner.run([action('writer', `globalThis.shared = 'from writer'; setTimeout(() => { globalThis.late = 1; }, 0);`)], eventFor());
    const outcome = await runner.run(
      [action('reader', `api.samlResponse.setAttribute('seen', String(globalThis.shared) + '/' + String(globalThis.late));`)],
      eventFor(),
    );
    expect(outcome.saml.attributes).toEqual({ seen: 'undefined/undefined' });
  });

  it('keeps no instance whose module body threw: the next login loads the Action again on a blank context', async () => {
    const failing = rawAction(
      'failing-init',
      `globalThis.tries = (globalThis.tries || 0) + 1;
       if (globalThis.tries < 2) throw new Error('init failed on try ' + globalThis.tries);
       exports.onExecutePostLogin = async (event, api) => { api.samlResponse.setAttribute('tries', globalThis.tries); };`,
    );
    for (let i = 0; i < 2; i += 1) {
      const outcome = await runner.run([failing], eventFor());
      expect(outcome.ok).toBe(false);
      expect(outcome.error?.message).toContain('init failed on try 1');
    }
  });

  it('keeps the instance after a handler throws: the module is not loaded again', async () => {
    const flaky = rawAction(
      'flaky',
      `let calls = 0;
       exports.onExecutePostLogin = async (event, api) => {
         calls += 1;
         if (calls === 1) throw new Error('first call fails');
         api.samlResponse.setAttribute('calls', calls);
       };`,
    );
    expect((await runner.run([flaky], eventFor())).error?.message).toContain('first call fails');
    expect((await runner.run([flaky], eventFor())).saml.attributes).toEqual({ calls: 2 });
  });

  it('retires an instance after 1,000 executions, so the next login is a cold start', async () => {
    const counter = rawAction(
      'retired',
      `let calls = 0;\nexports.onExecutePostLogin = async (event, api) => { calls += 1; api.samlResponse.setAttribute('calls', calls); };`,
    );
    let last: unknown;
    for (let i = 0; i < 1000; i += 1) last = (await runner.run([counter], eventFor())).saml.attributes.calls;
    expect(last).toBe(1000);
    expect((await runner.run([counter], eventFor())).saml.attributes).toEqual({ calls: 1 });
  });

  it("sends the code again when the worker has evicted it, and runs it with this run's event", async () => {
    const first = action('first', `api.samlResponse.setAttribute('email', event.user.email);`);
    expect((await runner.run([first], eventFor({ email: 'a@example.com' }))).saml.attributes).toEqual({ email: 'a@example.com' });
    // More distinct Actions than the worker keeps compiled (64), so `first` is dropped there.
    for (let i = 0; i < 70; i += 1) {
      const outcome = await runner.run([action(`filler${i}`, `api.samlResponse.setAttribute('i', ${i});`)], eventFor());
      expect(outcome.saml.attributes).toEqual({ i });
    }
    const again = await runner.run([first], eventFor({ email: 'b@example.com' }));
    expect(again.ok).toBe(true);
    expect(again.saml.attributes).toEqual({ email: 'b@example.com' });
  });
});
