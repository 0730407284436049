// Node's `crypto` for Actions, sandbox side. Objects (Hash, Hmac, Cipher, Sign…) are built here; the
// real work is Node's own crypto in the host, reached through numbered handles with bytes passed as
// latin1 strings, so no host object ever enters the sandbox. Self-contained (see ../runtime.js).

export function cryptoModule(module, exports, require, _bridge, internals) {
  'use strict';
  const { call, toLatin1, fromLatin1, later, describe } = internals;
  const { Buffer } = require('buffer');
  const $String = String,
    $TypeError = TypeError;
  const unsupported = (name) => () => {
    const error = new Error(
      `crypto.${name} is not available in the flex-sso emulator's Action sandbox (Auth0's Node 22 runtime has it). Supported: createHash, createHmac, createCipheriv, createDecipheriv, createSign, createVerify, sign, verify, pbkdf2(Sync), randomBytes, randomUUID, randomInt, getRandomValues, timingSafeEqual, getHashes, getCiphers; keys as PEM strings or Buffers.`,
    );
    error.code = 'EMULATOR_UNSUPPORTED';
    throw error;
  };

  function bytes(data, encoding, what = 'data') {
    if (typeof data === 'string') return Buffer.from(data, encoding || 'utf8');
    if (ArrayBuffer.isView(data)) return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
    if (data instanceof ArrayBuffer) return Buffer.from(data);
    const error = new $TypeError(`The "${what}" argument must be of type string or an instance of Buffer, TypedArray, or DataView. Received ${describe(data)}`);
    error.code = 'ERR_INVALID_ARG_TYPE';
    throw error;
  }
  const latin1 = (data, encoding, what) => toLatin1(bytes(data, encoding, what));
  const out = (text, encoding) => {
    const buffer = Buffer.from(fromLatin1(text));
    return encoding && encoding !== 'buffer' ? buffer.toString(encoding) : buffer;
  };
  function keyOf(key) {
    if (typeof key === 'string' || ArrayBuffer.isView(key)) return { pem: latin1(key, 'utf8', 'key') };
    if (key && typeof key === 'object' && (typeof key.key === 'string' || ArrayBuffer.isView(key.key))) {
      return {
        pem: latin1(key.key, 'utf8', 'key'),
        passphrase: key.passphrase === undefined ? undefined : $String(key.passphrase),
        padding: key.padding,
        saltLength: key.saltLength,
        dsaEncoding: key.dsaEncoding,
      };
    }
    return unsupported('KeyObject keys')();
  }
  const keyJson = (key) => JSON.stringify(keyOf(key));

  class Handle {
    #id;
    constructor(id) {
      this.#id = id;
    }
    _call(method, a, b, c) {
      return call('call', this.#id, method, a, b, c);
    }
  }
  class Hash extends Handle {
    constructor(algorithm, id) {
      super(id ?? call('new', 'hash', $String(algorithm)));
    }
    update(data, encoding) {
      this._call('update', latin1(data, encoding));
      return this;
    }
    digest(encoding) {
      return out(this._call('digest'), encoding);
    }
    copy() {
      return new Hash(undefined, this._call('copy'));
    }
  }
  class Hmac extends Handle {
    constructor(algorithm, key) {
      super(call('new', 'hmac', $String(algorithm), latin1(key, 'utf8', 'key')));
    }
    update(data, encoding) {
      this._call('update', latin1(data, encoding));
      return this;
    }
    digest(encoding) {
      return out(this._call('digest'), encoding);
    }
  }
  class Cipher extends Handle {
    constructor(kind, algorithm, key, iv, options) {
      super(
        call(
          'new',
          kind,
          $String(algorithm),
          latin1(key, 'utf8', 'key'),
          iv === null || iv === undefined ? '' : latin1(iv, 'utf8', 'iv'),
          JSON.stringify({ authTagLength: options && options.authTagLength }),
        ),
      );
    }
    update(data, inputEncoding, outputEncoding) {
      return out(this._call('update', latin1(data, inputEncoding)), outputEncoding);
    }
    final(outputEncoding) {
      return out(this._call('final'), outputEncoding);
    }
    setAAD(data, options) {
      this._call('setAAD', latin1(data), JSON.stringify({ plaintextLength: options && options.plaintextLength }));
      return this;
    }
    getAuthTag() {
      return out(this._call('getAuthTag'));
    }
    setAuthTag(tag) {
      this._call('setAuthTag', latin1(tag, 'utf8', 'buffer'));
      return this;
    }
    setAutoPadding(on = true) {
      this._call('setAutoPadding', on ? 'true' : 'false');
      return this;
    }
  }
  class Sign extends Handle {
    constructor(algorithm) {
      super(call('new', 'sign', $String(algorithm)));
    }
    update(data, encoding) {
      this._call('update', latin1(data, encoding));
      return this;
    }
    sign(key, encoding) {
      return out(this._call('sign', keyJson(key)), encoding);
    }
  }
  class Verify extends Handle {
    constructor(algorithm) {
      super(call('new', 'verify', $String(algorithm)));
    }
    update(data, encoding) {
      this._call('update', latin1(data, encoding));
      return this;
    }
    verify(key, signature, encoding) {
      return this._call('verify', keyJson(key), latin1(signature, encoding, 'signature')) === 'true';
    }
  }
  const randomBytes = (size, callback) => {
    if (typeof size !== 'number' || !(size >= 0) || size > 2 ** 31 - 1) {
      const error = new RangeError(`The value of "size" is out of range. It must be >= 0 && <= 2147483647. Received ${$String(size)}`);
      error.code = 'ERR_OUT_OF_RANGE';
      throw error;
    }
    const buffer = out(call('random', size));
    if (typeof callback !== 'function') return buffer;
    later(() => callback(null, buffer));
    return undefined;
  };
  const getRandomValues = (array) => {
    if (!ArrayBuffer.isView(array) || array instanceof Float32Array || array instanceof Float64Array || array instanceof DataView) {
      throw new $TypeError('The data argument must be an integer-type TypedArray');
    }
    new Uint8Array(array.buffer, array.byteOffset, array.byteLength).set(fromLatin1(call('random', array.byteLength)));
    return array;
  };
  const randomUUID = () => call('uuid');
  function randomInt(min, max, callback) {
    if (typeof max !== 'number') {
      callback = max;
      max = min;
      min = 0;
    }
    if (!Number.isSafeInteger(min) || !Number.isSafeInteger(max) || max <= min)
      throw new RangeError(`The value of "max" is out of range. It must be greater than the value of "min" (${min}). Received ${max}`);
    const value = Number(call('randomInt', $String(min), $String(max)));
    if (typeof callback !== 'function') return value;
    later(() => callback(null, value));
    return undefined;
  }
  function timingSafeEqual(a, b) {
    const x = bytes(a, undefined, 'buf1'),
      y = bytes(b, undefined, 'buf2');
    if (x.length !== y.length) {
      const e = new RangeError('Input buffers must have the same byte length');
      e.code = 'ERR_CRYPTO_TIMING_SAFE_EQUAL_LENGTH';
      throw e;
    }
    let diff = 0;
    for (let i = 0; i < x.length; i++) diff |= x[i] ^ y[i];
    return diff === 0;
  }
  const pbkdf2Sync = (password, salt, iterations, keylen, digest) =>
    out(call('pbkdf2', latin1(password, 'utf8', 'password'), latin1(salt, 'utf8', 'salt'), $String(iterations), $String(keylen), $String(digest)));
  function pbkdf2(password, salt, iterations, keylen, digest, callback) {
    const key = pbkdf2Sync(password, salt, iterations, keylen, digest);
    later(() => callback(null, key));
  }
  const sign = (algorithm, data, key) => out(call('sign', algorithm === null || algorithm === undefined ? '' : $String(algorithm), latin1(data), keyJson(key)));
  const verify = (algorithm, data, key, signature) =>
    call(
      'verify',
      algorithm === null || algorithm === undefined ? '' : $String(algorithm),
      latin1(data),
      keyJson(key),
      latin1(signature, undefined, 'signature'),
    ) === 'true';

  Object.assign(exports, {
    createHash: (algorithm) => new Hash(algorithm),
    createHmac: (algorithm, key) => new Hmac(algorithm, key),
    createCipheriv: (algorithm, key, iv, options) => new Cipher('cipher', algorithm, key, iv, options),
    createDecipheriv: (algorithm, key, iv, options) => new Cipher('decipher', algorithm, key, iv, options),
    createSign: (algorithm) => new Sign(algorithm),
    createVerify: (algorithm) => new Verify(algorithm),
    sign,
    verify,
    pbkdf2,
    pbkdf2Sync,
    randomBytes,
    randomFillSync: getRandomValues,
    getRandomValues,
    randomUUID,
    randomInt,
    timingSafeEqual,
    getHashes: () => JSON.parse(call('list', 'hashes')),
    getCiphers: () => JSON.parse(call('list', 'ciphers')),
    webcrypto: Object.freeze({ getRandomValues, randomUUID, subtle: undefined }),
  });
  for (const name of [
    'createPublicKey',
    'createPrivateKey',
    'createSecretKey',
    'generateKeyPair',
    'generateKeyPairSync',
    'publicEncrypt',
    'privateDecrypt',
    'privateEncrypt',
    'publicDecrypt',
    'scrypt',
    'scryptSync',
    'hkdf',
    'hkdfSync',
    'createDiffieHellman',
    'createECDH',
    'KeyObject',
  ]) {
    exports[name] = unsupported(name);
  }
}
