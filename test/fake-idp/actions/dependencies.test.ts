// npm dependencies declared for an Action (Auth0 docs "Manage dependencies"): loaded from the
// emulator's install cache into the Action's sandbox, never from the network, and confined to their
// own install directory. The cache here is a folder the test lays out (offline), holding one real
// npm package (ieee754, copied from this project's node_modules) and small packages written here.
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dependencyDir, parseDependencySpec, type ActionDependency } from '../../../fake-idp/actions/dependencies.ts';
import { ActionRunner, type ActionToRun } from '../../../fake-idp/actions/runner.ts';
import { action, eventFor } from './helpers.ts';

const PROJECT_MODULES = fileURLToPath(new URL('../../../node_modules/', import.meta.url));
let cache: string;
let outside: string;
let runner: ActionRunner;

function writePackage(dep: ActionDependency, files: Record<string, string>, name = dep.name): string {
  const root = join(dependencyDir(cache, dep), 'node_modules', name);
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, file)), { recursive: true });
    writeFileSync(join(root, file), text);
  }
  return root;
}

beforeAll(() => {
  cache = mkdtempSync(join(tmpdir(), 'action-deps-'));
  outside = mkdtempSync(join(tmpdir(), 'outside-'));
  writeFileSync(join(outside, 'secret.js'), "module.exports = 'outside the cache';");
  cpSync(join(PROJECT_MODULES, 'ieee754'), join(dependencyDir(cache, { name: 'ieee754', version: '1.2.1' }), 'node_modules', 'ieee754'), { recursive: true });
  const greeter = { name: 'greeter', version: '1.0.0' };
  writePackage(greeter, {
    'package.json': JSON.stringify({ name: 'greeter', version: '1.0.0', main: 'lib/main.js' }),
    'lib/main.js':
      "const shout = require('shout'); const { tag } = require('../data.json'); exports.loads = (exports.loads || 0) + 1;\n" +
      "exports.greet = (n) => shout('hello ' + n) + ' ' + tag + ' ' + require('crypto').createHash('md5').update(n).digest('hex').slice(0, 6);",
    'data.json': '{ "tag": "[json]" }',
  });
  writePackage(greeter, { 'package.json': '{"name":"shout","main":"index.js"}', 'index.js': 'module.exports = (s) => s.toUpperCase();' }, 'shout');
  const sneaky = writePackage(
    { name: 'sneaky', version: '1.0.0' },
    {
      'package.json': '{"name":"sneaky","main":"index.js"}',
      'index.js': `const tries = {};
      const t = (k, f) => { try { tries[k] = 'reached:' + typeof f(); } catch (e) { tries[k] = 'blocked:' + (e.code || e.name); } };
      t('fs', () => require('fs'));
      t('process', () => process.pid);
      t('function', () => this.constructor.constructor('return process')());
      t('moduleCtor', () => module.constructor.constructor('return process')());
      t('requireCtor', () => require.constructor('return process')());
      t('climb', () => require('../../../../../../etc/passwd'));
      t('symlink', () => require('./link.js'));
      t('projectPackage', () => require('yaml'));
      t('absolute', () => require('${join(outside, 'secret.js')}'));
      module.exports = tries;`,
    },
  );
  symlinkSync(join(outside, 'secret.js'), join(sneaky, 'link.js'));
  writePackage(
    { name: 'esm-only', version: '2.0.0' },
    { 'package.json': '{"name":"esm-only","type":"module","main":"index.js"}', 'index.js': 'export default 1;' },
  );
  runner = new ActionRunner({ poolSize: 1, timeoutMs: 5_000, dependenciesDir: cache });
});
afterAll(async () => {
  await runner.close();
  rmSync(cache, { recursive: true, force: true });
  rmSync(outside, { recursive: true, force: true });
});

function withDeps(name: string, body: string, specs: string[]): ActionToRun {
  return { ...action(name, body), dependencies: specs.map(parseDependencySpec) };
}

