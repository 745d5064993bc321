import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { createTestApp, type TestApp } from "../testing/test-app";

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(() => t.close());

describe("me", () => {
  test("returns the caller and the workspace", async () => {
    const r = await t.call("GET", "/api/v1/me", { token: t.aViewer.token });
    expect(r.status).toBe(200);
    expect(r.json.user).toMatchObject({ id: t.aViewer.userId, role: "viewer", email: "viewer@a.example", active: true });
    expect(r.json.workspace).toMatchObject({ id: t.a.workspaceId, name: "A" });
  });
});

describe("users", () => {
  test("admin creates, edits and deactivates; a deactivated user's tokens stop working", async () => {
    const created = await t.call("POST", "/api/v1/users", {
      body: { email: "New.Rep@A.example", name: "New Rep", role: "admin", timeZone: "Europe/Madrid" },
    });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ email: "new.rep@a.example", role: "admin", timeZone: "Europe/Madrid", active: true });
    const dup = await t.call("POST", "/api/v1/users", { body: { email: "new.rep@a.example", name: "x", role: "rep" } });
    expect(dup.status).toBe(409);

    const list = await t.call("GET", "/api/v1/users", { token: t.aViewer.token });
    expect(list.json.items.map((u: { email: string }) => u.email)).toEqual([
      "owner@a.example",
      "rep@a.example",
      "viewer@a.example",
      "new.rep@a.example",
    ]);

    expect((await t.call("GET", "/api/v1/me", { token: t.aRep.token })).status).toBe(200);
    const off = await t.call("PATCH", `/api/v1/users/${t.aRep.userId}`, { body: { active: false } });
    expect(off.json.active).toBe(false);
    const denied = await t.call("GET", "/api/v1/me", { token: t.aRep.token });
    expect(denied.status).toBe(401);
    expect(denied.json.error.code).toBe("unauthorized");
    expect(off.json.status).toBe("deactivated");
    const on = await t.call("PATCH", `/api/v1/users/${t.aRep.userId}`, { body: { active: true } });
    expect(on.json).toMatchObject({ active: true, status: "active" });
    // Reactivating gives the user their account back, not the tokens that deactivation revoked.
    const after = await t.call("GET", "/api/v1/me", { token: t.aRep.token });
    expect(after.status).toBe(401);
    const tokens = await t.call("GET", "/api/v1/tokens?scope=all");
    const repTokens = tokens.json.items.filter((k: { userId: string }) => k.userId === t.aRep.userId);
    expect(repTokens.length).toBeGreaterThan(0);
    expect(repTokens.every((k: { revokedAt: string | null }) => k.revokedAt !== null)).toBe(true);
    // A token made after reactivation works.
    const fresh = await t.call("POST", "/api/v1/tokens", { body: { name: "again", userId: t.aRep.userId } });
    expect((await t.call("GET", "/api/v1/me", { token: fresh.json.token })).status).toBe(200);
  });

  test("the users list shows status and last active", async () => {
    await t.call("GET", "/api/v1/me", { token: t.aRep.token });
    const list = await t.call("GET", "/api/v1/users");
    const rep = list.json.items.find((u: { id: string }) => u.id === t.aRep.userId);
    expect(rep).toMatchObject({ status: "active", entraLinked: false });
    expect(typeof rep.lastActiveAt).toBe("string");
    const viewer = list.json.items.find((u: { id: string }) => u.id === t.aViewer.userId);
    expect(viewer.lastActiveAt).toBeNull();
  });

  test("non-admins cannot manage users; nobody demotes the owner or deactivates themselves", async () => {
    for (const token of [t.aRep.token, t.aViewer.token]) {
      expect(
        (await t.call("POST", "/api/v1/users", { token, body: { email: "x@a.example", name: "x", role: "rep" } })).status,
      ).toBe(403);
      expect((await t.call("PATCH", `/api/v1/users/${t.aViewer.userId}`, { token, body: { role: "admin" } })).status).toBe(403);
    }
    expect((await t.call("PATCH", `/api/v1/users/${t.a.userId}`, { body: { active: false } })).status).toBe(403);
    const admin = await t.call("POST", "/api/v1/users", { body: { email: "ad@a.example", name: "Ad", role: "admin" } });
    const adminToken = (await t.call("POST", "/api/v1/tokens", { body: { name: "ad", userId: admin.json.id } })).json.token;
    expect((await t.call("PATCH", `/api/v1/users/${admin.json.id}`, { token: adminToken, body: { active: false } })).status).toBe(
      409,
    );
    expect((await t.call("PATCH", `/api/v1/users/${t.a.userId}`, { token: adminToken, body: { name: "Boss" } })).status).toBe(
      403,
    );
    expect(
      (await t.call("PATCH", `/api/v1/users/${t.aViewer.userId}`, { token: adminToken, body: { role: "rep" } })).json.role,
    ).toBe("rep");
  });

  test.each([
    ["bad email", { email: "nope", name: "x", role: "rep" }, "email"],
    ["owner role", { email: "x@a.example", name: "x", role: "owner" }, "role"],
    ["bad zone", { email: "x@a.example", name: "x", role: "rep", timeZone: "Nowhere/Town" }, "timeZone"],
    ["unknown field", { email: "x@a.example", name: "x", role: "rep", password: "p" }, "password"],
    ["missing name", { email: "x@a.example", role: "rep" }, "name"],
  ])("400 on %s", async (_n, body, field) => {
    const r = await t.call("POST", "/api/v1/users", { body });
    expect(r.status).toBe(400);
    expect(r.json.error.message).toContain(field);
  });

  test("404 for unknown users", async () => {
    expect((await t.call("GET", "/api/v1/users/us_nope")).status).toBe(404);
    expect((await t.call("PATCH", "/api/v1/users/us_nope", { body: { name: "x" } })).status).toBe(404);
  });
});

