// Node's `url` for Actions: the WHATWG classes (the same as the globals) and the legacy
// parse/format/resolve, computed by Node's own url module in the host on strings only.
// Self-contained (see ../runtime.js).

export function urlModule(module, exports, require, _bridge, internals) {
  'use strict';
  const { call } = internals;
  const { URL, URLSearchParams } = require('flex-sso:web');
  const querystring = require('querystring');
  class Url {}
  function parse(text, parseQueryString, slashesDenoteHost) {
    if (typeof text !== 'string') {
      const e = new TypeError(`The "url" argument must be of type string. Received ${internals.describe(text)}`);
      e.code = 'ERR_INVALID_ARG_TYPE';
      throw e;
    }
    const url = Object.assign(new Url(), JSON.parse(call('url.legacyParse', text, slashesDenoteHost ? 'slashes' : '')));
    if (parseQueryString) url.query = querystring.parse(url.query || '');
    return url;
  }
  function format(value, options) {
    if (value instanceof URL) {
      const o = options || {};
      return call(
        'url.formatWhatwg',
        value.href,
        JSON.stringify({ auth: o.auth !== false, fragment: o.fragment !== false, search: o.search !== false, unicode: Boolean(o.unicode) }),
      );
    }
    if (typeof value === 'string') return format(parse(value));
    if (value === null || typeof value !== 'object') {
      const e = new TypeError('The "urlObject" argument must be one of type object or string.');
      e.code = 'ERR_INVALID_ARG_TYPE';
      throw e;
    }
    const fields = {};
    for (const key of ['protocol', 'slashes', 'auth', 'host', 'port', 'hostname', 'hash', 'search', 'pathname', 'path', 'href']) {
      if (value[key] !== undefined && value[key] !== null) fields[key] = value[key];
    }
    if (value.query !== undefined && value.query !== null) fields.query = typeof value.query === 'string' ? value.query : querystring.stringify(value.query);
    return call('url.legacyFormat', JSON.stringify(fields));
  }
  Object.assign(exports, {
    URL,
    URLSearchParams,
    Url,
    parse,
    format,
    resolve: (from, to) => call('url.resolve', String(from), String(to)),
    domainToASCII: (domain) => call('url.domainToASCII', String(domain)),
    domainToUnicode: (domain) => call('url.domainToUnicode', String(domain)),
  });
}
