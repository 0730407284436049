// The shipped flow-wrong-password scenario, run again and again against the emulator standing in
// for a real tenant: brute-force protection would block its user at the 10th failed login from this
// IP (brute-force-protection docs), after which every run ends user-blocked. What flex-sso does
// before each staging run — provision (a new generated password) and DELETE /user-blocks/{id} — keeps
// every run a wrong-password run. The Management API calls go through the real auth0 SDK v7; the
// emulator is served over plain HTTP here, so the SDK's https:// URLs are sent to it as http://.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeIdp, type RunningIdp } from '../../../fake-idp/server.ts';
import { createAuth0Admin } from '../../../harness/auth0/management.ts';
import { desiredFromScenarios, provisionUsers } from '../../../harness/auth0/provision.ts';
import type { Auth0Admin } from '../../../harness/auth0/types.ts';
import { failsLoginOnPurpose, unblockUsers } from '../../../harness/modes/unblock.ts';
import { loadScenariosOrThrow } from '../../../harness/scenarios/load.ts';
import type { Scenario } from '../../../harness/scenarios/schema.ts';
import { Redactor } from '../../../harness/secrets/redact.ts';
import { browse, CookieJar, submitCredentials } from '../../fake-idp/login/http-client.ts';

const CONNECTION = 'Username-Password-Authentication';
let idp: RunningIdp;
let admin: Auth0Admin;
let scenario: Scenario;

beforeAll(async () => {
  idp = await startFakeIdp();
  idp.tenant.updateApplication(idp.defaultClientId, { callbacks: ['http://127.0.0.1:9/acs'] });
  const mgmt = idp.tenant.state.managementClients[0]!;
  const overHttp: typeof fetch = (input, init) => fetch(String(input instanceof Request ? input.url : input).replace(/^https:/, 'http:'), init);
  admin = createAuth0Admin({
    domain: idp.domain,
    clientId: mgmt.client_id,
    clientSecret: mgmt.client_secret,
    redactor: new Redactor([mgmt.client_secret]),
    fetch: overHttp,
  });
  scenario = loadScenariosOrThrow().find((s) => s.id === 'flow-wrong-password') as Scenario;
}, 60_000);
afterAll(async () => {
  await idp?.close();
});
beforeEach(() => {
  const user = idp.tenant.findUserByEmail(scenario.user.email);
  if (user) idp.tenant.deleteUser(user.user_id);
  idp.tenant.removeUserBlocks(scenario.user.email);
});

async function provision(): Promise<string> {
  const result = await provisionUsers(admin, desiredFromScenarios([scenario]), {
    testUserDomain: 'flex-sso.test',
    connection: CONNECTION,
    resetGeneratedPasswords: true,
    progress: () => {},
  });
  return result.applied?.users[0]?.userId ?? '';
}

/** The scenario's login as the browser makes it: the wrong password, from 127.0.0.1; returns the page's error code. */
async function wrongPasswordRun(): Promise<string | undefined> {
  const jar = new CookieJar();
  const page = await browse(jar, idp.samlUrl());
  const result = await submitCredentials(jar, page, 'single-page', scenario.user.email, scenario.expect.password ?? '');
  return /data-error-code="([^"]+)"/.exec(result.html)?.[1];
}

describe('flow-wrong-password on a tenant with brute-force protection', () => {
  it('is a scenario that fails its login on purpose', () => {
    expect(failsLoginOnPurpose(scenario)).toBe(true);
  });

  it('without any precaution, the 11th run finds its user blocked', async () => {
    await provision();
    for (let run = 1; run <= 10; run++) expect(await wrongPasswordRun()).toBe('wrong-email-credentials');
    expect(await wrongPasswordRun()).toBe('user-blocked');
  }, 60_000);

  it('unblocked before each run (DELETE /user-blocks/{id}), twelve runs all end wrong-password', async () => {
    const userId = await provision();
    const lines: string[] = [];
    for (let run = 1; run <= 12; run++) {
      await unblockUsers(admin, [{ email: scenario.user.email, userId }], (line) => lines.push(line));
      expect(await wrongPasswordRun()).toBe('wrong-email-credentials');
    }
    expect(lines[0]).toBe(`unblock   ${scenario.user.email} (brute-force protection: its scenario fails a login on purpose)`);
    expect(idp.tenant.listLogs({ q: 'type:sapi', per_page: 1 })[0]).toMatchObject({ description: 'Unblock a user' });
  }, 60_000);

  it('provisioned before each run (a new generated password ends a block too), twelve runs all end wrong-password', async () => {
    for (let run = 1; run <= 12; run++) {
      await provision();
      expect(await wrongPasswordRun()).toBe('wrong-email-credentials');
    }
  }, 60_000);
});
