// The users `flex-sso action-test` runs an Action against: one Auth0 user JSON (--user), or the
// user of each selected scenario (--scenarios). Only the fields the event needs are read, so
// an Auth0 export or a Management API response can be used as is.
import type { ActionDependency } from '../../fake-idp/actions/dependencies.ts';
import type { FetchStub } from '../../fake-idp/actions/fetch-stubs.ts';
import { readFileSync } from 'node:fs';
import type { UserLike } from '../../fake-idp/actions/event.ts';
import { formatScenarioError, loadScenarios, type ScenarioSource } from '../scenarios/load.ts';
import type { Scenario } from '../scenarios/schema.ts';

export interface TestUser {
  source: string;
  id?: string;
  user: UserLike;
  /** From a scenario: its Action's npm dependencies and fetch stubs. */
  dependencies?: ActionDependency[];
  fetchStubs?: FetchStub[];
  /** RBAC role names (event.authorization.roles), read from a tenant by --tenant-user. */
  roles?: string[];
  /** From a validated scenario (`--scenarios`): its expectation, addon, fault and profile. */
  scenario?: Scenario;
}

export class UserInputError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly hint?: string,
  ) {
    super(message);
    this.name = 'UserInputError';
  }
}

const MAX_BYTES = 1024 * 1024;
const STRING_FIELDS = [
  'user_id',
  'name',
  'nickname',
  'given_name',
  'family_name',
  'picture',
  'username',
  'phone_number',
  'created_at',
  'updated_at',
  'last_login',
] as const;
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

/**
 * The user of every scenario `selection` picks (a glob of YAML files, or of scenario ids; undefined:
 * every scenario of `source`), loaded and validated by the loader `flex-sso run` uses, so each keeps
 * its expectation, addon, fault and profile.
 */
export function usersFromScenarios(selection: string | undefined, cwd: string, source?: ScenarioSource): TestUser[] {
  const loaded = loadScenarios(selection, { cwd, source });
  const none = loaded.errors.length > 0 && loaded.errors.every((e) => e.code === 'NO_SCENARIOS') ? loaded.errors[0] : undefined;
  if (none && selection === undefined) throw new UserInputError('SCENARIOS_NONE', `--scenarios: ${formatScenarioError(none)}.`, none.hint ?? '');
  if (none) {
    throw new UserInputError(
      'SCENARIOS_NONE',
      `--scenarios ${selection}: no scenario matches (${loaded.files.length} YAML file(s) searched).`,
      'Check the glob (quote it so the shell does not expand it), e.g. --scenarios "scenarios/**/*.yaml", or give scenario ids: --scenarios "pattern-a-*".',
    );
  }
  if (loaded.errors.length > 0) {
    throw new UserInputError(
      'SCENARIO_INVALID',
      `invalid scenarios:\n${loaded.errors.map((e) => `  ${formatScenarioError(e)}${e.hint ? ` (fix: ${e.hint})` : ''}`).join('\n')}`,
      'fix the scenario files listed above',
    );
  }
  return loaded.scenarios.map((scenario) => {
    const source = `${scenario.file}:${scenario.line}`;
    return {
      source,
      id: scenario.id,
      user: toUserLike(scenario.user, `${source}: user`),
      dependencies: scenario.dependencies,
      fetchStubs: scenario.fetch,
      scenario,
    };
  });
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
