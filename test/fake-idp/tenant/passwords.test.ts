import { randomBytes, scryptSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hashPassword, prepareHash, verifyPasswordHash } from '../../../fake-idp/tenant/passwords.ts';

// A hash as another emulator process (or an older state file) stored it: never seen by this
// process's verification cache, so only scrypt can decide.
function foreignHash(password: string): string {
  const salt = randomBytes(16);
  return `scrypt$${salt.toString('base64')}$${scryptSync(password, salt, 32, { N: 4096, r: 8, p: 1 }).toString('base64')}`;
}

describe('password hashes', () => {
  it('accepts the password a hash was just made from, and rejects any other', () => {
    const stored = hashPassword('Correct-Horse-1');
    expect(stored).toMatch(/^scrypt\$[^$]+\$[^$]+$/);
    expect(stored).not.toContain('Correct-Horse-1');
    expect(verifyPasswordHash('Correct-Horse-1', stored)).toBe(true);
    expect(verifyPasswordHash('Correct-Horse-2', stored)).toBe(false);
    expect(verifyPasswordHash('', stored)).toBe(false);
  });

  it('verifies a hash this process never made (state loaded from a file) with scrypt', () => {
    const stored = foreignHash('From-Disk-1');
    expect(verifyPasswordHash('From-Disk-1', stored)).toBe(true);
    expect(verifyPasswordHash('From-Disk-1', stored)).toBe(true);
    expect(verifyPasswordHash('from-disk-1', stored)).toBe(false);
  });

  it('rejects a tampered hash even for the password it was made from', () => {
    const stored = hashPassword('Tamper-Me-1');
    const [scheme, salt, hash] = stored.split('$') as [string, string, string];
    const flipped = Buffer.from(hash, 'base64');
    flipped[0] = (flipped[0] ?? 0) ^ 0xff;
    expect(verifyPasswordHash('Tamper-Me-1', `${scheme}$${salt}$${flipped.toString('base64')}`)).toBe(false);
    expect(verifyPasswordHash('Tamper-Me-1', `bcrypt$${salt}$${hash}`)).toBe(false);
    expect(verifyPasswordHash('Tamper-Me-1', 'scrypt$only-two')).toBe(false);
  });

  it('uses a hash prepared ahead of time once, then derives a new one (no salt is reused)', async () => {
    await prepareHash('Prepared-1');
    const first = hashPassword('Prepared-1');
    const second = hashPassword('Prepared-1');
    expect(first).not.toBe(second);
    expect(first.split('$')[1]).not.toBe(second.split('$')[1]);
    expect(verifyPasswordHash('Prepared-1', first)).toBe(true);
    expect(verifyPasswordHash('Prepared-1', second)).toBe(true);
    expect(verifyPasswordHash('Prepared-2', first)).toBe(false);
    // What another process would check, with no cache: the prepared hash is scrypt of that password.
    const [, salt, hash] = first.split('$') as [string, string, string];
    expect(scryptSync('Prepared-1', Buffer.from(salt, 'base64'), 32, { N: 4096, r: 8, p: 1 }).toString('base64')).toBe(hash);
  });

  it('never hands a prepared hash to another password', async () => {
    await prepareHash('Only-This-1');
    const other = hashPassword('Only-That-1');
    expect(verifyPasswordHash('Only-That-1', other)).toBe(true);
    expect(verifyPasswordHash('Only-This-1', other)).toBe(false);
    expect(verifyPasswordHash('Only-This-1', hashPassword('Only-This-1'))).toBe(true);
  });
});
