// Updates of the login settings with the Management API's semantics: PATCH attack-protection
// merges the fields given; PUT guardian/policies replaces the list; PATCH connections replaces
// `options` as a whole (Auth0 does not merge nested connection options) and `enabled_clients`.
import { badRequest, notFound } from './errors.ts';
import { isIpOrCidr } from './ip-list.ts';
import type { DatabaseConnection, LoginProtections, MfaPolicy, TenantState } from './types.ts';

export type BruteForcePatch = Partial<LoginProtections['bruteForce']>;
export type BotDetectionPatch = Partial<LoginProtections['botDetection']>;
export interface ConnectionPatch {
  options?: DatabaseConnection['options'];
  enabled_clients?: string[];
}

function checkAllowlist(list: string[] | undefined, property: string): void {
  const bad = list?.find((entry) => !isIpOrCidr(entry));
  if (bad !== undefined) {
    throw badRequest(
      'invalid_body',
      `Payload validation error: 'Object didn't pass validation for format ipv4, ipv6 or cidr: ${bad}' on property ${property}.`,
      'List IP addresses or CIDR ranges, e.g. 127.0.0.1 or 10.0.0.0/8',
    );
  }
}

export function updateBruteForce(state: TenantState, patch: BruteForcePatch): LoginProtections['bruteForce'] {
  checkAllowlist(patch.allowlist, 'allowlist');
  if (patch.max_attempts !== undefined && (!Number.isInteger(patch.max_attempts) || patch.max_attempts < 1 || patch.max_attempts > 100)) {
    throw badRequest(
      'invalid_body',
      `Payload validation error: 'Value must be between 1 and 100, received ${patch.max_attempts}' on property max_attempts.`,
      'Auth0 allows a brute-force threshold of 1 to 100',
    );
  }
  Object.assign(state.protections.bruteForce, structuredClone(patch));
  return state.protections.bruteForce;
}

export function updateBotDetection(state: TenantState, patch: BotDetectionPatch): LoginProtections['botDetection'] {
  checkAllowlist(patch.allowlist, 'allowlist');
  if (patch.allowlist && patch.allowlist.length > 100) {
    throw badRequest(
      'invalid_body',
      "Payload validation error: 'Array is too long (101), maximum 100' on property allowlist.",
      'Bot detection allows up to 100 entries',
    );
  }
  Object.assign(state.protections.botDetection, structuredClone(patch));
  return state.protections.botDetection;
}

export function setMfaPolicies(state: TenantState, policies: MfaPolicy[]): MfaPolicy[] {
  state.protections.mfa.policies = [...new Set(policies)];
  return state.protections.mfa.policies;
}

export function setMfaFactor(state: TenantState, name: string, enabled: boolean): { enabled: boolean } {
  const factor = state.protections.mfa.factors.find((f) => f.name === name);
  if (!factor)
    throw notFound('inexistent_factor', `The factor ${name} does not exist.`, `Factors: ${state.protections.mfa.factors.map((f) => f.name).join(', ')}`);
  factor.enabled = enabled;
  return { enabled };
}

export function getConnection(state: TenantState, id: string): DatabaseConnection {
  if (state.connection.id !== id && state.connection.name !== id) {
    throw notFound(
      'inexistent_connection',
      'The connection does not exist.',
      `The emulator has one connection: ${state.connection.name} (${state.connection.id})`,
    );
  }
  return state.connection;
}

export function updateConnection(state: TenantState, id: string, patch: ConnectionPatch): DatabaseConnection {
  const connection = getConnection(state, id);
  if (patch.enabled_clients !== undefined) {
    const unknown = patch.enabled_clients.find((c) => !state.applications.some((a) => a.client_id === c));
    if (unknown !== undefined)
      throw badRequest(
        'invalid_body',
        `Payload validation error: 'client ${unknown} does not exist' on property enabled_clients.`,
        "List client_ids of the tenant's applications",
      );
    connection.enabled_clients = [...new Set(patch.enabled_clients)];
  }
  if (patch.options !== undefined) connection.options = structuredClone(patch.options);
  return connection;
}

/** Whether an application may log in through the database connection ("enabled connections"). */
export function connectionEnabledFor(state: TenantState, clientId: string): boolean {
  return state.connection.enabled_clients.includes(clientId);
}
