// Identifier formats that match what Auth0 produces, so state dumps and API bodies look real.
import { randomBytes, randomUUID } from 'node:crypto';

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

export function randomAlnum(length: number): string {
  const bytes = randomBytes(length * 2);
  let out = '';
  // 248 = 4 * 62: rejecting bytes above it keeps the distribution uniform.
  for (const b of bytes) {
    if (b < 248) out += ALNUM[b % 62];
    if (out.length === length) return out;
  }
  return out + randomAlnum(length - out.length);
}

export const randomHex = (bytes: number): string => randomBytes(bytes).toString('hex');
/** Auth0 database user id suffix: 24 hex characters. */
export const newUserIdSuffix = (): string => randomHex(12);
/** Client ids are 32 alphanumerics. */
export const newClientId = (): string => randomAlnum(32);
/** Client secrets are 64 characters of URL-safe base64. */
export const newClientSecret = (): string => randomBytes(48).toString('base64url');
/** Actions, versions and bindings use UUIDs. */
export const newUuid = (): string => randomUUID();
/** Log ids are 56 digits/letters in Auth0; any unique, sortable-by-time string will do here. */
export function newLogId(at: Date, sequence: number): string {
  return `${at.getTime().toString().padStart(15, '0')}${sequence.toString().padStart(8, '0')}${randomHex(8)}`;
}
