// Node's `buffer` for Actions: browserify's pure-JS port (npm `buffer`, by feross) evaluated in the
// sandbox, plus the `base64url` encoding Node has and the port lacks. Self-contained (../runtime.js).

export function bufferModule(module, _exports, require) {
  'use strict';
  const port = require('npm:buffer');
  const { Buffer } = port;
  const toUrl = (b64) => b64.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  const fromUrl = (text) => String(text).replace(/-/g, '+').replace(/_/g, '/');
  const isUrl = (encoding) => typeof encoding === 'string' && encoding.toLowerCase() === 'base64url';
  const { from, byteLength, isEncoding } = Buffer;
  const { toString, write } = Buffer.prototype;
  Buffer.from = function (value, encodingOrOffset, length) {
    return isUrl(encodingOrOffset) ? from.call(this, fromUrl(value), 'base64') : from.call(this, value, encodingOrOffset, length);
  };
  Buffer.byteLength = (value, encoding) => (isUrl(encoding) ? byteLength(fromUrl(value), 'base64') : byteLength(value, encoding));
  Buffer.isEncoding = (encoding) => isUrl(encoding) || isEncoding(encoding);
  Buffer.prototype.toString = function (encoding, start, end) {
    return isUrl(encoding) ? toUrl(toString.call(this, 'base64', start, end)) : toString.apply(this, arguments);
  };
  Buffer.prototype.write = function (text, offset, length, encoding) {
    if (isUrl(encoding)) return write.call(this, fromUrl(text), offset, length, 'base64');
    if (isUrl(length)) return write.call(this, fromUrl(text), offset, 'base64');
    if (isUrl(offset)) return write.call(this, fromUrl(text), 'base64');
    return write.apply(this, arguments);
  };
  module.exports = port;
}
