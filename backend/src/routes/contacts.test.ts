import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { eq } from "drizzle-orm";
import { enrollments, sendJobs, tasks, trackingEvents } from "../db/schema";
import { seedSends } from "../testing/seed-sends";
import { createTestApp, type TestApp } from "../testing/test-app";

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(() => t.close());

const hans = {
  email: "Hans.Meier@Example-Tools.de",
  firstName: "Hans",
  lastName: "Meier",
  country: "de",
  timeZone: "Europe/Berlin",
  tags: ["fair"],
};

describe("contacts", () => {
  test("create → get → update → list → delete", async () => {
    const created = await t.call("POST", "/api/v1/contacts", { body: hans });
    expect(created.status).toBe(201);
    expect(created.json.email).toBe("hans.meier@example-tools.de");
    expect(created.json.country).toBe("DE");
    expect(created.json.companyId).toMatch(/^co_/);

    const got = await t.call("GET", `/api/v1/contacts/${created.json.id}`);
    expect(got.json).toEqual(created.json);

    const upd = await t.call("PATCH", `/api/v1/contacts/${created.json.id}`, { body: { stage: "qualified" } });
    expect(upd.status).toBe(200);
    expect(upd.json.stage).toBe("qualified");

    const list = await t.call("GET", "/api/v1/contacts?q=meier");
    expect(list.json.items.map((c: { id: string }) => c.id)).toEqual([created.json.id]);
    const byCompany = await t.call("GET", "/api/v1/contacts?q=example%20tools");
    expect(byCompany.json.items).toHaveLength(1);
    const byTag = await t.call("GET", "/api/v1/contacts?tag=fair");
    expect(byTag.json.items).toHaveLength(1);
    const noTag = await t.call("GET", "/api/v1/contacts?tag=other");
    expect(noTag.json.items).toHaveLength(0);

    const del = await t.call("DELETE", `/api/v1/contacts/${created.json.id}`);
    expect(del.status).toBe(200);
    expect((await t.call("GET", `/api/v1/contacts/${created.json.id}`)).status).toBe(404);
  });

  test("free-mail addresses get no company", async () => {
    const r = await t.call("POST", "/api/v1/contacts", { body: { email: "someone@gmail.com" } });
    expect(r.json.companyId).toBeNull();
  });

  test("duplicate email is a 409 and upsert updates instead", async () => {
    await t.call("POST", "/api/v1/contacts", { body: hans });
    const dup = await t.call("POST", "/api/v1/contacts", { body: hans });
    expect(dup.status).toBe(409);
    expect(dup.json.error.code).toBe("conflict");
    const up = await t.call("PUT", "/api/v1/contacts/upsert", { body: { ...hans, title: "Einkauf" } });
    expect(up.status).toBe(200);
    expect(up.json.title).toBe("Einkauf");
  });

  test("cursor pagination walks every contact once", async () => {
    for (let i = 0; i < 7; i++) await t.call("POST", "/api/v1/contacts", { body: { email: `p${i}@acme.com` } });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const r: { json: { items: { id: string }[]; nextCursor: string | null } } = await t.call(
        "GET",
        `/api/v1/contacts?limit=3${cursor ? `&cursor=${cursor}` : ""}`,
      );
      seen.push(...r.json.items.map((c) => c.id));
      cursor = r.json.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(7);
    expect(new Set(seen).size).toBe(7);
  });

  test.each([
    ["bad email", { email: "not-an-email" }, "email"],
    ["wrong type", { email: "a@b.com", tags: "x" }, "tags"],
    ["unknown field", { email: "a@b.com", favourite: 1 }, "favourite"],
    ["oversized", { email: "a@b.com", firstName: "x".repeat(5000) }, "firstName"],
    ["bad time zone", { email: "a@b.com", timeZone: "Mars/Olympus" }, "timeZone"],
    ["bad country", { email: "a@b.com", country: "Germany" }, "country"],
  ])("400 on %s, naming the field, nothing written", async (_name, body, field) => {
    const r = await t.call("POST", "/api/v1/contacts", { body });
    expect(r.status).toBe(400);
    expect(r.json.error.code).toBe("bad_request");
    expect(r.json.error.message).toContain(field);
    expect((await t.call("GET", "/api/v1/contacts")).json.items).toHaveLength(0);
  });

  test("malformed JSON is a 400 in the error shape", async () => {
    const r = await t.call("POST", "/api/v1/contacts", { body: "{nope" });
    expect(r.status).toBe(400);
    expect(r.json.error.code).toBe("bad_request");
  });

  test("auth: missing, wrong token", async () => {
    expect((await t.call("GET", "/api/v1/contacts", { token: null })).status).toBe(401);
    const wrong = await t.call("GET", "/api/v1/contacts", { token: "tl_forged" });
    expect(wrong.status).toBe(401);
    expect(wrong.json.error.code).toBe("unauthorized");
  });

  test("workspace isolation: B cannot read, change or delete A's contact", async () => {
    const c = await t.call("POST", "/api/v1/contacts", { body: hans });
    const id = c.json.id;
    const asB = { token: t.b.token };
    expect((await t.call("GET", `/api/v1/contacts/${id}`, asB)).status).toBe(404);
    expect((await t.call("PATCH", `/api/v1/contacts/${id}`, { ...asB, body: { stage: "lost" } })).status).toBe(404);
    expect((await t.call("DELETE", `/api/v1/contacts/${id}`, asB)).status).toBe(404);
    expect((await t.call("GET", "/api/v1/contacts?q=meier", asB)).json.items).toHaveLength(0);
    // B may create the same address in its own workspace.
    expect((await t.call("POST", "/api/v1/contacts", { ...asB, body: hans })).status).toBe(201);
    expect((await t.call("GET", `/api/v1/contacts/${id}`)).json.stage).toBe("lead");
  });
});

