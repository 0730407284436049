// Users-export jobs of a tenant (docs-v2 "Bulk User Exports", Management API "Create export users
// job" and "Get a job"): kept in memory beside the tenant, never in its state file — an export is a
// download, not tenant configuration. The file is made when the job completes: NDJSON for `json`
// ("Auth0's export files use the NDJSON format"), CSV escaped as the docs say for `csv`, gzipped.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type { Tenant } from '../../tenant/tenant.ts';
import { publicUser } from '../../tenant/users.ts';

export interface ExportField {
  name: string;
  export_as?: string;
}

export interface ExportJob {
  id: string;
  created_at: string;
  connection_id: string;
  format: 'json' | 'csv';
  limit?: number;
  fields?: ExportField[];
  /** GETs answered so far: the first says `processing`, later ones `completed` (a job takes a while on Auth0). */
  polls: number;
  /** Secret part of the download link, as a pre-signed URL carries one. */
  token: string;
  file?: Buffer;
}

/** Without `fields`, Auth0 exports "a predefined set of fields"; which ones is not documented (unconfirmed). */
export const DEFAULT_EXPORT_FIELDS: ExportField[] = ['user_id', 'email', 'email_verified', 'name', 'nickname', 'picture', 'created_at', 'updated_at'].map(
  (name) => ({ name }),
);

const stores = new WeakMap<Tenant, Map<string, ExportJob>>();
const MAX_JOBS = 50;

export function jobStore(tenant: Tenant): Map<string, ExportJob> {
  let store = stores.get(tenant);
  if (!store) {
    store = new Map();
    stores.set(tenant, store);
  }
  return store;
}

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
/** `job_` + 16 alphanumerics, the shape of the docs' examples (job_coRQCC3MHztpuTlo). */
export function newJobId(): string {
  return `job_${[...randomBytes(16)].map((b) => ALNUM[b % ALNUM.length]).join('')}`;
}

export function addJob(tenant: Tenant, job: ExportJob): void {
  const store = jobStore(tenant);
  if (store.size >= MAX_JOBS) store.delete(store.keys().next().value as string);
  store.set(job.id, job);
}

export function newToken(): string {
  return randomBytes(24).toString('base64url');
}

export function tokenMatches(job: ExportJob, token: unknown): boolean {
  if (typeof token !== 'string') return false;
  const a = Buffer.from(job.token),
    b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** `identities[0].connection`, `user_metadata.country`: dotted paths with array indexes. */
function valueAt(record: unknown, path: string): unknown {
  let current = record;
  for (const part of path.replace(/\[(\d+)\]/g, '.$1').split('.')) {
    if (current === null || typeof current !== 'object' || !Object.hasOwn(current, part)) return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}

/** docs "Bulk User Exports": every string is doubled-quote escaped, prefixed with ' and wrapped in quotes (CSV injection). */
function csvCell(value: unknown): string {
  if (value === undefined || value === null) return '';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return typeof value === 'string' ? `"'${text.replace(/"/g, '""')}"` : `"${text.replace(/"/g, '""')}"`;
}

export function buildExportFile(tenant: Tenant, job: ExportJob): Buffer {
  const fields = job.fields?.length ? job.fields : DEFAULT_EXPORT_FIELDS;
  const users = tenant.state.users.slice(0, job.limit ?? tenant.state.users.length).map(publicUser);
  const lines: string[] = [];
  if (job.format === 'csv') {
    lines.push(fields.map((f) => f.export_as ?? f.name).join(','));
    for (const user of users) lines.push(fields.map((f) => csvCell(valueAt(user, f.name))).join(','));
  } else {
    for (const user of users) {
      const out: Record<string, unknown> = {};
      for (const f of fields) {
        const value = valueAt(user, f.name);
        if (value !== undefined) Object.defineProperty(out, f.export_as ?? f.name, { value, enumerable: true, writable: true, configurable: true });
      }
      lines.push(JSON.stringify(out));
    }
  }
  return gzipSync(lines.length ? `${lines.join('\n')}\n` : '');
}
