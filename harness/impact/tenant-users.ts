// Every user of a tenant, read-only, through the auth0 SDK: pages of 100 (Auth0's per_page maximum)
// while the tenant has at most PAGING_LIMIT users — Auth0 serves only the first 1,000 results of a
// list ("Retrieve Users with the Get Users Endpoint": "limited to 1000 users") — and beyond that the
// users-export job (docs-v2 "Bulk User Exports": POST /api/v2/jobs/users-exports, poll GET
// /api/v2/jobs/{id} until `completed`, download the NDJSON file at `location`, gzipped). 429s are
// waited out by the client's rateLimitedFetch (harness/auth0/rate-limit.ts).
import { createGunzip } from 'node:zlib';
import type { ManagementClient } from 'auth0';
import { PAGING_LIMIT, USERS_PER_PAGE } from '../auth0/list-users.ts';
import { readUserRecords, UsersInputError, type UserRecord } from './user-records.ts';

/** The profile fields a login's event and the addon mappings read (JSON exports keep objects whole). */
export const EXPORT_FIELDS = [
  'user_id',
  'email',
  'email_verified',
  'name',
  'given_name',
  'family_name',
  'nickname',
  'picture',
  'username',
  'phone_number',
  'created_at',
  'updated_at',
  'logins_count',
  'app_metadata',
  'user_metadata',
  'identities',
] as const;

export interface TenantUsersOptions {
  /** Auth0's 1,000; lower only in tests, to reach the export path without seeding 1,000 users. */
  pagingLimit?: number;
  /** First wait between job polls; it doubles up to 5 s. */
  pollMs?: number;
  /** Give up on an export job after this long (default 30 min). */
  jobTimeoutMs?: number;
  /** The largest export file read (default EXPORT_FILE_LIMIT); lower only in tests. */
  maxExportBytes?: number;
  onProgress?: (line: string) => void;
  /** Called with the number of users the tenant has, when it says. */
  onTotal?: (total: number) => void;
  fetch?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
}

export interface TenantRead {
  method: 'pages' | 'export';
  requests: number;
}

/** 512 MiB of gzipped users: millions of Auth0 profiles; beyond it, the dashboard's export and --users FILE. */
export const EXPORT_FILE_LIMIT = 512 * 1024 * 1024;

const obj = (v: unknown): Record<string, unknown> => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});

export async function* tenantUsers(
  client: ManagementClient,
  options: TenantUsersOptions = {},
  read: TenantRead = { method: 'pages', requests: 0 },
): AsyncGenerator<UserRecord> {
  const limit = options.pagingLimit ?? PAGING_LIMIT;
  const perPage = Math.min(USERS_PER_PAGE, limit);
  const buffered: UserRecord[] = [];
  for (let page = 0; ; page++) {
    if ((page + 1) * perPage > limit) break;
    const result = await client.users.list({ page, per_page: perPage, include_totals: true });
    read.requests += 1;
    const total = obj(result.response).total;
    if (page === 0 && typeof total === 'number') {
      options.onTotal?.(total);
      if (total > limit) break;
    }
    result.data.forEach((user, i) => buffered.push({ line: page * perPage + i + 1, data: user }));
    if (result.data.length < perPage || (typeof total === 'number' && buffered.length >= total)) {
      yield* buffered;
      return;
    }
  }
  // More users than a list may return: the export job has them all.
  buffered.length = 0;
  read.method = 'export';
  yield* exportedUsers(client, options, read);
}

async function* exportedUsers(client: ManagementClient, options: TenantUsersOptions, read: TenantRead): AsyncGenerator<UserRecord> {
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const job = await client.jobs.usersExports.create({ format: 'json', fields: EXPORT_FIELDS.map((name) => ({ name })) });
  read.requests += 1;
  options.onProgress?.(`more than ${options.pagingLimit ?? PAGING_LIMIT} users: export job ${job.id} started`);
  const deadline = Date.now() + (options.jobTimeoutMs ?? 30 * 60_000);
  let wait = options.pollMs ?? 250;
  let location: string | undefined;
  for (;;) {
    await sleep(wait);
    wait = Math.min(wait * 2, 5000);
    const status = await client.jobs.get(job.id);
    read.requests += 1;
    if (status.status === 'completed') {
      location = status.location;
      break;
    }
    if (status.status === 'failed')
      throw new UsersInputError(
        'EXPORT_FAILED',
        `The users-export job ${job.id} failed${status.status_details ? `: ${status.status_details}` : ''}.`,
        'Run again; if it keeps failing, export the users in the Auth0 dashboard and pass the file with --users FILE.',
      );
    if (typeof status.percentage_done === 'number') options.onProgress?.(`export job ${job.id}: ${status.percentage_done}%`);
    if (Date.now() > deadline)
      throw new UsersInputError(
        'EXPORT_TIMEOUT',
        `The users-export job ${job.id} did not complete in time.`,
        'Export the users in the Auth0 dashboard and pass the file with --users FILE.',
      );
  }
  if (!location)
    throw new UsersInputError(
      'EXPORT_NO_LOCATION',
      `The users-export job ${job.id} completed without a file location.`,
      'Export the users in the Auth0 dashboard and pass the file with --users FILE.',
    );
  const file = await downloadExport(location, options);
  const plain = createGunzip();
  plain.end(file);
  yield* readUserRecords(plain, `export ${job.id}`);
}

const bytes = (n: number): string => (n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MiB` : `${n.toLocaleString('en-US')} bytes`);

/**
 * The whole gzipped file, before any user is handed on. impact pulls users only as fast as the
 * Actions run, so a download streamed into it stalls for the whole run, and a storage server
 * closes a connection that idle (the emulator's keep-alive timeout did, in bench impact-tenant).
 * Gzipped, a user is a few dozen bytes (BENCHMARKS.md), so the file is held in memory, capped.
 */
async function downloadExport(location: string, options: TenantUsersOptions): Promise<Buffer> {
  const limit = options.maxExportBytes ?? EXPORT_FILE_LIMIT;
  const failed = (detail: string) =>
    new UsersInputError('EXPORT_DOWNLOAD', `Downloading the export file failed: ${detail}.`, 'The link expires and a broken connection loses it; run again.');
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    // A pre-signed URL: no Authorization header (it would go to a storage host, not to the tenant).
    const response = await (options.fetch ?? globalThis.fetch)(location);
    if (!response.ok || !response.body) {
      await response.body?.cancel().catch(() => undefined);
      throw failed(`HTTP ${response.status}`);
    }
    for await (const chunk of response.body as AsyncIterable<Uint8Array>) {
      size += chunk.byteLength;
      if (size > limit) {
        throw new UsersInputError(
          'EXPORT_TOO_LARGE',
          `The export file is larger than the ${bytes(limit)} impact reads into memory (received ${bytes(size)} so far).`,
          'Download the export in the Auth0 dashboard and pass it with --users FILE: a file is streamed, whatever its size.',
        );
      }
      chunks.push(chunk);
    }
  } catch (error) {
    if (error instanceof UsersInputError) throw error;
    // fetch's "terminated" names the socket's reason ("other side closed") only in its cause.
    const cause = (error as { cause?: { message?: unknown } }).cause?.message;
    throw failed(`${(error as Error).message}${typeof cause === 'string' ? ` (${cause})` : ''}`);
  }
  return Buffer.concat(chunks, size);
}
