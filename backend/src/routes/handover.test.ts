import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { and, eq } from "drizzle-orm";
import { newId } from "../db/new-id";
import { auditLog, companies, contacts, enrollments, sequences, tasks, templates, users } from "../db/schema";
import { addTestMember, createTestApp, type TestApp } from "../testing/test-app";

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(() => t.close());

/** Rep "leaver" owns 2 contacts, 1 company, an active + a paused + a finished enrollment, open + done tasks, a private + a shared template. */
async function setup() {
  const ws = t.a.workspaceId;
  const leaver = await addTestMember(t.db, ws, "rep");
  const heir = await addTestMember(t.db, ws, "rep");
  await t.db.update(users).set({ name: "Leaver" }).where(eq(users.id, leaver.userId));
  await t.db.update(users).set({ name: "Heir" }).where(eq(users.id, heir.userId));
  const c1 = await t.call("POST", "/api/v1/contacts", { body: { email: "a@acme.com", ownerId: leaver.userId } });
  await t.call("POST", "/api/v1/contacts", { body: { email: "b@acme.com", ownerId: leaver.userId } });
  await t.call("POST", "/api/v1/contacts", { body: { email: "c@other.com" } });
  await t.db.update(companies).set({ ownerId: leaver.userId }).where(eq(companies.domain, "acme.com"));
  const sequenceId = newId("sq");
  await t.db.insert(sequences).values({ id: sequenceId, workspaceId: ws, name: "S" });
  for (const state of ["active", "paused", "finished"] as const) {
    await t.db.insert(enrollments).values({
      id: newId("en"),
      workspaceId: ws,
      contactId: c1.json.id,
      sequenceId,
      ownerId: leaver.userId,
      state,
      stateChangedAt: 1,
    });
  }
  for (const status of ["open", "done"] as const) {
    await t.db
      .insert(tasks)
      .values({ id: newId("tk"), workspaceId: ws, ownerId: leaver.userId, kind: "call", title: "t", dueAt: 1, status });
  }
  for (const visibility of ["private", "shared"] as const) {
    await t.db.insert(templates).values({
      id: newId("tp"),
      workspaceId: ws,
      ownerId: leaver.userId,
      name: visibility,
      subject: "s",
      bodyHtml: "b",
      visibility,
    });
  }
  return { leaver, heir };
}

const owned = async (
  table: typeof contacts | typeof companies | typeof tasks | typeof templates | typeof enrollments,
  userId: string,
) => (await t.db.select().from(table).where(eq(table.ownerId, userId))).length;

