import ipaddr from "ipaddr.js";

/** A set of CIDR ranges, pre-parsed into sorted, merged intervals so a lookup is a binary search. */
export interface IpRangeSet {
  /** Number of CIDR rows accepted. */
  readonly size: number;
  /** Rows that were not valid CIDR and were skipped. */
  readonly rejected: number;
  has(ip: string): boolean;
}

/** Parses an address; IPv4-mapped IPv6 (`::ffff:1.2.3.4`, as Node reports on dual-stack sockets) becomes IPv4. */
export function parseAddress(ip: string): ipaddr.IPv4 | ipaddr.IPv6 | null {
  const trimmed = ip.trim().replace(/^\[|\]$/g, "");
  if (!ipaddr.isValid(trimmed)) return null;
  const addr = ipaddr.parse(trimmed.replace(/%.*$/, ""));
  if (addr.kind() === "ipv6" && (addr as ipaddr.IPv6).isIPv4MappedAddress()) {
    return (addr as ipaddr.IPv6).toIPv4Address();
  }
  return addr;
}

const v4ToNumber = (a: ipaddr.IPv4) => a.octets.reduce((n, o) => n * 256 + o, 0);
const v6ToBigInt = (a: ipaddr.IPv6) => a.parts.reduce((n, p) => (n << 16n) | BigInt(p), 0n);

function merge<T extends number | bigint>(ranges: [T, T][], next: (v: T) => T): { starts: T[]; ends: T[] } {
  ranges.sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0));
  const starts: T[] = [];
  const ends: T[] = [];
  for (const [s, e] of ranges) {
    const last = ends.length - 1;
    // Adjacent or overlapping intervals merge, which keeps the arrays short.
    if (last >= 0 && s <= next(ends[last]!)) {
      if (e > ends[last]!) ends[last] = e;
    } else {
      starts.push(s);
      ends.push(e);
    }
  }
  return { starts, ends };
}

function contains<T extends number | bigint>(starts: T[], ends: T[], value: T): boolean {
  let lo = 0;
  let hi = starts.length - 1;
  // Find the last interval whose start <= value.
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (starts[mid]! <= value) lo = mid + 1;
    else hi = mid - 1;
  }
  return hi >= 0 && value <= ends[hi]!;
}

/** Builds an IpRangeSet from CIDR strings (IPv4 and IPv6 mixed; invalid rows are counted and skipped). */
export function createIpRangeSet(cidrs: Iterable<string>): IpRangeSet {
  const v4: [number, number][] = [];
  const v6: [bigint, bigint][] = [];
  let size = 0;
  let rejected = 0;
  for (const raw of cidrs) {
    const cidr = raw.trim();
    if (!cidr) continue;
    let parsed: [ipaddr.IPv4 | ipaddr.IPv6, number];
    try {
      parsed = ipaddr.parseCIDR(cidr);
    } catch {
      rejected++;
      continue;
    }
    const [addr, bits] = parsed;
    size++;
    if (addr.kind() === "ipv4") {
      const start = v4ToNumber(ipaddr.IPv4.networkAddressFromCIDR(cidr));
      v4.push([start, start + 2 ** (32 - bits) - 1]);
    } else {
      const start = v6ToBigInt(ipaddr.IPv6.networkAddressFromCIDR(cidr));
      v6.push([start, start + (1n << BigInt(128 - bits)) - 1n]);
    }
  }
  const m4 = merge(v4, (v) => v + 1);
  const m6 = merge(v6, (v) => v + 1n);
  return {
    size,
    rejected,
    has(ip: string) {
      const addr = parseAddress(ip);
      if (!addr) return false;
      return addr.kind() === "ipv4"
        ? contains(m4.starts, m4.ends, v4ToNumber(addr as ipaddr.IPv4))
        : contains(m6.starts, m6.ends, v6ToBigInt(addr as ipaddr.IPv6));
    },
  };
}
