// `doctor` on assertion encryption: a bound Action that calls api.samlResponse.setEncryptionCert or
// setEncryptionPublicKey (post-login API docs) makes Auth0 encrypt the Assertion (auth0/node-saml
// lib/xml/encrypt.js), and Flex treats an encrypted response as invalid (Twilio's Console SSO
// troubleshooting page; DESIGN.md domain facts): every login through that Action fails.
import type { DoctorFinding } from './doctor.ts';
import type { BindingInfo } from './types.ts';

const ENCRYPTION_CALL = /\bsetEncryption(Cert|PublicKey)\s*\(/;

export function encryptionFindings(bindings: readonly BindingInfo[]): DoctorFinding[] {
  const encrypting = bindings.filter((b) => ENCRYPTION_CALL.test(b.action.deployedVersion?.code ?? ''));
  if (bindings.length === 0) return [];
  if (encrypting.length === 0) return [{ id: 'encryption', severity: 'ok', what: 'no bound Action encrypts the SAML assertion' }];
  return encrypting.map((b) => ({
    id: 'encryption',
    severity: 'error',
    what: `bound Action "${b.displayName}" calls api.samlResponse.${ENCRYPTION_CALL.exec(b.action.deployedVersion?.code ?? '')?.[0].replace(/\s*\($/, '') ?? 'setEncryptionCert'}: Auth0 then sends an EncryptedAssertion`,
    why: 'Flex cannot decrypt SAML assertions: it treats an encrypted response as invalid, so every login through this Action is refused.',
    fix: `Remove the api.samlResponse.setEncryptionCert/setEncryptionPublicKey/setEncryptionAlgorithm calls from "${b.action.name}" and deploy it (Auth0 → Actions → Library → ${b.action.name} → Deploy).`,
  }));
}