describe("handover", () => {
  test("preview counts what moves and changes nothing", async () => {
    const { leaver, heir } = await setup();
    const body = { fromUserId: leaver.userId, toUserId: heir.userId, includePrivateTemplates: true };
    const r = await t.call("POST", "/api/v1/handover/preview", { body });
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({
      applied: false,
      from: { id: leaver.userId, name: "Leaver", active: true },
      to: { id: heir.userId, name: "Heir" },
      counts: { contacts: 2, companies: 1, enrollments: 2, openTasks: 1, privateTemplates: 1 },
    });
    expect(await owned(contacts, heir.userId)).toBe(0);
    expect(await t.db.select().from(auditLog)).toHaveLength(0);
  });

  test("moves everything in one go, leaves finished work and shared templates, audits, deactivates", async () => {
    const { leaver, heir } = await setup();
    const r = await t.call("POST", "/api/v1/handover", {
      body: { fromUserId: leaver.userId, toUserId: heir.userId, deactivateFromUser: true },
    });
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ applied: true, from: { active: false }, counts: { contacts: 2, privateTemplates: 0 } });
    expect(await owned(contacts, heir.userId)).toBe(2);
    expect(await owned(companies, heir.userId)).toBe(1);
    expect(await owned(enrollments, heir.userId)).toBe(2);
    expect(await owned(tasks, heir.userId)).toBe(1);
    // Finished enrollments, done tasks and (without includePrivateTemplates) templates keep their history.
    expect(await owned(enrollments, leaver.userId)).toBe(1);
    expect(await owned(tasks, leaver.userId)).toBe(1);
    expect(await owned(templates, leaver.userId)).toBe(2);
    const [audit] = await t.db.select().from(auditLog).where(eq(auditLog.workspaceId, t.a.workspaceId));
    expect(audit).toMatchObject({ action: "user.handover", target: leaver.userId, actorId: t.a.userId });
    expect(audit!.details).toMatchObject({ toUserId: heir.userId, contacts: 2, deactivated: true });
    // The leaver's token stops working at once.
    const denied = await t.call("GET", "/api/v1/contacts", { token: leaver.token });
    expect(denied.status).toBe(401);
    expect(denied.json.error.code).toBe("unauthorized");
  });

  test("private templates move only when asked", async () => {
    const { leaver, heir } = await setup();
    await t.call("POST", "/api/v1/handover", {
      body: { fromUserId: leaver.userId, toUserId: heir.userId, includePrivateTemplates: true },
    });
    const moved = await t.db.select().from(templates).where(eq(templates.ownerId, heir.userId));
    expect(moved.map((x) => x.visibility)).toEqual(["private"]);
  });

  test("a user deactivated any other way is locked out immediately too", async () => {
    const rep = await addTestMember(t.db, t.a.workspaceId, "rep");
    expect((await t.call("GET", "/api/v1/contacts", { token: rep.token })).status).toBe(200);
    await t.db.update(users).set({ active: false }).where(eq(users.id, rep.userId));
    expect((await t.call("GET", "/api/v1/contacts", { token: rep.token })).status).toBe(401);
    await t.db.update(users).set({ active: true }).where(eq(users.id, rep.userId));
    expect((await t.call("GET", "/api/v1/contacts", { token: rep.token })).status).toBe(200);
  });

  test.each([
    ["same user twice", (l: string) => ({ fromUserId: l, toUserId: l }), 400, "toUserId"],
    ["missing toUserId", (l: string) => ({ fromUserId: l }), 400, "toUserId"],
    ["unknown field", (l: string, h: string) => ({ fromUserId: l, toUserId: h, everything: true }), 400, "everything"],
    ["unknown user", (l: string) => ({ fromUserId: l, toUserId: "us_nobody" }), 404, "toUserId"],
  ])("%s → %s", async (_n, make, status, phrase) => {
    const { leaver, heir } = await setup();
    const r = await t.call("POST", "/api/v1/handover", { body: make(leaver.userId, heir.userId) });
    expect(r.status).toBe(status);
    expect(r.json.error.message).toContain(phrase);
    expect(await owned(contacts, leaver.userId)).toBe(2);
  });

  test("a viewer or a deactivated user cannot receive accounts", async () => {
    const { leaver } = await setup();
    const viewer = await addTestMember(t.db, t.a.workspaceId, "viewer");
    const gone = await addTestMember(t.db, t.a.workspaceId, "rep");
    await t.db.update(users).set({ active: false }).where(eq(users.id, gone.userId));
    for (const to of [viewer.userId, gone.userId]) {
      const r = await t.call("POST", "/api/v1/handover", { body: { fromUserId: leaver.userId, toUserId: to } });
      expect(r.status).toBe(400);
    }
    expect(await owned(contacts, leaver.userId)).toBe(2);
  });

  test("admin only; B cannot hand over A's users", async () => {
    const { leaver, heir } = await setup();
    const body = { fromUserId: leaver.userId, toUserId: heir.userId };
    expect((await t.call("POST", "/api/v1/handover", { token: heir.token, body })).status).toBe(403);
    expect((await t.call("POST", "/api/v1/handover/preview", { token: heir.token, body })).status).toBe(403);
    const asB = await t.call("POST", "/api/v1/handover", { token: t.b.token, body });
    expect(asB.status).toBe(404);
    const bUser = await addTestMember(t.db, t.b.workspaceId, "rep");
    const cross = await t.call("POST", "/api/v1/handover", { body: { fromUserId: leaver.userId, toUserId: bUser.userId } });
    expect(cross.status).toBe(404);
    expect(await owned(contacts, leaver.userId)).toBe(2);
    expect(
      (
        await t.db
          .select()
          .from(contacts)
          .where(and(eq(contacts.workspaceId, t.a.workspaceId), eq(contacts.ownerId, bUser.userId)))
      ).length,
    ).toBe(0);
  });
});
