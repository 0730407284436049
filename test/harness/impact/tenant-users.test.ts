// tenantUsers' users-export path (harness/impact/tenant-users.ts) on the emulator's Management API,
// job store and download route (HTTP here: the SDK's https:// URLs are sent to the plain server),
// with the real auth0 SDK v7 client. The download is handed to the reader through a stream the
// test controls, to break its connection at a chosen moment as a storage server does.
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { managementRouter, oauthRouter } from '../../../fake-idp/management/router.ts';
import { jobFilesRouter } from '../../../fake-idp/management/routes/jobs-files.ts';
import { USERS_EXPORT_FILES_PATH } from '../../../fake-idp/management/routes/jobs.ts';
import { createManagementClient } from '../../../harness/auth0/management.ts';
import { tenantUsers, type TenantRead, type TenantUsersOptions } from '../../../harness/impact/tenant-users.ts';
import { UsersInputError, type UserRecord } from '../../../harness/impact/user-records.ts';
import { redactorFromEnv } from '../../../harness/secrets/redact.ts';
import { newTenant } from '../../fake-idp/tenant/fixtures.ts';

const USERS = 300;
const { tenant } = newTenant();
let server: Server;

beforeAll(async () => {
  // 300 users whose metadata does not compress (a 200 KB export file, far more than any stream
  // buffers ahead): the first through createUser, the rest copies of it (one scrypt, not 300).
  const template = tenant.createUser({ email: 'user0@corp.test', password: 'Str0ng-passw0rd!', app_metadata: { note: randomBytes(600).toString('base64') } });
  for (let i = 1; i < USERS; i++) {
    tenant.state.users.push({
      ...template,
      user_id: `auth0|u${i}`,
      email: `user${i}@corp.test`,
      app_metadata: { note: randomBytes(600).toString('base64') },
    });
  }
  const app = express();
  app.use(oauthRouter(tenant));
  app.use('/api/v2', managementRouter(tenant, { rateLimit: false }));
  app.use(USERS_EXPORT_FILES_PATH, jobFilesRouter(tenant));
  server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  tenant.domain = `127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const toHttp: typeof fetch = (input, init) => fetch(String(input).replace(/^https:\/\//, 'http://'), init);

function client() {
  const mgmt = tenant.state.managementClients[0]!;
  return createManagementClient({
    domain: tenant.domain,
    clientId: mgmt.client_id,
    clientSecret: mgmt.client_secret,
    redactor: redactorFromEnv({}),
    fetch: toHttp,
  });
}

/** The export file as a body the reader pulls 1 KiB at a time; `breakConnection` errors it as fetch does when the server closes. */
function controlledBody(file: Buffer, failAfterChunks = Infinity) {
  let offset = 0;
  let chunks = 0;
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  const terminated = () => new TypeError('terminated', { cause: new Error('other side closed') });
  const stream = new ReadableStream<Uint8Array>(
    {
      start: (c) => {
        controller = c;
      },
      pull: (c) => {
        if (chunks++ >= failAfterChunks) return c.error(terminated());
        if (offset >= file.length) return c.close();
        c.enqueue(new Uint8Array(file.subarray(offset, offset + 1024)));
        offset += 1024;
      },
    },
    { highWaterMark: 0 },
  );
  return {
    stream,
    fileSize: file.length,
    delivered: () => Math.min(offset, file.length),
    // A stream that already closed ignores this, as a finished download ignores a later close.
    breakConnection: () => controller.error(terminated()),
  };
}

/** Fetches the real export file, then serves it to the reader through `controlledBody`. */
function exportFetch(body: (file: Buffer) => ReturnType<typeof controlledBody>, onBody: (b: ReturnType<typeof controlledBody>) => void): typeof fetch {
  return async (input, init) => {
    const real = await toHttp(input, init);
    const b = body(Buffer.from(await real.arrayBuffer()));
    onBody(b);
    return new Response(b.stream, { status: real.status });
  };
}

const exportOptions = (fetchExport: typeof fetch, extra: Partial<TenantUsersOptions> = {}): TenantUsersOptions => ({
  pagingLimit: 5,
  pollMs: 1,
  fetch: fetchExport,
  ...extra,
});

async function readAll(options: TenantUsersOptions, read: TenantRead, onUser: (r: UserRecord) => void = () => undefined): Promise<number> {
  let count = 0;
  for await (const record of tenantUsers(client(), options, read)) {
    onUser(record);
    count += 1;
  }
  return count;
}

describe('tenantUsers through the users-export job', () => {
  it('has the whole file before it hands on the first user, so a connection closed during a slow run loses nothing (bench impact-tenant)', async () => {
    let body: ReturnType<typeof controlledBody> | undefined;
    const read: TenantRead = { method: 'pages', requests: 0 };
    const deliveredAtFirstUser: number[] = [];
    const count = await readAll(exportOptions(exportFetch(controlledBody, (b) => (body = b))), read, () => {
      if (deliveredAtFirstUser.length > 0 || !body) return;
      deliveredAtFirstUser.push(body.delivered());
      // The storage server's idle timeout, while the Actions work on the first users.
      body.breakConnection();
    });
    expect(body?.fileSize).toBeGreaterThan(150_000);
    expect(deliveredAtFirstUser).toEqual([body?.fileSize]);
    expect(count).toBe(USERS);
    expect(read.method).toBe('export');
  });

  it('turns a connection broken mid-download into EXPORT_DOWNLOAD with the reason, never an unhandled stream error', async () => {
    const read: TenantRead = { method: 'pages', requests: 0 };
    const error = await readAll(
      exportOptions(
        exportFetch(
          (file) => controlledBody(file, 3),
          () => undefined,
        ),
      ),
      read,
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UsersInputError);
    expect(error).toMatchObject({
      code: 'EXPORT_DOWNLOAD',
      message: 'Downloading the export file failed: terminated (other side closed).',
      hint: 'The link expires and a broken connection loses it; run again.',
    });
  });

  it('says EXPORT_DOWNLOAD with the HTTP status when the link is refused', async () => {
    const badToken: typeof fetch = (input, init) => toHttp(String(input).replace(/token=[^&]+/, 'token=wrong'), init);
    const error = await readAll(exportOptions(badToken), { method: 'pages', requests: 0 }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'EXPORT_DOWNLOAD', message: 'Downloading the export file failed: HTTP 403.' });
  });

  it('reads a file of exactly the size limit, and refuses one byte more with EXPORT_TOO_LARGE and the way out', async () => {
    let size = 0;
    const measure = exportFetch(controlledBody, (b) => (size = b.fileSize));
    expect(await readAll(exportOptions(measure), { method: 'pages', requests: 0 })).toBe(USERS);
    expect(await readAll(exportOptions(toHttp, { maxExportBytes: size }), { method: 'pages', requests: 0 })).toBe(USERS);
    const error = await readAll(exportOptions(toHttp, { maxExportBytes: size - 1 }), { method: 'pages', requests: 0 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UsersInputError);
    expect(error).toMatchObject({ code: 'EXPORT_TOO_LARGE' });
    const limit = (size - 1).toLocaleString('en-US');
    expect((error as Error).message).toMatch(
      new RegExp(`^The export file is larger than the ${limit} bytes impact reads into memory \\(received [\\d,]+ bytes so far\\)\\.$`),
    );
    expect((error as UsersInputError).hint).toContain('--users FILE');
  });
});
