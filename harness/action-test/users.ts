// The users `flex-sso action-test` runs an Action against: one Auth0 user JSON (--user), or the
// `user:` of each scenario YAML file (--scenarios). Only the fields the event needs are read, so
// an Auth0 export or a Management API response can be used as is.
import { parseDependencySpec, type ActionDependency } from '../../fake-idp/actions/dependencies.ts';
import { fetchStubsSchema, type FetchStub } from '../../fake-idp/actions/fetch-stubs.ts';
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { parseAllDocuments } from 'yaml';
import type { UserLike } from '../../fake-idp/actions/event.ts';
import { expandGlob } from '../scenarios/glob.ts';

export interface TestUser {
  source: string; id?: string; user: UserLike;
  /** From a scenario: its Action's npm dependencies and fetch stubs. */
  dependencies?: ActionDependency[]; fetchStubs?: FetchStub[];
}

export class UserInputError extends Error {
  constructor(readonly code: string, message: string, readonly hint?: string) {
    super(message);
    this.name = 'UserInputError';
  }
}

const MAX_BYTES = 1024 * 1024;
const STRING_FIELDS = ['user_id', 'name', 'nickname', 'given_name', 'family_name', 'picture', 'username', 'phone_number', 'created_at', 'updated_at', 'last_login'] as const;
const USER_HINT = 'Give an Auth0 user object, e.g. {"email":"jane@example.com","name":"Jane Doe","app_metadata":{"flex":{"roles":["agent"]}}}';

/** `text` is the file's content ("-" = stdin, read by the caller). */
export function userFromJson(text: string, source: string): TestUser {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new UserInputError('USER_JSON', `${source}: not valid JSON (${error instanceof Error ? error.message : String(error)}).`, USER_HINT);
  }
  return { source, user: toUserLike(data, source) };
}

export function readUserFile(file: string): string {
  return readLimited(file, 'USER_FILE_UNREADABLE', 'the --user file');
}

/** A scenario's `dependencies:` and `fetch:`, checked as `flex-sso run` checks them. */
function runtimeOf(entry: Record<string, unknown>, where: string): Pick<TestUser, 'dependencies' | 'fetchStubs'> {
  const out: Pick<TestUser, 'dependencies' | 'fetchStubs'> = {};
  if (entry.dependencies !== undefined) {
    if (!Array.isArray(entry.dependencies)) throw new UserInputError('SCENARIO_DEPENDENCIES', `${where}: dependencies must be a list of name@version`);
    try {
      out.dependencies = entry.dependencies.map((spec) => parseDependencySpec(String(spec)));
    } catch (error) {
      throw new UserInputError('SCENARIO_DEPENDENCIES', `${where}: dependencies: ${(error as Error).message}`, 'Write each as name@version, e.g. lodash@4.17.21.');
    }
  }
  if (entry.fetch !== undefined) {
    const parsed = fetchStubsSchema.safeParse(entry.fetch);
    if (!parsed.success) throw new UserInputError('SCENARIO_FETCH', `${where}: fetch: ${parsed.error.issues[0]?.message ?? 'invalid'}`, 'See scenarios/README.md, "fetch".');
    out.fetchStubs = parsed.data;
  }
  return out;
}

/** Every scenario (a YAML map, or a list of maps) with a `user:` object in the files matching `glob`. */
export function usersFromScenarios(glob: string, cwd: string): TestUser[] {
  const files = expandGlob(glob, cwd).filter((file) => /\.ya?ml$/i.test(file));
  const users: TestUser[] = [];
  for (const file of files) {
    const display = relative(cwd, file) || file;
    const text = readLimited(file, 'SCENARIO_UNREADABLE', 'the scenario file');
    const docs = parseAllDocuments(text);
    const docList = Array.isArray(docs) ? docs : [docs];
    for (const doc of docList) {
      if (doc.errors.length > 0) {
        throw new UserInputError('SCENARIO_YAML', `${display}: ${doc.errors[0]?.message.split('\n')[0] ?? 'invalid YAML'}`, 'Fix the YAML syntax (indentation, quotes, brackets).');
      }
      const data: unknown = doc.toJS();
      const entries = Array.isArray(data) ? data : [data];
      entries.forEach((entry, index) => {
        if (!isRecord(entry) || entry.user === undefined) return;
        const where = entries.length > 1 ? `${display}[${index}]` : display;
        const id = typeof entry.id === 'string' ? entry.id : undefined;
        users.push({ source: where, ...(id ? { id } : {}), user: toUserLike(entry.user, `${where}: user`), ...runtimeOf(entry, where) });
      });
    }
  }
  if (users.length === 0) {
    throw new UserInputError('SCENARIOS_NONE', `--scenarios ${glob}: no scenario with a user: object in ${files.length} matching YAML file(s).`, 'Check the glob (quote it so the shell does not expand it), e.g. --scenarios "scenarios/**/*.yaml".');
  }
  return users;
}

export function toUserLike(data: unknown, where: string): UserLike {
  if (!isRecord(data)) throw new UserInputError('USER_INVALID', `${where}: expected a JSON object (an Auth0 user), received ${describe(data)}.`, USER_HINT);
  const email = data.email;
  if (typeof email !== 'string' || !/^[^@\s]+@[^@\s]+$/.test(email)) {
    throw new UserInputError('USER_INVALID', `${where}: email: expected an email address, received ${describe(email)}.`, USER_HINT);
  }
  const user: UserLike = { email };
  for (const key of STRING_FIELDS) {
    const value = data[key];
    if (value === undefined || value === null) continue;
    if (typeof value !== 'string') throw new UserInputError('USER_INVALID', `${where}: ${key}: expected a string, received ${describe(value)}.`, USER_HINT);
    user[key] = value;
  }
  for (const key of ['app_metadata', 'user_metadata'] as const) {
    const value = data[key];
    if (value === undefined || value === null) continue;
    if (!isRecord(value)) throw new UserInputError('USER_INVALID', `${where}: ${key}: expected an object, received ${describe(value)}.`, USER_HINT);
    user[key] = value;
  }
  if (typeof data.email_verified === 'boolean') user.email_verified = data.email_verified;
  if (typeof data.logins_count === 'number' && Number.isInteger(data.logins_count)) user.logins_count = data.logins_count;
  return user;
}

function readLimited(file: string, code: string, what: string): string {
  let buffer: Buffer;
  try {
    buffer = readFileSync(file);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error instanceof Error ? error.message : String(error));
    throw new UserInputError(code, `Cannot read ${what} ${file} (${reason}).`, 'Check the path.');
  }
  if (buffer.length > MAX_BYTES) throw new UserInputError(code, `${what} ${file} is larger than ${MAX_BYTES} bytes.`, 'Pass a single user object.');
  return buffer.toString('utf8');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  return `a ${typeof value}`;
}
