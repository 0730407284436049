// Users of the database connection, with Auth0's profile defaults and update semantics.
import { createHash } from 'node:crypto';
import { badRequest, conflict, notFound } from './errors.ts';
import { newUserIdSuffix } from './ids.ts';
import { parseQuery, matchesQuery } from './lucene.ts';
import { initialMetadata, mergeMetadata } from './metadata-merge.ts';
import { removeBlocks } from './brute-force.ts';
import { checkPasswordStrength } from './password-policy.ts';
import { hashPassword, verifyPasswordHash } from './passwords.ts';
import type { Metadata, TenantState, User } from './types.ts';

export const DATABASE_CONNECTION = 'Username-Password-Authentication';
const MAX_PER_PAGE = 100;
const DEFAULT_PER_PAGE = 50;
// A hash of a throw-away password: verifying against it when the email is unknown makes a miss
// cost the same time as a wrong password, so timing does not reveal which emails exist.
const DUMMY_HASH = hashPassword('not-a-real-password');

export interface CreateUserInput {
  email: string;
  password: string;
  connection?: string;
  name?: string;
  given_name?: string;
  family_name?: string;
  nickname?: string;
  picture?: string;
  email_verified?: boolean;
  app_metadata?: Metadata;
  user_metadata?: Metadata;
  user_id?: string;
  blocked?: boolean;
}

export type UserPatch = Partial<Omit<CreateUserInput, 'app_metadata' | 'user_metadata' | 'user_id'>> & {
  app_metadata?: Metadata | null;
  user_metadata?: Metadata | null;
};

