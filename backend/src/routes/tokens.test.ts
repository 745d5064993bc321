import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { eq } from "drizzle-orm";
import { apiTokens } from "../db/schema";
import { createTestApp, type TestApp } from "../testing/test-app";

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(() => t.close());

describe("API tokens", () => {
  test("a token with an expiry works until then and is refused after; without one it has none", async () => {
    const made = await t.call("POST", "/api/v1/tokens", { token: t.aRep.token, body: { name: "CI", expiresInDays: 30 } });
    expect(made.status).toBe(201);
    const days = (Date.parse(made.json.expiresAt) - Date.parse(made.json.createdAt)) / 86_400_000;
    expect(days).toBe(30);
    expect((await t.call("GET", "/api/v1/me", { token: made.json.token })).status).toBe(200);

    await t.db
      .update(apiTokens)
      .set({ expiresAt: Date.now() - 1 })
      .where(eq(apiTokens.id, made.json.id));
    const refused = await t.call("GET", "/api/v1/me", { token: made.json.token });
    expect([refused.status, refused.json.error.message]).toEqual([401, expect.stringContaining("expired")]);

    const forever = await t.call("POST", "/api/v1/tokens", { token: t.aRep.token, body: { name: "laptop" } });
    expect(forever.json.expiresAt).toBeNull();
    const listed = await t.call("GET", "/api/v1/tokens", { token: t.aRep.token });
    expect(listed.json.items.map((k: { name: string; expiresAt: string | null }) => [k.name, k.expiresAt === null])).toEqual(
      expect.arrayContaining([
        ["CI", false],
        ["laptop", true],
      ]),
    );
    expect(JSON.stringify(listed.json)).not.toContain(made.json.token);
  });

  test.each([
    ["zero days", { name: "x", expiresInDays: 0 }],
    ["fractional", { name: "x", expiresInDays: 1.5 }],
    ["over a year", { name: "x", expiresInDays: 400 }],
    ["a string", { name: "x", expiresInDays: "7" }],
  ])("expiry refused with the field named: %s", async (_, body) => {
    const r = await t.call("POST", "/api/v1/tokens", { token: t.aRep.token, body });
    expect(r.status).toBe(400);
    expect(JSON.stringify(r.json.error)).toContain("expiresInDays");
  });

  test("a rep sees and revokes only their own; an admin sees and revokes everyone's", async () => {
    const repToken = await t.call("POST", "/api/v1/tokens", { token: t.aRep.token, body: { name: "rep's" } });
    const ownerToken = await t.call("POST", "/api/v1/tokens", { body: { name: "owner's" } });
    expect((await t.call("GET", "/api/v1/tokens?scope=all", { token: t.aRep.token })).status).toBe(403);
    expect((await t.call("DELETE", `/api/v1/tokens/${ownerToken.json.id}`, { token: t.aRep.token })).status).toBe(404);
    const all = await t.call("GET", "/api/v1/tokens?scope=all");
    expect(all.json.items.map((k: { id: string }) => k.id)).toEqual(
      expect.arrayContaining([repToken.json.id, ownerToken.json.id]),
    );
    const revoked = await t.call("DELETE", `/api/v1/tokens/${repToken.json.id}`);
    expect([revoked.status, typeof revoked.json.revokedAt]).toEqual([200, "string"]);
    expect((await t.call("GET", "/api/v1/me", { token: repToken.json.token })).status).toBe(401);
  });
});
