// Password hashing for the database connection: scrypt with a random salt, compared in constant
// time. Format: `scrypt$<salt b64>$<hash b64>`.
import { createHash, randomBytes, scrypt, scryptSync, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';

const KEY_LENGTH = 32;
// N=2^12 costs ~10 ms here (2^14, Node's default, ~43 ms): seeding hundreds of test users and the
// emulator's logins/s target matter more than brute-force resistance of throw-away test passwords.
const SCRYPT_OPTIONS = { N: 4096, r: 8, p: 1 };
const CACHE_LIMIT = 10_000;

// Successful verifications, keyed by the stored hash: SHA-256 of the password that matched. A
// repeat login then costs one hash instead of one scrypt (the benchmark logs the same users in
// again and again). Memory only; a changed password has a new stored hash, so no stale hit.
const verified = new Map<string, Buffer>();
const sha256 = (s: string): Buffer => createHash('sha256').update(s).digest();

const scryptAsync = promisify(scrypt) as (password: string, salt: Buffer, keylen: number, options: typeof SCRYPT_OPTIONS) => Promise<Buffer>;

// Hashes derived ahead of time in libuv's threadpool for a password that is about to be set (the
// harness hashes a scenario's password while the browser tab is being reset): hashPassword then
// takes one instead of running scrypt on the event loop. Each is used once (no salt is reused).
const prepared = new Map<string, string>();
const PREPARED_LIMIT = 64;
const preparedKey = (passwordDigest: Buffer): string => passwordDigest.toString('base64');

const format = (salt: Buffer, hash: Buffer): string => `scrypt$${salt.toString('base64')}$${hash.toString('base64')}`;

export async function prepareHash(password: string): Promise<void> {
  const salt = randomBytes(16);
  const stored = format(salt, await scryptAsync(password, salt, KEY_LENGTH, SCRYPT_OPTIONS));
  if (prepared.size >= PREPARED_LIMIT) prepared.delete(prepared.keys().next().value ?? '');
  prepared.set(preparedKey(sha256(password)), stored);
}

export function hashPassword(password: string): string {
  const digest = sha256(password);
  const key = preparedKey(digest);
  let stored = prepared.get(key);
  if (stored === undefined) {
    const salt = randomBytes(16);
    stored = format(salt, scryptSync(password, salt, KEY_LENGTH, SCRYPT_OPTIONS));
  } else {
    prepared.delete(key);
  }
  // The password was just derived into this hash: the first login with it needs no second scrypt
  // (every scenario seeds a new user and logs it in once).
  remember(stored, digest);
  return stored;
}

function remember(stored: string, passwordDigest: Buffer): void {
  if (verified.size >= CACHE_LIMIT) verified.delete(verified.keys().next().value ?? '');
  verified.set(stored, passwordDigest);
}

export function verifyPasswordHash(password: string, stored: string): boolean {
  const digest = sha256(password);
  const cached = verified.get(stored);
  if (cached && timingSafeEqual(cached, digest)) return true;
  const [scheme, saltB64, hashB64] = stored.split('$');
  if (scheme !== 'scrypt' || !saltB64 || !hashB64) return false;
  const expected = Buffer.from(hashB64, 'base64');
  if (expected.length !== KEY_LENGTH) return false;
  const actual = scryptSync(password, Buffer.from(saltB64, 'base64'), KEY_LENGTH, SCRYPT_OPTIONS);
  const ok = timingSafeEqual(actual, expected);
  if (ok) remember(stored, digest);
  return ok;
}
