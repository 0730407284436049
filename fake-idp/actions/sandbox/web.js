// Sandbox-side web globals of Node 22: URL, URLSearchParams, TextEncoder, TextDecoder, atob, btoa
// (parsing and encoding are Node's own, done by the host on primitives) and fetch with Headers and
// Response, answered only from the scenario's stubs: the emulator has no network at login time.
// Loaded as the internal built-in `flex-sso:web` by ./runtime.js; self-contained like it.

export function webModule(module, _exports, _require, _bridge, internals) {
  'use strict';
  const { call, toLatin1, fromLatin1, later, describe, log } = internals;
  const $parse = JSON.parse,
    $stringify = JSON.stringify,
    $String = String,
    $TypeError = TypeError;
  const typeError = (code, message) => {
    const e = new $TypeError(message);
    e.code = code;
    return e;
  };
  const bytesOf = (input) => {
    if (input instanceof ArrayBuffer) return new Uint8Array(input);
    if (ArrayBuffer.isView(input)) return new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
    return undefined;
  };

  class URLSearchParams {
    #list = [];
    #onChange;
    constructor(init = '', onChange = undefined) {
      this.#onChange = typeof onChange === 'function' ? onChange : undefined;
      if (typeof init === 'object' && init !== null) {
        if (typeof init[Symbol.iterator] === 'function') {
          for (const pair of init) {
            const entry = [...pair];
            if (entry.length !== 2) throw typeError('ERR_INVALID_TUPLE', 'Each query pair must be an iterable [name, value] tuple');
            this.#list.push([$String(entry[0]), $String(entry[1])]);
          }
        } else {
          for (const key of Object.keys(init)) this.#list.push([key, $String(init[key])]);
        }
      } else {
        this.#parse($String(init));
      }
    }
    #parse(text) {
      this.#list = $parse(call('params.parse', text.startsWith('?') ? text.slice(1) : text));
    }
    #changed() {
      if (this.#onChange) this.#onChange(this.toString());
    }
    get size() {
      return this.#list.length;
    }
    append(name, value) {
      this.#list.push([$String(name), $String(value)]);
      this.#changed();
    }
    delete(name, value) {
      const n = $String(name);
      this.#list = this.#list.filter(([k, v]) => k !== n || (value !== undefined && v !== $String(value)));
      this.#changed();
    }
    get(name) {
      const hit = this.#list.find(([k]) => k === $String(name));
      return hit ? hit[1] : null;
    }
    getAll(name) {
      return this.#list.filter(([k]) => k === $String(name)).map(([, v]) => v);
    }
    has(name, value) {
      return this.#list.some(([k, v]) => k === $String(name) && (value === undefined || v === $String(value)));
    }
    set(name, value) {
      const n = $String(name);
      const index = this.#list.findIndex(([k]) => k === n);
      if (index < 0) this.#list.push([n, $String(value)]);
      else this.#list = this.#list.filter(([k], i) => k !== n || i === index).map((e, i) => (i === index ? [n, $String(value)] : e));
      this.#changed();
    }
    sort() {
      this.#list = this.#list
        .map((e, i) => [e, i])
        .sort((a, b) => (a[0][0] < b[0][0] ? -1 : a[0][0] > b[0][0] ? 1 : a[1] - b[1]))
        .map(([e]) => e);
      this.#changed();
    }
    forEach(fn, thisArg) {
      for (const [k, v] of this.#list) fn.call(thisArg, v, k, this);
    }
    *entries() {
      for (const [k, v] of this.#list) yield [k, v];
    }
    *keys() {
      for (const [k] of this.#list) yield k;
    }
    *values() {
      for (const [, v] of this.#list) yield v;
    }
    [Symbol.iterator]() {
      return this.entries();
    }
    toString() {
      return call('params.stringify', $stringify(this.#list));
    }
    /** Used by URL when its search changes. */
    static _reset(params, search) {
      params.#parse(search);
    }
    get [Symbol.toStringTag]() {
      return 'URLSearchParams';
    }
  }

  class URL {
    #parts;
    #params;
    constructor(input, base) {
      if (arguments.length === 0) throw typeError('ERR_MISSING_ARGS', 'The "url" argument must be specified');
      this.#parts = $parse(call('url.parse', $String(input), base === undefined ? undefined : $String(base)));
    }
    static canParse(input, base) {
      try {
        new URL(input, base);
        return true;
      } catch {
        return false;
      }
    }
    get searchParams() {
      if (!this.#params)
        this.#params = new URLSearchParams(this.#parts.search, (search) => {
          this.#set('search', search);
        });
      return this.#params;
    }
    #set(field, value) {
      this.#parts = $parse(call('url.set', this.#parts.href, field, $String(value)));
      if (field !== 'search' && this.#params) URLSearchParams._reset(this.#params, this.#parts.search);
    }
    get href() {
      return this.#parts.href;
    }
    set href(v) {
      this.#parts = $parse(call('url.parse', $String(v)));
      if (this.#params) URLSearchParams._reset(this.#params, this.#parts.search);
    }
    get origin() {
      return this.#parts.origin;
    }
    get protocol() {
      return this.#parts.protocol;
    }
    set protocol(v) {
      this.#set('protocol', v);
    }
    get username() {
      return this.#parts.username;
    }
    set username(v) {
      this.#set('username', v);
    }
    get password() {
      return this.#parts.password;
    }
    set password(v) {
      this.#set('password', v);
    }
    get host() {
      return this.#parts.host;
    }
    set host(v) {
      this.#set('host', v);
    }
    get hostname() {
      return this.#parts.hostname;
    }
    set hostname(v) {
      this.#set('hostname', v);
    }
    get port() {
      return this.#parts.port;
    }
    set port(v) {
      this.#set('port', v);
    }
    get pathname() {
      return this.#parts.pathname;
    }
    set pathname(v) {
      this.#set('pathname', v);
    }
    get search() {
      return this.#parts.search;
    }
    set search(v) {
      this.#set('search', v);
      if (this.#params) URLSearchParams._reset(this.#params, this.#parts.search);
    }
    get hash() {
      return this.#parts.hash;
    }
    set hash(v) {
      this.#set('hash', v);
    }
    toString() {
      return this.#parts.href;
    }
    toJSON() {
      return this.#parts.href;
    }
    get [Symbol.toStringTag]() {
      return 'URL';
    }
  }

  class TextEncoder {
    get encoding() {
      return 'utf-8';
    }
    encode(input = '') {
      return fromLatin1(call('text.encode', $String(input)));
    }
    encodeInto(source, destination) {
      const bytes = this.encode(source);
      const n = Math.min(bytes.length, destination.length);
      destination.set(bytes.subarray(0, n));
      return { read: $String(source).length, written: n };
    }
  }
  class TextDecoder {
    #encoding;
    #fatal;
    #ignoreBOM;
    constructor(label = 'utf-8', options = {}) {
      this.#encoding = call('text.label', $String(label));
      this.#fatal = Boolean(options && options.fatal);
      this.#ignoreBOM = Boolean(options && options.ignoreBOM);
    }
    get encoding() {
      return this.#encoding;
    }
    get fatal() {
      return this.#fatal;
    }
    get ignoreBOM() {
      return this.#ignoreBOM;
    }
    decode(input = new Uint8Array(0)) {
      const bytes = bytesOf(input);
      if (!bytes)
        throw typeError('ERR_INVALID_ARG_TYPE', `The "input" argument must be an instance of ArrayBuffer or ArrayBufferView. Received ${describe(input)}`);
      return call('text.decode', this.#encoding, toLatin1(bytes), this.#fatal ? 'fatal' : '', this.#ignoreBOM ? 'ignoreBOM' : '');
    }
  }
  const atob = (data) => call('atob', $String(data));
  const btoa = (data) => call('btoa', $String(data));

  class Headers {
    #map = new Map();
    constructor(init) {
      if (init instanceof Headers) init.forEach((v, k) => this.append(k, v));
      else if (Array.isArray(init)) for (const [k, v] of init) this.append(k, v);
      else if (init && typeof init === 'object') for (const k of Object.keys(init)) this.append(k, init[k]);
    }
    append(name, value) {
      const k = $String(name).toLowerCase();
      const old = this.#map.get(k);
      this.#map.set(k, old === undefined ? $String(value) : `${old}, ${$String(value)}`);
    }
    set(name, value) {
      this.#map.set($String(name).toLowerCase(), $String(value));
    }
    get(name) {
      const v = this.#map.get($String(name).toLowerCase());
      return v === undefined ? null : v;
    }
    has(name) {
      return this.#map.has($String(name).toLowerCase());
    }
    delete(name) {
      this.#map.delete($String(name).toLowerCase());
    }
    forEach(fn, thisArg) {
      for (const [k, v] of [...this.#map].sort()) fn.call(thisArg, v, k, this);
    }
    *entries() {
      yield* [...this.#map].sort();
    }
    *keys() {
      for (const [k] of this.entries()) yield k;
    }
    *values() {
      for (const [, v] of this.entries()) yield v;
    }
    [Symbol.iterator]() {
      return this.entries();
    }
  }

  class Response {
    #body;
    #used = false;
    constructor(body = null, init = {}) {
      this.#body = body === null || body === undefined ? '' : $String(body);
      this.status = init.status ?? 200;
      this.statusText = init.statusText ?? '';
      this.headers = new Headers(init.headers);
      this.url = init.url ?? '';
      this.redirected = false;
      this.type = 'basic';
    }
    get ok() {
      return this.status >= 200 && this.status <= 299;
    }
    get bodyUsed() {
      return this.#used;
    }
    #take() {
      if (this.#used) return Promise.reject(new $TypeError('Body is unusable: Body has already been read'));
      this.#used = true;
      return Promise.resolve(this.#body);
    }
    text() {
      return this.#take();
    }
    json() {
      return this.#take().then((text) => $parse(text));
    }
    arrayBuffer() {
      return this.#take().then((text) => new TextEncoder().encode(text).buffer);
    }
    clone() {
      return new Response(this.#body, { status: this.status, statusText: this.statusText, headers: this.headers, url: this.url });
    }
  }

  /** Node 22's fetch, answered from the scenario's stubs (see scenarios/README.md, `fetch:`). */
  function fetch(input, init = {}) {
    return new Promise((resolve, reject) => {
      later(() => {
        try {
          const url = new URL(typeof input === 'object' && input !== null && 'url' in input ? input.url : input).href;
          const method = $String((init && init.method) || 'GET').toUpperCase();
          const answer = $parse(call('fetch', url, method));
          resolve(new Response(answer.body, { status: answer.status, statusText: answer.statusText, headers: answer.headers, url }));
        } catch (error) {
          if (error && error.code === 'FETCH_NOT_STUBBED') log('warn', `[flex-sso emulator] ${error.message}`);
          reject(error);
        }
      });
    });
  }

  module.exports = { URL, URLSearchParams, TextEncoder, TextDecoder, atob, btoa, fetch, Headers, Response };
}
