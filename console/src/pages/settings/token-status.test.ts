import { describe, expect, test } from "vitest";
import { tokenStatus } from "./token-status";

const now = Date.parse("2026-12-04T12:00:00Z");
const at = (days: number) => new Date(now + days * 86_400_000).toISOString();

describe("tokenStatus", () => {
  test.each([
    [{ revokedAt: null, expiresAt: null }, "Active", true],
    [{ revokedAt: at(-1), expiresAt: null }, "Revoked", false],
    [{ revokedAt: at(-1), expiresAt: at(-5) }, "Revoked", false],
    [{ revokedAt: null, expiresAt: at(-0.0001) }, "Expired", false],
    [{ revokedAt: null, expiresAt: new Date(now).toISOString() }, "Expired", false],
    [{ revokedAt: null, expiresAt: at(2) }, "Expires soon", true],
    [{ revokedAt: null, expiresAt: at(30) }, "Active", true],
  ])("%o → %s", (token, label, usable) => {
    const status = tokenStatus({ token, now });
    expect(status.label).toBe(label);
    expect(status.usable).toBe(usable);
  });
});
