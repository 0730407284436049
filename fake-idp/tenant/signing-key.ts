// The tenant's SAML signing key: RSA-2048 with a self-signed certificate CN=<domain>, the shape
// Auth0 publishes at https://<domain>/pem.
import { createPrivateKey, createPublicKey, generateKeyPair, generateKeyPairSync, X509Certificate, type KeyObject } from 'node:crypto';
import { promisify } from 'node:util';
import { issueCertificate } from '../tls/certificate.ts';
import { badRequest } from './errors.ts';

const VALIDITY_YEARS = 10;
const generateKeyPairAsync = promisify(generateKeyPair);

export interface SigningKey {
  keyPem: string;
  certPem: string;
}

const RSA_2048 = { modulusLength: 2048 } as const;

export function generateSigningKey(domain: string, now: Date): SigningKey {
  return certify(generateKeyPairSync('rsa', RSA_2048).privateKey, domain, now);
}

/** The same, with the prime search (BENCHMARKS.md) in libuv's threadpool: a starting emulator
 * keeps its event loop, so whatever starts beside it (a browser, the fake SP) is not held up. */
export async function generateSigningKeyInBackground(domain: string, now: Date): Promise<SigningKey> {
  const { privateKey } = await generateKeyPairAsync('rsa', RSA_2048);
  return certify(privateKey, domain, now);
}

function certify(privateKey: KeyObject, domain: string, now: Date): SigningKey {
  const keyPem = privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
  const notAfter = new Date(now);
  notAfter.setUTCFullYear(notAfter.getUTCFullYear() + VALIDITY_YEARS);
  const certPem = issueCertificate({ subjectCommonName: domain, subjectKeyPem: keyPem, notBefore: now, notAfter });
  return { keyPem, certPem };
}

/** Rejects a supplied key/certificate pair that does not parse or does not belong together. */
export function checkSigningKey(signing: SigningKey): SigningKey {
  let cert: X509Certificate;
  try {
    cert = new X509Certificate(signing.certPem);
  } catch (err) {
    throw badRequest(
      'invalid_signing_key',
      `signing.certPem is not a PEM certificate: ${(err as Error).message}`,
      'Pass the certificate as PEM (-----BEGIN CERTIFICATE-----)',
    );
  }
  let publicFromKey: string;
  try {
    publicFromKey = createPublicKey(createPrivateKey(signing.keyPem)).export({ type: 'spki', format: 'pem' }) as string;
  } catch (err) {
    throw badRequest(
      'invalid_signing_key',
      `signing.keyPem is not a PEM private key: ${(err as Error).message}`,
      'Pass an unencrypted PKCS#8 or PKCS#1 PEM private key',
    );
  }
  if (cert.publicKey.export({ type: 'spki', format: 'pem' }) !== publicFromKey) {
    throw badRequest(
      'invalid_signing_key',
      'signing.keyPem does not match the public key of signing.certPem.',
      'Pass the private key the certificate was issued for',
    );
  }
  if (cert.publicKey.asymmetricKeyType !== 'rsa') {
    throw badRequest(
      'invalid_signing_key',
      `signing key type is ${String(cert.publicKey.asymmetricKeyType)}, expected rsa.`,
      'Auth0 signs SAML with RSA keys: use an RSA-2048 key',
    );
  }
  return signing;
}
