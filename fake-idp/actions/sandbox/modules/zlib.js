// Node's `zlib` for Actions: the one-shot functions (sync, callback and util.promisify forms), run
// by Node's zlib in the host on bytes passed as latin1 strings; output is capped (see
// docs/bounds.md). Streams are not modelled. Self-contained (see ../runtime.js).

export function zlibModule(module, exports, require, _bridge, internals) {
  'use strict';
  const { call, toLatin1, fromLatin1, later, describe } = internals;
  const { Buffer } = require('buffer');
  const METHODS = ['deflate', 'deflateRaw', 'gzip', 'gunzip', 'inflate', 'inflateRaw', 'unzip', 'brotliCompress', 'brotliDecompress'];
  const input = (data) => {
    if (typeof data === 'string') return toLatin1(Buffer.from(data, 'utf8'));
    if (ArrayBuffer.isView(data)) return toLatin1(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
    if (data instanceof ArrayBuffer) return toLatin1(new Uint8Array(data));
    const e = new TypeError(
      `The "buffer" argument must be of type string or an instance of Buffer, TypedArray, DataView, or ArrayBuffer. Received ${describe(data)}`,
    );
    e.code = 'ERR_INVALID_ARG_TYPE';
    throw e;
  };
  const level = (options) => (options && typeof options.level === 'number' ? String(options.level) : '');
  for (const method of METHODS) {
    const sync = (data, options) => Buffer.from(fromLatin1(call('zlib', method, input(data), level(options))));
    exports[`${method}Sync`] = sync;
    exports[method] = (data, options, callback) => {
      const cb = typeof options === 'function' ? options : callback;
      let result,
        error = null;
      try {
        result = sync(data, typeof options === 'function' ? undefined : options);
      } catch (e) {
        error = e;
      }
      later(() => cb(error, result));
    };
  }
  exports.constants = JSON.parse(call('zlib.constants'));
}
