// Worker thread that runs post-login Actions for fake-idp/actions/runner.ts. Plain JavaScript so it
// loads the same way under vitest, tsx and plain node (workers do not inherit TypeScript loaders).
// One message = one Action against one event; the parent enforces the wall-clock deadline with
// worker.terminate(), because vm timeouts do not cover code that runs after an `await`.
// An Action's code crosses the thread boundary once: later runs name it by its content hash (the
// parent resends it when this worker answers `need-code`).
// Instances as on Auth0's Node 22 runtime (docs "customize/extensibility-runtime/runtimes/node-22":
// module-level code "runs once per instance of your Action and may be reused across many
// executions"): each Action version (code + dependencies) gets its own context, kept warm for later
// executions on this worker, so module state carries over as it may on a tenant, and one Action never
// sees another's globals. Cold starts take a blank context built while the worker was idle.
import { parentPort } from 'node:worker_threads';
import { setImmediate } from 'node:timers';
import vm from 'node:vm';
import { sandboxPrelude } from './sandbox-prelude.js';
import { sandboxRuntime } from './sandbox/runtime.js';
import { builtinFactory } from './host/builtins.js';
import { createBridge, runHandles } from './host/bridge.js';
import { compileModule, resolveRequest } from './host/loader.js';

// Defence in depth: if a host object ever reached an Action, `.constructor.constructor` must not
// hand it this realm's Function (which may compile strings). Nothing below needs those properties.
for (const fn of [function () {}, async function () {}, function* () {}, async function* () {}]) {
  Object.defineProperty(Object.getPrototypeOf(fn), 'constructor', { value: undefined, writable: false, configurable: false });
}

const PRELUDE = new vm.Script(`(${String(sandboxPrelude)})`, { filename: 'flex-sso-sandbox.js' });
const RUNTIME = new vm.Script(`(${String(sandboxRuntime)})`, { filename: 'flex-sso-runtime.js' });
const SCRIPT_CACHE_LIMIT = 64;
const scripts = new Map(); // code hash → vm.Script, least recently used first
const LOG_LIMIT = 200;
let current; // the run in progress: { runId, timers: Map, logs: number }
let spare; // a never-used sandbox built while idle: { context, start, slot }
// Warm instances, least recently used first: instance key → { context, start, slot, moduleFn, runs }.
const instances = new Map();
const INSTANCE_LIMIT = 16; // contexts live in this worker's 64 MB heap
// An instance is retired after this many executions, so cold starts keep happening as they do on a
// tenant; Auth0 does not publish an instance's lifetime (docs/emulator-fidelity.md, unconfirmed).
const INSTANCE_EXECUTIONS = 1000;

/** The compiled Action for `codeHash`, compiling `wrappedCode` when given; undefined = ask the parent. */
function compiled(codeHash, wrappedCode) {
  let script = scripts.get(codeHash);
  if (script) {
    scripts.delete(codeHash);
  } else {
    if (typeof wrappedCode !== 'string') return undefined;
    script = new vm.Script(wrappedCode, { filename: 'action.js' });
    if (scripts.size >= SCRIPT_CACHE_LIMIT) scripts.delete(scripts.keys().next().value);
  }
  scripts.set(codeHash, script);
  return script;
}

// A sandbox is bound to its run only when a run takes it (slot.run), so it can be built early.
function newSandbox() {
  const slot = { run: undefined };
  const context = vm.createContext(Object.create(null), {
    name: 'auth0-action',
    codeGeneration: { strings: false, wasm: false },
  });
  const runtime = RUNTIME.runInContext(context)(runtimeHostFor(slot, context));
  const start = PRELUDE.runInContext(context)(sealed(hostFor(slot), { require: runtime.require }));
  return { context, start, slot };
}

function takeSandbox() {
  const sandbox = spare ?? newSandbox();
  spare = undefined;
  return sandbox;
}

/** An Action version: its code and the dependency versions it may require (a new version = a new instance). */
function instanceKey(codeHash, deps) {
  let key = codeHash;
  for (const d of deps) key += `\0${d.name}@${d.version}@${d.dir}`;
  return key;
}

/** The warm instance for `key`, or a cold one on a blank context. */
function takeInstance(key, script) {
  const warm = instances.get(key);
  if (warm) {
    instances.delete(key);
    return warm;
  }
  const sandbox = takeSandbox();
  return { ...sandbox, key, moduleFn: script.runInContext(sandbox.context), runs: 0 };
}

/**
 * Back into the pool (this worker runs one execution at a time, so the next message finds it idle),
 * unless its module failed to load or it has served its executions.
 */
function keepInstance(instance, loaded) {
  if (loaded !== true || instance.runs >= INSTANCE_EXECUTIONS) return;
  instances.set(instance.key, instance);
  if (instances.size > INSTANCE_LIMIT) instances.delete(instances.keys().next().value);
}

function prepareSpare() {
  if (spare !== undefined || current !== undefined) return;
  try {
    spare = newSandbox();
  } catch {
    spare = undefined; /* built again on demand, inside the run's error handling */
  }
}

function post(message) {
  try {
    parentPort.postMessage(message);
  } catch {
    /* a closing port: nothing to report to */
  }
}

