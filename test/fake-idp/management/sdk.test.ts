// The real auth0 SDK v7 ManagementClient, unmodified, against the emulator over HTTPS with the
// local CA, in a child process started with NODE_EXTRA_CA_CERTS (how users are told to trust it).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newTenant } from '../tenant/fixtures.ts';
import { runSdkScript, SDK_TIMEOUT_MS, startSdkApi, type SdkApi } from './sdk-harness.ts';

const { tenant } = newTenant();
let api: SdkApi;

beforeAll(async () => {
  api = await startSdkApi(tenant);
  tenant.createUser({ email: 'existing@example.com', password: 'Str0ng-x' });
  tenant.createUser({ email: 'another@example.com', password: 'Str0ng-x' });
});
afterAll(async () => {
  await api.close();
});

const sdkEnv = () => ({ ...api.env(), SDK_SAML_CLIENT_ID: tenant.defaultSamlClientId() });

describe('auth0 SDK v7 ManagementClient against the emulator', () => {
  it(
    'fails to connect when the local CA is not trusted',
    async () => {
      const result = await runSdkScript('sdk-client.ts', { ...sdkEnv(), NODE_EXTRA_CA_CERTS: '' });
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/sdk-client failed/);
      expect(tenant.findUserByEmail('sdk.user@example.com')).toBeUndefined();
    },
    SDK_TIMEOUT_MS,
  );

  it(
    'manages users, clients, actions, bindings and logs when NODE_EXTRA_CA_CERTS trusts the CA',
    async () => {
      const result = await runSdkScript('sdk-client.ts', sdkEnv());
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      const seen = JSON.parse(result.stdout) as Record<string, unknown>;
      expect(seen.created).toMatchObject({ email: 'sdk.user@example.com', nickname: 'sdk.user' });
      expect(seen.fetchedEmail).toBe('sdk.user@example.com');
      expect(seen.updatedAppMetadata).toEqual({ flex: { roles: ['supervisor'] } });
      expect(seen.searchEmails).toEqual(['sdk.user@example.com']);
      expect(seen.allEmails).toEqual(['existing@example.com', 'another@example.com', 'sdk.user@example.com']);
      expect(seen.byEmailCount).toBe(1);
      expect(seen.duplicateStatus).toBe(409);
      expect(seen.clientNames).toEqual(['Twilio Flex', tenant.state.managementClients[0]!.name]);
      expect(seen.samlClient).toEqual({
        callbacks: ['https://127.0.0.1/acs'],
        samlp: { audience: 'urn:flex:JQsdk', signResponse: true, mappings: { email: 'email' } },
      });
      expect(seen.action).toMatchObject({ status: 'built' });
      expect(seen.version).toEqual({ number: 1, deployed: true, status: 'built' });
      expect(seen.bindings).toEqual([{ actionId: (seen.action as { id: string }).id, display_name: 'SDK binding' }]);
      expect(seen.actionNames).toEqual(['SDK action']);
      expect(seen.sapiDescriptions).toEqual(
        expect.arrayContaining(['Create a User', 'Update a User', 'Update a client', 'Create an action', 'Deploy an action', 'Update trigger bindings']),
      );
      expect(seen.sapiTypes).toEqual(['sapi']);
      // GET /api/v2/logs takes `q`; the `search` the SDK sends is a 400 on Auth0 (auth0/auth0-java issue #842).
      expect(seen.searchParamStatus).toBe(400);
      expect(seen.afterDeleteStatus).toBe(404);
      // And the tenant itself holds what the SDK did.
      expect(tenant.boundPostLoginActions().map((a) => a.name)).toEqual(['SDK action']);
      expect(tenant.getApplication(tenant.defaultSamlClientId())!.addons.samlp?.audience).toBe('urn:flex:JQsdk');
    },
    SDK_TIMEOUT_MS,
  );
});
