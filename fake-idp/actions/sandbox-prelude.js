// Code that runs INSIDE an Action's vm context (the worker compiles `String(sandboxPrelude)` there).
// Why it lives in the sandbox: every object an Action can touch must belong to the sandbox's own
// realm. A host object (an Error, a function, a Promise resolver, a Buffer, a URL…) leaks the host's
// Function constructor through `.constructor.constructor`, which compiles code outside the
// sandbox's `codeGeneration: { strings: false }` rule. So the event is parsed here, `api` and
// `console` are built here, and only primitives cross to the host functions (which never throw).
// This function must stay self-contained: it may use only its parameter and ECMAScript built-ins.

export function sandboxPrelude(host) {
  'use strict';
  const { log: hostLog, setTimer: hostSetTimer, clearTimer: hostClearTimer, done: hostDone, require: actionRequire } = host;
  const $stringify = JSON.stringify,
    $parse = JSON.parse,
    $String = String,
    $Error = Error,
    $TypeError = TypeError,
    $isArray = Array.isArray;
  const $keys = Object.keys,
    $freeze = Object.freeze,
    $apply = Reflect.apply,
    $isFinite = Number.isFinite;
  const $then = Promise.prototype.then,
    $resolve = Promise.resolve.bind(Promise);
  const MAX_LOG = 4096;

  function safe(fn, fallback) {
    try {
      return fn();
    } catch {
      return fallback;
    }
  }
  function format(value) {
    if (typeof value === 'string') return value;
    if (value instanceof $Error) return safe(() => $String(value.stack || `${value.name}: ${value.message}`), '[Error]');
    if (typeof value === 'function') return '[Function]';
    if (value === undefined) return 'undefined';
    return safe(() => $stringify(value) ?? $String(value), '[unprintable]');
  }
  function emit(level, args) {
    let text = '';
    for (let i = 0; i < args.length; i++) text += (i ? ' ' : '') + format(args[i]);
    hostLog(level, text.length > MAX_LOG ? text.slice(0, MAX_LOG) + '… (truncated)' : text);
  }

  const timers = { next: 1 };
  globalThis.console = $freeze({
    log: (...a) => emit('log', a),
    info: (...a) => emit('info', a),
    warn: (...a) => emit('warn', a),
    error: (...a) => emit('error', a),
    debug: (...a) => emit('debug', a),
  });
  globalThis.setTimeout = (fn, ms, ...args) => {
    if (typeof fn !== 'function') throw new $TypeError('setTimeout: callback must be a function');
    const id = timers.next++;
    hostSetTimer(
      id,
      () => {
        try {
          $apply(fn, undefined, args);
        } catch (e) {
          emit('error', ['Uncaught in setTimeout:', e]);
        }
      },
      +ms || 0,
    );
    return id;
  };
  globalThis.clearTimeout = (id) => {
    if (typeof id === 'number') hostClearTimer(id);
  };
  // Node's module system for the Action: built-ins and its declared npm dependencies (./sandbox/runtime.js).
  const requireShim = actionRequire;
  globalThis.require = requireShim;

  const jsonCopy = (v) => $parse($stringify(v));
  const SETTERS = {
    audience: 'string',
    recipient: 'string',
    destination: 'string',
    issuer: 'string',
    lifetimeInSeconds: 'seconds',
    signResponse: 'boolean',
    nameIdentifierFormat: 'string',
    nameIdentifierProbes: 'string[]',
    createUpnClaim: 'boolean',
    passthroughClaimsWithNoMapping: 'boolean',
    mapUnknownClaimsAsIs: 'boolean',
    mapIdentities: 'boolean',
    signatureAlgorithm: 'rsa-sha256|rsa-sha1',
    digestAlgorithm: 'sha256|sha1',
    typedAttributes: 'boolean',
    includeAttributeNameFormat: 'boolean',
    authnContextClassRef: 'string',
    signingCert: 'string',
    encryptionCert: 'string',
    encryptionPublicKey: 'string',
    relayState: 'string',
    // setCert/setKey/setEncryptionAlgorithm: names and the one allowed algorithm per the post-login API docs.
    cert: 'string',
    key: 'string',
    encryptionAlgorithm: 'aes256-gcm',
  };
  function fits(type, v) {
    if (type === 'string') return typeof v === 'string';
    if (type === 'boolean') return typeof v === 'boolean';
    if (type === 'seconds') return typeof v === 'number' && $isFinite(v) && v > 0;
    if (type === 'string[]') return $isArray(v) && v.every((x) => typeof x === 'string');
    return typeof v === 'string' && type.split('|').includes(v);
  }
  const $charCodeAt = String.prototype.charCodeAt,
    $min = Math.min;
  function utf8Bytes(text) {
    let n = 0;
    for (let i = 0; i < text.length; i++) {
      const c = $apply($charCodeAt, text, [i]);
      if (c < 0x80) n += 1;
      else if (c < 0x800) n += 2;
      else if (
        c >= 0xd800 &&
        c <= 0xdbff &&
        i + 1 < text.length &&
        $apply($charCodeAt, text, [i + 1]) >= 0xdc00 &&
        $apply($charCodeAt, text, [i + 1]) <= 0xdfff
      ) {
        n += 4;
        i++;
      } else n += 3;
    }
    return n;
  }

  // api.cache over the trigger's entries as they were when this Action started (the host's
  // fake-idp/actions/action-cache.ts sends them with the limits and the clock); every accepted
  // write is reported for the host to apply before the next Action runs.
  function buildCache(state, snapshot) {
    const { now, limits } = snapshot;
    const entries = Object.create(null);
    for (let i = 0; i < snapshot.entries.length; i++) {
      const e = snapshot.entries[i];
      entries[e[0]] = { value: e[1], expires_at: e[2] };
    }
    const totalBytes = () => {
      let total = 0;
      const keys = $keys(entries);
      for (let i = 0; i < keys.length; i++) total += utf8Bytes(keys[i]) + utf8Bytes(entries[keys[i]].value);
      return total;
    };
    // Auth0 documents `type: "error"` with a `code`, not the codes themselves (emulator-fidelity.md).
    const refused = (code) => ({ type: 'error', code });
    return {
      get(key) {
        const entry = entries[$String(key)];
        return entry !== undefined && entry.expires_at > now ? { value: entry.value, expires_at: entry.expires_at } : undefined;
      },
      set(key, value, options) {
        const k = $String(key);
        const v = $String(value);
        if (utf8Bytes(k) > limits.maxKeyBytes) return refused('KEY_TOO_LARGE');
        if (utf8Bytes(v) > limits.maxValueBytes) return refused('VALUE_TOO_LARGE');
        const ttl = options !== null && typeof options === 'object' ? options.ttl : undefined;
        const at = options !== null && typeof options === 'object' ? options.expires_at : undefined;
        let expiresAt = now + (typeof ttl === 'number' && $isFinite(ttl) && ttl > 0 ? ttl : limits.defaultTtlMs);
        if (typeof at === 'number' && $isFinite(at)) expiresAt = typeof ttl === 'number' && $isFinite(ttl) && ttl > 0 ? $min(expiresAt, at) : at;
        expiresAt = $min(expiresAt, now + limits.maxTtlMs);
        const previous = entries[k];
        if (previous === undefined && $keys(entries).length >= limits.maxEntries) return refused('TOO_MANY_ENTRIES');
        entries[k] = { value: v, expires_at: expiresAt };
        if (totalBytes() > limits.maxTotalBytes) {
          if (previous === undefined) delete entries[k];
          else entries[k] = previous;
          return refused('CACHE_FULL');
        }
        state.cache.push([k, v, expiresAt]);
        return { type: 'success' };
      },
      delete(key) {
        const k = $String(key);
        delete entries[k];
        state.cache.push([k, null, now]);
        return { type: 'success' };
      },
    };
  }
  const describe = (v) => (v === null ? 'null' : $isArray(v) ? 'array' : typeof v);

  function buildApi(state, cacheSnapshot) {
    const fail = (message) => {
      if (!state.apiError) state.apiError = message;
      throw new $TypeError(message);
    };
    const api = {};
    // One value as node-saml (lib/saml20.js) writes it: `textContent = value`, typed by `typeof`.
    // What JSON cannot carry to the host keeps its text and type here: an object → `[object Object]`.
    const samlValue = (name, v) => {
      if (v === null || typeof v === 'string' || typeof v === 'boolean') return v;
      if (typeof v === 'number') return $isFinite(v) ? v : { $saml: 'xs:double', text: $String(v) };
      let text;
      try {
        text = '' + v;
      } catch {
        fail(`api.samlResponse.setAttribute('${name}'): a ${describe(v)} value has no text form for SAML`);
      }
      return { $saml: 'xs:anyType', text: $String(text) };
    };
    const samlResponse = {
      setAttribute(name, value) {
        if (typeof name !== 'string' || name.length === 0) fail(`api.samlResponse.setAttribute: name must be a non-empty string, received ${describe(name)}`);
        // Post-login API docs: "Setting this value to null or undefined will remove the claim".
        if (value === null || value === undefined) {
          state.attributes.push([name, null]);
          return api;
        }
        if (!$isArray(value)) {
          state.attributes.push([name, samlValue(name, value)]);
          return api;
        }
        // node-saml skips `undefined` array elements (holes included) and writes the others.
        const list = [];
        for (let i = 0; i < value.length; i++) if (value[i] !== undefined) list.push(samlValue(name, value[i]));
        state.attributes.push([name, list]);
        return api;
      },
    };
    for (const key of $keys(SETTERS)) {
      const setter = `set${key[0].toUpperCase()}${key.slice(1)}`;
      samlResponse[setter] = (value) => {
        if (!fits(SETTERS[key], value)) fail(`api.samlResponse.${setter}: expected ${SETTERS[key]}, received ${describe(value)}`);
        state.overrides[key] = $isArray(value) ? [...value] : value;
        return api;
      };
    }
    const metadataSetter = (list, label) => (name, value) => {
      if (typeof name !== 'string' || name.length === 0) fail(`api.user.${label}: name must be a non-empty string`);
      let copy;
      try {
        copy = value === null ? null : jsonCopy(value);
      } catch {
        copy = undefined;
      }
      if (copy === undefined) fail(`api.user.${label}('${name}'): value must be JSON-serialisable or null (null deletes), received ${describe(value)}`);
      list.push([name, copy]);
      return api;
    };
    api.access = {
      deny(reason) {
        if (state.denied === undefined) state.denied = $String(reason ?? '');
        return api;
      },
    };
    api.samlResponse = samlResponse;
    api.user = { setAppMetadata: metadataSetter(state.app, 'setAppMetadata'), setUserMetadata: metadataSetter(state.user, 'setUserMetadata') };
    // post-login-api-object: MFA is "deferred to the end of the login flow"; the last call decides,
    // and provider 'none' skips MFA for this login (customize/actions/explore-triggers/post-login).
    api.multifactor = {
      enable(provider) {
        state.multifactor = provider === undefined ? 'any' : $String(provider);
        return api;
      },
    };
    api.idToken = {
      setCustomClaim() {
        return api;
      },
    };
    api.accessToken = {
      setCustomClaim() {
        return api;
      },
      addScope() {
        return api;
      },
      removeScope() {
        return api;
      },
    };
    api.redirect = {
      sendUserTo() {
        fail('api.redirect.sendUserTo: redirects are not supported by the emulator (SAML login flow)');
      },
      encodeToken() {
        fail('api.redirect.encodeToken: redirects are not supported by the emulator');
      },
      validateToken() {
        fail('api.redirect.validateToken: redirects are not supported by the emulator');
      },
    };
    api.cache = buildCache(state, cacheSnapshot);
    return api;
  }

  function describeError(e) {
    if (e instanceof $Error) {
      return { message: safe(() => `${$String(e.name)}: ${$String(e.message)}`, 'Error'), stack: safe(() => $String(e.stack), '') };
    }
    return { message: `Uncaught ${safe(() => format(e), 'value')}`, stack: '' };
  }

  // One instance of an Action (Auth0's Node 22 runtime, docs "customize/extensibility-runtime/
  // runtimes/node-22": "Module-level code in Actions runs once per instance of your Action and may
  // be reused across many executions"): the module body runs on the instance's first execution
  // only; every execution calls exports.onExecutePostLogin(event, api) and reports once. Returns
  // true when the module is loaded, so the host keeps this instance warm; false = discard it.
  let loadedModule;
  return function run(moduleFn, eventJson, cacheJson) {
    const state = { attributes: [], overrides: {}, app: [], user: [], cache: [], denied: undefined, apiError: undefined, multifactor: undefined };
    let reported = false;
    const report = (status, error) => {
      if (reported) return;
      reported = true;
      const body = {
        status,
        denied: state.denied,
        apiError: state.apiError,
        error,
        attributes: state.attributes,
        overrides: state.overrides,
        app: state.app,
        user: state.user,
        multifactor: state.multifactor,
        cache: state.cache,
      };
      hostDone(safe(() => $stringify(body), '{"status":"error","error":{"message":"result is not serialisable"}}'));
    };
    try {
      const event = $parse(eventJson);
      const api = buildApi(state, $parse(cacheJson));
      if (loadedModule === undefined) {
        const module = { exports: {} };
        $apply(moduleFn, module.exports, [module.exports, requireShim, module, '/action/index.js', '/action']);
        loadedModule = module;
      }
      const handler = loadedModule.exports ? loadedModule.exports.onExecutePostLogin : undefined;
      if (typeof handler !== 'function') {
        report('missing-handler');
        return true;
      }
      const pending = $resolve($apply(handler, undefined, [event, api]));
      $apply($then, pending, [() => report('ok'), (e) => report('error', describeError(e))]);
    } catch (e) {
      report('error', describeError(e));
    }
    return loadedModule !== undefined;
  };
}
