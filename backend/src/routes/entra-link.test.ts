// Linking a Microsoft (Entra) account to a Threadline user with an API token, proven by an Entra access token that is
// verified exactly as sign-in verifies it (local JWKS, locally signed tokens); unlinking oneself or, as an admin,
// someone else.
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { auditLog, users } from "../db/schema";
import { addTestMember, createTestApp, type TestApp } from "../testing/test-app";
import { startLocalEntra, type LocalEntra } from "../testing/local-entra";

const OID = "aaaaaaaa-0000-4000-8000-000000000001";
const OID_2 = "aaaaaaaa-0000-4000-8000-000000000002";

let tenant: LocalEntra;
let t: TestApp;
beforeAll(async () => {
  tenant = await startLocalEntra();
});
afterAll(() => tenant?.close());
beforeEach(async () => {
  t?.close();
  t = await createTestApp({ entra: tenant.config });
});
afterAll(() => t?.close());

const link = async (token: string, oid = OID, claims = {}) =>
  t.call("POST", "/api/v1/me/entra", { token, body: { accessToken: await tenant.sign(oid, claims) } });
/** Signs in with a Microsoft token, as the Outlook add-in does, and says who the backend took it for. */
const signInAs = async (oid: string) => t.call("GET", "/api/v1/me", { token: await tenant.sign(oid) });
const oidOf = async (userId: string) => (await t.db.select().from(users).where(eq(users.id, userId)))[0]!.entraOid;

describe("POST /api/v1/me/entra", () => {
  test("links the caller; Microsoft sign-in then maps to them; linking again changes nothing", async () => {
    expect((await signInAs(OID)).json.error.details).toEqual({ reason: "entra_not_linked" });

    const r = await link(t.aRep.token);
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ id: t.aRep.userId, email: "rep@a.example", entraLinked: true });
    expect(await oidOf(t.aRep.userId)).toBe(OID);
    const me = await signInAs(OID);
    expect([me.status, me.json.user.id]).toEqual([200, t.aRep.userId]);
    const listed = (await t.call("GET", "/api/v1/users")).json.items;
    expect(listed.map((u: { email: string; entraLinked: boolean }) => [u.email, u.entraLinked])).toEqual([
      ["owner@a.example", false],
      ["rep@a.example", true],
      ["viewer@a.example", false],
    ]);

    const again = await link(t.aRep.token);
    expect([again.status, again.json.entraLinked]).toEqual([200, true]);
    const audit = await t.db.select().from(auditLog).where(eq(auditLog.action, "user.entra_linked"));
    expect(audit.map((a) => [a.actorId, a.target])).toEqual([[t.aRep.userId, t.aRep.userId]]);
  });

  test("a viewer may link their own account (it is their sign-in, not workspace data)", async () => {
    expect((await link(t.aViewer.token)).status).toBe(200);
    expect((await signInAs(OID)).json.user.id).toBe(t.aViewer.userId);
  });

  test("an account another user holds is a 409 naming no one, in this workspace or another; nothing changes", async () => {
    expect((await link(t.aRep.token)).status).toBe(200);
    for (const token of [t.a.token, t.b.token]) {
      const r = await link(token);
      expect([r.status, r.json.error.code]).toEqual([409, "conflict"]);
      expect(r.json.error.message).toMatch(/already linked to another Threadline user/);
      expect(r.json.error.message).not.toMatch(/rep@a\.example/);
    }
    expect(await oidOf(t.a.userId)).toBeNull();
    expect(await oidOf(t.b.userId)).toBeNull();
    expect((await signInAs(OID)).json.user.id).toBe(t.aRep.userId);
  });

  test("the database itself holds one user per account (unique index); any number of users have none", async () => {
    expect((await link(t.aRep.token)).status).toBe(200);
    // Bypassing the route, as a bug or a concurrent writer would: the index refuses the second holder.
    const refused = await t.db
      .update(users)
      .set({ entraOid: OID })
      .where(eq(users.id, t.aViewer.userId))
      .then(
        () => null,
        (err: Error) => err,
      );
    expect(String((refused as Error & { cause?: unknown })?.cause)).toMatch(/UNIQUE constraint failed: users\.entra_oid/);
    expect(await oidOf(t.aViewer.userId)).toBeNull();
    const unlinked = await t.db.select().from(users).where(eq(users.workspaceId, t.a.workspaceId));
    expect(unlinked.filter((u) => u.entraOid === null).length).toBeGreaterThan(1);
  });

  test("linking another account replaces the caller's previous one, which becomes free", async () => {
    await link(t.aRep.token, OID);
    expect((await link(t.aRep.token, OID_2)).status).toBe(200);
    expect(await oidOf(t.aRep.userId)).toBe(OID_2);
    expect((await link(t.a.token, OID)).status).toBe(200);
    expect((await signInAs(OID)).json.user.id).toBe(t.a.userId);
    expect((await signInAs(OID_2)).json.user.id).toBe(t.aRep.userId);
  });

  test.each<[string, () => Promise<string>, RegExp]>([
    ["for another application", () => tenant.sign(OID, { aud: "api://someone-else" }), /another application \(audience\)/],
    ["from another tenant", () => tenant.sign(OID, { iss: "https://login.microsoftonline.com/other/v2.0" }), /another tenant/],
    ["expired", () => tenant.sign(OID, {}, { expiresIn: Math.floor(Date.now() / 1000) - 3600 }), /expired/],
    [
      "signed with a key the tenant does not publish",
      () => tenant.sign(OID, {}, { key: tenant.otherKey }),
      /signature is invalid/,
    ],
    ["without the API scope", () => tenant.sign(OID, { scp: "User.Read" }), /lacks the scope/],
    ["without an oid", () => tenant.sign(undefined), /no user object id/],
  ])("a token %s is refused like at sign-in (401) and nothing is linked", async (_name, make, message) => {
    const r = await t.call("POST", "/api/v1/me/entra", { token: t.aRep.token, body: { accessToken: await make() } });
    expect([r.status, r.json.error.code]).toEqual([401, "unauthorized"]);
    expect(r.json.error.message).toMatch(message);
    expect(await oidOf(t.aRep.userId)).toBeNull();
  });

  test("400 naming accessToken when it is missing or not a token", async () => {
    for (const body of [{}, { accessToken: "short" }]) {
      const r = await t.call("POST", "/api/v1/me/entra", { token: t.aRep.token, body });
      expect(r.status).toBe(400);
      expect(r.json.error.details.fields.map((f: { path: string }) => f.path)).toEqual(["accessToken"]);
    }
  });

  test("without Entra configured: 503 saying what to set; nothing linked", async () => {
    const plain = await createTestApp();
    try {
      const r = await plain.call("POST", "/api/v1/me/entra", { body: { accessToken: await tenant.sign(OID) } });
      expect([r.status, r.json.error.code]).toEqual([503, "unavailable"]);
      expect(r.json.error.message).toMatch(/ENTRA_ISSUER, ENTRA_AUDIENCE and ENTRA_JWKS_URL/);
      expect((await plain.db.select().from(users).where(eq(users.id, plain.a.userId)))[0]!.entraOid).toBeNull();
    } finally {
      plain.close();
    }
  });
});

