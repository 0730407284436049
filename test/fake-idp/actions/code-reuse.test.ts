// The worker receives an Action's code once and runs it by hash afterwards, with a sandbox it may
// build ahead of time: every login must still start from a context no earlier login has touched,
// and a worker that dropped the code from its cache must get it again.
import { afterAll, describe, expect, it } from 'vitest';
import { ActionRunner } from '../../../fake-idp/actions/runner.ts';
import { action, eventFor, rawAction } from './helpers.ts';

// One worker, so every run below lands on the same thread and the same code cache.
const runner = new ActionRunner({ poolSize: 1, timeoutMs: 5_000 });
afterAll(() => runner.close());

describe('Action code sent once, fresh context every run', () => {
  it("runs the same code again with none of the previous run's globals, prototypes or module state", async () => {
    const counter = rawAction(
      'counter',
      `
      let moduleCalls = 0;
      exports.onExecutePostLogin = async (event, api) => {
        moduleCalls += 1;
        globalThis.runs = (globalThis.runs || 0) + 1;
        const inherited = [].leaked === undefined && typeof JSON.leaked === 'undefined' ? 'clean' : 'leaked';
        Array.prototype.leaked = true;
        JSON.leaked = 'x';
        api.samlResponse.setAttribute('module', moduleCalls);
        api.samlResponse.setAttribute('global', globalThis.runs);
        api.samlResponse.setAttribute('inherited', inherited);
      };`,
    );
    for (let i = 0; i < 3; i += 1) {
      const outcome = await runner.run([counter], eventFor({ email: `run${i}@example.com` }));
      expect(outcome.ok).toBe(true);
      expect(outcome.saml.attributes).toEqual({ module: 1, global: 1, inherited: 'clean' });
    }
  });

  it("does not show one Action's globals to a different Action on the same worker", async () => {
    await runner.run([action('writer', `globalThis.shared = 'from writer'; setTimeout(() => { globalThis.late = 1; }, 0);`)], eventFor());
    const outcome = await runner.run(
      [action('reader', `api.samlResponse.setAttribute('seen', String(globalThis.shared) + '/' + String(globalThis.late));`)],
      eventFor(),
    );
    expect(outcome.saml.attributes).toEqual({ seen: 'undefined/undefined' });
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
