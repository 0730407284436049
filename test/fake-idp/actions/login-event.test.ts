// The Action runtime through a real emulator login over HTTP: RBAC roles assigned with the
// Management API model reach event.authorization.roles, event.stats.logins_count counts the login
// (also when an Action denies it: Auth0 counts before the Actions run, support article "How Logins
// Count Work"), fetch answers from the tenant's stubs, and a declared dependency loads from the cache.
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dependencyDir } from '../../../fake-idp/actions/dependencies.ts';
import { startFakeIdp, type RunningIdp } from '../../../fake-idp/server.ts';
import { ACS_URL, decodeSamlResponse, EMAIL, httpLogin, PASSWORD } from '../login/fixture.ts';
import { browse, CookieJar, parseForm } from '../login/http-client.ts';
import { sharedSigningKey } from '../tenant/fixtures.ts';

let idp: RunningIdp;
let cache: string;
const ACTION = `const ieee754 = require('ieee754');
exports.onExecutePostLogin = async (event, api) => {
  const roles = await fetch('https://directory.example/roles?u=' + encodeURIComponent(event.user.email)).then((r) => r.json());
  api.samlResponse.setAttribute('rbac', event.authorization.roles.join('|'));
  api.samlResponse.setAttribute('logins', String(event.stats.logins_count));
  api.samlResponse.setAttribute('user_has_logins_count', String('logins_count' in event.user));
  api.samlResponse.setAttribute('directory', roles.join('|'));
  api.samlResponse.setAttribute('ieee', String(typeof ieee754.read));
  if (event.stats.logins_count >= 4) api.access.deny('fourth login');
};`;

function attribute(xml: string, name: string): string | undefined {
  return new RegExp(`<saml:Attribute Name="${name}"[^>]*>\\s*<saml:AttributeValue[^>]*>([^<]*)<`).exec(xml)?.[1];
}

beforeAll(async () => {
  cache = mkdtempSync(join(tmpdir(), 'login-deps-'));
  cpSync(
    fileURLToPath(new URL('../../../node_modules/ieee754', import.meta.url)),
    join(dependencyDir(cache, { name: 'ieee754', version: '1.2.1' }), 'node_modules', 'ieee754'),
    { recursive: true },
  );
  idp = await startFakeIdp({ signing: sharedSigningKey(), actionDependenciesDir: cache });
  const { tenant } = idp;
  tenant.updateApplication(idp.defaultClientId, { callbacks: [ACS_URL], addons: { samlp: {} } });
  const user = tenant.createUser({ email: EMAIL, password: PASSWORD, app_metadata: {} });
  const supervisor = tenant.createRole({ name: 'Flex Supervisor' });
  const wfo = tenant.createRole({ name: 'wfo.team_leader' });
  tenant.assignRoles(user.user_id, [supervisor.id, wfo.id]);
  tenant.setFetchStubs([{ url: `https://directory.example/roles?u=${encodeURIComponent(EMAIL)}`, method: 'GET', status: 200, json: ['supervisor'] }]);
  const action = tenant.createAction({ name: 'runtime', code: ACTION, dependencies: [{ name: 'ieee754', version: '1.2.1' }] });
  tenant.deployAction(action.id);
  tenant.setBindings('post-login', [{ ref: { type: 'action_id', value: action.id } }]);
});
afterAll(async () => {
  await idp.close();
  rmSync(cache, { recursive: true, force: true });
});

describe('post-login event and runtime in a real login', () => {
  it('passes RBAC roles, the login count with this login, stubbed fetch answers and a declared dependency', async () => {
    const first = decodeSamlResponse((await httpLogin(idp)).form);
    expect(attribute(first, 'rbac')).toBe('Flex Supervisor|wfo.team_leader');
    expect(attribute(first, 'logins')).toBe('1');
    expect(attribute(first, 'user_has_logins_count')).toBe('false');
    expect(attribute(first, 'directory')).toBe('supervisor');
    expect(attribute(first, 'ieee')).toBe('function');
    expect(idp.tenant.findUserByEmail(EMAIL)?.logins_count).toBe(1);
    const second = decodeSamlResponse((await httpLogin(idp)).form);
    expect(attribute(second, 'logins')).toBe('2');
  });

  it('does not count a login through an existing session (SSO), as Auth0 does not', async () => {
    const jar = new CookieJar();
    const before = idp.tenant.findUserByEmail(EMAIL)?.logins_count ?? -1;
    const withPassword = decodeSamlResponse((await httpLogin(idp, { jar })).form);
    expect(attribute(withPassword, 'logins')).toBe(String(before + 1));
    const page = await browse(jar, `${idp.samlUrl()}?RelayState=sso`);
    const sso = decodeSamlResponse(parseForm(page.html, page.url));
    expect(attribute(sso, 'logins')).toBe(String(before + 1));
    expect(idp.tenant.findUserByEmail(EMAIL)?.logins_count).toBe(before + 1);
  });

  it('counts a login the Action denies, as Auth0 does', async () => {
    const denied = decodeSamlResponse((await httpLogin(idp)).form);
    expect(denied).not.toContain('<saml:Assertion');
    expect(attribute(denied, 'logins')).toBeUndefined();
    expect(idp.tenant.findUserByEmail(EMAIL)?.logins_count).toBe(4);
  });
});
