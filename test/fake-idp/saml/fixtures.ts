// Shared inputs for SAML builder tests: a frozen clock, a user and a signing key.
import { generateSigningKey } from '../../../fake-idp/tenant/signing-key.ts';
import type { SigningKey } from '../../../fake-idp/saml/signing.ts';
import type { LoginResponseRequest } from '../../../fake-idp/saml/login-response.ts';
import type { SamlpAddon, User } from '../../../fake-idp/tenant/types.ts';

export const NOW = new Date('2026-03-01T12:00:00.000Z');
export const ACS = 'https://login.flex.us1.twilio.com/login/callback?connection=JQ0123456789abcdef0123456789abcdef';

let key: SigningKey | undefined;
export function testKey(): SigningKey {
  key ??= generateSigningKey('example.auth0.com', new Date('2026-01-01T00:00:00Z'));
  return key;
}

export function testUser(overrides: Partial<User> = {}): User {
  return {
    user_id: 'auth0|65f0a1b2c3d4e5f6a7b8c9d0',
    email: 'ada@example.com',
    email_verified: true,
    name: 'Ada Lovelace',
    nickname: 'ada',
    given_name: 'Ada',
    family_name: 'Lovelace',
    picture: 'https://s.gravatar.com/avatar/x?s=480&r=pg',
    created_at: '2026-01-02T03:04:05.000Z',
    updated_at: '2026-02-03T04:05:06.000Z',
    logins_count: 3,
    app_metadata: { flex: { roles: ['admin'] } },
    user_metadata: {},
    identities: [{ connection: 'Username-Password-Authentication', provider: 'auth0', user_id: '65f0a1b2c3d4e5f6a7b8c9d0', isSocial: false }],
    password_hash: 'scrypt$x$y',
    ...overrides,
  };
}

export function loginRequest(
  opts: { addon?: SamlpAddon; attributes?: Record<string, unknown>; failure?: string; inResponseTo?: string; authnRequestIssuer?: string; user?: User } = {},
): LoginResponseRequest {
  return {
    user: opts.user ?? testUser(),
    client: { client_id: 'AbCdEfGhIjKlMnOpQrStUvWxYz012345', addons: { samlp: opts.addon ?? {} } },
    tenantIssuer: 'urn:example.auth0.com',
    acsUrl: ACS,
    ...(opts.inResponseTo === undefined ? {} : { inResponseTo: opts.inResponseTo }),
    ...(opts.authnRequestIssuer === undefined ? {} : { authnRequestIssuer: opts.authnRequestIssuer }),
    action: { ...(opts.failure === undefined ? {} : { failure: opts.failure }), attributes: opts.attributes ?? {}, overrides: {} },
    signingKey: testKey(),
    now: NOW,
  };
}
