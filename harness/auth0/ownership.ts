// Which tenant users the harness owns: tagged in app_metadata AND in the test e-mail domain.
// Both must hold; anything else is never modified or deleted.
import type { JsonObject, TenantUser } from './types.ts';

export const OWNER_KEY = 'flex_sso_harness';

export interface OwnerMarker {
  owned: true;
  scenario: string;
  password_fingerprint?: string;
}

export function emailDomain(email: string): string {
  const at = email.lastIndexOf('@');
  return at < 0 ? '' : email.slice(at + 1).toLowerCase();
}

export function inTestDomain(email: string, testUserDomain: string): boolean {
  return emailDomain(email) === testUserDomain.toLowerCase();
}

export function markerOf(appMetadata: JsonObject): OwnerMarker | undefined {
  const raw = appMetadata[OWNER_KEY];
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return undefined;
  const m = raw as JsonObject;
  if (m.owned !== true || typeof m.scenario !== 'string') return undefined;
  return { owned: true, scenario: m.scenario, ...(typeof m.password_fingerprint === 'string' ? { password_fingerprint: m.password_fingerprint } : {}) };
}

export function isOwned(user: TenantUser, testUserDomain: string): boolean {
  return inTestDomain(user.email, testUserDomain) && markerOf(user.app_metadata) !== undefined;
}
