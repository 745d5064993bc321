import { createHmac } from "node:crypto";
import { truncateIp } from "@threadline/shared/domain/truncate-ip";

/**
 * What is stored instead of a client address: HMAC-SHA256(secret, truncated network), 16 base64url chars.
 * The network is /24 (IPv4) or /48 (IPv6), so even with the secret an entry names a network, not a person.
 */
export function hashIp(ip: string | null | undefined, secret: string): string | null {
  const network = truncateIp(ip);
  if (!network) return null;
  return createHmac("sha256", secret).update(`ip:${network}`).digest("base64url").slice(0, 16);
}