export interface UserPage {
  users: User[];
  total: number;
  start: number;
  limit: number;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$|^[^\s@]+@localhost$/;

function checkEmail(email: string): string {
  const normalized = email.trim().toLowerCase();
  if (!EMAIL.test(normalized)) {
    throw badRequest(
      'invalid_body',
      `Payload validation error: 'Object didn't pass validation for format email: ${email}' on property email.`,
      'Give a valid email address, e.g. agent@example.com',
    );
  }
  return normalized;
}

function checkConnection(connection: string | undefined): void {
  if (connection !== undefined && connection !== DATABASE_CONNECTION) {
    throw badRequest('inexistent_connection', 'The connection does not exist.', `The emulator has one connection: ${DATABASE_CONNECTION}`);
  }
}

function checkPassword(password: string): void {
  if (typeof password !== 'string' || password.length === 0) {
    throw badRequest('invalid_body', "Payload validation error: 'Missing required property: password'.", 'Give the user a non-empty password');
  }
}

/** Auth0's default avatar: gravatar of the email, falling back to initials on Auth0's CDN. */
export function defaultPicture(email: string, name: string): string {
  const hash = createHash('md5').update(email).digest('hex');
  const initials =
    name
      .replace(/[^A-Za-z]/g, '')
      .slice(0, 2)
      .toLowerCase() || 'un';
  return `https://s.gravatar.com/avatar/${hash}?s=480&r=pg&d=https%3A%2F%2Fcdn.auth0.com%2Favatars%2F${initials}.png`;
}

export function findUserByEmail(state: TenantState, email: string): User | undefined {
  const normalized = email.trim().toLowerCase();
  return state.users.find((u) => u.email === normalized);
}

export function getUser(state: TenantState, userId: string): User | undefined {
  return state.users.find((u) => u.user_id === userId);
}

function requireUser(state: TenantState, userId: string): User {
  const user = getUser(state, userId);
  if (!user) throw notFound('inexistent_user', 'The user does not exist.', `No user with user_id ${userId}; list users to find the id`);
  return user;
}

export function createUser(state: TenantState, input: CreateUserInput, now: Date): User {
  checkConnection(input.connection);
  const email = checkEmail(input.email);
  checkPassword(input.password);
  checkPasswordStrength(state.connection, input.password);
  if (findUserByEmail(state, email)) throw conflict('auth0_idp_error', 'The user already exists.', `A user with email ${email} exists; update it instead`);
  const suffix = input.user_id ? input.user_id.replace(/^auth0\|/, '') : newUserIdSuffix();
  const userId = `auth0|${suffix}`;
  if (getUser(state, userId)) throw conflict('auth0_idp_error', 'The user already exists.', `user_id ${userId} is taken`);
  const name = input.name ?? email;
  const at = now.toISOString();
  const user: User = {
    user_id: userId,
    email,
    email_verified: input.email_verified ?? false,
    name,
    nickname: input.nickname ?? email.split('@')[0] ?? email,
    ...(input.given_name !== undefined ? { given_name: input.given_name } : {}),
    ...(input.family_name !== undefined ? { family_name: input.family_name } : {}),
    picture: input.picture ?? defaultPicture(email, name),
    created_at: at,
    updated_at: at,
    logins_count: 0,
    ...(input.blocked !== undefined ? { blocked: input.blocked } : {}),
    app_metadata: initialMetadata(input.app_metadata),
    user_metadata: initialMetadata(input.user_metadata),
    identities: [{ connection: DATABASE_CONNECTION, provider: 'auth0', user_id: suffix, isSocial: false }],
    password_hash: hashPassword(input.password),
  };
  state.users.push(user);
  return user;
}

export function updateUser(state: TenantState, userId: string, patch: UserPatch, now: Date): User {
  const user = requireUser(state, userId);
  const loginIdentifier = user.email;
  checkConnection(patch.connection);
  // Checked before anything changes: a refused password leaves the user as it was.
  if (patch.password !== undefined) {
    checkPassword(patch.password);
    checkPasswordStrength(state.connection, patch.password);
  }
  if (patch.email !== undefined) {
    const email = checkEmail(patch.email);
    const other = findUserByEmail(state, email);
    if (other && other !== user) throw conflict('auth0_idp_error', 'The specified new email already exists', `Another user has email ${email}`);
    user.email = email;
  }
  if (patch.password !== undefined) {
    user.password_hash = hashPassword(patch.password);
    // brute-force-protection docs: a block ends when "the affected user changes their password".
    removeBlocks(state, loginIdentifier);
  }
  if (patch.email_verified !== undefined) user.email_verified = patch.email_verified;
  if (patch.name !== undefined) user.name = patch.name;
  if (patch.nickname !== undefined) user.nickname = patch.nickname;
  if (patch.given_name !== undefined) user.given_name = patch.given_name;
  if (patch.family_name !== undefined) user.family_name = patch.family_name;
  if (patch.picture !== undefined) user.picture = patch.picture;
  if (patch.blocked !== undefined) user.blocked = patch.blocked;
  if (patch.app_metadata !== undefined) user.app_metadata = mergeMetadata(user.app_metadata, patch.app_metadata);
  if (patch.user_metadata !== undefined) user.user_metadata = mergeMetadata(user.user_metadata, patch.user_metadata);
  user.updated_at = now.toISOString();
  return user;
}

export function deleteUser(state: TenantState, userId: string): boolean {
  const index = state.users.findIndex((u) => u.user_id === userId);
  if (index < 0) return false;
  state.users.splice(index, 1);
  return true;
}

export function listUsers(state: TenantState, opts: { page?: number; per_page?: number; q?: string } = {}): UserPage {
  const page = opts.page ?? 0;
  const perPage = opts.per_page ?? DEFAULT_PER_PAGE;
  if (!Number.isInteger(page) || page < 0)
    throw badRequest('invalid_query_string', `Query validation error: 'Expected type integer >= 0 but found ${page}' on property page.`, 'page counts from 0');
  if (!Number.isInteger(perPage) || perPage < 1 || perPage > MAX_PER_PAGE) {
    throw badRequest(
      'invalid_query_string',
      `Query validation error: 'Value must be between 1 and ${MAX_PER_PAGE}, received ${perPage}' on property per_page.`,
      `Use per_page from 1 to ${MAX_PER_PAGE} and page through the rest`,
    );
  }
  const clauses = opts.q ? parseQuery(opts.q) : [];
  const matching = clauses.length ? state.users.filter((u) => matchesQuery(u, clauses, ['email', 'name', 'nickname'])) : state.users;
  const start = page * perPage;
  return { users: matching.slice(start, start + perPage), total: matching.length, start, limit: perPage };
}

/** Constant-time password check; an unknown email still pays for one hash comparison. */
export function verifyPassword(state: TenantState, email: string, password: string): User | undefined {
  const user = findUserByEmail(state, email);
  const ok = verifyPasswordHash(password, user?.password_hash ?? DUMMY_HASH);
  return ok && user ? user : undefined;
}

export function recordLogin(state: TenantState, userId: string, at: Date): void {
  const user = requireUser(state, userId);
  user.logins_count += 1;
  user.last_login = at.toISOString();
}

/** What the API returns for a user: everything but the password hash. */
export function publicUser(user: User): Omit<User, 'password_hash'> {
  const { password_hash: _hidden, ...rest } = user;
  return rest;
}
