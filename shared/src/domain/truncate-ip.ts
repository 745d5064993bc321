import ipaddr from "ipaddr.js";
import { parseAddress } from "./create-ip-range-set";

/**
 * The network an address belongs to, with the host part zeroed: IPv4 /24, IPv6 /48 (as privacy-minded
 * analytics do). Only this, hashed, is ever stored. null for a missing or unparsable address.
 */
export function truncateIp(ip: string | null | undefined): string | null {
  if (!ip) return null;
  const addr = parseAddress(ip);
  if (!addr) return null;
  const bits = addr.kind() === "ipv4" ? 24 : 48;
  const cidr = `${addr.toString()}/${bits}`;
  const network = addr.kind() === "ipv4" ? ipaddr.IPv4.networkAddressFromCIDR(cidr) : ipaddr.IPv6.networkAddressFromCIDR(cidr);
  return `${network.toString()}/${bits}`;
}
