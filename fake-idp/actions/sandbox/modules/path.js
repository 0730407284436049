// Node's `path` for Actions (POSIX, as on Auth0's Linux hosts): browserify's port of Node's path
// module (npm `path-browserify`), evaluated in the sandbox. `process.cwd()` does not exist here, so
// `path.resolve` of a relative path resolves against '/'. Self-contained (see ../runtime.js).

export function pathModule(module, _exports, require) {
  'use strict';
  module.exports = require('npm:path-browserify');
}
