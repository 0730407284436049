// npm dependencies declared for an Action, as Auth0 stores them (Management API `dependencies:
// [{ name, version }]`, docs "Manage dependencies"; at most 10 per Action, docs "Actions
// limitations"), and where the emulator finds each one installed: its own directory of a local
// cache, filled before any login (harness/action-deps/install.ts), never from the network at login.
import { join, resolve } from 'node:path';

export interface ActionDependency {
  name: string;
  version: string;
}

/** Auth0's limit (docs "Actions limitations": "Each Action may have a maximum of 10 npm modules"). */
export const MAX_ACTION_DEPENDENCIES = 10;
export const DEFAULT_DEPENDENCIES_DIR = '.flex-sso/action-deps';

// npm's package-name rules (lower case, URL-safe, optional @scope/) and a version or range made of
// the characters npm uses; nothing that could climb out of the cache directory.
const NAME = /^(?:@[a-z0-9][a-z0-9._~-]*\/)?[a-z0-9][a-z0-9._~-]*$/;
const VERSION = /^[A-Za-z0-9.^~<>=*+_-][A-Za-z0-9.^~<>=*+_ |-]*$/;

export class DependencySpecError extends Error {
  override readonly name = 'DependencySpecError';
  readonly code = 'ACTION_DEPENDENCY_INVALID';
  constructor(
    readonly spec: string,
    message: string,
    readonly hint = 'Write it as name@version, e.g. lodash@4.17.21 or @scope/pkg@1.2.3',
  ) {
    super(message);
  }
}

export function checkDependency(dep: ActionDependency): ActionDependency {
  if (!NAME.test(dep.name) || dep.name.length > 214)
    throw new DependencySpecError(`${dep.name}@${dep.version}`, `"${dep.name}" is not a valid npm package name`);
  if (!VERSION.test(dep.version) || dep.version.length > 50 || dep.version.includes('..')) {
    throw new DependencySpecError(`${dep.name}@${dep.version}`, `"${dep.version}" is not a version or range npm understands (for ${dep.name})`);
  }
  return dep;
}

/** `lodash@4.17.21`, `@scope/pkg@^1.2.0` → { name, version }. The version is required. */
export function parseDependencySpec(spec: string): ActionDependency {
  const at = spec.lastIndexOf('@');
  if (at <= 0) throw new DependencySpecError(spec, `"${spec}" has no version: Auth0 installs the version declared with the Action`);
  return checkDependency({ name: spec.slice(0, at), version: spec.slice(at + 1) });
}

export const formatDependency = (dep: ActionDependency): string => `${dep.name}@${dep.version}`;

/** The directory a dependency is installed under (`<dir>/node_modules/<name>`): one per name@version. */
export function dependencyDir(cacheDir: string, dep: ActionDependency): string {
  checkDependency(dep);
  return join(resolve(cacheDir), `${dep.name.replace('/', '+')}@${dep.version.replace(/[ |]/g, '_')}`);
}
