// Node's `querystring` for Actions: parsing and encoding are Node's own (the host's), on strings
// only. Self-contained (see ../runtime.js).

export function querystringModule(module, exports, _require, _bridge, internals) {
  'use strict';
  const { call } = internals;
  const str = (v, fallback) => (v === undefined || v === null ? fallback : String(v));
  const parse = (text, sep, eq, options) => {
    const max = options && options.maxKeys !== undefined ? String(options.maxKeys) : '1000';
    const pairs = JSON.parse(call('qs.parse', str(text, ''), str(sep, '&'), str(eq, '='), max));
    const out = Object.create(null);
    for (const [key, value] of pairs) out[key] = key in out ? [].concat(out[key], value) : value;
    return out;
  };
  const stringify = (object, sep, eq) => {
    if (object === null || typeof object !== 'object') return '';
    const pairs = [];
    for (const key of Object.keys(object)) {
      const value = object[key];
      for (const v of Array.isArray(value) ? value : [value]) {
        pairs.push([
          key,
          typeof v === 'string' || typeof v === 'bigint' || (typeof v === 'number' && Number.isFinite(v)) || typeof v === 'boolean' ? String(v) : '',
        ]);
      }
    }
    return call('qs.stringify', JSON.stringify(pairs), str(sep, '&'), str(eq, '='));
  };
  Object.assign(exports, {
    parse,
    decode: parse,
    stringify,
    encode: stringify,
    escape: (text) => call('qs.escape', String(text)),
    unescape: (text) => call('qs.unescape', String(text)),
  });
}
