// Reads a recording directory (harness/fidelity/recording/format.ts) for `flex-sso fidelity`. Every
// problem that makes a replay meaningless is a usage error (exit 2) naming the file and the fix: no
// such directory, no recorded scenario in it, a file that is not what the recorder writes, a
// recording in another format version, an attempt `flex-sso run` never completed.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { usageError } from '../../cli/errors.ts';
import { FILES, RECORDING_FORMAT, scenarioFile, tenantLogsFile, type RecordedScenario, type TenantLogsFile } from '../recording/format.ts';

export interface RecordedEntry {
  dir: string;
  record: RecordedScenario;
  /** response.xml text, when the tenant posted a SAML response. */
  responseXml?: string;
  logs: TenantLogsFile;
}

/** A recording's files are small; anything bigger is not one of them. */
const MAX_FILE_BYTES = 2 * 1024 * 1024;

function readText(path: string): string {
  if (statSync(path).size > MAX_FILE_BYTES) throw new Error(`larger than ${MAX_FILE_BYTES} bytes`);
  return readFileSync(path, 'utf8');
}

function readJson<T>(
  path: string,
  schema: { safeParse(v: unknown): { success: true; data: T } | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } } },
): T {
  let value: unknown;
  try {
    value = JSON.parse(readText(path));
  } catch (error) {
    throw usageError(
      'RECORDING_UNREADABLE',
      `${path}: not a recording file (${(error as Error).message})`,
      'record again with `flex-sso run --mode staging|intercept --record DIR`',
    );
  }
  const format = (value as { format?: unknown } | null)?.format;
  if (typeof format === 'number' && format !== RECORDING_FORMAT) {
    const by = (value as { harnessVersion?: unknown }).harnessVersion;
    throw usageError(
      'RECORDING_INCOMPATIBLE',
      `${path}: recording format ${format}${typeof by === 'string' ? ` (flex-sso ${by})` : ''}; this flex-sso reads format ${RECORDING_FORMAT}`,
      'record again with this version of flex-sso (`flex-sso run --mode staging|intercept --record DIR`)',
    );
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw usageError(
      'RECORDING_UNREADABLE',
      `${path}: not a recording file (${issue ? `${issue.path.map(String).join('.') || '(top level)'}: ${issue.message}` : 'invalid'})`,
      'record again with `flex-sso run --mode staging|intercept --record DIR`',
    );
  }
  return parsed.data;
}

export function readRecording(dir: string): RecordedEntry[] {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw usageError(
      'RECORDING_NOT_FOUND',
      `no recording directory at ${dir}`,
      'record one with `flex-sso run --mode staging|intercept --record DIR`, then pass that DIR',
    );
  }
  const entries: RecordedEntry[] = [];
  for (const name of readdirSync(dir).sort()) {
    const sub = join(dir, name);
    if (name.startsWith('.') || !statSync(sub).isDirectory()) continue;
    if (!existsSync(join(sub, FILES.scenario))) {
      if (existsSync(join(sub, FILES.attempt))) {
        throw usageError(
          'RECORDING_INCOMPLETE',
          `${sub}: the attempt was recorded but \`flex-sso run\` did not complete it (no ${FILES.scenario})`,
          'record again; let `flex-sso run` finish (it fetches the tenant logs after the logins)',
        );
      }
      continue;
    }
    const record = readJson(join(sub, FILES.scenario), scenarioFile);
    if (record.scenario.id !== name) {
      throw usageError(
        'RECORDING_UNREADABLE',
        `${sub}: holds the recording of scenario "${record.scenario.id}"`,
        "keep each scenario's recording in the directory named after its id",
      );
    }
    const logs = readJson(join(sub, FILES.logs), tenantLogsFile);
    const responsePath = join(sub, FILES.response);
    const hasResponse = existsSync(responsePath);
    if (hasResponse !== record.attempt.response) {
      throw usageError(
        'RECORDING_UNREADABLE',
        `${sub}: ${FILES.scenario} says the tenant ${record.attempt.response ? 'posted' : 'posted no'} SAML response, but ${FILES.response} is ${hasResponse ? 'there' : 'missing'}`,
        'record again; do not edit a recording by hand',
      );
    }
    entries.push({ dir: sub, record, logs, ...(hasResponse ? { responseXml: readText(responsePath) } : {}) });
  }
  if (entries.length === 0) {
    throw usageError(
      'RECORDING_EMPTY',
      `${dir} holds no recorded scenario (no */${FILES.scenario})`,
      'record with `flex-sso run --mode staging|intercept --record DIR`; scenarios skipped on the tenant are not recorded',
    );
  }
  return entries;
}
