// The tenant's application signing keys as Auth0 manages them (docs-v2 "Rotate Signing Keys",
// Management API `GET /api/v2/keys/signing` and `POST /api/v2/keys/signing/rotate`): one current key
// signs, a next key is published before it becomes current, and a rotation makes the next key
// current and the current one previous (still listed until revoked). `state.signing` stays the
// current key, so everything that signs keeps reading it.
import { createHash, X509Certificate } from 'node:crypto';
import { generateSigningKey, type SigningKey } from './signing-key.ts';
import type { TenantState } from './types.ts';

export interface KeyRecord extends SigningKey {
  kid: string;
  currentSince?: string;
  currentUntil?: string;
}

export interface SigningKeyRing {
  currentKid: string;
  currentSince?: string;
  next?: KeyRecord;
  previous?: KeyRecord;
}

/** What `GET /api/v2/keys/signing` lists per key (Auth0's SigningKeys fields; no `pkcs7`). */
export interface SigningKeyView {
  kid: string;
  cert: string;
  fingerprint: string;
  thumbprint: string;
  current: boolean;
  next: boolean;
  previous: boolean;
  revoked: boolean;
  current_since?: string;
  current_until?: string;
}

/** Auth0's key ids are 21 url-safe characters; the emulator derives one from the certificate. */
export function kidOf(certPem: string): string {
  return createHash('sha256').update(new X509Certificate(certPem).raw).digest('base64url').slice(0, 21);
}

/** SHA-1 over the DER certificate, colon-separated upper-case hex: Auth0's `fingerprint`. */
export function sha1Fingerprint(certPem: string): string {
  return new X509Certificate(certPem).fingerprint;
}

function ring(state: TenantState): SigningKeyRing {
  const kid = kidOf(state.signing.certPem);
  // A signing key supplied at start (options.signing) replaces the current key: the ring starts over.
  if (state.signingKeys?.currentKid !== kid) state.signingKeys = { currentKid: kid };
  return state.signingKeys;
}

/** The next key, created on first use (an RSA key costs 0.1–0.6 s, so a tenant that never asks pays nothing). */
export function nextSigningKey(state: TenantState, now: Date): KeyRecord {
  const keys = ring(state);
  if (keys.next === undefined) {
    const key = generateSigningKey(state.domain, now);
    keys.next = { ...key, kid: kidOf(key.certPem) };
  }
  return keys.next;
}

/** Rotation: next → current, current → previous, a fresh next. Returns the new next key (Auth0's `{ cert, kid }`). */
export function rotateSigningKey(state: TenantState, now: Date): KeyRecord {
  const keys = ring(state);
  const promoted = nextSigningKey(state, now);
  const at = now.toISOString();
  keys.previous = { ...state.signing, kid: keys.currentKid, ...(keys.currentSince ? { currentSince: keys.currentSince } : {}), currentUntil: at };
  state.signing = { keyPem: promoted.keyPem, certPem: promoted.certPem };
  keys.currentKid = promoted.kid;
  keys.currentSince = at;
  delete keys.next;
  return nextSigningKey(state, now);
}

function view(record: { kid: string; certPem: string; currentSince?: string; currentUntil?: string }, role: 'current' | 'next' | 'previous'): SigningKeyView {
  const fingerprint = sha1Fingerprint(record.certPem);
  return {
    kid: record.kid,
    cert: record.certPem,
    fingerprint,
    thumbprint: fingerprint.replace(/:/g, ''),
    current: role === 'current',
    next: role === 'next',
    previous: role === 'previous',
    revoked: false,
    ...(record.currentSince ? { current_since: record.currentSince } : {}),
    ...(record.currentUntil ? { current_until: record.currentUntil } : {}),
  };
}

/** Current, next and (after a rotation) previous, as `GET /api/v2/keys/signing` lists them. */
export function listSigningKeys(state: TenantState, now: Date): SigningKeyView[] {
  const keys = ring(state);
  const next = nextSigningKey(state, now);
  const out = [
    view({ kid: keys.currentKid, certPem: state.signing.certPem, ...(keys.currentSince ? { currentSince: keys.currentSince } : {}) }, 'current'),
    view(next, 'next'),
  ];
  if (keys.previous) out.push(view(keys.previous, 'previous'));
  return out;
}
