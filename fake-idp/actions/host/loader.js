// The host half of the sandbox's CommonJS loader (worker side). It answers two questions with
// primitives only: where does `require(request)` from a file lead (Node's own resolver, confined to
// the directory the request may reach), and what is that file compiled INTO the run's context.
// - The Action may reach Node built-ins (./builtins.js) and the npm dependencies declared for it,
//   each installed in its own directory of the emulator's dependency cache; nothing else.
// - A dependency's file may reach built-ins and files under its own install directory only (real
//   paths, so a symlink cannot lead out); the network is never used here (see SECURITY.md §2).
import { readFileSync, realpathSync, statSync } from 'node:fs';
import { createRequire, isBuiltin } from 'node:module';
import { dirname, extname, join, sep } from 'node:path';
import vm from 'node:vm';
import { ALIASES, isProvided, TRUSTED_PACKAGES, unavailableMessage } from './builtins.js';

export const ACTION_FILE = '/action/index.js';
const BUILTIN_PREFIX = 'flex-sso:builtin/';
const MAX_FILE_BYTES = 4 * 1024 * 1024;
const SCRIPT_CACHE_LIMIT = 512;
const ownRequire = createRequire(import.meta.url);
const TRUSTED_ROOT = dirname(dirname(realpathSync(ownRequire.resolve('buffer/package.json')))) + sep;

const notFound = (message, code = 'MODULE_NOT_FOUND') => JSON.stringify({ error: { code, message } });
const realpath = (path) => {
  try {
    return realpathSync(path);
  } catch {
    return undefined;
  }
};
const inside = (file, root) => file.startsWith(root.endsWith(sep) ? root : root + sep);