describe("tokens", () => {
  test("create shows the secret once; it works; list never shows it; revoke stops it; last-used is recorded", async () => {
    const created = await t.call("POST", "/api/v1/tokens", { token: t.aRep.token, body: { name: "laptop" } });
    expect(created.status).toBe(201);
    expect(created.json.token).toMatch(/^tl_[A-Za-z0-9_-]{40,}$/);
    expect(created.json).toMatchObject({ name: "laptop", userId: t.aRep.userId, lastUsedAt: null, revokedAt: null });
    expect(created.json.prefix).toBe(created.json.token.slice(0, 8));

    expect((await t.call("GET", "/api/v1/me", { token: created.json.token })).json.user.id).toBe(t.aRep.userId);
    const mine = await t.call("GET", "/api/v1/tokens", { token: t.aRep.token });
    const listed = mine.json.items.find((k: { id: string }) => k.id === created.json.id);
    expect(listed).not.toHaveProperty("token");
    expect(JSON.stringify(mine.json)).not.toContain(created.json.token);
    expect(listed.lastUsedAt).not.toBeNull();
    expect(mine.json.items.every((k: { userId: string }) => k.userId === t.aRep.userId)).toBe(true);

    const revoked = await t.call("DELETE", `/api/v1/tokens/${created.json.id}`, { token: t.aRep.token });
    expect(revoked.status).toBe(200);
    expect(revoked.json.revokedAt).not.toBeNull();
    expect((await t.call("GET", "/api/v1/me", { token: created.json.token })).status).toBe(401);
  });

  test("admins list all and create/revoke for others; others cannot", async () => {
    const all = await t.call("GET", "/api/v1/tokens?scope=all");
    expect(new Set(all.json.items.map((k: { userId: string }) => k.userId))).toEqual(
      new Set([t.a.userId, t.aRep.userId, t.aViewer.userId]),
    );
    expect((await t.call("GET", "/api/v1/tokens?scope=all", { token: t.aRep.token })).status).toBe(403);
    expect(
      (await t.call("POST", "/api/v1/tokens", { token: t.aRep.token, body: { name: "x", userId: t.a.userId } })).status,
    ).toBe(403);
    const forViewer = await t.call("POST", "/api/v1/tokens", { body: { name: "viewer 2", userId: t.aViewer.userId } });
    expect(forViewer.json.userId).toBe(t.aViewer.userId);
    expect((await t.call("DELETE", `/api/v1/tokens/${forViewer.json.id}`, { token: t.aRep.token })).status).toBe(404);
    expect((await t.call("POST", "/api/v1/tokens", { token: t.aViewer.token, body: { name: "v" } })).status).toBe(403);
    expect((await t.call("DELETE", `/api/v1/tokens/${forViewer.json.id}`)).status).toBe(200);
    const unknownUser = await t.call("POST", "/api/v1/tokens", { body: { name: "x", userId: "us_nope" } });
    expect(unknownUser.status).toBe(400);
    expect(unknownUser.json.error.message).toContain("userId");
  });

  test.each([
    [{}, "name"],
    [{ name: "" }, "name"],
    [{ name: "x".repeat(101) }, "name"],
    [{ name: "x", scopes: ["all"] }, "scopes"],
  ])("400 on %j", async (body, field) => {
    const r = await t.call("POST", "/api/v1/tokens", { body });
    expect(r.status).toBe(400);
    expect(r.json.error.message).toContain(field);
  });
});
