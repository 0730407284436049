// IP allow lists (brute-force protection, bot detection): addresses and CIDR ranges, IPv4 or IPv6,
// matched with node:net's BlockList. Express reports an IPv4 client on a dual-stack socket as
// ::ffff:a.b.c.d; Auth0 logs and lists the plain IPv4 form, so both are normalised to it.
import { BlockList, isIP } from 'node:net';

export function normalizeIp(ip: string | undefined): string {
  const value = (ip ?? '').trim();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(value);
  return mapped?.[1] ?? value;
}

/** Whether `entry` is an address or CIDR range Auth0's allowlist fields accept. */
export function isIpOrCidr(entry: string): boolean {
  const [address = '', bits, extra] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || extra !== undefined) return false;
  if (bits === undefined) return true;
  if (!/^\d{1,3}$/.test(bits)) return false;
  return Number(bits) <= (family === 4 ? 32 : 128);
}

export function ipInList(list: readonly string[], ip: string | undefined): boolean {
  const address = normalizeIp(ip);
  const family = isIP(address);
  if (family === 0 || list.length === 0) return false;
  const blocks = new BlockList();
  for (const entry of list) {
    if (!isIpOrCidr(entry)) continue;
    const [base = '', bits] = entry.split('/');
    const type = isIP(base) === 4 ? 'ipv4' : 'ipv6';
    if (bits === undefined) blocks.addAddress(base, type);
    else blocks.addSubnet(base, Number(bits), type);
  }
  return blocks.check(address, family === 4 ? 'ipv4' : 'ipv6');
}
