// RBAC roles and Action dependencies driven by the real auth0 SDK v7 (unmodified) over HTTPS with
// the local CA: the calls an admin script makes are the ones the emulator answers, and the roles
// they assign are what event.authorization.roles shows (test/fake-idp/actions/login-event.test.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newTenant } from '../tenant/fixtures.ts';
import { runSdkScript, SDK_TIMEOUT_MS, startSdkApi, type SdkApi } from './sdk-harness.ts';

const { tenant } = newTenant();
let api: SdkApi;
beforeAll(async () => {
  api = await startSdkApi(tenant);
});
afterAll(async () => {
  await api.close();
});

describe('auth0 SDK v7: roles, user roles and Action dependencies', () => {
  it(
    'creates, lists (paged), assigns and removes roles, and creates an Action with dependencies',
    async () => {
      const user = tenant.createUser({ email: 'rbac@example.com', password: 'Str0ng-x' });
      const result = await runSdkScript('sdk-roles-client.ts', { ...api.env(), SDK_USER_ID: user.user_id });
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      expect(JSON.parse(result.stdout)).toEqual({
        fetched: { name: 'Flex Supervisor', description: 'Teams View' },
        roleNames: ['Flex Supervisor', 'Flex Agent'],
        userRoles: ['Flex Supervisor', 'Flex Agent'],
        afterRemoval: ['Flex Supervisor'],
        actionDependencies: [{ name: 'lodash', version: '4.17.21' }],
      });
      expect(tenant.userRoles(user.user_id).map((r) => r.name)).toEqual(['Flex Supervisor']);
      expect(tenant.listRoles().map((r) => r.name)).toEqual(['Flex Supervisor']);
    },
    SDK_TIMEOUT_MS,
  );
});