describe("DELETE /contacts/:id with what hangs off the contact", () => {
  async function contactInSequence() {
    const seed = seedSends(t.db, t.a.workspaceId);
    const contactId = await seed.contact({ email: "buyer@acme.example" });
    const seq = await seed.sequence({ name: "Intro", steps: [{}, {}] });
    const enrollmentId = await seed.enrollment({ contactId, sequenceId: seq.id, createdAt: Date.now() - 86_400_000 });
    const sent = await seed.send({ enrollmentId, stepId: seq.stepIds[0]!, sentAt: Date.now() - 3_600_000 });
    const queued = await seed.send({ enrollmentId, stepId: seq.stepIds[1]!, sentAt: null });
    await t.db.insert(trackingEvents).values({
      id: "te_1",
      workspaceId: t.a.workspaceId,
      sendJobId: sent,
      contactId,
      kind: "open",
      label: "human",
      reason: "r",
      occurredAt: Date.now(),
    });
    await t.db.insert(tasks).values({
      id: "tk_1",
      workspaceId: t.a.workspaceId,
      contactId,
      kind: "handoff",
      title: "Call back",
      dueAt: Date.now(),
      status: "open",
    });
    return { contactId, enrollmentId, queued };
  }
  const rows = async () => ({
    enrollments: (await t.db.select().from(enrollments)).length,
    sendJobs: (await t.db.select().from(sendJobs)).length,
    trackingEvents: (await t.db.select().from(trackingEvents)).length,
    tasks: (await t.db.select().from(tasks)).length,
  });

  test("a contact in a sequence, with opens and a task, is deleted with them (was a 500)", async () => {
    const { contactId } = await contactInSequence();
    const r = await t.call("DELETE", `/api/v1/contacts/${contactId}`);
    expect(r.status).toBe(200);
    expect(await rows()).toEqual({ enrollments: 0, sendJobs: 0, trackingEvents: 0, tasks: 0 });
    expect((await t.call("GET", `/api/v1/contacts/${contactId}`)).status).toBe(404);
  });

  test("while a follow-up to the contact is being sent: 409, nothing changed", async () => {
    const { contactId, queued } = await contactInSequence();
    await t.db.update(sendJobs).set({ status: "sending" }).where(eq(sendJobs.id, queued));
    const before = await rows();
    const r = await t.call("DELETE", `/api/v1/contacts/${contactId}`);
    expect(r.status).toBe(409);
    expect(r.json.error.message).toMatch(/being handed to the mailbox/);
    expect(await rows()).toEqual(before);
    expect((await t.call("GET", `/api/v1/contacts/${contactId}`)).status).toBe(200);
  });
});
