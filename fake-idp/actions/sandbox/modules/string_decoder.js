// Node's `string_decoder` for Actions: the port Node's own readable-stream uses (npm
// `string_decoder`), evaluated in the sandbox over the sandbox's Buffer. Self-contained.

export function stringDecoderModule(module, _exports, require) {
  'use strict';
  module.exports = require('npm:string_decoder');
}
