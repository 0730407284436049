// Code that runs INSIDE an Action's vm context, before the prelude: Node's module system and the
// Node 22 globals an Action may use (Auth0 runs Actions on Node 22: docs "Migrate from Node 18 to
// Node 22", "Actions limitations"). Why it is built this way (see also SECURITY.md §2):
// - every object an Action touches is created in the sandbox realm. Built-in modules are sandbox
//   code (./modules/*.js, or browserify's pure-JS ports evaluated here); the few native services
//   they need (hashing, zlib, URL parsing…) are host functions that take and return primitives only;
// - an npm dependency's CommonJS source is compiled INTO this context, so it runs under the same
//   rules as the Action (no process, no fs, no string code generation);
// - the host functions stay in this closure: nothing here hands them to the Action.
// This function must stay self-contained: it may use only its parameter and ECMAScript built-ins.

export function sandboxRuntime(host) {
  'use strict';
  const {
    resolve: hostResolve,
    compile: hostCompile,
    builtin: hostBuiltin,
    bridge: hostBridge,
    setTimer: hostSetTimer,
    clearTimer: hostClearTimer,
    log: hostLog,
  } = host;
  const $parse = JSON.parse,
    $Error = Error,
    $TypeError = TypeError,
    $String = String;
  const $defineProperty = Object.defineProperty,
    $freeze = Object.freeze,
    $create = Object.create,
    $apply = Reflect.apply;
  const $hasOwn = Object.prototype.hasOwnProperty,
    $fromCharCode = String.fromCharCode,
    $Uint8Array = Uint8Array;
  const $resolvePromise = Promise.resolve.bind(Promise),
    $then = Promise.prototype.then;
  const has = (object, key) => $apply($hasOwn, object, [key]);
  const describe = (v) =>
    v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v === 'object' ? 'an object' : `type ${typeof v} (${$String(v).slice(0, 40)})`;

  /** Calls a host service; its failure becomes an error of this realm (the host never throws). */
  function call(op, a, b, c, d, e) {
    const out = hostBridge(op, a, b, c, d, e);
    if (out !== undefined) return out;
    let info = { name: 'Error', message: `${op} failed` };
    try {
      info = $parse(hostBridge('lastError'));
    } catch {
      /* keep the generic message */
    }
    const Kind = info.name === 'TypeError' ? $TypeError : info.name === 'RangeError' ? RangeError : $Error;
    const error = new Kind(info.message);
    if (info.code) error.code = info.code;
    if (info.name && info.name !== error.name) $defineProperty(error, 'name', { value: info.name, configurable: true, writable: true });
    throw error;
  }

  /** Bytes cross the boundary as latin1 strings: one character per byte, a primitive. */
  function toLatin1(view) {
    let out = '';
    for (let i = 0; i < view.length; i += 8192) out += $apply($fromCharCode, null, view.subarray(i, i + 8192));
    return out;
  }
  function fromLatin1(text) {
    const bytes = new $Uint8Array(text.length);
    for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
    return bytes;
  }
  const later = (fn) => {
    $apply($then, $resolvePromise(undefined), [fn]);
  };
  const internals = $freeze({ call, toLatin1, fromLatin1, later, describe, setTimer: hostSetTimer, clearTimer: hostClearTimer, log: hostLog });

  // --- CommonJS loader -------------------------------------------------------------------------
  const builtins = $create(null); // name → exports
  const modules = $create(null); // filename → module

  function fail(answer) {
    const error = new $Error(answer.message);
    error.code = answer.code;
    throw error;
  }

  function loadBuiltin(name) {
    if (has(builtins, name)) return builtins[name].exports;
    const factory = hostBuiltin(name);
    if (typeof factory !== 'function') fail({ code: 'MODULE_NOT_FOUND', message: `Cannot find module '${name}'` });
    const module = { id: name, exports: {}, loaded: false };
    builtins[name] = module;
    try {
      factory(module, module.exports, makeRequire(`flex-sso:builtin/${name}`), hostBridge, internals);
    } catch (error) {
      delete builtins[name];
      throw error;
    }
    module.loaded = true;
    return module.exports;
  }

  function loadFile(filename, format) {
    if (has(modules, filename)) return modules[filename].exports;
    const compiled = hostCompile(filename);
    if (format === 'json') {
      if (typeof compiled !== 'string') fail({ code: 'MODULE_NOT_FOUND', message: `Cannot read ${filename}` });
      const module = { id: filename, filename, exports: $parse(compiled), loaded: true };
      modules[filename] = module;
      return module.exports;
    }
    if (typeof compiled !== 'function') fail({ code: 'MODULE_NOT_FOUND', message: typeof compiled === 'string' ? compiled : `Cannot load ${filename}` });
    const module = { id: filename, filename, exports: {}, loaded: false, children: [] };
    modules[filename] = module;
    const dirname = filename.slice(0, filename.lastIndexOf('/')) || '/';
    try {
      $apply(compiled, module.exports, [module.exports, makeRequire(filename), module, filename, dirname]);
    } catch (error) {
      delete modules[filename];
      throw error;
    }
    module.loaded = true;
    return module.exports;
  }

  function makeRequire(from) {
    function require(request) {
      if (typeof request !== 'string') {
        const error = new $TypeError(`The "id" argument must be of type string. Received ${describe(request)}`);
        error.code = 'ERR_INVALID_ARG_TYPE';
        throw error;
      }
      const bare = request.startsWith('node:') ? request.slice(5) : request;
      if (!bare.startsWith('flex-sso:') && has(builtins, bare)) return builtins[bare].exports;
      const answer = $parse(hostResolve(from, request));
      if (answer.error) fail(answer.error);
      if (answer.builtin) {
        const exports = loadBuiltin(answer.builtin);
        return answer.property ? exports[answer.property] : exports;
      }
      return loadFile(answer.file, answer.format);
    }
    require.cache = $create(null);
    return $freeze(require);
  }

  // --- Globals (Node 22's, built lazily: most Actions never touch them) ---------------------------
  /** A global that loads its module on first use, then becomes a plain writable property. */
  function lazyGlobal(name, load) {
    $defineProperty(globalThis, name, {
      configurable: true,
      enumerable: false,
      get() {
        const value = load();
        $defineProperty(globalThis, name, { value, writable: true, configurable: true, enumerable: false });
        return value;
      },
      set(value) {
        $defineProperty(globalThis, name, { value, writable: true, configurable: true, enumerable: false });
      },
    });
  }
  const web = () => loadBuiltin('flex-sso:web');
  for (const name of ['URL', 'URLSearchParams', 'TextEncoder', 'TextDecoder', 'atob', 'btoa', 'fetch', 'Headers', 'Response']) {
    lazyGlobal(name, () => web()[name]);
  }
  lazyGlobal('Buffer', () => loadBuiltin('buffer').Buffer);
  lazyGlobal('crypto', () => loadBuiltin('crypto').webcrypto);
  for (const name of ['setInterval', 'clearInterval', 'setImmediate', 'clearImmediate']) lazyGlobal(name, () => loadBuiltin('timers')[name]);
  $defineProperty(globalThis, 'queueMicrotask', {
    value: (fn) => {
      if (typeof fn !== 'function') throw new $TypeError('The "callback" argument must be of type function');
      later(fn);
    },
    writable: true,
    configurable: true,
  });
  $defineProperty(globalThis, 'global', { value: globalThis, writable: true, configurable: true });

  return { require: makeRequire('/action/index.js') };
}
