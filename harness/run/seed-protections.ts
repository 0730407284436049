// Puts the emulated tenant's login protections into the state a scenario names (the `protections`
// block), starting from a new tenant's defaults so one scenario's settings never leak into the next.
import type { LoginProtections, MfaPolicy } from '../../fake-idp/tenant/types.ts';
import type { ScenarioProtections } from '../scenarios/schema.ts';

/** The IP the emulator sees for the browser: every server the harness starts listens on 127.0.0.1. */
export const BROWSER_IP = '127.0.0.1';

/** The part of fake-idp's Tenant that holds the login protections. */
export interface ProtectedTenant {
  resetLoginProtections(): void;
  setMfaPolicies(policies: MfaPolicy[]): unknown;
  setMfaFactor(name: string, enabled: boolean): unknown;
  updateBotDetection(patch: Partial<LoginProtections['botDetection']>): unknown;
  removeUserBlocks(identifier: string): unknown;
  recordLoginFailure(attempt: { identifier: string; ip: string; connection: string; userId: string }): unknown;
}

export function seedProtections(tenant: ProtectedTenant, user: { email: string; userId: string }, protections: ScenarioProtections | undefined): void {
  tenant.resetLoginProtections();
  tenant.removeUserBlocks(user.email);
  if (!protections) return;
  if (protections.mfa) {
    tenant.setMfaFactor('otp', true);
    tenant.setMfaPolicies(protections.mfa.policy === 'never' ? [] : [protections.mfa.policy]);
  }
  if (protections.botDetection) tenant.updateBotDetection(protections.botDetection);
  for (let i = 0; i < (protections.priorFailedLogins ?? 0); i++) {
    tenant.recordLoginFailure({ identifier: user.email, ip: BROWSER_IP, connection: 'Username-Password-Authentication', userId: user.userId });
  }
}
