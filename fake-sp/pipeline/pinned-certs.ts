// Pinned certificates → public keys. The only keys signatures are ever verified with; parsed once
// per distinct PEM (cached) so validating many responses does not re-parse the certificate.
import { X509Certificate, type KeyObject } from 'node:crypto';

export interface PinnedKey {
  key: KeyObject;
  fingerprint256: string;
  fingerprint: string;
  subject: string;
  index: number;
}
export type PinnedKeys = { keys: PinnedKey[]; errors: string[] };

type Loaded = { key: KeyObject; fingerprint256: string; fingerprint: string; subject: string };
const cache = new Map<string, Loaded | string>();
const BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g;

/** Splits PEM text (or a bare base64 body, as in metadata and KeyInfo) into PEM certificate blocks. */
export function toPemBlocks(input: string): string[] {
  const blocks = input.match(BLOCK);
  if (blocks) return blocks;
  const body = input.replace(/\s+/g, '');
  if (body.length === 0) return [];
  return [`-----BEGIN CERTIFICATE-----\n${body.replace(/(.{64})/g, '$1\n')}\n-----END CERTIFICATE-----`];
}

function load(pem: string): Loaded | string {
  const hit = cache.get(pem);
  if (hit !== undefined) return hit;
  let value: Loaded | string;
  try {
    const cert = new X509Certificate(pem);
    value = { key: cert.publicKey, fingerprint256: cert.fingerprint256, fingerprint: cert.fingerprint, subject: cert.subject.replace(/\n/g, ', ') };
  } catch (err) {
    value = err instanceof Error ? err.message : String(err);
  }
  if (cache.size > 256) cache.clear();
  cache.set(pem, value);
  return value;
}

export function pinnedKeys(certificates: readonly string[]): PinnedKeys {
  const keys: PinnedKey[] = [];
  const errors: string[] = [];
  certificates.forEach((input, index) => {
    const blocks = toPemBlocks(input);
    if (blocks.length === 0) errors.push(`certificate #${index + 1} is empty`);
    for (const pem of blocks) {
      const loaded = load(pem);
      if (typeof loaded === 'string') errors.push(`certificate #${index + 1}: ${loaded}`);
      else keys.push({ ...loaded, index });
    }
  });
  return { keys, errors };
}

/**
 * A KeyInfo certificate, for a failure message only: never trusted. Its fingerprint tells a rotated
 * key (not pinned) from an altered SignatureValue (KeyInfo names a pinned certificate).
 */
export function inspectUntrustedCert(base64Body: string | undefined): { description: string; fingerprint256: string; fingerprint: string } | undefined {
  if (base64Body === undefined) return undefined;
  const pem = toPemBlocks(base64Body)[0];
  if (pem === undefined) return undefined;
  const loaded = load(pem);
  return typeof loaded === 'string'
    ? undefined
    : { description: `${loaded.subject} (SHA-256 ${loaded.fingerprint256})`, fingerprint256: loaded.fingerprint256, fingerprint: loaded.fingerprint };
}
