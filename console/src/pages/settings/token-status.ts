// What a token's row says about it: revoked, expired, expiring soon or active; `now` passed in for tests.
export type TokenStatus = { label: string; tone: "ok" | "warn" | "off"; usable: boolean };

const soon = 7 * 86_400_000;

export function tokenStatus({
  token,
  now,
}: {
  token: { revokedAt: string | null; expiresAt: string | null };
  now: number;
}): TokenStatus {
  if (token.revokedAt !== null) return { label: "Revoked", tone: "off", usable: false };
  if (token.expiresAt === null) return { label: "Active", tone: "ok", usable: true };
  const left = new Date(token.expiresAt).getTime() - now;
  if (left <= 0) return { label: "Expired", tone: "off", usable: false };
  return left < soon ? { label: "Expires soon", tone: "warn", usable: true } : { label: "Active", tone: "ok", usable: true };
}
