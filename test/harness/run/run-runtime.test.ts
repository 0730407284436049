// `flex-sso run` with a scenario whose Action requires a declared npm package and calls fetch: the
// run finds the package in the dependency cache of its working directory (filled beforehand, so no
// network), hands that cache to the workers' emulators, and the real browser login passes.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../helpers/cli.ts';

const IEEE754 = fileURLToPath(new URL('../../../node_modules/ieee754', import.meta.url));
let dir: string;

const ACTION = `const ieee754 = require('ieee754');
exports.onExecutePostLogin = async (event, api) => {
  const { team } = await fetch('https://directory.example/teams/' + encodeURIComponent(event.user.email)).then((r) => r.json());
  const single = Buffer.alloc(4); ieee754.write(single, 1.5, 0, false, 23, 4);
  api.samlResponse.setAttribute('email', event.user.email);
  api.samlResponse.setAttribute('full_name', event.user.name);
  api.samlResponse.setAttribute('roles', event.user.app_metadata.flex.roles);
  api.samlResponse.setAttribute('team', team);
  api.samlResponse.setAttribute('program', single.toString('hex') + '-' + require('crypto').createHash('sha1').update('abc').digest('hex').slice(0, 6));
};
`;
const SCENARIO = `- id: runtime-deps-fetch
  title: An Action with an npm dependency, crypto and a stubbed fetch
  action: ./runtime-action.js
  dependencies: [ieee754@1.2.1]
  fetch:
    - url: https://directory.example/teams/*
      json: { team: Blue }
  user:
    email: runtime@flex-sso.test
    name: Run Time
    app_metadata: { flex: { roles: [agent] } }
  expect:
    outcome: login
    attributes: { email: runtime@flex-sso.test, roles: agent, team: Blue, program: 3fc00000-a9993e }
`;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'flex-sso-run-runtime-'));
  const modules = join(dir, '.flex-sso', 'action-deps', 'ieee754@1.2.1', 'node_modules');
  mkdirSync(modules, { recursive: true });
  cpSync(IEEE754, join(modules, 'ieee754'), { recursive: true });
  writeFileSync(join(dir, 'runtime-action.js'), ACTION);
  writeFileSync(join(dir, 'runtime.yaml'), SCENARIO);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('flex-sso run: the Action runtime', () => {
  it('runs a scenario whose Action requires a cached dependency and calls a stubbed fetch', async () => {
    const result = await runCli(['run', '--scenarios', './runtime.yaml', '--workers', '1', '--out', './reports', '--reporter', 'json'], {
      cwd: dir,
      timeoutMs: 170_000,
    });
    expect(result.stderr).not.toContain('installing Action dependency'); // already in the cache: npm never ran
    expect(result.code).toBe(0);
    const results = JSON.parse(readFileSync(join(dir, 'reports', 'results.json'), 'utf8')) as {
      scenarios: { id: string; passed?: boolean; status?: string }[];
    };
    expect(JSON.stringify(results.scenarios)).toContain('runtime-deps-fetch');
  }, 180_000);
});
