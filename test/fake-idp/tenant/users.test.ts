import { describe, expect, it } from 'vitest';
import { TenantError } from '../../../fake-idp/tenant/tenant.ts';
import { newTenant } from './fixtures.ts';

describe('users', () => {
  it('applies Auth0 profile defaults', () => {
    const { tenant } = newTenant();
    const user = tenant.createUser({ email: '  Alice.Agent@Example.COM ', password: 'Str0ng-pw-1' });
    expect(user.email).toBe('alice.agent@example.com');
    expect(user.name).toBe('alice.agent@example.com');
    expect(user.nickname).toBe('alice.agent');
    expect(user.user_id).toMatch(/^auth0\|[0-9a-f]{24}$/);
    expect(user.picture).toMatch(/^https:\/\/s\.gravatar\.com\/avatar\/[0-9a-f]{32}\?/);
    expect(user.identities).toEqual([{ connection: 'Username-Password-Authentication', provider: 'auth0', user_id: user.user_id.slice(6), isSocial: false }]);
    expect(user.created_at).toBe('2026-03-01T12:00:00.000Z');
    expect(user.logins_count).toBe(0);
    expect(user.email_verified).toBe(false);
    expect(user.password_hash).toMatch(/^scrypt\$/);
    expect(user.password_hash).not.toContain('pw-1');
  });

  it('keeps given names and a supplied user_id', () => {
    const { tenant } = newTenant();
    const user = tenant.createUser({ email: 'b@example.com', password: 'Str0ng-x', name: 'Bo B', given_name: 'Bo', user_id: 'abc123' });
    expect(user).toMatchObject({ name: 'Bo B', given_name: 'Bo', user_id: 'auth0|abc123' });
    expect(tenant.getUser('auth0|abc123')).toBe(user);
  });

  it('rejects a duplicate email (any case) with 409 "The user already exists."', () => {
    const { tenant } = newTenant();
    tenant.createUser({ email: 'dup@example.com', password: 'Str0ng-x' });
    let caught: unknown;
    try {
      tenant.createUser({ email: 'DUP@example.com', password: 'Str0ng-y' });
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(TenantError);
    expect((caught as TenantError).toBody()).toEqual({ statusCode: 409, error: 'Conflict', message: 'The user already exists.', errorCode: 'auth0_idp_error' });
  });

  it('rejects an invalid email, an empty password and an unknown connection with 400', () => {
    const { tenant } = newTenant();
    expect(() => tenant.createUser({ email: 'not-an-email', password: 'Str0ng-x' })).toThrow(expect.objectContaining({ statusCode: 400 }));
    expect(() => tenant.createUser({ email: 'a@example.com', password: '' })).toThrow(expect.objectContaining({ statusCode: 400 }));
    expect(() => tenant.createUser({ email: 'a@example.com', password: 'Str0ng-x', connection: 'google-oauth2' })).toThrow(
      expect.objectContaining({ errorCode: 'inexistent_connection' }),
    );
    expect(tenant.state.users).toHaveLength(0);
  });

  it('verifies passwords: right one accepted (twice, cached), wrong one and unknown email rejected', () => {
    const { tenant } = newTenant();
    const user = tenant.createUser({ email: 'p@example.com', password: 'Correct horse 1' });
    expect(tenant.verifyPassword('P@example.com', 'Correct horse 1')).toBe(user);
    expect(tenant.verifyPassword('p@example.com', 'Correct horse 1')).toBe(user);
    expect(tenant.verifyPassword('p@example.com', 'wrong')).toBeUndefined();
    expect(tenant.verifyPassword('nobody@example.com', 'Correct horse 1')).toBeUndefined();
    tenant.updateUser(user.user_id, { password: 'New pass 2' });
    expect(tenant.verifyPassword('p@example.com', 'Correct horse 1')).toBeUndefined();
    expect(tenant.verifyPassword('p@example.com', 'New pass 2')).toBe(user);
  });

  it('merges metadata like Auth0: top-level merge, nested objects replaced, null deletes, {} clears', () => {
    const { tenant, clock } = newTenant();
    const user = tenant.createUser({
      email: 'm@example.com',
      password: 'Str0ng-x',
      app_metadata: { flex: { roles: ['agent'], team: 'Blue' }, program: 'P1', keep: 1 },
    });
    clock.now = new Date('2026-03-01T13:00:00.000Z');
    const updated = tenant.updateUser(user.user_id, { app_metadata: { flex: { roles: ['supervisor'] }, program: null, extra: true } });
    expect(updated.app_metadata).toEqual({ flex: { roles: ['supervisor'] }, keep: 1, extra: true });
    expect(updated.updated_at).toBe('2026-03-01T13:00:00.000Z');
    tenant.updateUser(user.user_id, { user_metadata: { a: 1 } });
    expect(tenant.getUser(user.user_id)!.user_metadata).toEqual({ a: 1 });
    tenant.updateUser(user.user_id, { app_metadata: {} });
    expect(tenant.getUser(user.user_id)!.app_metadata).toEqual({});
    expect(tenant.getUser(user.user_id)!.user_metadata).toEqual({ a: 1 });
  });

  it('does not let a later change to the patch object leak into the stored metadata', () => {
    const { tenant } = newTenant();
    const user = tenant.createUser({ email: 'c@example.com', password: 'Str0ng-x' });
    const flex = { roles: ['agent'] };
    tenant.updateUser(user.user_id, { app_metadata: { flex } });
    flex.roles.push('admin');
    expect(tenant.getUser(user.user_id)!.app_metadata).toEqual({ flex: { roles: ['agent'] } });
  });

  it('refuses to change an email to one another user has', () => {
    const { tenant } = newTenant();
    tenant.createUser({ email: 'one@example.com', password: 'Str0ng-x' });
    const two = tenant.createUser({ email: 'two@example.com', password: 'Str0ng-x' });
    expect(() => tenant.updateUser(two.user_id, { email: 'ONE@example.com' })).toThrow(expect.objectContaining({ statusCode: 409 }));
    expect(tenant.updateUser(two.user_id, { email: 'Three@example.com' }).email).toBe('three@example.com');
    expect(() => tenant.updateUser('auth0|missing', { name: 'x' })).toThrow(expect.objectContaining({ statusCode: 404 }));
  });

  it('lists users in pages and searches by email', () => {
    const { tenant } = newTenant();
    for (let i = 0; i < 7; i++)
      tenant.createUser({ email: `u${i}@example.com`, password: 'Str0ng-x', app_metadata: { flex: { team: i % 2 ? 'Odd' : 'Even' } } });
    const page1 = tenant.listUsers({ page: 1, per_page: 3 });
    expect(page1).toMatchObject({ total: 7, start: 3, limit: 3 });
    expect(page1.users.map((u) => u.email)).toEqual(['u3@example.com', 'u4@example.com', 'u5@example.com']);
    expect(tenant.listUsers({ q: 'email:"U4@example.com"' }).users.map((u) => u.email)).toEqual(['u4@example.com']);
    expect(tenant.listUsers({ q: 'email:u1*' }).total).toBe(1);
    expect(tenant.listUsers({ q: 'app_metadata.flex.team:"odd"' }).total).toBe(3);
    expect(() => tenant.listUsers({ per_page: 101 })).toThrow(expect.objectContaining({ statusCode: 400 }));
    expect(() => tenant.listUsers({ q: 'email:(a OR b)' })).toThrow(expect.objectContaining({ statusCode: 400 }));
  });

  it('records logins and deletes users', () => {
    const { tenant } = newTenant();
    const user = tenant.createUser({ email: 'l@example.com', password: 'Str0ng-x' });
    tenant.recordLogin(user.user_id, new Date('2026-03-02T00:00:00Z'));
    expect(tenant.getUser(user.user_id)).toMatchObject({ logins_count: 1, last_login: '2026-03-02T00:00:00.000Z' });
    expect(tenant.deleteUser(user.user_id)).toBe(true);
    expect(tenant.deleteUser(user.user_id)).toBe(false);
    expect(tenant.findUserByEmail('l@example.com')).toBeUndefined();
  });
});
