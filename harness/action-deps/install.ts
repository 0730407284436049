// Fills the emulator's Action dependency cache before any login: each declared name@version is
// installed with npm into its own directory (fake-idp/actions/dependencies.ts), once; the emulator
// then loads it from there and never touches the network at login time. Install scripts never run
// (--ignore-scripts): a dependency's code runs only inside the Action sandbox.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { dirname, join, resolve } from 'node:path';
import { DEFAULT_DEPENDENCIES_DIR, dependencyDir, formatDependency, type ActionDependency } from '../../fake-idp/actions/dependencies.ts';
import { CliError } from '../cli/errors.ts';

/** Environment variable naming the cache for `flex-sso run`'s workers (set by the run, read by its emulators). */
export const ACTION_DEPS_DIR_ENV = 'FLEX_SSO_ACTION_DEPS_DIR';

export interface InstallOptions {
  /** The cache (default .flex-sso/action-deps in the working directory). */
  cacheDir?: string;
  /** What npm installs for a dependency (default `name@version` from the registry; tests give a local folder). */
  npmSpec?: (dep: ActionDependency) => string;
  progress?: (line: string) => void;
  /** Bound on one npm install. */
  timeoutMs?: number;
}

export interface InstallResult {
  cacheDir: string;
  installed: string[];
  cached: string[];
}

export const isInstalled = (cacheDir: string, dep: ActionDependency): boolean =>
  existsSync(join(dependencyDir(cacheDir, dep), 'node_modules', dep.name, 'package.json'));

function runNpm(args: string[], timeoutMs: number): Promise<{ code: number | null; output: string }> {
  return new Promise((resolveRun) => {
    const child = spawn('npm', args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, npm_config_update_notifier: 'false' } });
    let output = '';
    const keep = (d: Buffer) => {
      output = (output + d.toString()).slice(-4000);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      resolveRun({ code: null, output: `${output}\n${error.message}` });
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolveRun({ code, output });
    });
  });
}

/** Installs every dependency not yet in the cache; the ones there already are left as they are. */
export async function installActionDependencies(deps: readonly ActionDependency[], opts: InstallOptions = {}): Promise<InstallResult> {
  const cacheDir = resolve(opts.cacheDir ?? DEFAULT_DEPENDENCIES_DIR);
  const result: InstallResult = { cacheDir, installed: [], cached: [] };
  const unique = [...new Map(deps.map((d) => [formatDependency(d), d])).values()];
  for (const dep of unique) {
    const label = formatDependency(dep);
    if (isInstalled(cacheDir, dep)) {
      result.cached.push(label);
      continue;
    }
    const target = dependencyDir(cacheDir, dep);
    const staging = `${target}.${randomBytes(4).toString('hex')}.tmp`;
    mkdirSync(dirname(target), { recursive: true });
    opts.progress?.(`installing Action dependency ${label} into ${target}`);
    const spec = opts.npmSpec ? opts.npmSpec(dep) : label;
    const npm = await runNpm(
      ['install', '--prefix', staging, '--no-save', '--no-package-lock', '--ignore-scripts', '--no-audit', '--no-fund', '--omit=dev', '--install-links', spec],
      opts.timeoutMs ?? 300_000,
    );
    if (npm.code !== 0 || !existsSync(join(staging, 'node_modules', dep.name, 'package.json'))) {
      rmSync(staging, { recursive: true, force: true });
      const tail = npm.output.trim().split('\n').slice(-6).join('\n    ');
      throw new CliError(
        'ACTION_DEPENDENCY_INSTALL',
        `cannot install the Action dependency ${label} (npm ${npm.code === null ? 'did not run or timed out' : `exited ${npm.code}`}):\n    ${tail}`,
        `Check the name and version on the npm registry, or fill ${target} yourself (node_modules/${dep.name} inside it) and run again: logins never install anything.`,
      );
    }
    rmSync(target, { recursive: true, force: true });
    renameSync(staging, target);
    result.installed.push(label);
  }
  return result;
}