describe("unlinking", () => {
  test("DELETE /me/entra unlinks the caller (idempotent); Microsoft sign-in then says how to link again", async () => {
    await link(t.aRep.token);
    for (let i = 0; i < 2; i++) {
      const r = await t.call("DELETE", "/api/v1/me/entra", { token: t.aRep.token });
      expect([r.status, r.json.entraLinked]).toEqual([200, false]);
    }
    const refused = await signInAs(OID);
    expect(refused.status).toBe(401);
    expect(refused.json.error).toMatchObject({
      details: { reason: "entra_not_linked" },
      message: expect.stringMatching(/Link Microsoft account/),
    });
    expect(await t.db.select().from(auditLog).where(eq(auditLog.action, "user.entra_unlinked"))).toHaveLength(1);
  });

  test("an admin unlinks someone else; a rep may not; only the owner unlinks the owner; other workspaces' users are 404", async () => {
    const admin = await addTestMember(t.db, t.a.workspaceId, "admin", "admin@a.example");
    await link(t.aRep.token, OID);
    await link(t.a.token, OID_2);

    const byRep = await t.call("DELETE", `/api/v1/users/${t.a.userId}/entra`, { token: t.aRep.token });
    expect(byRep.status).toBe(403);
    const adminOnOwner = await t.call("DELETE", `/api/v1/users/${t.a.userId}/entra`, { token: admin.token });
    expect([adminOnOwner.status, adminOnOwner.json.error.message]).toEqual([403, expect.stringMatching(/Only the owner/)]);
    expect(await oidOf(t.a.userId)).toBe(OID_2);

    const adminOnRep = await t.call("DELETE", `/api/v1/users/${t.aRep.userId}/entra`, { token: admin.token });
    expect([adminOnRep.status, adminOnRep.json.id, adminOnRep.json.entraLinked]).toEqual([200, t.aRep.userId, false]);
    expect(await oidOf(t.aRep.userId)).toBeNull();
    const audit = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "user.entra_unlinked"), eq(auditLog.target, t.aRep.userId)));
    expect(audit.map((a) => a.actorId)).toEqual([admin.userId]);

    const ownerOnOwner = await t.call("DELETE", `/api/v1/users/${t.a.userId}/entra`);
    expect([ownerOnOwner.status, ownerOnOwner.json.entraLinked]).toEqual([200, false]);

    await link(t.b.token, OID);
    const cross = await t.call("DELETE", `/api/v1/users/${t.b.userId}/entra`);
    expect(cross.status).toBe(404);
    expect(await oidOf(t.b.userId)).toBe(OID);
  });
});
