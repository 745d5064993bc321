import { randomBytes } from "node:crypto";
import { describe, expect, test } from "vitest";
import { openSecret, sealSecret } from "./secret-box";

describe("secret box", () => {
  const key = randomBytes(32);
  test("round trip, and a fresh IV every time", () => {
    const a = sealSecret(key, "1//refresh-token");
    expect(a).not.toContain("refresh");
    expect(openSecret(key, a)).toBe("1//refresh-token");
    expect(sealSecret(key, "1//refresh-token")).not.toBe(a);
  });
  test("wrong key or tampering throws", () => {
    const a = sealSecret(key, "secret");
    expect(() => openSecret(randomBytes(32), a)).toThrow();
    const parts = a.split(".");
    const tampered = [...parts.slice(0, 3), Buffer.from("xxxxxx").toString("base64url")].join(".");
    expect(() => openSecret(key, tampered)).toThrow();
    expect(() => openSecret(key, "garbage")).toThrow(/not a sealed secret/);
  });
});
