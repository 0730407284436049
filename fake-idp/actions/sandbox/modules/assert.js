// Node's `assert` (and `assert/strict`) for Actions: the assertion functions an Action uses, written
// for the sandbox (deep equality from our `util`). Self-contained (see ../runtime.js).

export function assertModule(module, _exports, require, _bridge, internals) {
  'use strict';
  const util = require('util');
  class AssertionError extends Error {
    constructor(options) {
      super(options.message);
      this.name = 'AssertionError';
      this.code = 'ERR_ASSERTION';
      this.actual = options.actual;
      this.expected = options.expected;
      this.operator = options.operator;
      this.generatedMessage = !options.userMessage;
    }
  }
  const show = (v) => util.inspect(v);
  const raise = (message, actual, expected, operator, fallback) => {
    if (message instanceof Error) throw message;
    throw new AssertionError({ message: message === undefined ? fallback : String(message), actual, expected, operator, userMessage: message !== undefined });
  };
  const looseDeep = (a, b) =>
    a == b ||
    (typeof a === 'object' &&
      typeof b === 'object' &&
      a !== null &&
      b !== null &&
      util.isDeepStrictEqual(JSON.parse(JSON.stringify(a)), JSON.parse(JSON.stringify(b))));
  const matches = (error, expected) => {
    if (expected === undefined) return true;
    if (typeof expected === 'function')
      return expected.prototype !== undefined && error instanceof expected ? true : expected.prototype === undefined ? expected(error) === true : false;
    if (expected instanceof RegExp) return expected.test(String(error && error.message !== undefined ? error.message : error));
    if (typeof expected === 'object' && expected !== null)
      return Object.keys(expected).every((k) => util.isDeepStrictEqual(error[k], expected[k]) || (expected[k] instanceof RegExp && expected[k].test(error[k])));
    return false;
  };
  function make(strict) {
    const ok = (value, message) => {
      if (!value) raise(message, value, true, '==', 'The expression evaluated to a falsy value');
    };
    const assert = (value, message) => ok(value, message);
    Object.assign(assert, {
      AssertionError,
      ok,
      fail: (message = 'Failed') => raise(message, undefined, undefined, 'fail', 'Failed'),
      strictEqual: (a, b, m) => {
        if (!Object.is(a, b)) raise(m, a, b, 'strictEqual', `Expected values to be strictly equal:\n\n${show(a)} !== ${show(b)}\n`);
      },
      notStrictEqual: (a, b, m) => {
        if (Object.is(a, b)) raise(m, a, b, 'notStrictEqual', `Expected "actual" to be strictly unequal to: ${show(b)}`);
      },
      deepStrictEqual: (a, b, m) => {
        if (!util.isDeepStrictEqual(a, b))
          raise(m, a, b, 'deepStrictEqual', `Expected values to be strictly deep-equal:\n${show(a)}\n\nshould equal\n\n${show(b)}`);
      },
      notDeepStrictEqual: (a, b, m) => {
        if (util.isDeepStrictEqual(a, b)) raise(m, a, b, 'notDeepStrictEqual', `Expected "actual" not to be strictly deep-equal to: ${show(b)}`);
      },
      equal: (a, b, m) => {
        if (!(a == b || (a !== a && b !== b))) raise(m, a, b, '==', `${show(a)} == ${show(b)}`);
      },
      notEqual: (a, b, m) => {
        if (a == b) raise(m, a, b, '!=', `${show(a)} != ${show(b)}`);
      },
      deepEqual: (a, b, m) => {
        if (!looseDeep(a, b)) raise(m, a, b, 'deepEqual', `Expected values to be loosely deep-equal:\n\n${show(a)}\n\nshould loosely deep-equal\n\n${show(b)}`);
      },
      notDeepEqual: (a, b, m) => {
        if (looseDeep(a, b)) raise(m, a, b, 'notDeepEqual', `"actual" should not loosely deep-equal ${show(b)}`);
      },
      match: (s, re, m) => {
        if (!re.test(s)) raise(m, s, re, 'match', `The input did not match the regular expression ${String(re)}. Input:\n\n${show(s)}\n`);
      },
      doesNotMatch: (s, re, m) => {
        if (re.test(s)) raise(m, s, re, 'doesNotMatch', `The input was expected to not match the regular expression ${String(re)}. Input:\n\n${show(s)}\n`);
      },
      ifError: (value) => {
        if (value !== null && value !== undefined)
          raise(value instanceof Error ? value : undefined, value, null, 'ifError', `ifError got unwanted exception: ${show(value)}`);
      },
      throws: (fn, expected, message) => {
        try {
          fn();
        } catch (error) {
          if (!matches(error, expected)) throw error;
          return;
        }
        raise(typeof expected === 'string' ? expected : message, undefined, expected, 'throws', 'Missing expected exception.');
      },
      doesNotThrow: (fn, message) => {
        try {
          fn();
        } catch (error) {
          raise(message, error, undefined, 'doesNotThrow', `Got unwanted exception.\nActual message: "${error && error.message}"`);
        }
      },
      rejects: async (promise, expected, message) => {
        try {
          await (typeof promise === 'function' ? promise() : promise);
        } catch (error) {
          if (!matches(error, expected)) throw error;
          return;
        }
        raise(typeof expected === 'string' ? expected : message, undefined, expected, 'rejects', 'Missing expected rejection.');
      },
      doesNotReject: async (promise, message) => {
        try {
          await (typeof promise === 'function' ? promise() : promise);
        } catch (error) {
          raise(message, error, undefined, 'doesNotReject', 'Got unwanted rejection.');
        }
      },
    });
    if (strict)
      Object.assign(assert, {
        equal: assert.strictEqual,
        notEqual: assert.notStrictEqual,
        deepEqual: assert.deepStrictEqual,
        notDeepEqual: assert.notDeepStrictEqual,
      });
    return assert;
  }
  const assert = make(false);
  assert.strict = make(true);
  assert.strict.strict = assert.strict;
  void internals;
  module.exports = assert;
}
