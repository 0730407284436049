import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newTenant } from '../tenant/fixtures.ts';
import { apiClient } from './api-client.ts';
import { fetchToken, startApi, type RunningApi } from './api-server.ts';

const { tenant, clock } = newTenant({ domain: 'users.test' });
let api: RunningApi;
let call: ReturnType<typeof apiClient>;
const BULK = 110;
beforeAll(async () => {
  // Seeded before the server starts: hashing blocks the event loop, which would otherwise race
  // the keep-alive timers of an open connection (ECONNRESET).
  for (let i = 0; i < BULK; i++) tenant.createUser({ email: `bulk${i}@example.com`, password: 'Str0ng-x' });
  // The rate limit has its own test (rate-limit.test.ts); with a frozen clock it would refuse all but 2 calls.
  api = await startApi(tenant, { clock: () => clock.now, rateLimit: false });
  call = apiClient(api.origin, await fetchToken(api.origin, tenant));
});
afterAll(async () => {
  await api.close();
});

const CONN = 'Username-Password-Authentication';

describe('/api/v2/users', () => {
  it('creates, reads, patches with merge semantics and deletes a user', async () => {
    const created = await call('POST', '/users', {
      connection: CONN,
      email: 'Ann@Example.com',
      password: 'Str0ng-pw',
      app_metadata: { flex: { roles: ['agent'], team: 'Blue' }, program: 'P' },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ email: 'ann@example.com', name: 'ann@example.com', nickname: 'ann' });
    expect(created.body).not.toHaveProperty('password_hash');
    const id = created.body.user_id as string;

    const got = await call('GET', `/users/${encodeURIComponent(id)}`);
    expect(got.body).toEqual(created.body);

    const patched = await call('PATCH', `/users/${encodeURIComponent(id)}`, {
      app_metadata: { flex: { roles: ['supervisor'] }, program: null },
      name: 'Ann A',
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ name: 'Ann A', app_metadata: { flex: { roles: ['supervisor'] } } });
    expect(patched.body.app_metadata).toEqual({ flex: { roles: ['supervisor'] } });

    const byEmail = await call<unknown[]>('GET', '/users-by-email?email=ANN%40example.com');
    expect(byEmail.body).toHaveLength(1);

    expect((await call('DELETE', `/users/${encodeURIComponent(id)}`)).status).toBe(204);
    const missing = await call('GET', `/users/${encodeURIComponent(id)}`);
    expect(missing).toMatchObject({
      status: 404,
      body: { statusCode: 404, error: 'Not Found', message: 'The user does not exist.', errorCode: 'inexistent_user' },
    });
    expect((await call<unknown[]>('GET', '/users-by-email?email=ann@example.com')).body).toEqual([]);
  });

  it('answers 409 for a duplicate email', async () => {
    await call('POST', '/users', { connection: CONN, email: 'dup@example.com', password: 'Str0ng-pw' });
    const again = await call('POST', '/users', { connection: CONN, email: 'dup@example.com', password: 'Str0ng-pw' });
    expect(again).toMatchObject({ status: 409, body: { statusCode: 409, error: 'Conflict', message: 'The user already exists.' } });
  });

  it('answers 400 naming the field for a wrong type, a missing field, an unknown field and bad JSON', async () => {
    const wrongType = await call('POST', '/users', { connection: CONN, email: 5, password: 'Str0ng-pw' });
    expect(wrongType.status).toBe(400);
    expect(wrongType.body).toMatchObject({
      statusCode: 400,
      error: 'Bad Request',
      errorCode: 'invalid_body',
      message: expect.stringContaining('on property email'),
    });
    const missing = await call('POST', '/users', { email: 'x@example.com', password: 'Str0ng-pw' });
    expect(missing.body.message).toBe("Payload validation error: 'Missing required property: connection'.");
    const unknown = await call('PATCH', '/users/auth0%7Cabc', { colour: 'red' });
    expect(unknown.body.message).toContain('Additional properties not allowed: colour');
    const badJson = await call('POST', '/users', undefined, '{"email":');
    expect(badJson).toMatchObject({ status: 400, body: { message: 'Invalid request payload JSON format' } });
  });

  it('pages over more than 100 users with include_totals and caps per_page at 100', async () => {
    const total = tenant.state.users.length;
    expect(total).toBeGreaterThan(100);
    const seen: string[] = [];
    for (let page = 0; page * 100 < total; page++) {
      const res = await call<{ users: { email: string }[]; total: number; start: number; limit: number; length: number }>(
        'GET',
        `/users?page=${page}&per_page=100&include_totals=true`,
      );
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ total, start: page * 100, limit: 100 });
      expect(res.body.length).toBe(res.body.users.length);
      seen.push(...res.body.users.map((u) => u.email));
    }
    expect(new Set(seen).size).toBe(total);
    const plain = await call<unknown[]>('GET', '/users?per_page=5');
    expect(Array.isArray(plain.body)).toBe(true);
    expect(plain.body).toHaveLength(5);
    expect((await call('GET', '/users?per_page=101')).status).toBe(400);
    const search = await call<{ email: string }[]>('GET', `/users?q=${encodeURIComponent('email:"bulk7@example.com"')}`);
    expect(search.body.map((u) => u.email)).toEqual(['bulk7@example.com']);
  });

  it('writes sapi log events for writes, with the password redacted', async () => {
    await call('POST', '/users', { connection: CONN, email: 'logged@example.com', password: 'Super-secret-9' });
    const logs = await call<{ type: string; description: string; client_id: string; details: unknown }[]>('GET', `/logs?q=${encodeURIComponent('type:sapi')}`);
    const entry = logs.body.find((e) => JSON.stringify(e.details).includes('logged@example.com'));
    expect(entry).toMatchObject({ type: 'sapi', description: 'Create a User', client_id: tenant.state.managementClients[0]!.client_id });
    expect(JSON.stringify(logs.body)).not.toContain('Super-secret-9');
  });

  it('logs a Management API user create as a signup: ss, and fs with the refusal (emulator reading, unconfirmed)', async () => {
    const made = await call('POST', '/users', { connection: CONN, email: 'Signup@Example.com', password: 'Str0ng-pw' });
    const again = await call('POST', '/users', { connection: CONN, email: 'signup@example.com', password: 'Str0ng-pw' });
    expect(again.status).toBe(409);
    const events = tenant.listLogs({ q: 'user_name:signup@example.com AND (type:ss OR type:fs)', sort: 'date:1' });
    expect(events.map((e) => [e.type, e.description, e.user_id])).toEqual([
      ['ss', '', made.body.user_id],
      ['fs', 'The user already exists.', undefined],
    ]);
    expect(events[1]).toMatchObject({
      connection: CONN,
      client_id: tenant.state.managementClients[0]!.client_id,
      details: { error: { message: 'The user already exists.' } },
    });
  });

  it('answers unknown routes with a JSON 404', async () => {
    expect(await call('GET', '/grants')).toMatchObject({ status: 404, body: { statusCode: 404, error: 'Not Found' } });
  });
});
