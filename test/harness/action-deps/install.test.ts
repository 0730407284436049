// The dependency cache is filled by the real npm before any login (here from a local package folder,
// so the test needs no network), and the emulator's Action runner then loads from it.
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dependencyDir } from '../../../fake-idp/actions/dependencies.ts';
import { ActionRunner } from '../../../fake-idp/actions/runner.ts';
import { installActionDependencies, isInstalled } from '../../../harness/action-deps/install.ts';
import { CliError } from '../../../harness/cli/errors.ts';
import { action, eventFor } from '../../fake-idp/actions/helpers.ts';

let work: string;
let packageDir: string;
const dep = { name: 'tiny-roles', version: '1.0.0' };

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'deps-install-'));
  packageDir = join(work, 'tiny-roles');
  mkdirSync(packageDir);
  writeFileSync(
    join(packageDir, 'package.json'),
    JSON.stringify({
      name: 'tiny-roles',
      version: '1.0.0',
      main: 'index.js',
      scripts: { postinstall: "node -e \"require('fs').writeFileSync('POSTINSTALL_RAN', '')\"" },
    }),
  );
  writeFileSync(join(packageDir, 'index.js'), "exports.toFlex = (roles) => roles.map((r) => r.toLowerCase()).join(',');\n");
});
afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

describe('installActionDependencies', () => {
  it('installs a declared dependency into its own cache directory with npm, without install scripts, once', async () => {
    const cacheDir = join(work, 'cache');
    const lines: string[] = [];
    const first = await installActionDependencies([dep, dep], { cacheDir, npmSpec: () => packageDir, progress: (l) => lines.push(l) });
    expect(first).toEqual({ cacheDir, installed: ['tiny-roles@1.0.0'], cached: [] });
    expect(lines).toEqual([`installing Action dependency tiny-roles@1.0.0 into ${dependencyDir(cacheDir, dep)}`]);
    expect(isInstalled(cacheDir, dep)).toBe(true);
    expect(existsSync(join(dependencyDir(cacheDir, dep), 'node_modules', 'tiny-roles', 'POSTINSTALL_RAN'))).toBe(false);
    const again = await installActionDependencies([dep], {
      cacheDir,
      npmSpec: () => {
        throw new Error('npm must not run for a cached dependency');
      },
    });
    expect(again).toEqual({ cacheDir, installed: [], cached: ['tiny-roles@1.0.0'] });

    const runner = new ActionRunner({ poolSize: 1, timeoutMs: 5_000, dependenciesDir: cacheDir });
    try {
      const outcome = await runner.run(
        [{ ...action('uses', "api.samlResponse.setAttribute('roles', require('tiny-roles').toFlex(['Agent', 'Admin']));"), dependencies: [dep] }],
        eventFor(),
      );
      expect(outcome.saml.attributes.roles).toBe('agent,admin');
    } finally {
      await runner.close();
    }
  }, 120_000);

  it('fails with ACTION_DEPENDENCY_INSTALL and leaves no partial directory when npm cannot install it', async () => {
    const cacheDir = join(work, 'cache-fail');
    const error = await installActionDependencies([{ name: 'no-such', version: '9.9.9' }], { cacheDir, npmSpec: () => join(work, 'missing-folder') }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(CliError);
    expect((error as CliError).code).toBe('ACTION_DEPENDENCY_INSTALL');
    expect((error as CliError).message).toContain('cannot install the Action dependency no-such@9.9.9');
    expect((error as CliError).hint).toContain('logins never install anything');
    expect(isInstalled(cacheDir, { name: 'no-such', version: '9.9.9' })).toBe(false);
  }, 120_000);
});
