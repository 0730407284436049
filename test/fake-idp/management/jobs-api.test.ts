// The users-export job (docs-v2 "Bulk User Exports"; Management API "Create export users job",
// "Get a job"): pending → processing → completed with a `location`, the gzipped NDJSON (json) or
// escaped CSV file behind it, served without the bearer token but only with the job's own token.
import express from 'express';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { managementRouter, oauthRouter } from '../../../fake-idp/management/router.ts';
import { jobFilesRouter } from '../../../fake-idp/management/routes/jobs-files.ts';
import { USERS_EXPORT_FILES_PATH } from '../../../fake-idp/management/routes/jobs.ts';
import { newTenant } from '../tenant/fixtures.ts';
import { apiClient } from './api-client.ts';
import { fetchToken } from './api-server.ts';

const { tenant } = newTenant({ domain: 'exports.test' });
let server: Server;
let origin: string;
let call: ReturnType<typeof apiClient>;

beforeAll(async () => {
  tenant.createUser({
    email: 'ann@example.com',
    password: 'Str0ng-x',
    name: 'Ann "The" =Boss',
    app_metadata: { flex: { roles: ['agent'], team: 'Blue' }, program: 'P' },
  });
  tenant.createUser({ email: 'bob@example.com', password: 'Str0ng-x' });
  const app = express();
  app.use(oauthRouter(tenant));
  app.use('/api/v2', managementRouter(tenant, { rateLimit: false }));
  app.use(USERS_EXPORT_FILES_PATH, jobFilesRouter(tenant));
  server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  call = apiClient(origin, await fetchToken(origin, tenant));
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

async function completed(id: string): Promise<Record<string, unknown>> {
  const first = await call('GET', `/jobs/${id}`);
  expect(first.body).toMatchObject({ status: 'processing', type: 'users_export' });
  const second = await call('GET', `/jobs/${id}`);
  expect(second.status).toBe(200);
  return second.body;
}

describe('POST /api/v2/jobs/users-exports and GET /api/v2/jobs/{id}', () => {
  it('exports every user as gzipped NDJSON with the fields asked for, whole metadata objects included', async () => {
    const created = await call('POST', '/jobs/users-exports', {
      format: 'json',
      fields: [{ name: 'user_id' }, { name: 'email' }, { name: 'app_metadata' }, { name: 'identities[0].connection', export_as: 'provider' }],
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ type: 'users_export', status: 'pending', format: 'json', connection: 'Username-Password-Authentication' });
    expect(created.body.id).toMatch(/^job_[A-Za-z0-9]{16}$/);
    const job = await completed(created.body.id as string);
    expect(job.status).toBe('completed');
    const location = new URL(job.location as string);
    expect(location.pathname).toBe(`${USERS_EXPORT_FILES_PATH}/${created.body.id as string}/exports.json.gz`);
    // No Authorization header: like Auth0's pre-signed link.
    const file = await fetch(location);
    expect(file.status).toBe(200);
    const lines = gunzipSync(Buffer.from(await file.arrayBuffer()))
      .toString('utf8')
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines).toEqual([
      {
        user_id: tenant.state.users[0]!.user_id,
        email: 'ann@example.com',
        app_metadata: { flex: { roles: ['agent'], team: 'Blue' }, program: 'P' },
        provider: 'Username-Password-Authentication',
      },
      { user_id: tenant.state.users[1]!.user_id, email: 'bob@example.com', app_metadata: {}, provider: 'Username-Password-Authentication' },
    ]);
  });

  it("escapes CSV strings as the docs say (quote doubled, leading ', wrapped in quotes) and honours limit", async () => {
    const created = await call('POST', '/jobs/users-exports', {
      format: 'csv',
      limit: 1,
      fields: [{ name: 'email' }, { name: 'name', export_as: 'Full name' }],
    });
    const job = await completed(created.body.id as string);
    const file = await fetch(job.location as string);
    expect(gunzipSync(Buffer.from(await file.arrayBuffer())).toString('utf8')).toBe('email,Full name\n"\'ann@example.com","\'Ann ""The"" =Boss"\n');
  });

  it("refuses the download without the job's token or before the job completes, and an unknown job id", async () => {
    const created = await call('POST', '/jobs/users-exports', { format: 'json' });
    const id = created.body.id as string;
    expect((await fetch(`${origin}${USERS_EXPORT_FILES_PATH}/${id}/x.json.gz?token=nope`)).status).toBe(403);
    const job = await completed(id);
    const url = new URL(job.location as string);
    url.searchParams.set('token', 'x'.repeat(32));
    expect((await fetch(url)).status).toBe(403);
    expect((await fetch(job.location as string)).status).toBe(200);
    const missing = await call('GET', '/jobs/job_0000000000000000');
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ errorCode: 'inexistent_job' });
  });

  it('answers 400 to a body Auth0 would refuse (unknown format, bad connection id, limit 0)', async () => {
    for (const body of [{ format: 'xml' }, { connection_id: 'Username-Password-Authentication' }, { limit: 0 }]) {
      const res = await call('POST', '/jobs/users-exports', body);
      expect(res.status).toBe(400);
    }
    expect((await call('POST', '/jobs/users-exports', { format: 'json' })).status).toBe(201);
  });
});
