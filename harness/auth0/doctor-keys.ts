// `doctor` on the tenant's application signing keys (Management API GET /api/v2/keys/signing; docs-v2
// "Rotate Signing Keys": the list holds the current key and the next one, which becomes current at
// the next rotation). Flex pins one certificate: a pending next key is what breaks logins on the
// day someone rotates, unless its certificate is already in the Flex console.
import { X509Certificate } from 'node:crypto';
import type { DoctorFinding } from './doctor.ts';
import type { Readable, SigningKeyInfo } from './types.ts';

const DAY_MS = 86_400_000;

function expiry(pem: string, now: Date): string {
  try {
    const notAfter = new Date(new X509Certificate(pem).validTo);
    return `expires ${notAfter.toISOString()} (${Math.floor((notAfter.getTime() - now.getTime()) / DAY_MS)} days)`;
  } catch {
    return 'unreadable certificate';
  }
}

export function signingKeyFindings(
  keys: Readable<SigningKeyInfo[]> | undefined,
  domain: string,
  flexFingerprints: readonly string[],
  now: Date,
): DoctorFinding[] {
  if (keys === undefined) return [];
  if (!keys.ok)
    return [
      {
        id: 'signing-keys',
        severity: 'info',
        what: `the signing keys were not read (${keys.error})`,
        fix: 'Grant the management client read:signing_keys to see the pending next key.',
      },
    ];
  const current = keys.value.find((k) => k.current);
  const next = keys.value.find((k) => k.next);
  const out: DoctorFinding[] = [];
  if (current)
    out.push({
      id: 'signing-key-current',
      severity: 'ok',
      what: `current signing key ${current.kid} (SHA-1 ${current.fingerprint}) ${expiry(current.cert, now)}`,
    });
  if (next) {
    const pinned = flexFingerprints.includes(next.fingerprint);
    out.push(
      pinned
        ? {
            id: 'signing-key-next',
            severity: 'ok',
            what: `next signing key ${next.kid} (SHA-1 ${next.fingerprint}) is already pinned in Flex: a rotation will not break logins`,
          }
        : {
            id: 'signing-key-next',
            severity: 'info',
            what: `next signing key ${next.kid} (SHA-1 ${next.fingerprint}) is pending: it becomes current at the next rotation (${expiry(next.cert, now)})`,
            why: 'Flex verifies every response with the certificate pasted in its console; after a rotation Auth0 signs with this key, and Flex rejects every login until its certificate is there.',
            fix: `Before rotating (Auth0 → Settings → Signing Keys → Rotate, or POST /api/v2/keys/signing/rotate), be ready to paste the new certificate (https://${domain}/pem after the rotation) into Twilio Console → Flex → Manage → Single sign-on (SSO) → X.509 certificate; rotate when nobody needs to log in.`,
          },
    );
  }
  return out;
}
