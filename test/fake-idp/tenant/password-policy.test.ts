// The database connection's password strength policy (docs: authenticate/database-connections/
// password-strength, the five levels; Auth0's own rules in github auth0/password-sheriff index.js),
// refused with Auth0's 400 PasswordStrengthError body.
import { describe, expect, it } from 'vitest';
import { TenantError } from '../../../fake-idp/tenant/errors.ts';
import type { PasswordPolicyLevel } from '../../../fake-idp/tenant/types.ts';
import { newTenant } from './fixtures.ts';

function caught(run: () => unknown): TenantError {
  try {
    run();
  } catch (error) {
    if (error instanceof TenantError) return error;
    throw error;
  }
  throw new Error('expected a TenantError');
}

function withPolicy(level: PasswordPolicyLevel | null, minLength?: number) {
  const { tenant } = newTenant();
  tenant.updateConnection(tenant.connection.id, {
    options: { passwordPolicy: level, ...(minLength ? { password_complexity_options: { min_length: minLength } } : {}) },
  });
  return tenant;
}

describe('password strength of the database connection', () => {
  it('a new tenant\'s Username-Password-Authentication connection has policy "good"', () => {
    const { tenant } = newTenant();
    expect(tenant.connection).toMatchObject({ name: 'Username-Password-Authentication', strategy: 'auth0', options: { passwordPolicy: 'good' } });
  });

  it("refuses a weak password on create with Auth0's exact 400 body (no errorCode) and creates no user", () => {
    const { tenant } = newTenant();
    const error = caught(() => tenant.createUser({ email: 'weak@example.com', password: 'hello' }));
    expect(error.statusCode).toBe(400);
    expect(error.toBody()).toEqual({ statusCode: 400, error: 'Bad Request', message: 'PasswordStrengthError: Password is too weak' });
    expect(error.hint).toContain('At least 8 characters in length');
    expect(error.hint).toContain('upper case letters (A-Z)');
    expect(tenant.findUserByEmail('weak@example.com')).toBeUndefined();
  });

  it('accepts a password that meets "good" (8 characters, 3 of 4 character types)', () => {
    const { tenant } = newTenant();
    expect(tenant.createUser({ email: 'ok@example.com', password: 'hello-World' }).email).toBe('ok@example.com');
  });

  it('refuses a weak password on update and leaves the user unchanged (email included)', () => {
    const { tenant } = newTenant();
    const user = tenant.createUser({ email: 'u@example.com', password: 'First-pass-1' });
    const error = caught(() => tenant.updateUser(user.user_id, { email: 'renamed@example.com', password: 'short' }));
    expect(error.message).toBe('PasswordStrengthError: Password is too weak');
    expect(tenant.getUser(user.user_id)?.email).toBe('u@example.com');
    expect(tenant.verifyPassword('u@example.com', 'First-pass-1')?.user_id).toBe(user.user_id);
  });

  // Each level's criteria as the password-strength page lists them.
  it.each<[PasswordPolicyLevel | null, string, string]>([
    [null, 'a', ''],
    ['none', 'a', ''],
    ['low', 'abcdef', 'abcde'],
    ['fair', 'abcDEF12', 'abcdef12'],
    ['fair', 'abcDEF12', 'abcDEF!!'],
    ['good', 'abcdef1!', 'abcdefg1'],
    ['good', 'ABCDEF1!', 'abcDEF1'],
    ['excellent', 'abcDEF12!x', 'abcDEF12!'],
    ['excellent', 'aabDEF12!x', 'aaaDEF12!x'],
  ])('policy %s accepts %j and refuses %j', (level, good, weak) => {
    const tenant = withPolicy(level);
    expect(tenant.createUser({ email: 'good@example.com', password: good }).email).toBe('good@example.com');
    if (weak !== '') expect(caught(() => tenant.createUser({ email: 'weak@example.com', password: weak })).statusCode).toBe(400);
  });

  it("min_length supersedes the level's length, shorter or longer", () => {
    const longer = withPolicy('good', 12);
    expect(caught(() => longer.createUser({ email: 'a@example.com', password: 'abcDEF12!' })).statusCode).toBe(400);
    expect(longer.createUser({ email: 'b@example.com', password: 'abcDEF12!xyz' }).email).toBe('b@example.com');
    const shorter = withPolicy('good', 6);
    expect(shorter.createUser({ email: 'c@example.com', password: 'aB1!xy' }).email).toBe('c@example.com');
  });

  it('an application created later has the database connection enabled; PATCH replaces enabled_clients', () => {
    const { tenant } = newTenant();
    const app = tenant.createApplication({ name: 'Other' });
    expect(tenant.connectionEnabledFor(app.client_id)).toBe(true);
    tenant.updateConnection(tenant.connection.name, { enabled_clients: [app.client_id] });
    expect(tenant.connectionEnabledFor(tenant.defaultSamlClientId())).toBe(false);
    expect(caught(() => tenant.updateConnection(tenant.connection.id, { enabled_clients: ['nope'] })).statusCode).toBe(400);
  });
});
