// What a new tenant has for logins before anyone changes it: the database connection (password
// policy, enabled applications) and the attack protection / MFA settings, each as Auth0 ships it.
// State files written before these were modelled get them on load (ensureLoginState).
import { randomAlnum } from './ids.ts';
import type { DatabaseConnection, LoginProtections, TenantState } from './types.ts';
import { DATABASE_CONNECTION } from './users.ts';

/**
 * The default database connection of a new tenant. `passwordPolicy: 'good'`: what the
 * Username-Password-Authentication connection of a new tenant carries in published connection
 * dumps; the password-strength docs call `none` the default of a connection created without one
 * (docs/emulator-fidelity.md, "Login pages and protections"). Brute-force protection is on.
 */
export function defaultConnection(enabledClients: string[]): DatabaseConnection {
  return {
    id: `con_${randomAlnum(16)}`,
    name: DATABASE_CONNECTION,
    strategy: 'auth0',
    options: { passwordPolicy: 'good', brute_force_protection: true },
    enabled_clients: [...enabledClients],
  };
}

/**
 * Attack protection as a new tenant has it (docs: secure/attack-protection/brute-force-protection:
 * "enabled when you create an Auth0 tenant", threshold 10, "Block Brute-force Logins" on, Account
 * Lockout off; bot detection's CAPTCHA policy never; no MFA policy (Guardian policies []).
 */
export function defaultProtections(): LoginProtections {
  return {
    bruteForce: { enabled: true, shields: ['block'], allowlist: [], mode: 'count_per_identifier_and_ip', max_attempts: 10 },
    botDetection: {
      bot_detection_level: 'medium',
      challenge_password_policy: 'never',
      challenge_passwordless_policy: 'never',
      challenge_password_reset_policy: 'never',
      allowlist: [],
      monitoring_mode_enabled: false,
    },
    mfa: {
      policies: [],
      factors: [
        { name: 'otp', enabled: false },
        { name: 'sms', enabled: false },
        { name: 'email', enabled: false },
        { name: 'push-notification', enabled: false },
        { name: 'webauthn-roaming', enabled: false },
      ],
    },
  };
}

/** Fills in what an older state file lacks; every application then has the connection enabled. */
export function ensureLoginState(state: TenantState): void {
  const partial = state as Partial<TenantState> & TenantState;
  if (!partial.connection) partial.connection = defaultConnection(state.applications.map((a) => a.client_id));
  if (!partial.protections) partial.protections = defaultProtections();
  if (!partial.bruteForce) partial.bruteForce = { failures: [], blocks: [] };
}
