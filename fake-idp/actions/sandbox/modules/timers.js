// Node's `timers` and `timers/promises` for Actions. Timers are the host's, owned by the run: they
// die with it and never fire into another login. Self-contained (see ../runtime.js).

export function timersModule(module, _exports, _require, _bridge, internals) {
  'use strict';
  const { setTimer, clearTimer, log } = internals;
  const state = { next: -1 }; // negative ids: the prelude's setTimeout counts up from 1
  const report = (error) => {
    log('error', `Uncaught in a timer: ${error && error.stack ? error.stack : String(error)}`);
  };
  const arm = (fn, ms, args, repeat) => {
    if (typeof fn !== 'function') {
      const e = new TypeError('The "callback" argument must be of type function');
      e.code = 'ERR_INVALID_ARG_TYPE';
      throw e;
    }
    const id = state.next--;
    const delay = Math.max(+ms || 0, repeat ? 1 : 0);
    const fire = () => {
      if (repeat) setTimer(id, fire, delay);
      try {
        Reflect.apply(fn, undefined, args);
      } catch (error) {
        report(error);
      }
    };
    setTimer(id, fire, delay);
    return id;
  };
  const clear = (id) => {
    if (typeof id === 'number') clearTimer(id);
  };
  const timers = {
    setTimeout: (fn, ms, ...args) => globalThis.setTimeout(fn, ms, ...args),
    clearTimeout: (id) => globalThis.clearTimeout(id),
    setInterval: (fn, ms, ...args) => arm(fn, ms, args, true),
    clearInterval: clear,
    setImmediate: (fn, ...args) => arm(fn, 0, args, false),
    clearImmediate: clear,
  };
  timers.promises = {
    setTimeout: (ms, value) =>
      new Promise((resolve) => {
        arm(() => resolve(value), ms, [], false);
      }),
    setImmediate: (value) =>
      new Promise((resolve) => {
        arm(() => resolve(value), 0, [], false);
      }),
  };
  module.exports = timers;
}
