// Shared tenant fixtures: one RSA key for all tests (generating one costs ~250 ms) and a frozen clock.
import { generateSigningKey } from '../../../fake-idp/tenant/signing-key.ts';
import { Tenant, type TenantOptions } from '../../../fake-idp/tenant/tenant.ts';

export const FROZEN = new Date('2026-03-01T12:00:00.000Z');
let signing: { keyPem: string; certPem: string } | undefined;

export function sharedSigningKey(): { keyPem: string; certPem: string } {
  signing ??= generateSigningKey('tests.example', FROZEN);
  return signing;
}

/** A tenant with a settable clock: `clock.now = new Date(...)` moves time. */
export function newTenant(opts: TenantOptions = {}): { tenant: Tenant; clock: { now: Date } } {
  const clock = { now: FROZEN };
  const tenant = Tenant.create({ domain: 'tenant.test', signing: sharedSigningKey(), clock: () => clock.now, ...opts });
  return { tenant, clock };
}

export const VALID_ACTION = `exports.onExecutePostLogin = async (event, api) => {
  api.samlResponse.setAttribute('email', event.user.email);
};`;
