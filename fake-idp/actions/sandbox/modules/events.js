// Node's `events` for Actions: browserify's port of Node's EventEmitter (npm `events`), evaluated in
// the sandbox. Self-contained (see ../runtime.js).

export function eventsModule(module, _exports, require) {
  'use strict';
  module.exports = require('npm:events');
}
