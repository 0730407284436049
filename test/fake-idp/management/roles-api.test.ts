// RBAC roles through the Management API (docs-v2 Management API v2 "Roles", "Users › roles"): what
// an admin assigns here is what a post-login Action reads as event.authorization.roles.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newTenant, VALID_ACTION } from '../tenant/fixtures.ts';
import { apiClient } from './api-client.ts';
import { fetchToken, startApi, type RunningApi } from './api-server.ts';

const { tenant } = newTenant({ domain: 'roles.test' });
let api: RunningApi;
let call: ReturnType<typeof apiClient>;
let userId: string;
beforeAll(async () => {
  api = await startApi(tenant, { rateLimit: false });
  call = apiClient(api.origin, await fetchToken(api.origin, tenant));
  userId = tenant.createUser({ email: 'jane@example.com', password: 'Str0ng-x' }).user_id;
});
afterAll(async () => {
  await api.close();
});

type Role = { id: string; name: string; description?: string };

describe('/api/v2/roles', () => {
  it('creates, reads, lists (with and without totals), renames and deletes a role', async () => {
    const created = await call<Role>('POST', '/roles', { name: 'Flex Supervisor', description: 'Teams View' });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({ name: 'Flex Supervisor', description: 'Teams View' });
    expect(created.body.id).toMatch(/^rol_[A-Za-z0-9]{16}$/);
    expect((await call('GET', `/roles/${created.body.id}`)).body).toEqual(created.body);
    expect((await call<Role[]>('GET', '/roles')).body.map((r) => r.name)).toEqual(['Flex Supervisor']);
    expect((await call('GET', '/roles?include_totals=true&name_filter=super')).body).toEqual({ roles: [created.body], start: 0, limit: 50, total: 1 });
    expect((await call('PATCH', `/roles/${created.body.id}`, { name: 'Flex Supervisors' })).body).toMatchObject({ name: 'Flex Supervisors' });
    expect((await call('DELETE', `/roles/${created.body.id}`)).status).toBe(200);
    expect(await call('GET', `/roles/${created.body.id}`)).toMatchObject({ status: 404, body: { errorCode: 'inexistent_role' } });
  });

  it('refuses a duplicate name, a missing name and an unknown field', async () => {
    await call('POST', '/roles', { name: 'Flex Admin' });
    expect(await call('POST', '/roles', { name: 'Flex Admin' })).toMatchObject({ status: 409, body: { errorCode: 'role_already_exists' } });
    expect(await call('POST', '/roles', {})).toMatchObject({ status: 400, body: { message: "Payload validation error: 'Missing required property: name'." } });
    expect((await call('POST', '/roles', { name: 'x', permissions: [] })).status).toBe(400);
  });
});

describe('/api/v2/users/{id}/roles', () => {
  it('assigns, lists in assignment order, and removes roles of a user', async () => {
    const agent = (await call<Role>('POST', '/roles', { name: 'Flex Agent' })).body;
    const admin = (await call<Role[]>('GET', '/roles?name_filter=Flex%20Admin')).body[0]!;
    expect((await call('POST', `/users/${encodeURIComponent(userId)}/roles`, { roles: [agent.id, admin.id, agent.id] })).status).toBe(204);
    expect((await call<Role[]>('GET', `/users/${encodeURIComponent(userId)}/roles`)).body.map((r) => r.name)).toEqual(['Flex Agent', 'Flex Admin']);
    expect((await call('GET', `/roles/${agent.id}/users`)).body).toEqual([
      { user_id: userId, email: 'jane@example.com', name: 'jane@example.com', picture: expect.any(String) },
    ]);
    expect((await call('DELETE', `/users/${encodeURIComponent(userId)}/roles`, { roles: [agent.id] })).status).toBe(204);
    expect((await call('GET', `/users/${encodeURIComponent(userId)}/roles?include_totals=true`)).body).toMatchObject({
      roles: [{ name: 'Flex Admin' }],
      total: 1,
    });
  });

  it('refuses an unknown role or user, and an empty list', async () => {
    expect(await call('POST', `/users/${encodeURIComponent(userId)}/roles`, { roles: ['rol_nope'] })).toMatchObject({
      status: 404,
      body: { errorCode: 'inexistent_role' },
    });
    expect(await call('POST', '/users/auth0%7Cnope/roles', { roles: [] })).toMatchObject({ status: 404, body: { errorCode: 'inexistent_user' } });
    expect((await call('POST', `/users/${encodeURIComponent(userId)}/roles`, { roles: [] })).status).toBe(400);
    expect(await call('GET', '/users/auth0%7Cnope/roles')).toMatchObject({ status: 404, body: { errorCode: 'inexistent_user' } });
  });

  it('forgets the assignments of a deleted user and of a deleted role', async () => {
    const temp = tenant.createUser({ email: 'temp@example.com', password: 'Str0ng-x' }).user_id;
    const role = (await call<Role>('POST', '/roles', { name: 'Temporary' })).body;
    await call('POST', `/users/${encodeURIComponent(temp)}/roles`, { roles: [role.id] });
    await call('DELETE', `/roles/${role.id}`);
    expect(tenant.userRoles(temp)).toEqual([]);
    await call('DELETE', `/users/${encodeURIComponent(temp)}`);
    expect(tenant.state.roleMembers?.[temp]).toBeUndefined();
  });
});

describe('/api/v2/actions dependencies', () => {
  it('stores dependencies (name@version) with the Action and with the version it deploys', async () => {
    const created = await call<{ id: string; dependencies: unknown }>('POST', '/actions/actions', {
      name: 'With deps',
      code: VALID_ACTION,
      dependencies: [{ name: 'lodash', version: '4.17.21' }],
    });
    expect(created.status).toBe(201);
    expect(created.body.dependencies).toEqual([{ name: 'lodash', version: '4.17.21' }]);
    const version = await call<{ dependencies: unknown }>('POST', `/actions/actions/${created.body.id}/deploy`);
    expect(version.body.dependencies).toEqual([{ name: 'lodash', version: '4.17.21' }]);
    await call('PATCH', `/actions/actions/${created.body.id}`, { dependencies: [{ name: 'axios', version: '1.7.9' }] });
    expect(tenant.getAction(created.body.id)?.deployed_version?.dependencies).toEqual([{ name: 'lodash', version: '4.17.21' }]);
  });

  it.each([
    ["more than 10 (Auth0's limit)", Array.from({ length: 11 }, (_, i) => ({ name: `p${i}`, version: '1.0.0' })), 'at most 10 npm dependencies'],
    ['a name npm cannot install', [{ name: '../x', version: '1.0.0' }], 'is not a valid npm package name'],
    ['a missing version', [{ name: 'lodash' }], 'Missing required property: dependencies.0.version'],
  ])('refuses %s', async (_label, dependencies, message) => {
    const res = await call<{ message: string }>('POST', '/actions/actions', { name: `bad ${_label}`, code: VALID_ACTION, dependencies });
    expect(res.status).toBe(400);
    expect(res.body.message).toContain(message);
  });
});
