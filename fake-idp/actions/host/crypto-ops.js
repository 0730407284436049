// Node's crypto behind the sandbox's `crypto` module (../sandbox/modules/crypto.js). Bytes arrive and
// leave as latin1 strings; Hash, Hmac, Cipher, Sign and Verify objects stay here, named by handles
// that belong to one run. Every function throws only host errors that the bridge turns into values.
import crypto from 'node:crypto';

const MAX_RANDOM_BYTES = 1024 * 1024;
const MAX_PBKDF2_ITERATIONS = 10_000_000;
const bin = (text) => Buffer.from(typeof text === 'string' ? text : '', 'latin1');
const str = (buffer) => Buffer.from(buffer).toString('latin1');

function keyInput(json) {
  const key = JSON.parse(json);
  const out = { key: bin(key.pem).toString('utf8') };
  if (typeof key.passphrase === 'string') out.passphrase = key.passphrase;
  for (const field of ['padding', 'saltLength']) if (Number.isInteger(key[field])) out[field] = key[field];
  if (key.dsaEncoding === 'der' || key.dsaEncoding === 'ieee-p1363') out.dsaEncoding = key.dsaEncoding;
  return out;
}

/** Methods each handle kind accepts, with what they do. */
const METHODS = {
  hash: {
    update: (h, data) => {
      h.update(bin(data));
      return '';
    },
    digest: (h) => str(h.digest()),
    copy: (h, _a, _b, _c, handles) => handles.add('hash', h.copy()),
  },
  hmac: {
    update: (h, data) => {
      h.update(bin(data));
      return '';
    },
    digest: (h) => str(h.digest()),
  },
  cipher: {
    update: (c, data) => str(c.update(bin(data))),
    final: (c) => str(c.final()),
    setAAD: (c, data, options) => {
      c.setAAD(bin(data), JSON.parse(options || '{}'));
      return '';
    },
    getAuthTag: (c) => str(c.getAuthTag()),
    setAutoPadding: (c, on) => {
      c.setAutoPadding(on === 'true');
      return '';
    },
  },
  sign: {
    update: (s, data) => {
      s.update(bin(data));
      return '';
    },
    sign: (s, key) => str(s.sign(keyInput(key))),
  },
  verify: {
    update: (v, data) => {
      v.update(bin(data));
      return '';
    },
    verify: (v, key, signature) => String(v.verify(keyInput(key), bin(signature))),
  },
};
METHODS.decipher = {
  ...METHODS.cipher,
  setAuthTag: (c, tag) => {
    c.setAuthTag(bin(tag));
    return '';
  },
};
delete METHODS.decipher.getAuthTag;

function create(kind, algorithm, key, iv, options) {
  const authTagLength = JSON.parse(options || '{}').authTagLength;
  const opts = Number.isInteger(authTagLength) ? { authTagLength } : undefined;
  switch (kind) {
    case 'hash':
      return crypto.createHash(algorithm);
    case 'hmac':
      return crypto.createHmac(algorithm, bin(key));
    case 'cipher':
      return crypto.createCipheriv(algorithm, bin(key), iv === '' ? null : bin(iv), opts);
    case 'decipher':
      return crypto.createDecipheriv(algorithm, bin(key), iv === '' ? null : bin(iv), opts);
    case 'sign':
      return crypto.createSign(algorithm);
    case 'verify':
      return crypto.createVerify(algorithm);
    default:
      throw new TypeError(`unknown crypto object ${String(kind)}`);
  }
}

/** The crypto operations of the bridge: name → (args…, handles) → string. */
export const cryptoOps = {
  new: (kind, algorithm, key, iv, options, handles) => handles.add(kind, create(kind, algorithm, key, iv, options)),
  call: (id, method, a, b, c, handles) => {
    const entry = handles.get(id);
    const fn = entry && Object.prototype.hasOwnProperty.call(METHODS[entry.kind], method) ? METHODS[entry.kind][method] : undefined;
    if (!fn) throw new TypeError(`${entry ? entry.kind : 'object'}.${String(method)} is not available`);
    return fn(entry.object, a, b, c, handles);
  },
  random: (size) => {
    if (!Number.isInteger(size) || size < 0 || size > MAX_RANDOM_BYTES)
      throw new RangeError(`randomBytes: the emulator gives at most ${MAX_RANDOM_BYTES} bytes per call, asked for ${String(size)}`);
    return str(crypto.randomBytes(size));
  },
  uuid: () => crypto.randomUUID(),
  randomInt: (min, max) => String(crypto.randomInt(Number(min), Number(max))),
  list: (what) => JSON.stringify(what === 'ciphers' ? crypto.getCiphers() : crypto.getHashes()),
  pbkdf2: (password, salt, iterations, keylen, digest) => {
    const n = Number(iterations),
      len = Number(keylen);
    if (!Number.isInteger(n) || n < 1 || n > MAX_PBKDF2_ITERATIONS)
      throw new RangeError(`pbkdf2: iterations must be an integer from 1 to ${MAX_PBKDF2_ITERATIONS}, received ${iterations}`);
    if (!Number.isInteger(len) || len < 0 || len > MAX_RANDOM_BYTES)
      throw new RangeError(`pbkdf2: keylen must be an integer from 0 to ${MAX_RANDOM_BYTES}, received ${keylen}`);
    return str(crypto.pbkdf2Sync(bin(password), bin(salt), n, len, digest));
  },
  sign: (algorithm, data, key) => str(crypto.sign(algorithm || null, bin(data), keyInput(key))),
  verify: (algorithm, data, key, signature) => String(crypto.verify(algorithm || null, bin(data), keyInput(key), bin(signature))),
};
