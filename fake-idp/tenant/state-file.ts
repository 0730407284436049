// Reading and writing the tenant state JSON file. Writes are atomic (temp file + rename) so a
// crash mid-write never leaves a truncated state behind.
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { TenantState } from './types.ts';

export class TenantStateFileError extends Error {
  override readonly name = 'TenantStateFileError';
  constructor(
    readonly code: 'TENANT_STATE_UNREADABLE' | 'TENANT_STATE_INVALID' | 'TENANT_STATE_UNWRITABLE',
    readonly path: string,
    message: string,
    readonly hint: string,
  ) {
    super(message);
  }
}

const ARRAYS = ['applications', 'managementClients', 'users', 'actions', 'logs', 'faults'] as const;

/** Shape checks: enough to name the broken field instead of failing later on a login. */
function checkShape(value: unknown, path: string): TenantState {
  const fail = (what: string, received: unknown): never => {
    throw new TenantStateFileError(
      'TENANT_STATE_INVALID',
      path,
      `Tenant state ${path}: ${what} (received ${JSON.stringify(received)?.slice(0, 80) ?? 'undefined'})`,
      `Fix the field, or delete ${path} to start from a fresh tenant`,
    );
  };
  if (!value || typeof value !== 'object' || Array.isArray(value)) return fail('expected a JSON object', value);
  const s = value as Record<string, unknown>;
  if (s.version !== 1) fail('version must be 1', s.version);
  if (typeof s.domain !== 'string' || !s.domain) fail('domain must be a non-empty string', s.domain);
  const settings = s.settings as Record<string, unknown> | undefined;
  if (!settings || typeof settings !== 'object') fail('settings must be an object', settings);
  const signing = s.signing as Record<string, unknown> | undefined;
  if (!signing || typeof signing.keyPem !== 'string' || typeof signing.certPem !== 'string')
    fail('signing must have keyPem and certPem strings', signing && Object.keys(signing));
  for (const key of ARRAYS) if (!Array.isArray(s[key])) fail(`${key} must be an array`, s[key]);
  const bindings = s.bindings as Record<string, unknown> | undefined;
  if (!bindings || !Array.isArray(bindings['post-login'])) fail("bindings['post-login'] must be an array", bindings);
  return value as TenantState;
}

/** The state at `path`, or undefined when the file does not exist. */
export async function readStateFile(path: string): Promise<TenantState | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    throw new TenantStateFileError(
      'TENANT_STATE_UNREADABLE',
      path,
      `Cannot read tenant state ${path}: ${(err as Error).message}`,
      'Check the path and its permissions',
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw new TenantStateFileError(
      'TENANT_STATE_INVALID',
      path,
      `Tenant state ${path} is not valid JSON: ${(err as Error).message}`,
      `Fix the JSON, or delete ${path} to start from a fresh tenant`,
    );
  }
  return checkShape(parsed, path);
}

export async function writeStateFile(path: string, state: TenantState): Promise<void> {
  const tmp = `${path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    await mkdir(dirname(path), { recursive: true });
    await writeFile(tmp, `${JSON.stringify(state, null, 2)}\n`, { mode: 0o600 });
    await rename(tmp, path);
  } catch (err) {
    await rm(tmp, { force: true }).catch(() => undefined);
    throw new TenantStateFileError(
      'TENANT_STATE_UNWRITABLE',
      path,
      `Cannot write tenant state ${path}: ${(err as Error).message}`,
      'Point the state file at a path in a directory you can write to',
    );
  }
}
