// Management API access tokens: HS256 JWTs (the shape Auth0 issues, though Auth0 signs with RS256)
// under a key that lives only in this process, checked on every call.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Tenant } from '../tenant/tenant.ts';

export const TOKEN_LIFETIME_SECONDS = 86_400;
export const MANAGEMENT_SCOPES = [
  'read:users',
  'create:users',
  'update:users',
  'delete:users',
  'read:clients',
  'update:clients',
  'read:client_keys',
  'read:actions',
  'create:actions',
  'update:actions',
  'delete:actions',
  'read:logs',
].join(' ');

export interface TokenClaims {
  iss: string;
  sub: string;
  aud: string;
  azp: string;
  iat: number;
  exp: number;
  scope: string;
  gty: string;
}
export type TokenCheck = { ok: true; claims: TokenClaims } | { ok: false; reason: 'invalid' | 'expired' };

// One key per tenant object, so the token router and the API router agree without wiring.
const keys = new WeakMap<Tenant, Buffer>();
function keyFor(tenant: Tenant): Buffer {
  let key = keys.get(tenant);
  if (!key) keys.set(tenant, (key = randomBytes(32)));
  return key;
}

export const managementAudience = (domain: string): string => `https://${domain}/api/v2/`;
const b64 = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');
const mac = (key: Buffer, data: string): Buffer => createHmac('sha256', key).update(data).digest();

export function issueToken(tenant: Tenant, clientId: string, now: Date): string {
  const iat = Math.floor(now.getTime() / 1000);
  const claims: TokenClaims = {
    iss: `https://${tenant.domain}/`,
    sub: `${clientId}@clients`,
    aud: managementAudience(tenant.domain),
    azp: clientId,
    iat,
    exp: iat + TOKEN_LIFETIME_SECONDS,
    scope: MANAGEMENT_SCOPES,
    gty: 'client-credentials',
  };
  const unsigned = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64(claims)}`;
  return `${unsigned}.${mac(keyFor(tenant), unsigned).toString('base64url')}`;
}

export function verifyToken(tenant: Tenant, token: string, now: Date): TokenCheck {
  const parts = token.split('.');
  if (parts.length !== 3) return { ok: false, reason: 'invalid' };
  const [header = '', payload = '', signature = ''] = parts;
  const expected = mac(keyFor(tenant), `${header}.${payload}`);
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'invalid' };
  let claims: TokenClaims;
  try {
    claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as TokenClaims;
  } catch {
    return { ok: false, reason: 'invalid' };
  }
  // The domain may change after issue (the server learns its port late): the audience must match now.
  if (claims.aud !== managementAudience(tenant.domain)) return { ok: false, reason: 'invalid' };
  if (!tenant.state.managementClients.some((c) => c.client_id === claims.azp)) return { ok: false, reason: 'invalid' };
  if (!(claims.exp * 1000 > now.getTime())) return { ok: false, reason: 'expired' };
  return { ok: true, claims };
}
