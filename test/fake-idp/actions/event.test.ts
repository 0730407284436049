import { describe, expect, it } from 'vitest';
import { buildPostLoginEvent } from '../../../fake-idp/actions/event.ts';
import type { User } from '../../../fake-idp/tenant/types.ts';
import { NOW } from './helpers.ts';

const base = { client: { client_id: 'cid', name: 'Flex' }, request: { ip: '10.0.0.1', hostname: 'tenant.local' }, tenantId: 'tenant', now: NOW };

describe('buildPostLoginEvent', () => {
  it("fills Auth0's profile defaults for a minimal user", () => {
    const event = buildPostLoginEvent({ ...base, user: { email: 'Jane.Doe@Example.com' } });
    expect(event.user).toMatchObject({
      email: 'jane.doe@example.com',
      name: 'jane.doe@example.com',
      nickname: 'jane.doe',
      email_verified: false,
      created_at: NOW.toISOString(),
      app_metadata: {},
      user_metadata: {},
      multifactor: [],
    });
    expect(event.stats.logins_count).toBe(1);
    expect(event.user.user_id).toMatch(/^auth0\|[0-9a-f]{24}$/);
    expect(event.user.identities).toEqual([
      { connection: 'Username-Password-Authentication', provider: 'auth0', user_id: event.user.user_id.slice(6), isSocial: false },
    ]);
    // md5("jane.doe@example.com") and sha256 of the email and of the tenant id, computed outside this code.
    expect(event.user.picture).toBe(
      'https://s.gravatar.com/avatar/0cba00ca3da1b283a57287bcceb17e35?s=480&r=pg&d=https%3A%2F%2Fcdn.auth0.com%2Favatars%2Fja.png',
    );
    expect(event.user.user_id).toBe('auth0|86e0b9e56c17cc4d12387e19');
    expect(event.connection.id).toBe('con_6dqG01HPmnZC2MUB');
  });

  it('keeps given fields and never copies the password hash', () => {
    const user: User = {
      user_id: 'auth0|abc',
      email: 'a@example.com',
      email_verified: true,
      name: 'A B',
      nickname: 'ab',
      given_name: 'A',
      family_name: 'B',
      picture: 'https://p',
      created_at: '2025-01-01T00:00:00.000Z',
      updated_at: '2025-01-02T00:00:00.000Z',
      logins_count: 4,
      app_metadata: { flex: { roles: ['admin'] } },
      user_metadata: { x: 1 },
      identities: [],
      password_hash: 'scrypt$secret$hash',
    };
    const event = buildPostLoginEvent({ ...base, user });
    expect(JSON.stringify(event)).not.toContain('scrypt$secret');
    expect(event.user).toMatchObject({ user_id: 'auth0|abc', name: 'A B', given_name: 'A', family_name: 'B', email_verified: true });
    event.user.app_metadata.flex = 'changed';
    expect(user.app_metadata.flex).toEqual({ roles: ['admin'] });
  });

  it('describes a samlp login on the database connection', () => {
    const event = buildPostLoginEvent({
      ...base,
      user: { email: 'a@example.com' },
      transactionId: 'tx1',
      request: { ...base.request, userAgent: 'UA', query: { connection: 'Username-Password-Authentication' } },
    });
    expect(event.transaction).toMatchObject({ id: 'tx1', protocol: 'samlp' });
    expect(event.connection).toMatchObject({ name: 'Username-Password-Authentication', strategy: 'auth0' });
    expect(event.client).toEqual({ client_id: 'cid', name: 'Flex', metadata: {} });
    expect(event.request).toMatchObject({
      ip: '10.0.0.1',
      hostname: 'tenant.local',
      user_agent: 'UA',
      query: { connection: 'Username-Password-Authentication' },
    });
    expect(event.authentication.methods).toEqual([{ name: 'pwd', timestamp: NOW.toISOString() }]);
    expect(event.tenant).toEqual({ id: 'tenant' });
    expect(event.secrets).toEqual({});
  });

  // docs-v2 post-login-event-object, `event.user` properties, field by field.
  const DOCUMENTED_USER_FIELDS = [
    'app_metadata',
    'created_at',
    'email',
    'email_verified',
    'family_name',
    'given_name',
    'last_password_reset',
    'name',
    'nickname',
    'phone_number',
    'phone_verified',
    'picture',
    'updated_at',
    'user_id',
    'user_metadata',
    'username',
    'enrolledFactors',
    'multifactor',
    'identities',
  ];
  const REQUIRED_USER_FIELDS = ['app_metadata', 'created_at', 'email_verified', 'updated_at', 'user_id', 'user_metadata', 'identities'];

  it('gives event.user only the fields the post-login event object documents (no logins_count, no last_login)', () => {
    const stored: User = {
      user_id: 'auth0|abc',
      email: 'a@example.com',
      email_verified: true,
      name: 'A B',
      nickname: 'ab',
      given_name: 'A',
      family_name: 'B',
      picture: 'https://p',
      created_at: '2025-01-01T00:00:00.000Z',
      updated_at: '2025-01-02T00:00:00.000Z',
      last_login: '2025-01-03T00:00:00.000Z',
      logins_count: 4,
      blocked: false,
      app_metadata: {},
      user_metadata: {},
      identities: [],
      password_hash: 'scrypt$x$y',
    };
    const event = buildPostLoginEvent({
      ...base,
      user: { ...stored, username: 'ab', phone_number: '+15550100', phone_verified: false, last_password_reset: '2025-01-01T00:00:00.000Z' },
    });
    const keys = Object.keys(event.user);
    expect(keys.filter((k) => !DOCUMENTED_USER_FIELDS.includes(k))).toEqual([]);
    expect(REQUIRED_USER_FIELDS.filter((k) => !keys.includes(k))).toEqual([]);
  });

  it('counts the current login in event.stats.logins_count (Auth0 increments it before the Actions run)', () => {
    expect(buildPostLoginEvent({ ...base, user: { email: 'a@example.com', logins_count: 0 } }).stats.logins_count).toBe(1);
    expect(buildPostLoginEvent({ ...base, user: { email: 'a@example.com', logins_count: 4 } }).stats.logins_count).toBe(5);
  });

  it('lists the RBAC role names in event.authorization.roles', () => {
    expect(buildPostLoginEvent({ ...base, user: { email: 'a@example.com' } }).authorization).toEqual({ roles: [] });
    expect(buildPostLoginEvent({ ...base, user: { email: 'a@example.com' }, roles: ['Flex Supervisor', 'Flex Admin'] }).authorization).toEqual({
      roles: ['Flex Supervisor', 'Flex Admin'],
    });
  });

  it('rejects an invalid clock instead of producing NaN dates', () => {
    expect(() => buildPostLoginEvent({ ...base, now: new Date('nope'), user: { email: 'a@example.com' } })).toThrow('now must be a valid Date');
    expect(() => buildPostLoginEvent({ ...base, now: 'soon' as unknown as Date, user: { email: 'a@example.com' } })).toThrow('now must be a valid Date');
  });

  it("stamps each login with its own clock, whichever came before (the clock's text is kept for the same time only)", () => {
    const at = (now: Date) => buildPostLoginEvent({ ...base, now, user: { email: 'a@example.com' } }).authentication.methods[0]?.timestamp;
    const clock = new Date('2026-03-01T12:00:00.000Z');
    expect(at(clock)).toBe('2026-03-01T12:00:00.000Z');
    expect(at(new Date('2027-01-02T03:04:05.678Z'))).toBe('2027-01-02T03:04:05.678Z');
    expect(at(clock)).toBe('2026-03-01T12:00:00.000Z');
    clock.setTime(Date.parse('2026-03-01T12:00:01.000Z'));
    expect(at(clock)).toBe('2026-03-01T12:00:01.000Z');
  });
});
