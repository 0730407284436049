// Turns the faults taken for one login into concrete deviations of the response.
import type { Fault } from '../tenant/types.ts';
import { generateSigningKey } from '../tenant/signing-key.ts';
import type { ResponseTweaks } from '../saml/login-response.ts';
import type { SigningKey } from '../saml/signing.ts';

/** Values an SP can never legitimately expect, so a mismatch is unmistakable in its verdict. */
export const WRONG_AUDIENCE = 'urn:wrong-audience';
export const WRONG_RECIPIENT = 'https://wrong-recipient.invalid/acs';
export const WRONG_DESTINATION = 'https://wrong-destination.invalid/acs';
/** not-yet-valid: NotBefore half an hour ahead (beyond any sane clock skew). */
export const NOT_YET_VALID_SECONDS = 1800;
/** A delay fault never holds a request longer than this. */
export const MAX_DELAY_MS = 120_000;

export interface FaultPlan {
  tweaks: ResponseTweaks;
  delayMs: number;
  http500: boolean;
  kinds: Fault['kind'][];
}

let otherKey: SigningKey | undefined;

/** A key/certificate pair the tenant does not publish (generated once per process). */
export function foreignSigningKey(now: Date): SigningKey {
  otherKey ??= generateSigningKey('wrong-key.invalid', now);
  return otherKey;
}

/**
 * `keys.next`: the tenant's next signing key. A key-rotated fault signs this login with it, as the
 * tenant does once `POST /api/v2/keys/signing/rotate` made it current (docs-v2 "Rotate Signing
 * Keys"), without rotating the tenant: later logins are not affected.
 */
export function planFaults(faults: Fault[], now: Date, keys?: { next(): SigningKey }): FaultPlan {
  const tweaks: ResponseTweaks = {};
  const plan: FaultPlan = { tweaks, delayMs: 0, http500: false, kinds: faults.map((f) => f.kind) };
  for (const fault of faults) {
    switch (fault.kind) {
      case 'unsigned':
        tweaks.unsigned = true;
        break;
      case 'wrong-key':
        tweaks.signingKey = foreignSigningKey(now);
        break;
      case 'wrong-audience':
        tweaks.audience = WRONG_AUDIENCE;
        break;
      case 'wrong-recipient':
        tweaks.recipient = WRONG_RECIPIENT;
        break;
      case 'wrong-destination':
        tweaks.destination = WRONG_DESTINATION;
        break;
      case 'expired':
        tweaks.expire = true;
        break;
      case 'not-yet-valid':
        tweaks.notBeforeOffsetSeconds = NOT_YET_VALID_SECONDS;
        break;
      case 'missing-attribute':
        if (fault.attribute) (tweaks.dropAttributes ??= []).push(fault.attribute);
        break;
      case 'delay':
        plan.delayMs = Math.max(plan.delayMs, Math.min(MAX_DELAY_MS, Math.max(0, fault.delayMs ?? 0)));
        break;
      case 'http-500':
        plan.http500 = true;
        break;
      case 'key-rotated':
        if (keys) tweaks.signingKey = keys.next();
        break;
    }
  }
  return plan;
}
