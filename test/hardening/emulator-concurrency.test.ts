// The Auth0 emulator under concurrency (SECURITY.md): 50 parallel HTTP logins of distinct users, each with
// its own app_metadata, each get exactly their own attributes in the signed response (no cross-talk
// between concurrent logins, Action workers or transactions); one user whose Action never returns
// times out (short actionTimeoutMs) with an error response while all the others complete.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startFakeIdp, type RunningIdp } from '../../fake-idp/server.ts';
import { decodeSamlResponse, httpLogin } from '../fake-idp/login/fixture.ts';
import { attributeMap, first, parseXml, verifiedReferences } from '../fake-idp/saml/xml-helpers.ts';

const ACS_URL = 'http://127.0.0.1:9/acs';
const PASSWORD = 'Correct-Horse-9';
const HANG_EMAIL = 'hangs@example.com';
const USERS = Array.from({ length: 50 }, (_, i) => ({
  email: `agent.${i}@example.com`,
  team: `team-${i}`,
  roles: i % 2 === 0 ? ['agent'] : ['supervisor', `skill_${i}`],
}));

// The Action copies app_metadata into SAML attributes, and loops forever for one email.
const ACTION = `exports.onExecutePostLogin = async (event, api) => {
  if (event.user.email === '${HANG_EMAIL}') { for (;;) {} }
  api.samlResponse.setAttribute('team', event.user.app_metadata.team);
  api.samlResponse.setAttribute('roles', event.user.app_metadata.roles);
  api.samlResponse.setAttribute('echo_email', event.user.email);
};`;

let idp: RunningIdp;
beforeAll(async () => {
  idp = await startFakeIdp({ actionTimeoutMs: 1500 });
  idp.tenant.updateApplication(idp.defaultClientId, { callbacks: [ACS_URL], addons: { samlp: {} } });
  idp.tenant.state.settings.universalLogin = 'single-page';
  for (const u of USERS) idp.tenant.createUser({ email: u.email, password: PASSWORD, app_metadata: { team: u.team, roles: u.roles } });
  idp.tenant.createUser({ email: HANG_EMAIL, password: PASSWORD, app_metadata: { team: 'never', roles: ['never'] } });
  const action = idp.tenant.createAction({ name: 'copy-app-metadata', code: ACTION });
  idp.tenant.deployAction(action.id);
  idp.tenant.setBindings('post-login', [{ ref: { type: 'action_id', value: action.id } }]);
});
afterAll(async () => {
  await idp?.close();
});

test('50 parallel logins each get their own attributes; a hanging Action times out without stalling them', async () => {
  const hung = httpLogin(idp, { email: HANG_EMAIL, password: PASSWORD });
  const results = await Promise.all(USERS.map((u) => httpLogin(idp, { email: u.email, password: PASSWORD })));
  results.forEach((r, i) => {
    const u = USERS[i] as (typeof USERS)[number];
    expect(r.status).toBe(200);
    const xml = decodeSamlResponse(r.form);
    expect(first(parseXml(xml), 'StatusCode').getAttribute('Value')).toMatch(/:Success$/);
    expect(verifiedReferences(xml, idp.tenant.state.signing.certPem).length).toBeGreaterThan(0);
    const attrs = attributeMap(xml);
    expect(attrs.team?.values).toEqual([u.team]);
    expect(attrs.roles?.values).toEqual(u.roles);
    expect(attrs.echo_email?.values).toEqual([u.email]);
    expect(first(parseXml(xml), 'NameID').textContent).toBe(idp.tenant.findUserByEmail(u.email)?.user_id);
  });
  // The hung login ends with Auth0's error response (no assertion), not a hang and not another user's data.
  const h = await hung;
  const xml = decodeSamlResponse(h.form);
  expect(first(parseXml(xml), 'StatusCode').getAttribute('Value')).not.toMatch(/:Success$/);
  expect(xml).not.toContain('Assertion');
  expect(xml).not.toMatch(/team-\d+/);
  // logs-schema.json actions_execution_failed: the timeout is its error_class.
  const log = idp.tenant.listLogs({ q: `type:actions_execution_failed AND user_name:"${HANG_EMAIL}"` })[0];
  expect(log?.details).toMatchObject({ error_class: 'action_timeout' });
}, 120_000);
