import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * Signed, URL-safe tokens for public links (unsubscribe, open pixel, …): `<id>.<mac>` where mac =
 * HMAC-SHA256(secret, purpose + ":" + id), base64url, truncated to 22 chars (128 bits). The purpose keeps a
 * token for one use from being accepted for another. Verification needs no database.
 */
export function signToken(input: { secret: string; purpose: string; id: string }): string {
  return `${input.id}.${mac(input)}`;
}

/** The id inside a valid token, or null for a forged, truncated or other-purpose token. */
export function verifyToken(input: { secret: string; purpose: string; token: string }): string | null {
  const dot = input.token.lastIndexOf(".");
  if (dot <= 0 || input.token.length > 300) return null;
  const id = input.token.slice(0, dot);
  const given = Buffer.from(input.token.slice(dot + 1));
  const expected = Buffer.from(mac({ secret: input.secret, purpose: input.purpose, id }));
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  return id;
}

function mac({ secret, purpose, id }: { secret: string; purpose: string; id: string }) {
  return createHmac("sha256", secret).update(`${purpose}:${id}`).digest("base64url").slice(0, 22);
}
