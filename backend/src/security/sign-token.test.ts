import { describe, expect, test } from "vitest";
import { signToken, verifyToken } from "./sign-token";

const secret = "test-secret-0123456789abcdef0123456789";

describe("signToken / verifyToken", () => {
  const token = signToken({ secret, purpose: "unsubscribe", id: "sj_abc123" });
  test("round trip", () => expect(verifyToken({ secret, purpose: "unsubscribe", token })).toBe("sj_abc123"));
  test.each([
    ["other purpose", { secret, purpose: "open", token }],
    ["other secret", { secret: "another-secret-0123456789abcdef", purpose: "unsubscribe", token }],
    ["changed id", { secret, purpose: "unsubscribe", token: token.replace("sj_abc123", "sj_abc124") }],
    ["truncated mac", { secret, purpose: "unsubscribe", token: token.slice(0, -1) }],
    ["no dot", { secret, purpose: "unsubscribe", token: "sj_abc123" }],
    ["empty", { secret, purpose: "unsubscribe", token: "" }],
  ])("rejects %s", (_n, input) => expect(verifyToken(input)).toBeNull());
});
