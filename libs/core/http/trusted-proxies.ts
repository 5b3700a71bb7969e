import type { IncomingMessage } from 'node:http';
import { BlockList, isIP } from 'node:net';

/**
 * Which proxies' X-Forwarded-For hops are believed (TRUSTED_PROXIES: addresses and CIDRs, default none).
 * The client address is found by walking back from the socket: while the address we are looking at is
 * a trusted proxy, the hop it added (the rightmost X-Forwarded-For entry not yet read) is the next
 * address; the first address that is not a trusted proxy is the client. Anything further left was
 * written by the client itself and is never believed — with `trustProxy: true` the leftmost hop was
 * taken, so a client chose its own address for the login throttle and the audit trail.
 */
export class TrustedProxies {
  private readonly list = new BlockList();
  readonly entries: readonly string[];

  constructor(entries: readonly string[]) {
    this.entries = entries;
    for (const entry of entries) {
      const [address, prefix] = entry.split('/');
      const family = isIP(address) === 6 ? 'ipv6' : 'ipv4';
      if (prefix === undefined) this.list.addAddress(address, family);
      else this.list.addSubnet(address, Number(prefix), family);
    }
  }

  /** `entry` is an IPv4/IPv6 address or CIDR; the reason it is not, else null. */
  static problemWith(entry: string): string | null {
    const [address, prefix, extra] = entry.split('/');
    const family = isIP(address);
    if (!family || extra !== undefined) return `"${entry}" is not an IP address or CIDR`;
    if (prefix === undefined) return null;
    const bits = Number(prefix);
    return /^\d{1,3}$/.test(prefix) && bits <= (family === 4 ? 32 : 128) ? null : `"${entry}" has a bad prefix length`;
  }

  trusts(address: string | undefined): boolean {
    if (!address || this.entries.length === 0) return false;
    const plain = unmapped(address);
    const family = isIP(plain);
    return family !== 0 && this.list.check(plain, family === 6 ? 'ipv6' : 'ipv4');
  }

  /** The client's address: the socket's, or the nearest X-Forwarded-For hop a trusted proxy vouches for. */
  clientIp(request: IncomingMessage): string | null {
    const socket = request.socket?.remoteAddress;
    if (!socket) return null;
    let address = unmapped(socket);
    const header = request.headers['x-forwarded-for'];
    const hops = (Array.isArray(header) ? header.join(',') : (header ?? ''))
      .split(',')
      .map((hop) => hop.trim())
      .filter(Boolean);
    while (this.trusts(address) && hops.length > 0) {
      const next = unmapped(hops.pop()!);
      if (!isIP(next)) break; // garbage from a proxy's client: stop at the proxy we trust
      address = next;
    }
    return address;
  }
}

function unmapped(address: string): string {
  return address.startsWith('::ffff:') && isIP(address.slice(7)) === 4 ? address.slice(7) : address;
}
