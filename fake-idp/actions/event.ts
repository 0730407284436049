// The `event` object a post-login Action receives, shaped like Auth0's documented post-login event
// (docs-v2 post-login-event-object) for a SAML (samlp) login on the Username-Password-Authentication
// database connection. `event.user` carries exactly the documented user fields (no logins_count or
// last_login: those are not among them); `event.stats.logins_count` counts the current login,
// because Auth0 increments the count before Actions run, except for a login through an existing
// session (Auth0 support article "How Logins Count Work"); `event.authorization.roles` are the names of the user's RBAC roles.
import { hash, randomBytes } from 'node:crypto';
import type { Identity, User } from '../tenant/types.ts';

export const DATABASE_CONNECTION = 'Username-Password-Authentication';

/** A user as stored by the tenant or written by hand; missing fields get Auth0's profile defaults. */
export type UserLike = { email: string } & Partial<Omit<User, 'password_hash' | 'email'>> & {
    username?: string;
    phone_number?: string;
    phone_verified?: boolean;
    multifactor?: string[];
    last_password_reset?: string;
  };

export interface PostLoginUser {
  user_id: string;
  email: string;
  email_verified: boolean;
  name: string;
  nickname: string;
  given_name?: string;
  family_name?: string;
  username?: string;
  phone_number?: string;
  phone_verified?: boolean;
  picture: string;
  created_at: string;
  updated_at: string;
  last_password_reset?: string;
  app_metadata: Record<string, unknown>;
  user_metadata: Record<string, unknown>;
  identities: Identity[];
  multifactor: string[];
}

export interface GeoIp {
  cityName?: string;
  continentCode?: string;
  countryCode?: string;
  countryCode3?: string;
  countryName?: string;
  latitude?: number;
  longitude?: number;
  subdivisionCode?: string;
  subdivisionName?: string;
  timeZone?: string;
}

export interface PostLoginEvent {
  user: PostLoginUser;
  transaction: {
    id: string;
    protocol: 'samlp';
    locale: string;
    ui_locales: string[];
    requested_scopes: string[];
    redirect_uri?: string;
    acr_values: string[];
    linking_id?: string;
  };
  client: { client_id: string; name: string; metadata: Record<string, string> };
  connection: { id: string; name: typeof DATABASE_CONNECTION; strategy: 'auth0'; metadata: Record<string, string> };
  request: {
    ip: string;
    hostname: string;
    method: string;
    user_agent?: string;
    language?: string;
    query: Record<string, string>;
    body: Record<string, string>;
    geoip: GeoIp;
  };
  tenant: { id: string };
  authentication: { methods: { name: string; timestamp: string }[] };
  authorization: { roles: string[] };
  stats: { logins_count: number };
  secrets: Record<string, string>;
  session?: { id: string; created_at?: string; authenticated_at?: string };
  organization?: { id: string; name: string; display_name: string; metadata: Record<string, string> };
}

export interface PostLoginEventInput {
  user: UserLike;
  client: { client_id: string; name: string };
  request: { ip: string; hostname: string; userAgent?: string; query?: Record<string, string>; body?: Record<string, string>; method?: string };
  tenantId: string;
  now: Date;
  transactionId?: string;
  /** Names of the user's RBAC roles (Management API /users/{id}/roles). */
  roles?: string[];
  /** false for a login through an existing session (SSO): Auth0 does not count those. Default true. */
  countsAsLogin?: boolean;
}

export function buildPostLoginEvent(input: PostLoginEventInput): PostLoginEvent {
  const { client, request, now } = input;
  const at = isoOrNow(now);
  const user = withAuth0Defaults(input.user, at);
  const language = request.userAgent ? 'en-US' : undefined;
  return {
    user,
    transaction: {
      id: input.transactionId ?? randomBytes(18).toString('base64url'),
      protocol: 'samlp',
      locale: 'en',
      ui_locales: [],
      requested_scopes: [],
      redirect_uri: request.query?.redirect_uri,
      acr_values: [],
    },
    client: { client_id: client.client_id, name: client.name, metadata: {} },
    connection: { id: `con_${stableId(input.tenantId)}`, name: DATABASE_CONNECTION, strategy: 'auth0', metadata: {} },
    request: {
      ip: request.ip,
      hostname: request.hostname,
      method: request.method ?? 'POST',
      user_agent: request.userAgent,
      language,
      query: { ...request.query },
      body: { ...request.body },
      geoip: {},
    },
    tenant: { id: input.tenantId },
    authentication: { methods: [{ name: 'pwd', timestamp: at }] },
    authorization: { roles: [...(input.roles ?? [])] },
    // `input.user` is the profile as stored before this login; Auth0 counts the login before the Actions run.
    stats: { logins_count: Math.max(0, Math.floor(input.user.logins_count ?? 0)) + (input.countsAsLogin === false ? 0 : 1) },
    secrets: {},
  };
}

/** Picks documented fields only (never the password hash) and fills Auth0's defaults. */
export function withAuth0Defaults(input: UserLike, at: string): PostLoginUser {
  const email = String(input.email ?? '').toLowerCase();
  const localPart = email.split('@')[0] ?? email;
  const userId = input.user_id ?? `auth0|${hash('sha256', email).slice(0, 24)}`;
  const user: PostLoginUser = {
    user_id: userId,
    email,
    email_verified: input.email_verified ?? false,
    name: input.name || email,
    nickname: input.nickname || localPart,
    picture: input.picture || defaultPicture(email, input.name || email),
    created_at: input.created_at ?? at,
    updated_at: input.updated_at ?? at,
    app_metadata: cloneRecord(input.app_metadata),
    user_metadata: cloneRecord(input.user_metadata),
    identities: input.identities
      ? structuredClone(input.identities)
      : [{ connection: DATABASE_CONNECTION, provider: 'auth0', user_id: userId.replace(/^auth0\|/, ''), isSocial: false }],
    multifactor: input.multifactor ? [...input.multifactor] : [],
  };
  for (const key of ['given_name', 'family_name', 'username', 'phone_number', 'last_password_reset'] as const) {
    const value = input[key];
    if (typeof value === 'string') user[key] = value;
  }
  if (typeof input.phone_verified === 'boolean') user.phone_verified = input.phone_verified;
  return user;
}

/** Auth0's default avatar: Gravatar with its initials image as the fallback. */
function defaultPicture(email: string, name: string): string {
  // crypto.hash: the one-shot digest, the same bytes as createHash without a Hash object per login.
  const digest = hash('md5', email.trim().toLowerCase());
  const initials = (name.replace(/[^a-z]/gi, '').slice(0, 2) || 'na').toLowerCase();
  return `https://s.gravatar.com/avatar/${digest}?s=480&r=pg&d=https%3A%2F%2Fcdn.auth0.com%2Favatars%2F${initials}.png`;
}

function cloneRecord(value: unknown): Record<string, unknown> {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return {};
  return structuredClone(value as Record<string, unknown>);
}

function isoOrNow(now: Date): string {
  const time = now instanceof Date ? now.getTime() : NaN;
  if (Number.isNaN(time)) throw new TypeError(`buildPostLoginEvent: now must be a valid Date, received ${String(now)}`);
  // A batch of logins (flex-sso impact) shares one `now`: its text is made once, not per login.
  if (time !== lastIso.time) lastIso = { time, text: now.toISOString() };
  return lastIso.text;
}
let lastIso = { time: NaN, text: '' };

/** The connection id is stable per tenant, like a real tenant's `con_…` id. */
function stableId(seed: string): string {
  return hash('sha256', seed, 'base64url').replace(/[-_]/g, '').slice(0, 16);
}
