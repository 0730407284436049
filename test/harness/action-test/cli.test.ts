// `flex-sso action-test` through the real CLI (tsx, child process, real worker threads).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../helpers/cli.ts';

const ACTIONS = fileURLToPath(new URL('../../../scenarios/actions/', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'flex-sso-action-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

const supervisor = file(
  'supervisor.json',
  JSON.stringify({
    email: 'sam@example.com',
    name: 'Sam Super',
    app_metadata: { flex: { roles: ['supervisor', 'agent'], team: 'RAMP' }, program: 'RAMP' },
  }),
);
const NOW = ['--now', '2026-03-01T12:00:00Z'];
// Each case starts the real CLI (tsx + a worker thread); on a loaded 2-core machine that is slow.
const SLOW = { timeout: 120_000 };

describe('flex-sso action-test --user', SLOW, () => {
  it('prints the attributes Pattern A would emit and exits 0', async () => {
    const result = await runCli(['action-test', join(ACTIONS, 'pattern-a.js'), '--user', supervisor, ...NOW]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      /SAML attributes \(5\)\n {2}email +sam@example\.com\n {2}full_name +Sam Super\n {2}roles +supervisor,agent\n {2}team +RAMP\n {2}program +RAMP\n/,
    );
    expect(result.stdout).toContain('OK: 5 attribute(s) emitted');
    expect(result.stdout).toContain('Teams View filters on `team_name`');
  });

  it('shows an array as one value per line, and JSON with --json', async () => {
    const text = await runCli(['action-test', join(ACTIONS, 'twilio-reference.js'), '--user', supervisor, ...NOW]);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/\n {2}roles +supervisor\n {2} +agent\n/);
    const json = await runCli(['action-test', join(ACTIONS, 'twilio-reference.js'), '--user', supervisor, '--json', ...NOW]);
    expect(json.code).toBe(0);
    const body = JSON.parse(json.stdout) as { ok: boolean; results: { attributes: Record<string, unknown>; emitted: boolean }[] };
    expect(body.ok).toBe(true);
    expect(body.results[0]?.attributes.roles).toEqual(['supervisor', 'agent']);
  });

  it('reads the user from stdin, fills Auth0 defaults, and exits 1 with the fix when the Action throws', async () => {
    const result = await runCli(['action-test', join(ACTIONS, 'twilio-reference.js'), '--user', '-', ...NOW], { input: '{"email":"bob@example.com"}' });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('User        bob@example.com  (stdin)');
    expect(result.stdout).toMatch(
      /ERROR \(throw\) in Action "twilio-reference" at line \d+, column \d+: TypeError: Cannot read properties of undefined \(reading 'roles'\)/,
    );
    expect(result.stdout).toContain('add {"flex":{"roles":["agent"]}}');
  });

  it('notes that full_name is the email when the user has no name (Auth0 default)', async () => {
    const result = await runCli(['action-test', join(ACTIONS, 'pattern-b.js'), '--user', '-', ...NOW], {
      input: '{"email":"ann@example.com","given_name":"Ann"}',
    });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/full_name +ann@example\.com/);
    expect(result.stdout).toContain('Auth0 sets `name` to the email');
  });

  it('reports a syntax error with line and column, and exits 1', async () => {
    const broken = file('broken.js', 'exports.onExecutePostLogin = async (event, api) => {\n  let y = ;\n};\n');
    const result = await runCli(['action-test', broken, '--user', supervisor, ...NOW]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('ERROR (syntax) in Action "broken" at line 2, column 11: SyntaxError: Unexpected token \';\'');
  });

  it('reports a deny with console output and missing-attribute advice, and exits 1', async () => {
    const deny = file(
      'deny.js',
      "exports.onExecutePostLogin = async (event, api) => { console.log('checking', event.user.email); api.access.deny('no Flex access'); };\n",
    );
    const result = await runCli(['action-test', deny, '--user', supervisor, '--json', ...NOW]);
    expect(result.code).toBe(1);
    const body = JSON.parse(result.stdout) as { results: { denied: unknown; logs: { message: string }[] }[] };
    expect(body.results[0]?.denied).toEqual({ reason: 'no Flex access', action: 'deny' });
    expect(body.results[0]?.logs.map((l) => l.message)).toEqual(['checking sam@example.com']);
  });

  it('shows values as Auth0 writes them and never prints the private key an Action passes to setKey', async () => {
    const edges = file(
      'edges.js',
      "exports.onExecutePostLogin = async (event, api) => { api.samlResponse.setAttribute('meta', { a: 1 }); api.samlResponse.setAttribute('roles', ['agent', null]); api.samlResponse.setKey('-----BEGIN PRIVATE KEY-----\\nSECRETKEYMATERIAL\\n-----END PRIVATE KEY-----'); };\n",
    );
    const text = await runCli(['action-test', edges, '--user', supervisor, ...NOW]);
    expect(text.stdout).toMatch(/\n {2}meta +\[object Object\]\n/);
    expect(text.stdout).toMatch(/\n {2}roles +agent\n {2} +null\n/);
    expect(text.stdout).toContain('[private key, not shown]');
    const json = await runCli(['action-test', edges, '--user', supervisor, '--json', ...NOW]);
    for (const out of [text, json]) expect(`${out.stdout}${out.stderr}`).not.toContain('SECRETKEYMATERIAL');
  });

  it('exits 1 when the Action emits no attribute, and when Flex would refuse the attributes (missing required)', async () => {
    const partial = file('partial.js', "exports.onExecutePostLogin = async (event, api) => { api.samlResponse.setAttribute('email', event.user.email); };\n");
    const silent = file('silent.js', 'exports.onExecutePostLogin = async () => {};\n');
    const partialRun = await runCli(['action-test', partial, '--user', supervisor, ...NOW]);
    expect(partialRun.code).toBe(1);
    expect(partialRun.stdout).toContain(
      "REJECTED by the fake SP's flex check (FLEX_MISSING_REQUIRED): Missing or invalid required attributes: full_name, roles",
    );
    expect(partialRun.stdout).toContain('expected non-empty email, full_name, roles, received missing: full_name, roles');
    const silentRun = await runCli(['action-test', silent, '--user', supervisor, ...NOW]);
    expect(silentRun.code).toBe(1);
    expect(silentRun.stdout).toContain('NO ATTRIBUTES');
  });
});

describe('flex-sso action-test --scenarios', SLOW, () => {
  it('compares each scenario of this Action with its expect and exits 1 on a mismatch, printing expected vs received', async () => {
    const sub = join(dir, 'scen');
    mkdirSync(sub, { recursive: true });
    writeFileSync(
      join(sub, 'admin.yaml'),
      'id: admin-login\ntitle: Admin\naction: twilio-reference\nuser:\n  email: ada@example.com\n  name: Ada Admin\n  app_metadata:\n    flex:\n      roles: [admin]\nexpect: { outcome: login, attributes: { roles: admin } }\n',
    );
    writeFileSync(
      join(sub, 'list.yaml'),
      '- id: no-flex\n  title: no app_metadata.flex\n  action: twilio-reference\n  user:\n    email: nf@example.com\n  expect: { outcome: login }\n',
    );
    const result = await runCli(['action-test', join(ACTIONS, 'twilio-reference.js'), '--scenarios', join(sub, '*.yaml'), ...NOW]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('ada@example.com  (scenario admin-login, ');
    expect(result.stdout).toContain('nf@example.com  (scenario no-flex, ');
    expect(result.stdout).toMatch(
      /MISMATCH with the scenario's expect\n {2}✗ outcome +expected login, received idp-error \(urn:oasis:names:tc:SAML:2\.0:status:Responder: TypeError: Cannot read properties of undefined \(reading 'roles'\)\)/,
    );
    expect(result.stdout).toContain('2 scenario(s) compared with their expect: 1 as expected, 1 mismatched.');
  });

  it('with no Action file runs every scenario with its own Action: the shipped scenarios are a green dry matrix', async () => {
    const result = await runCli(['action-test', '--scenarios', 'pattern-a-role-typo', '--json', ...NOW]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const body = JSON.parse(result.stdout) as {
      ok: boolean;
      results: { action: string; scenario: { compared: boolean; passed: boolean; fields: { field: string; expected: string; received: string }[] } }[];
    };
    expect(body.ok).toBe(true);
    expect(body.results[0]?.action).toMatch(/scenarios\/actions\/pattern-a\.js$/);
    expect(body.results[0]?.scenario.fields).toContainEqual({ field: 'check:flex', ok: true, expected: 'failed', received: 'failed FLEX_UNKNOWN_ROLE' });
  });

  it('exits 2 when no scenario file has a user', async () => {
    const result = await runCli(['action-test', join(ACTIONS, 'pattern-a.js'), '--scenarios', join(dir, 'nothing-here', '*.yaml')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('SCENARIOS_NONE');
  });
});

describe('flex-sso action-test usage errors (exit 2)', SLOW, () => {
  it.each([
    ['no user', [join(ACTIONS, 'pattern-a.js')], '', 'USER_MISSING'],
    ['no Action file and no --scenarios', ['--user', supervisor], '', 'ACTION_FILE_MISSING'],
    ['--user and --tenant-user', [join(ACTIONS, 'pattern-a.js'), '--user', supervisor, '--tenant-user', 'a@example.com'], '', 'OPTION_CONFLICT'],
    ['both inputs', [join(ACTIONS, 'pattern-a.js'), '--user', supervisor, '--scenarios', '*.yaml'], '', 'OPTION_CONFLICT'],
    ['a missing Action file', [join(dir, 'nope.js'), '--user', supervisor], '', 'ACTION_FILE_UNREADABLE'],
    ['a user without email', [join(ACTIONS, 'pattern-a.js'), '--user', '-'], '{"name":"x"}', 'USER_INVALID'],
  ])('%s', async (_label, args, input, code) => {
    const result = await runCli(['action-test', ...args], { input });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(code);
    expect(result.stdout).toBe('');
  });
});

describe('flex-sso action-test: the Action runtime', SLOW, () => {
  it('loads a --dependency from .flex-sso/action-deps in the working directory, and names the fix when it is not there', async () => {
    const work = mkdtempSync(join(tmpdir(), 'flex-sso-action-test-deps-'));
    try {
      const pkg = join(work, '.flex-sso', 'action-deps', 'tiny-flex@1.0.0', 'node_modules', 'tiny-flex');
      mkdirSync(pkg, { recursive: true });
      writeFileSync(join(pkg, 'package.json'), '{"name":"tiny-flex","version":"1.0.0","main":"index.js"}');
      writeFileSync(join(pkg, 'index.js'), "exports.roles = (u) => (u.app_metadata.flex.roles || []).join(',');\n");
      const code = file(
        'with-dep.js',
        "const tiny = require('tiny-flex');\nexports.onExecutePostLogin = async (event, api) => {\n" +
          "  api.samlResponse.setAttribute('email', event.user.email);\n  api.samlResponse.setAttribute('full_name', event.user.name);\n" +
          "  api.samlResponse.setAttribute('roles', tiny.roles(event.user));\n  api.samlResponse.setAttribute('digest', require('crypto').createHash('sha1').update('abc').digest('hex'));\n};\n",
      );
      const ok = await runCli(['action-test', code, '--user', supervisor, '--dependency', 'tiny-flex@1.0.0', ...NOW], { cwd: work });
      expect(ok.code).toBe(0);
      expect(ok.stdout).toContain('supervisor,agent');
      expect(ok.stdout).toContain('a9993e364706816aba3e25717850c26c9cd0d89d'); // SHA-1("abc"), FIPS 180-2
      const missing = await runCli(['action-test', code, '--user', supervisor, ...NOW], { cwd: work });
      expect(missing.code).toBe(1);
      expect(missing.stdout).toContain("Cannot find module 'tiny-flex'. Declare it as a dependency of the Action");
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });
});

describe("flex-sso action-test: Flex's verdict decides the exit code", SLOW, () => {
  it('roles ["superviser"] and no team: exit 1 with the flex check\'s expected vs received and the did-you-mean', async () => {
    const typo = file('typo.json', JSON.stringify({ email: 'terry@example.com', name: 'Terry Typo', app_metadata: { flex: { roles: ['superviser'] } } }));
    const result = await runCli(['action-test', join(ACTIONS, 'pattern-a.js'), '--user', typo, ...NOW]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(
      "Flex        REJECTED by the fake SP's flex check (FLEX_UNKNOWN_ROLE): Unknown Flex role(s): `superviser`: did you mean `supervisor`?",
    );
    expect(result.stdout).toMatch(/\n {12}expected roles from: admin, supervisor, agent, .*, received superviser\n/);
  });
});

describe('flex-sso action-test --tenant-user (read-only, the emulator over HTTPS as a tenant)', SLOW, () => {
  it("runs the Action on the tenant's stored profile and RBAC roles, and exits 2 for an unknown e-mail", async () => {
    const { startHttpsEmulator } = await import('../auth0/emulator.ts');
    const emulator = await startHttpsEmulator();
    try {
      const tenant = emulator.idp.tenant;
      const jane = tenant.createUser({
        email: 'jane@example.com',
        password: 'Jane-Pass-1234!',
        name: 'Jane Doe',
        app_metadata: { flex: { roles: ['agent'] } },
      });
      const role = tenant.createRole({ name: 'supervisor' });
      tenant.assignRoles(jane.user_id, [role.id]);
      const rbac = emulator.writeFile(
        'rbac.js',
        "exports.onExecutePostLogin = async (event, api) => {\n  api.samlResponse.setAttribute('email', event.user.email);\n  api.samlResponse.setAttribute('full_name', event.user.name);\n  api.samlResponse.setAttribute('roles', event.authorization.roles);\n  api.samlResponse.setAttribute('team', event.user.app_metadata.flex.team);\n};\n",
      );
      const before = tenant.getUser(jane.user_id);
      const result = await emulator.cli(['action-test', rbac, '--tenant-user', 'jane@example.com', ...NOW]);
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      expect(result.stdout).toContain(`User        jane@example.com  (tenant ${emulator.idp.domain}, ${jane.user_id})`);
      expect(result.stdout).toMatch(/\n {2}full_name +Jane Doe\n {2}roles +supervisor\n/);
      expect(tenant.getUser(jane.user_id)).toEqual(before);
      const missing = await emulator.cli(['action-test', rbac, '--tenant-user', 'nobody@example.com', ...NOW]);
      expect(missing.code).toBe(2);
      expect(missing.stderr).toContain('TENANT_USER_NOT_FOUND');
      expect(`${missing.stdout}${missing.stderr}`).not.toContain(emulator.secret);
    } finally {
      await emulator.close();
    }
  });
});