describe('Action dependencies from the install cache', () => {
  it('loads a real npm package (ieee754) declared for the Action', async () => {
    const outcome = await runner.run(
      [
        withDeps(
          'ieee',
          `
      const ieee754 = require('ieee754');
      const buf = Buffer.alloc(4); ieee754.write(buf, 1.5, 0, false, 23, 4);
      api.samlResponse.setAttribute('hex', buf.toString('hex'));`,
          ['ieee754@1.2.1'],
        ),
      ],
      eventFor(),
    );
    expect(outcome.error).toBeUndefined();
    expect(outcome.saml.attributes.hex).toBe('3fc00000'); // IEEE 754 single precision of 1.5, little-endian = false
  });

  it('resolves main, JSON and a transitive package inside the install directory, once per login', async () => {
    const outcome = await runner.run(
      [
        withDeps(
          'greet',
          `
      const g = require('greeter'); require('greeter');
      api.samlResponse.setAttribute('greeting', g.greet('jane'));
      api.samlResponse.setAttribute('loads', g.loads);`,
          ['greeter@1.0.0'],
        ),
      ],
      eventFor(),
    );
    expect(outcome.error).toBeUndefined();
    // md5("jane") = 5844a15e76563fedd11840fd6f40ea7b
    expect(outcome.saml.attributes).toEqual({ greeting: 'HELLO JANE [json] 5844a1', loads: 1 });
  });

  it('keeps a dependency inside the sandbox and inside its own install directory', async () => {
    const outcome = await runner.run(
      [withDeps('sneaky', `api.samlResponse.setAttribute('tries', JSON.stringify(require('sneaky')));`, ['sneaky@1.0.0'])],
      eventFor(),
    );
    expect(outcome.error).toBeUndefined();
    expect(JSON.parse(String(outcome.saml.attributes.tries))).toEqual({
      fs: 'blocked:EMULATOR_MODULE_UNAVAILABLE',
      process: 'blocked:ReferenceError',
      function: 'blocked:EvalError',
      moduleCtor: 'blocked:EvalError',
      requireCtor: 'blocked:EvalError',
      climb: 'blocked:MODULE_NOT_FOUND',
      symlink: 'blocked:MODULE_NOT_FOUND',
      projectPackage: 'blocked:MODULE_NOT_FOUND',
      absolute: 'blocked:MODULE_NOT_FOUND',
    });
  });

  it('refuses a package that is not declared, even when it is in the cache', async () => {
    const outcome = await runner.run([withDeps('undeclared', "require('greeter');", ['ieee754@1.2.1'])], eventFor());
    expect(outcome.error?.message).toContain("Cannot find module 'greeter'. Declare it as a dependency of the Action");
  });

  it('says how to install a declared dependency missing from the cache (no network at login time)', async () => {
    const outcome = await runner.run([withDeps('missing', "require('left-pad');", ['left-pad@1.3.0'])], eventFor());
    expect(outcome.ok).toBe(false);
    expect(outcome.error?.message).toBe(
      `Error: Action dependency left-pad@1.3.0 is not installed in the emulator's dependency cache (${dependencyDir(cache, { name: 'left-pad', version: '1.3.0' })}). \`flex-sso run\` installs the dependencies scenarios declare before any login; otherwise run \`npm install --prefix '${dependencyDir(cache, { name: 'left-pad', version: '1.3.0' })}' --ignore-scripts left-pad@1.3.0\``,
    );
  });

  it('refuses an ES-module-only package with the reason', async () => {
    const outcome = await runner.run([withDeps('esm', "require('esm-only');", ['esm-only@2.0.0'])], eventFor());
    expect(outcome.error?.message).toMatch(/index\.js is an ES module \("type": "module"\); the emulator loads CommonJS dependencies only/);
  });
});

describe('dependency specs (name@version, as deploy-action and scenarios take them)', () => {
  it.each([
    ['lodash@4.17.21', { name: 'lodash', version: '4.17.21' }],
    ['@scope/pkg@^1.2.0', { name: '@scope/pkg', version: '^1.2.0' }],
  ])('parses %s', (spec, expected) => {
    expect(parseDependencySpec(spec)).toEqual(expected);
  });

  it.each([
    ['lodash', 'has no version'],
    ['@scope/pkg', 'has no version'],
    ['../evil@1.0.0', 'is not a valid npm package name'],
    ['Lodash@1.0.0', 'is not a valid npm package name'],
    ['lodash@1/../../x', 'is not a version or range npm understands'],
  ])('rejects %s', (spec, message) => {
    expect(() => parseDependencySpec(spec)).toThrow(message);
  });

  it('gives each name@version its own directory under the cache', () => {
    expect(dependencyDir('/cache', { name: '@scope/pkg', version: '1.0.0' })).toBe('/cache/@scope+pkg@1.0.0');
  });
});
