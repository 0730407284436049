// The one host function the sandbox's runtime calls for native services (see ../sandbox/runtime.js):
// `bridge(op, a, b, c, d, e)` takes primitives, returns a string, or undefined after a failure whose
// description `bridge('lastError')` then returns. It never throws into the sandbox and never hands
// it a host object. State (crypto handles, fetch stubs) belongs to the run that owns the sandbox.
import { cryptoOps } from './crypto-ops.js';
import { fetchOp } from './fetch-stubs.js';
import { webOps } from './web-ops.js';

const MAX_HANDLES = 10_000;
const MAX_STRING = 16 * 1024 * 1024;

/** Numbered host objects of one run (Hash, Cipher…). */
export function runHandles() {
  const table = new Map();
  let next = 1;
  return {
    add(kind, object) {
      if (table.size >= MAX_HANDLES) throw new RangeError(`an Action may hold at most ${MAX_HANDLES} crypto objects`);
      const id = String(next++);
      table.set(id, { kind, object });
      return id;
    },
    get: (id) => table.get(id),
    clear: () => table.clear(),
  };
}

const primitive = (v) =>
  typeof v === 'string' ? (v.length > MAX_STRING ? '' : v) : typeof v === 'number' || typeof v === 'boolean' || v === undefined ? v : '';

/** The bridge for a sandbox; `currentRun()` is the run that owns it now (undefined between runs). */
export function createBridge(currentRun) {
  let lastError = '{"name":"Error","message":"no error"}';
  return function bridge(op, a, b, c, d, e) {
    try {
      if (op === 'lastError') return lastError;
      const run = currentRun();
      if (run === undefined) throw new Error("the Action's run is over");
      const args = [primitive(a), primitive(b), primitive(c), primitive(d), primitive(e)];
      let result;
      if (typeof op === 'string' && Object.prototype.hasOwnProperty.call(cryptoOps, op)) {
        result = cryptoOps[op](...args, run.handles);
      } else if (typeof op === 'string' && Object.prototype.hasOwnProperty.call(webOps, op)) {
        result = webOps[op](...args);
      } else if (op === 'fetch') {
        result = fetchOp(run.fetchStubs, args[0], args[1]);
      } else {
        throw new TypeError(`unknown operation ${String(op)}`);
      }
      return typeof result === 'string' ? result : String(result);
    } catch (error) {
      try {
        const info =
          error instanceof Error
            ? { name: String(error.name), message: String(error.message), code: typeof error.code === 'string' ? error.code : undefined }
            : { name: 'Error', message: 'failed' };
        lastError = JSON.stringify(info);
      } catch {
        lastError = '{"name":"Error","message":"failed"}';
      }
      return undefined;
    }
  };
}
