import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHttpsEmulator, type HttpsEmulator } from '../auth0/emulator.ts';

// Integration: the real CLI (child process) → real auth0 SDK → emulator over HTTPS.
const PATTERN_A = fileURLToPath(new URL('../../../scenarios/actions/pattern-a.js', import.meta.url));
let emu: HttpsEmulator;

const boundNames = () => emu.idp.tenant.getBindings('post-login').map((b) => emu.idp.tenant.getAction(b.action.id)?.name);
const state = () => JSON.stringify({ actions: emu.idp.tenant.listActions(), bindings: emu.idp.tenant.getBindings('post-login') });

beforeAll(async () => {
  emu = await startHttpsEmulator();
  // An Action someone else bound first: it must stay, in first position.
  const other = emu.idp.tenant.createAction({ name: 'Existing MFA policy', code: 'exports.onExecutePostLogin = async () => {};' });
  emu.idp.tenant.deployAction(other.id);
  emu.idp.tenant.setBindings('post-login', [{ ref: { type: 'action_id', value: other.id }, display_name: 'Existing MFA policy' }]);
}, 60_000);
afterAll(async () => {
  await emu?.close();
});

describe('flex-sso deploy-action (emulator over HTTPS, real SDK)', () => {
  it('--dry-run says what it would do and changes nothing', async () => {
    const before = state();
    const result = await emu.cli(['deploy-action', PATTERN_A, '--name', 'Add Flex Roles to SAML', '--dry-run']);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('would create Action "Add Flex Roles to SAML"');
    expect(result.stderr).toContain('would bind it to post-login at position 2');
    expect(result.stdout).toContain('Dry run: nothing changed');
    expect(state()).toBe(before);
  }, 60_000);

  it('creates, deploys and appends the binding after the existing one', async () => {
    const result = await emu.cli(['deploy-action', PATTERN_A, '--name', 'Add Flex Roles to SAML']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Action "Add Flex Roles to SAML" \(.+\) created and deployed, version 1; post-login binding added at position 2\./);
    expect(boundNames()).toEqual(['Existing MFA policy', 'Add Flex Roles to SAML']);
    const live = emu.idp.tenant.boundPostLoginActions();
    expect(live[1]?.code).toBe(readFileSync(PATTERN_A, 'utf8'));
    expect(`${result.stdout}${result.stderr}`).not.toContain(emu.secret);
  }, 60_000);

  it('updates changed code in place, keeping the binding position', async () => {
    // Move our Action first, behind it another: the update must keep this order.
    const ours = emu.idp.tenant.listActions().find((a) => a.name === 'Add Flex Roles to SAML');
    const other = emu.idp.tenant.listActions().find((a) => a.name === 'Existing MFA policy');
    emu.idp.tenant.setBindings(
      'post-login',
      [ours, other].map((a) => ({ ref: { type: 'action_id' as const, value: a?.id ?? '' } })),
    );
    const changed = emu.writeFile('flex-roles.js', `${readFileSync(PATTERN_A, 'utf8')}\n// v2\n`);
    const result = await emu.cli(['deploy-action', changed, '--name', 'Add Flex Roles to SAML']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('updated and deployed, version 2; post-login binding kept at position 1.');
    expect(boundNames()).toEqual(['Add Flex Roles to SAML', 'Existing MFA policy']);
    expect(emu.idp.tenant.boundPostLoginActions()[0]?.code).toContain('// v2');
  }, 60_000);

  it('a failing build exits 1 with the line and column, and the live version stays', async () => {
    const broken = emu.writeFile('broken.js', "exports.onExecutePostLogin = async (event, api) => {\n  api.samlResponse.setAttribute('roles', [;\n};\n");
    const result = await emu.cli(['deploy-action', broken, '--name', 'Add Flex Roles to SAML']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('ACTION_BUILD_FAILED');
    expect(result.stderr).toMatch(/line 2, column \d+/);
    expect(emu.idp.tenant.boundPostLoginActions()[0]?.code).toContain('// v2');
  }, 60_000);

  it('--dependency sends name@version in the Actions API body, and a new dependency redeploys unchanged code', async () => {
    const file = emu.writeFile('with-deps.js', "const _ = require('lodash');\nexports.onExecutePostLogin = async () => {};\n");
    const first = await emu.cli(['deploy-action', file, '--name', 'With deps', '--dependency', 'lodash@4.17.21']);
    expect(first.code).toBe(0);
    expect(first.stderr).toContain('creating Action "With deps" (runtime node22) with lodash@4.17.21');
    const action = () => emu.idp.tenant.listActions().find((a) => a.name === 'With deps');
    expect(action()?.deployed_version?.dependencies).toEqual([{ name: 'lodash', version: '4.17.21' }]);
    const same = await emu.cli(['deploy-action', file, '--name', 'With deps', '--dependency', 'lodash@4.17.21']);
    expect(same.stdout).toContain('already up to date');
    const more = await emu.cli(['deploy-action', file, '--name', 'With deps', '--dependency', 'lodash@4.17.21', '--dependency', '@scope/pkg@^1.2.0']);
    expect(more.stdout).toContain('updated and deployed, version 2');
    expect(action()?.deployed_version?.dependencies).toEqual([
      { name: 'lodash', version: '4.17.21' },
      { name: '@scope/pkg', version: '^1.2.0' },
    ]);
  }, 60_000);

  it('--dependency without a version, or named twice, is a usage error (exit 2) before any call', async () => {
    const before = state();
    const noVersion = await emu.cli(['deploy-action', PATTERN_A, '--dependency', 'lodash']);
    expect(noVersion.code).toBe(2);
    expect(noVersion.stderr).toContain('ACTION_DEPENDENCY_INVALID');
    expect(noVersion.stderr).toContain('"lodash" has no version');
    const twice = await emu.cli(['deploy-action', PATTERN_A, '--dependency', 'lodash@1.0.0', '--dependency', 'lodash@2.0.0']);
    expect(twice.code).toBe(2);
    expect(twice.stderr).toContain('lodash is given twice');
    expect(state()).toBe(before);
  }, 60_000);

  it('refuses a file that is not a post-login Action (exit 2)', async () => {
    const notAction = emu.writeFile('notes.js', 'console.log("hello");\n');
    const result = await emu.cli(['deploy-action', notAction]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('does not define exports.onExecutePostLogin');
    const missing = await emu.cli(['deploy-action', 'no-such-file.js']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('no readable file');
  }, 60_000);
});
