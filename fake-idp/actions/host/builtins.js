// Which Node built-in modules an Action can require in the emulator, and how each is provided.
// Auth0 runs Actions on Node 22 with every built-in (docs "Migrate from Node 18 to Node 22": file
// system write access disabled). The emulator provides the ones that compute (crypto, url, util,
// buffer, querystring, events, string_decoder, path, assert, zlib, timers) as sandbox code, and
// refuses the ones that reach the host (files, processes, sockets, the vm), so an Action can never
// touch the machine it runs on. This list is the one place that decides; docs/emulator-fidelity.md
// repeats it.
import { readFileSync } from 'node:fs';
import vm from 'node:vm';

/** name → the sandbox module's file and factory, read and compiled on first use only: most
 * Actions require nothing, and a worker that starts fast keeps the first login fast. */
const SOURCES = {
  assert: ['modules/assert.js', 'assertModule'],
  buffer: ['modules/buffer.js', 'bufferModule'],
  crypto: ['modules/crypto.js', 'cryptoModule'],
  events: ['modules/events.js', 'eventsModule'],
  path: ['modules/path.js', 'pathModule'],
  querystring: ['modules/querystring.js', 'querystringModule'],
  string_decoder: ['modules/string_decoder.js', 'stringDecoderModule'],
  timers: ['modules/timers.js', 'timersModule'],
  url: ['modules/url.js', 'urlModule'],
  util: ['modules/util.js', 'utilModule'],
  zlib: ['modules/zlib.js', 'zlibModule'],
  'flex-sso:web': ['web.js', 'webModule'],
};
const SANDBOX_DIR = new URL('../sandbox/', import.meta.url);

/** Sub-path modules Node has, as a property of their parent module. */
export const ALIASES = {
  'assert/strict': ['assert', 'strict'],
  'timers/promises': ['timers', 'promises'],
  'path/posix': ['path', 'posix'],
  'util/types': ['util', 'types'],
};

/** Built-ins of Node 22 that reach the host: an Action asking for one gets EMULATOR_MODULE_UNAVAILABLE. */
export const REFUSED = new Set([
  'fs',
  'fs/promises',
  'child_process',
  'cluster',
  'worker_threads',
  'process',
  'os',
  'vm',
  'v8',
  'inspector',
  'inspector/promises',
  'module',
  'repl',
  'readline',
  'readline/promises',
  'net',
  'tls',
  'dgram',
  'dns',
  'dns/promises',
  'http',
  'https',
  'http2',
  'async_hooks',
  'perf_hooks',
  'diagnostics_channel',
  'trace_events',
  'tty',
  'wasi',
]);

/** Pure-JS ports the sandbox modules load by `npm:<name>` (from the project's own node_modules). */
export const TRUSTED_PACKAGES = new Set(['buffer', 'events', 'path-browserify', 'string_decoder']);

export const isProvided = (name) => Object.prototype.hasOwnProperty.call(SOURCES, name) && !name.startsWith('flex-sso:');

const scripts = new Map();
/** The module's factory, compiled once per worker and run in `context` (a function of that realm). */
export function builtinFactory(name, context) {
  if (!Object.prototype.hasOwnProperty.call(SOURCES, name)) return undefined;
  let script = scripts.get(name);
  if (!script) {
    const [file, factory] = SOURCES[name];
    // The file is an ES module exporting one self-contained function; the sandbox gets that function.
    const source = readFileSync(new URL(file, SANDBOX_DIR), 'utf8').replace(/^export function /m, 'function ');
    script = new vm.Script(`(() => {\n${source}\nreturn ${factory};\n})()`, { filename: `flex-sso:builtin/${name}` });
    scripts.set(name, script);
  }
  return script.runInContext(context);
}

/** Why `name`, a Node built-in, cannot be required: it reaches the host, or it is not modelled. */
export function unavailableMessage(name) {
  if (!REFUSED.has(name)) {
    return `The flex-sso emulator does not provide Node's '${name}' module to Actions (Auth0's Node 22 runtime has it). Provided: ${[...Object.keys(SOURCES).filter((n) => !n.startsWith('flex-sso:')), ...Object.keys(ALIASES)].join(', ')}. See docs/emulator-fidelity.md, "Action runtime".`;
  }
  return refusedMessage(name);
}

function refusedMessage(name) {
  const hint = ['http', 'https', 'http2', 'net', 'tls', 'dns', 'dns/promises'].includes(name)
    ? " For HTTP calls use fetch, answered by the scenario's `fetch:` stubs (scenarios/README.md)."
    : '';
  return `The flex-sso emulator does not give Actions Node's '${name}' module (Auth0's Node 22 runtime has it): the sandbox keeps Actions away from the host's files, processes, network and vm.${hint} See docs/emulator-fidelity.md, "Action runtime".`;
}
