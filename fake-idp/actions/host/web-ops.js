// Node's URL, querystring, TextEncoder/TextDecoder, atob/btoa and zlib behind the sandbox's web
// globals and modules (../sandbox/web.js, ../sandbox/modules/*.js): strings in, strings out.
import querystring from 'node:querystring';
import legacyUrl, { URL, URLSearchParams } from 'node:url';
import { TextDecoder } from 'node:util';
import { atob, btoa } from 'node:buffer';
import zlib from 'node:zlib';

/** Bound on what one zlib call may produce (a small compressed input can expand enormously). */
export const MAX_ZLIB_OUTPUT = 8 * 1024 * 1024;
const ZLIB = {
  deflate: zlib.deflateSync,
  deflateRaw: zlib.deflateRawSync,
  gzip: zlib.gzipSync,
  gunzip: zlib.gunzipSync,
  inflate: zlib.inflateSync,
  inflateRaw: zlib.inflateRawSync,
  unzip: zlib.unzipSync,
  brotliCompress: zlib.brotliCompressSync,
  brotliDecompress: zlib.brotliDecompressSync,
};
const URL_FIELDS = ['href', 'origin', 'protocol', 'username', 'password', 'host', 'hostname', 'port', 'pathname', 'search', 'hash'];
const SETTABLE = new Set(URL_FIELDS.filter((f) => f !== 'origin' && f !== 'href'));
const parts = (url) => JSON.stringify(Object.fromEntries(URL_FIELDS.map((f) => [f, url[f]])));

function invalidUrl(input) {
  const error = new TypeError('Invalid URL');
  error.code = 'ERR_INVALID_URL';
  error.input = input;
  return error;
}
const typed = (value) => (typeof value === 'string' ? value : '');

export const webOps = {
  'url.parse': (input, base) => {
    try {
      return parts(typeof base === 'string' ? new URL(typed(input), base) : new URL(typed(input)));
    } catch {
      throw invalidUrl(input);
    }
  },
  'url.set': (href, field, value) => {
    if (!SETTABLE.has(field)) throw new TypeError(`URL.${String(field)} cannot be set`);
    const url = new URL(typed(href));
    url[field] = typed(value);
    return parts(url);
  },
  'url.legacyParse': (text, slashes) => {
    const parsed = legacyUrl.parse(typed(text), false, slashes === 'slashes');
    return JSON.stringify({ ...parsed });
  },
  'url.legacyFormat': (json) => legacyUrl.format(JSON.parse(json)),
  'url.formatWhatwg': (href, json) => legacyUrl.format(new URL(typed(href)), JSON.parse(json)),
  'url.resolve': (from, to) => legacyUrl.resolve(typed(from), typed(to)),
  'url.domainToASCII': (domain) => legacyUrl.domainToASCII(typed(domain)),
  'url.domainToUnicode': (domain) => legacyUrl.domainToUnicode(typed(domain)),
  'params.parse': (text) => JSON.stringify([...new URLSearchParams(typed(text))]),
  'params.stringify': (json) => new URLSearchParams(JSON.parse(json).map(([k, v]) => [String(k), String(v)])).toString(),
  'qs.parse': (text, sep, eq, maxKeys) => {
    const parsed = querystring.parse(typed(text), typed(sep), typed(eq), { maxKeys: Number(maxKeys) || 0 });
    return JSON.stringify(Object.entries(parsed).flatMap(([k, v]) => (Array.isArray(v) ? v.map((x) => [k, x]) : [[k, v]])));
  },
  'qs.stringify': (json, sep, eq) =>
    JSON.parse(json)
      .map(([k, v]) => `${querystring.escape(String(k))}${typed(eq)}${querystring.escape(String(v))}`)
      .join(typed(sep)),
  'qs.escape': (text) => querystring.escape(typed(text)),
  'qs.unescape': (text) => querystring.unescape(typed(text)),
  'text.encode': (text) => Buffer.from(typed(text), 'utf8').toString('latin1'),
  'text.label': (label) => new TextDecoder(typed(label)).encoding,
  'text.decode': (label, bytes, fatal, ignoreBOM) =>
    new TextDecoder(typed(label), { fatal: fatal === 'fatal', ignoreBOM: ignoreBOM === 'ignoreBOM' }).decode(Buffer.from(typed(bytes), 'latin1')),
  atob: (text) => {
    try {
      return atob(typed(text));
    } catch (error) {
      const e = new Error(error instanceof Error ? error.message : 'Invalid character');
      e.name = 'InvalidCharacterError';
      throw e;
    }
  },
  btoa: (text) => {
    try {
      return btoa(typed(text));
    } catch (error) {
      const e = new Error(error instanceof Error ? error.message : 'Invalid character');
      e.name = 'InvalidCharacterError';
      throw e;
    }
  },
  zlib: (method, bytes, level) => {
    const fn = Object.prototype.hasOwnProperty.call(ZLIB, method) ? ZLIB[method] : undefined;
    if (!fn) throw new TypeError(`zlib.${String(method)} is not available`);
    const options = { maxOutputLength: MAX_ZLIB_OUTPUT, ...(level !== '' && Number.isInteger(Number(level)) ? { level: Number(level) } : {}) };
    return fn(Buffer.from(typed(bytes), 'latin1'), options).toString('latin1');
  },
  'zlib.constants': () => JSON.stringify(zlib.constants),
};
