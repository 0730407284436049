// Node's `util` for Actions, written for the sandbox: format, inspect (single-line: Node's line
// breaking is not modelled), promisify, callbackify, inherits, deprecate, isDeepStrictEqual, types,
// TextEncoder/TextDecoder. Self-contained (see ../runtime.js).

export function utilModule(module, exports, require, _bridge, internals) {
  'use strict';
  const web = require('flex-sso:web');
  const kCustom = Symbol.for('nodejs.util.promisify.custom');
  const kInspect = Symbol.for('nodejs.util.inspect.custom');
  const tag = (v) => Object.prototype.toString.call(v).slice(8, -1);
  const IDENT = /^[A-Za-z_$][\w$]*$/;
  const quote = (s) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n')}'`;

  function inspect(value, options) {
    const depth = options && typeof options.depth === 'number' ? options.depth : options === null ? Infinity : 2;
    const seen = [];
    const show = (v, level) => {
      if (typeof v === 'string') return level === 0 && options === 'format' ? v : quote(v);
      if (typeof v === 'number') return Object.is(v, -0) ? '-0' : String(v);
      if (typeof v === 'bigint') return `${v}n`;
      if (typeof v === 'symbol') return v.toString();
      if (v === undefined || v === null || typeof v === 'boolean') return String(v);
      if (typeof v === 'function') {
        const src = Function.prototype.toString.call(v);
        return src.startsWith('class')
          ? `[class ${v.name || '(anonymous)'}]`
          : `[Function: ${v.name || '(anonymous)'}]`.replace(': (anonymous)]', ' (anonymous)]');
      }
      if (typeof v[kInspect] === 'function') return String(v[kInspect](depth - level, {}, inspect));
      if (v instanceof Error) return v.stack || `${v.name}: ${v.message}`;
      if (v instanceof Date) return Number.isNaN(v.getTime()) ? 'Invalid Date' : v.toISOString();
      if (v instanceof RegExp) return v.toString();
      if (v instanceof web.URL) return `URL '${v.href}'`;
      if (seen.includes(v)) return '[Circular *1]';
      if (level > depth) return Array.isArray(v) ? '[Array]' : `[${tag(v)}]`;
      seen.push(v);
      try {
        if (ArrayBuffer.isView(v) && v.constructor && v.constructor.name === 'Buffer') {
          const hex = Array.from(v.subarray(0, 50), (b) => b.toString(16).padStart(2, '0')).join(' ');
          return `<Buffer${hex ? ` ${hex}` : ''}${v.length > 50 ? ` ... ${v.length - 50} more bytes` : ''}>`;
        }
        if (Array.isArray(v) || ArrayBuffer.isView(v)) {
          const items = Array.from(v, (x) => show(x, level + 1));
          const prefix = Array.isArray(v) ? '' : `${tag(v)}(${v.length}) `;
          return items.length ? `${prefix}[ ${items.join(', ')} ]` : `${prefix}[]`;
        }
        if (v instanceof Map)
          return `Map(${v.size}) {${v.size ? ` ${Array.from(v, ([k, x]) => `${show(k, level + 1)} => ${show(x, level + 1)}`).join(', ')} ` : ''}}`;
        if (v instanceof Set) return `Set(${v.size}) {${v.size ? ` ${Array.from(v, (x) => show(x, level + 1)).join(', ')} ` : ''}}`;
        if (v instanceof Promise) return 'Promise { <pending> }';
        const keys = Object.keys(v);
        const name =
          Object.getPrototypeOf(v) === null
            ? '[Object: null prototype] '
            : v.constructor && v.constructor.name && v.constructor.name !== 'Object'
              ? `${v.constructor.name} `
              : '';
        const body = keys.map((k) => `${IDENT.test(k) ? k : quote(k)}: ${show(v[k], level + 1)}`);
        return body.length ? `${name}{ ${body.join(', ')} }` : `${name}{}`;
      } finally {
        seen.pop();
      }
    };
    return show(value, 0);
  }
  inspect.custom = kInspect;

  function format(first, ...args) {
    if (typeof first !== 'string') return [first, ...args].map((v) => (typeof v === 'string' ? v : inspect(v))).join(' ');
    let i = 0;
    const text = first.replace(/%([sdifjoOc%])/g, (match, f) => {
      if (f === '%') return '%';
      if (i >= args.length) return match;
      const v = args[i++];
      if (f === 's')
        return typeof v === 'string' ? v : typeof v === 'bigint' ? `${v}n` : typeof v === 'object' && v !== null ? inspect(v, { depth: 1 }) : String(v);
      if (f === 'd' || f === 'i') {
        const n = typeof v === 'bigint' ? v : f === 'i' ? parseInt(v, 10) : Number(v);
        return typeof n === 'bigint' ? `${n}n` : String(n);
      }
      if (f === 'f') return String(parseFloat(v));
      if (f === 'j') {
        try {
          return JSON.stringify(v);
        } catch {
          return '[Circular]';
        }
      }
      if (f === 'c') return '';
      return inspect(v, f === 'o' ? { depth: 4 } : undefined);
    });
    return [text, ...args.slice(i).map((v) => (typeof v === 'string' ? v : inspect(v)))].join(' ');
  }

  function isDeepStrictEqual(a, b, seen = []) {
    if (Object.is(a, b)) return true;
    if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
    if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b) || tag(a) !== tag(b)) return false;
    if (seen.some(([x, y]) => x === a && y === b)) return true;
    const next = [...seen, [a, b]];
    if (a instanceof Date) return a.getTime() === b.getTime();
    if (a instanceof RegExp) return String(a) === String(b);
    if (a instanceof Map) return a.size === b.size && [...a].every(([k, v]) => b.has(k) && isDeepStrictEqual(v, b.get(k), next));
    if (a instanceof Set) return a.size === b.size && [...a].every((v) => b.has(v));
    if (ArrayBuffer.isView(a)) return a.byteLength === b.byteLength && a.every((v, i) => Object.is(v, b[i]));
    const ka = Object.keys(a),
      kb = Object.keys(b);
    return ka.length === kb.length && ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && isDeepStrictEqual(a[k], b[k], next));
  }

  function promisify(fn) {
    if (typeof fn !== 'function') {
      const e = new TypeError('The "original" argument must be of type function');
      e.code = 'ERR_INVALID_ARG_TYPE';
      throw e;
    }
    if (typeof fn[kCustom] === 'function') return fn[kCustom];
    return function (...args) {
      return new Promise((resolve, reject) => {
        Reflect.apply(fn, this, [...args, (error, value) => (error ? reject(error) : resolve(value))]);
      });
    };
  }
  promisify.custom = kCustom;
  const callbackify = (fn) =>
    function (...args) {
      const cb = args.pop();
      Reflect.apply(fn, this, args).then(
        (v) => internals.later(() => cb(null, v)),
        (e) => internals.later(() => cb(e || new Error('Promise was rejected with a falsy value'))),
      );
    };
  const inherits = (ctor, superCtor) => {
    Object.defineProperty(ctor, 'super_', { value: superCtor, writable: true, configurable: true });
    Object.setPrototypeOf(ctor.prototype, superCtor.prototype);
  };
  const warned = new Set();
  const deprecate = (fn, message, code) =>
    function (...args) {
      if (!warned.has(code || message)) {
        warned.add(code || message);
        internals.log('warn', `(node) [${code || 'DEP'}] DeprecationWarning: ${message}`);
      }
      return Reflect.apply(fn, this, args);
    };
  const types = {
    isDate: (v) => tag(v) === 'Date',
    isRegExp: (v) => tag(v) === 'RegExp',
    isMap: (v) => tag(v) === 'Map',
    isSet: (v) => tag(v) === 'Set',
    isPromise: (v) => tag(v) === 'Promise',
    isNativeError: (v) => v instanceof Error,
    isTypedArray: (v) => ArrayBuffer.isView(v) && !(v instanceof DataView),
    isUint8Array: (v) => tag(v) === 'Uint8Array',
    isArrayBuffer: (v) => tag(v) === 'ArrayBuffer',
    isAsyncFunction: (v) => tag(v) === 'AsyncFunction',
    isGeneratorFunction: (v) => tag(v) === 'GeneratorFunction' || tag(v) === 'AsyncGeneratorFunction',
    isBoxedPrimitive: (v) => ['Number', 'String', 'Boolean', 'BigInt', 'Symbol'].includes(tag(v)) && typeof v === 'object',
  };
  Object.assign(exports, {
    format,
    inspect,
    promisify,
    callbackify,
    inherits,
    deprecate,
    isDeepStrictEqual,
    types,
    isArray: Array.isArray,
    debuglog: () => Object.assign(() => undefined, { enabled: false }),
    debug: () => () => undefined,
    TextEncoder: web.TextEncoder,
    TextDecoder: web.TextDecoder,
    stripVTControlCharacters: (s) => String(s).replace(/\u001b\[[0-9;]*[A-Za-z]/g, ''), // eslint-disable-line no-control-regex
  });
}