// Host functions handed to the sandbox: primitives in, undefined out, and they never throw. They act
// only for the run that owns their sandbox, and only while that run is the current one.
function hostFor(slot) {
  return {
    log(level, text) {
      try {
        const run = slot.run;
        if (run === undefined || current !== run || typeof text !== 'string') return undefined;
        run.logs += 1;
        if (run.logs > LOG_LIMIT) return undefined;
        const message = run.logs === LOG_LIMIT ? `${text} (log limit of ${LOG_LIMIT} lines reached)` : text;
        post({ type: 'log', runId: run.runId, level: typeof level === 'string' ? level : 'log', message });
      } catch {
        /* never throw into the sandbox */
      }
      return undefined;
    },
    setTimer(id, callback, ms) {
      try {
        const run = slot.run;
        if (run === undefined || current !== run || typeof id !== 'number' || typeof callback !== 'function') return undefined;
        const delay = Math.min(Math.max(Number(ms) || 0, 0), 2_147_483_647);
        run.timers.set(
          id,
          setTimeout(() => {
            run.timers.delete(id);
            if (current === run) callback();
          }, delay),
        );
      } catch {
        /* never throw into the sandbox */
      }
      return undefined;
    },
    clearTimer(id) {
      try {
        const run = slot.run;
        if (run === undefined) return undefined;
        const timer = run.timers.get(id);
        if (timer) clearTimeout(timer);
        run.timers.delete(id);
      } catch {
        /* never throw into the sandbox */
      }
      return undefined;
    },
    done(json) {
      try {
        const run = slot.run;
        if (run === undefined || current !== run || typeof json !== 'string') return undefined;
        // Let the Action's stray microtasks drain first: a run-away promise loop then blocks this
        // reply and the parent's deadline blames the Action that started it, not the next one.
        setImmediate(() => finish(run, json));
      } catch {
        /* never throw into the sandbox */
      }
      return undefined;
    },
  };
}

/** A host object for the sandbox: no prototype to climb (`__proto__` reaches no host built-in), frozen. */
function sealed(functions, sandboxValues = {}) {
  const out = Object.assign(Object.create(null), sandboxValues);
  for (const [name, fn] of Object.entries(functions)) {
    if (typeof fn === 'function') {
      Object.setPrototypeOf(fn, null);
      Object.freeze(fn);
    }
    out[name] = fn;
  }
  return Object.freeze(out);
}

// The runtime's host services (module loading, native operations), for the run that owns the
// sandbox and only while it is the current one. Primitives in; primitives or functions compiled
// in this very context out; never a throw.
function runtimeHostFor(slot, context) {
  const live = () => (slot.run !== undefined && current === slot.run ? slot.run : undefined);
  const host = hostFor(slot);
  return sealed({
    resolve(from, request) {
      try {
        const run = live();
        if (run === undefined) return '{"error":{"code":"EMULATOR_RUN_OVER","message":"the Action\'s run is over"}}';
        return resolveRequest(from, request, run);
      } catch (error) {
        return JSON.stringify({
          error: { code: 'MODULE_NOT_FOUND', message: `Cannot load '${String(request)}': ${error instanceof Error ? error.message : 'failure'}` },
        });
      }
    },
    compile(file) {
      try {
        const run = live();
        return run === undefined ? "the Action's run is over" : compileModule(file, context, run);
      } catch (error) {
        return `${String(file)}: ${error instanceof Error ? `${error.name}: ${error.message}` : 'cannot be compiled'}`;
      }
    },
    builtin(name) {
      try {
        return live() === undefined ? undefined : builtinFactory(name, context);
      } catch {
        return undefined;
      }
    },
    bridge: createBridge(live),
    setTimer: host.setTimer,
    clearTimer: host.clearTimer,
    log: host.log,
  });
}

function finish(run, json) {
  if (current !== run) return;
  for (const timer of run.timers.values()) clearTimeout(timer);
  run.timers.clear();
  run.handles.clear();
  current = undefined;
  post({ type: 'done', runId: run.runId, json });
  setImmediate(prepareSpare);
}

function execute({ runId, codeHash, wrappedCode, eventJson, cacheJson, dependencies, fetchStubs }) {
  const run = {
    runId,
    timers: new Map(),
    logs: 0,
    handles: runHandles(),
    allowed: new Set(),
    deps: Array.isArray(dependencies) ? dependencies.map((d) => ({ name: String(d.name), version: String(d.version), dir: String(d.dir) })) : [],
    fetchStubs: Array.isArray(fetchStubs) ? fetchStubs : [],
  };
  current = run;
  try {
    const script = compiled(codeHash, wrappedCode);
    if (script === undefined) {
      current = undefined;
      post({ type: 'need-code', runId });
      return;
    }
    const instance = takeInstance(instanceKey(codeHash, run.deps), script);
    instance.slot.run = run;
    instance.runs += 1;
    keepInstance(instance, instance.start(instance.moduleFn, eventJson, cacheJson));
  } catch (error) {
    // Only host-side failures land here (the prelude catches everything the Action throws).
    finish(run, JSON.stringify({ status: 'error', error: { message: `emulator: ${error instanceof Error ? error.message : 'failure'}`, stack: '' } }));
  }
}

// An Action's unhandled rejection or a throw from one of its timers must not kill the worker.
process.on('unhandledRejection', () => {
  /* the Action outcome is reported by its own promise */
});
process.on('uncaughtException', () => {
  /* ditto; timers wrap their callbacks */
});

parentPort.on('message', (message) => {
  if (message && message.type === 'run') execute(message);
});
setImmediate(prepareSpare);
