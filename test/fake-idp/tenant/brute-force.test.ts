// Brute-force protection's model (docs: secure/attack-protection/brute-force-protection): the
// threshold of 10 per identifier and IP, Account Lockout mode, the IP AllowList, monitoring, and
// every way a block ends (user-blocks API, password change, 30 days).
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Tenant } from '../../../fake-idp/tenant/tenant.ts';
import { newTenant } from './fixtures.ts';

const EMAIL = 'agent@example.com';
const IP = '198.51.100.7';
const OTHER_IP = '203.0.113.20';

function setup() {
  const { tenant, clock } = newTenant();
  const user = tenant.createUser({ email: EMAIL, password: 'Right-pass-1' });
  const fail = (ip = IP, times = 1) => {
    let last = { count: 0, blocked: false };
    for (let i = 0; i < times; i++)
      last = tenant.recordLoginFailure({ identifier: EMAIL, ip, connection: 'Username-Password-Authentication', userId: user.user_id });
    return last;
  };
  return { tenant, clock, user, fail };
}

describe('brute-force protection', () => {
  it("is on by default with Auth0's documented settings", () => {
    const { tenant } = newTenant();
    expect(tenant.protections.bruteForce).toEqual({ enabled: true, shields: ['block'], allowlist: [], mode: 'count_per_identifier_and_ip', max_attempts: 10 });
  });

  it('blocks the identifier from that IP at the 10th failure, not before; other IPs still log in', () => {
    const { tenant, fail } = setup();
    expect(fail(IP, 9)).toEqual({ count: 9, blocked: false });
    expect(tenant.bruteForceBlock({ identifier: EMAIL, ip: IP })).toBeUndefined();
    expect(fail()).toEqual({ count: 10, blocked: true });
    expect(tenant.bruteForceBlock({ identifier: 'Agent@Example.com', ip: `::ffff:${IP}` })).toMatchObject({ identifier: EMAIL, ip: IP });
    expect(tenant.bruteForceBlock({ identifier: EMAIL, ip: OTHER_IP })).toBeUndefined();
    expect(tenant.userBlocks(EMAIL)).toEqual([{ identifier: EMAIL, ip: IP, connection: 'Username-Password-Authentication' }]);
  });

  it('a successful login resets the count of consecutive failures', () => {
    const { tenant, fail } = setup();
    fail(IP, 9);
    tenant.recordLoginSuccess({ identifier: EMAIL, ip: IP });
    expect(fail()).toEqual({ count: 1, blocked: false });
  });

  it('Account Lockout (count_per_identifier) blocks every IP and lists the block without an IP', () => {
    const { tenant, fail } = setup();
    tenant.updateBruteForce({ mode: 'count_per_identifier', max_attempts: 3 });
    fail(IP, 2);
    expect(fail(OTHER_IP)).toEqual({ count: 3, blocked: true });
    expect(tenant.bruteForceBlock({ identifier: EMAIL, ip: '192.0.2.1' })).toBeDefined();
    expect(tenant.userBlocks(EMAIL)).toEqual([{ identifier: EMAIL, connection: 'Username-Password-Authentication' }]);
  });

  it('never blocks an allow-listed IP (CIDR), nor when disabled, nor in monitoring mode (no "block" response)', () => {
    const allowed = setup();
    allowed.tenant.updateBruteForce({ allowlist: ['198.51.100.0/24'] });
    expect(allowed.fail(IP, 12).blocked).toBe(false);
    expect(allowed.fail(OTHER_IP, 10).blocked).toBe(true);
    const off = setup();
    off.tenant.updateBruteForce({ enabled: false });
    expect(off.fail(IP, 12).blocked).toBe(false);
    const monitoring = setup();
    monitoring.tenant.updateBruteForce({ shields: ['user_notification'] });
    expect(monitoring.fail(IP, 12)).toEqual({ count: 12, blocked: false });
    expect(monitoring.tenant.bruteForceBlock({ identifier: EMAIL, ip: IP })).toBeUndefined();
  });

  it('rejects a threshold outside 1–100 and an allowlist entry that is not an IP or CIDR', () => {
    const { tenant } = newTenant();
    expect(() => tenant.updateBruteForce({ max_attempts: 101 })).toThrow(expect.objectContaining({ statusCode: 400 }));
    expect(() => tenant.updateBruteForce({ allowlist: ['not-an-ip'] })).toThrow(expect.objectContaining({ statusCode: 400 }));
    expect(() => tenant.updateBotDetection({ allowlist: ['10.0.0.0/33'] })).toThrow(expect.objectContaining({ statusCode: 400 }));
  });

  it('a block ends when removed, when the password changes, or 30 days after it began', () => {
    const removed = setup();
    removed.fail(IP, 10);
    expect(removed.tenant.removeUserBlocks('AGENT@example.com')).toBe(1);
    expect(removed.tenant.bruteForceBlock({ identifier: EMAIL, ip: IP })).toBeUndefined();
    expect(removed.fail()).toEqual({ count: 1, blocked: false });

    const changed = setup();
    changed.fail(IP, 10);
    changed.tenant.updateUser(changed.user.user_id, { password: 'New-pass-2' });
    expect(changed.tenant.bruteForceBlock({ identifier: EMAIL, ip: IP })).toBeUndefined();

    const aged = setup();
    aged.fail(IP, 10);
    aged.clock.now = new Date(aged.clock.now.getTime() + 30 * 24 * 3600 * 1000 - 1);
    expect(aged.tenant.bruteForceBlock({ identifier: EMAIL, ip: IP })).toBeDefined();
    aged.clock.now = new Date(aged.clock.now.getTime() + 1);
    expect(aged.tenant.bruteForceBlock({ identifier: EMAIL, ip: IP })).toBeUndefined();
  });

  it('a state file written before these settings existed gets the defaults on load', async () => {
    const { tenant } = newTenant();
    const legacy = structuredClone(tenant.state) as Partial<typeof tenant.state>;
    delete legacy.connection;
    delete legacy.protections;
    delete legacy.bruteForce;
    const dir = await mkdtemp(join(tmpdir(), 'legacy-state-'));
    try {
      await writeFile(join(dir, 'state.json'), JSON.stringify(legacy));
      const loaded = await Tenant.load(join(dir, 'state.json'));
      expect(loaded.connection.enabled_clients).toEqual(loaded.listApplications().map((a) => a.client_id));
      expect(loaded.protections.bruteForce.max_attempts).toBe(10);
      expect(loaded.state.bruteForce).toEqual({ failures: [], blocks: [] });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