/** `@scope/name/sub` → `@scope/name`; `name/sub` → `name`. */
function packageName(request) {
  const parts = request.split('/');
  return request.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/** How Node would load `file`: CommonJS, JSON, or a format the emulator refuses (with why). */
function formatOf(file, root) {
  const ext = extname(file);
  if (ext === '.json') return { format: 'json' };
  if (ext === '.node') return { error: `${file} is a native addon; the emulator's sandbox runs JavaScript only` };
  if (ext === '.mjs')
    return { error: `${file} is an ES module; the emulator loads CommonJS dependencies only (pick a version of the package that ships CommonJS)` };
  for (let dir = dirname(file); inside(dir + sep, root) || dir + sep === root; dir = dirname(dir)) {
    const pkg = realpath(join(dir, 'package.json'));
    if (pkg) {
      try {
        if (JSON.parse(readFileSync(pkg, 'utf8')).type === 'module' && ext !== '.cjs')
          return { error: `${file} is an ES module ("type": "module"); the emulator loads CommonJS dependencies only` };
      } catch {
        /* an unreadable package.json: Node would fail later with its own error */
      }
      break;
    }
    if (dir === dirname(dir)) break;
  }
  return { format: 'cjs' };
}

/** Node's resolution of `request` from `from`, kept only if the real file lies under `root`. */
function confined(from, request, root, run) {
  let resolved;
  try {
    resolved = createRequire(from).resolve(request);
  } catch (error) {
    return notFound(
      `Cannot find module '${request}' from ${from.startsWith(root) ? from.slice(root.length) : from}: ${error instanceof Error ? error.message.split('\n')[0] : 'not found'}`,
    );
  }
  const real = realpath(resolved);
  if (!real || !inside(real, root)) return notFound(`Cannot find module '${request}': it resolves outside the dependency's install directory`);
  const format = formatOf(real, root);
  if (format.error) return notFound(format.error, 'EMULATOR_MODULE_FORMAT');
  run.allowed.add(real);
  return JSON.stringify({ file: real, format: format.format });
}

function dependencyRoot(dep) {
  if (dep.root === undefined) dep.root = realpath(dep.dir) ?? null;
  return dep.root;
}

/** JSON answer for `require(request)` made by the module `from` during `run`. */
export function resolveRequest(from, request, run) {
  if (typeof from !== 'string' || typeof request !== 'string') return notFound('require: expected a string');
  const bare = request.startsWith('node:') ? request.slice(5) : request;
  if (Object.prototype.hasOwnProperty.call(ALIASES, bare)) return JSON.stringify({ builtin: ALIASES[bare][0], property: ALIASES[bare][1] });
  if (isProvided(bare)) return JSON.stringify({ builtin: bare });
  if (request.startsWith('node:') || isBuiltin(bare)) return notFound(unavailableMessage(bare), 'EMULATOR_MODULE_UNAVAILABLE');

  if (from.startsWith(BUILTIN_PREFIX)) {
    if (request === 'flex-sso:web') return JSON.stringify({ builtin: request });
    const name = request.startsWith('npm:') ? request.slice(4) : '';
    if (!TRUSTED_PACKAGES.has(name)) return notFound(`Cannot find module '${request}'`);
    // The trailing slash makes Node pick the package, not the built-in of the same name.
    return confined(join(TRUSTED_ROOT, 'package.json'), `${name}/`, TRUSTED_ROOT, run);
  }
  if (inside(from, TRUSTED_ROOT)) return confined(from, request, TRUSTED_ROOT, run);

  if (from === ACTION_FILE) {
    if (request.startsWith('.') || request.startsWith('/')) {
      return notFound(`Cannot find module '${request}': an Auth0 Action is a single file; put shared code in an npm package and declare it as a dependency`);
    }
    const name = packageName(request);
    const dep = run.deps.find((d) => d.name === name);
    if (!dep) {
      return notFound(
        `Cannot find module '${request}'. Declare it as a dependency of the Action, as Auth0 requires: in the scenario \`dependencies: [${name}@<version>]\`, or \`flex-sso deploy-action FILE --dependency ${name}@<version>\``,
      );
    }
    const root = dependencyRoot(dep);
    if (!root || !realpath(join(root, 'node_modules', name, 'package.json'))) {
      return notFound(
        `Action dependency ${name}@${dep.version} is not installed in the emulator's dependency cache (${dep.dir}). \`flex-sso run\` installs the dependencies scenarios declare before any login; otherwise run \`npm install --prefix '${dep.dir}' --ignore-scripts ${name}@${dep.version}\``,
        'EMULATOR_DEPENDENCY_MISSING',
      );
    }
    return confined(join(root, 'package.json'), request, root + sep, run);
  }
  const owner = run.deps.find((d) => {
    const root = dependencyRoot(d);
    return root && inside(from, root);
  });
  if (owner) return confined(from, request, dependencyRoot(owner) + sep, run);
  return notFound(`Cannot find module '${request}'`);
}

const scripts = new Map(); // file + mtime + size → vm.Script, least recently used first

/** The module at `file` for `context`: a function of that realm (CommonJS) or JSON text. */
export function compileModule(file, context, run) {
  if (typeof file !== 'string' || !run.allowed.has(file)) return `Cannot load ${String(file)}: it was not resolved by require`;
  const stat = statSync(file);
  if (stat.size > MAX_FILE_BYTES) return `Cannot load ${file}: ${stat.size} bytes is over the emulator's ${MAX_FILE_BYTES}-byte limit per module file`;
  if (extname(file) === '.json') return readFileSync(file, 'utf8');
  const key = `${file}\0${stat.mtimeMs}\0${stat.size}`;
  let script = scripts.get(key);
  if (script) {
    scripts.delete(key);
  } else {
    const source = readFileSync(file, 'utf8').replace(/^#!.*/, '');
    script = new vm.Script(`(function (exports, require, module, __filename, __dirname) { ${source}\n})`, { filename: file });
    if (scripts.size >= SCRIPT_CACHE_LIMIT) scripts.delete(scripts.keys().next().value);
  }
  scripts.set(key, script);
  return script.runInContext(context);
}
