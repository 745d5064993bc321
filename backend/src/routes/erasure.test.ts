import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { eq } from "drizzle-orm";
import { newId } from "../db/new-id";
import {
  auditLog,
  enrollments,
  inboundMessages,
  mailboxes,
  notes,
  outboxMessages,
  sendJobs,
  sequences,
  sequenceSteps,
  suppressions,
  tasks,
  timelineEvents,
  trackingEvents,
} from "../db/schema";
import { redactRaw } from "../repo/erase-contact";
import { addressHash } from "../security/address-hash";
import { addTestMember, createTestApp, type TestApp } from "../testing/test-app";

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(() => t.close());

/** A contact with a note, a sent sequence step (outbox copy), an open, a task, an inbound reply. */
async function personWithHistory() {
  const ws = t.a.workspaceId;
  const c = await t.call("POST", "/api/v1/contacts", {
    body: { email: "Li.Wei@Bright.cn", firstName: "Wei", lastName: "Li", displayName: "Li Wei" },
  });
  const contactId = c.json.id as string;
  const mailboxId = newId("mb");
  await t.db
    .insert(mailboxes)
    .values({ id: mailboxId, workspaceId: ws, userId: t.a.userId, kind: "outbox", email: "me@a.example" });
  const sequenceId = newId("sq");
  await t.db.insert(sequences).values({ id: sequenceId, workspaceId: ws, name: "Fair follow-up" });
  const stepId = newId("st");
  await t.db.insert(sequenceSteps).values({ id: stepId, workspaceId: ws, sequenceId, position: 0, kind: "email" });
  const enrollmentId = newId("en");
  await t.db
    .insert(enrollments)
    .values({ id: enrollmentId, workspaceId: ws, contactId, sequenceId, state: "active", stateChangedAt: 1 });
  const jobId = newId("sj");
  await t.db.insert(sendJobs).values({
    id: jobId,
    workspaceId: ws,
    enrollmentId,
    stepId,
    idempotencyKey: `${enrollmentId}:${stepId}`,
    status: "sent",
    runAt: 1,
    subject: "Hello Wei",
  });
  await t.db.insert(outboxMessages).values({
    id: newId("ob"),
    workspaceId: ws,
    sendJobId: jobId,
    messageId: "<m1@a.example>",
    raw: 'From: me@a.example\r\nTo: "Li Wei" <li.wei@bright.cn>\r\nSubject: Hello Wei\r\n\r\nDear Li Wei, ... LI.WEI@BRIGHT.CN',
  });
  await t.db.insert(outboxMessages).values({
    id: newId("ob"),
    workspaceId: ws,
    messageId: "<other@a.example>",
    raw: "To: someone@else.com\r\n\r\nUnrelated",
  });
  await t.db.insert(trackingEvents).values({
    id: newId("te"),
    workspaceId: ws,
    sendJobId: jobId,
    contactId,
    kind: "open",
    label: "human",
    reason: "x",
    occurredAt: 1,
  });
  await t.db.insert(notes).values({ id: newId("nt"), workspaceId: ws, contactId, body: "Wants 500 pumps" });
  await t.db.insert(tasks).values({ id: newId("tk"), workspaceId: ws, contactId, kind: "call", title: "Call Wei", dueAt: 1 });
  await t.db.insert(inboundMessages).values({
    id: newId("in"),
    workspaceId: ws,
    mailboxId,
    providerId: "p1",
    fromAddress: "li.wei@bright.cn",
    subject: "Re: Hello Wei",
    kind: "reply",
    contactId,
    receivedAt: 1,
  });
  await t.db
    .insert(suppressions)
    .values({ id: newId("sp"), workspaceId: ws, kind: "address", value: "li.wei@bright.cn", reason: "unsubscribe" });
  return { contactId };
}

describe("erasure", () => {
  test("removes the person everywhere in one go, keeps only a hash, audits", async () => {
    const { contactId } = await personWithHistory();
    // An import whose error report quotes the address (a rejected duplicate row with a bad country).
    const imp = await t.app.request("/api/v1/imports", {
      method: "POST",
      headers: { authorization: `Bearer ${t.a.token}`, "content-type": "text/csv" },
      body: "email,country\nli.wei@bright.cn,Atlantis\n",
    });
    const report = ((await imp.json()) as { errorReportUrl: string }).errorReportUrl;
    const r = await t.call("POST", `/api/v1/contacts/${contactId}/erase`);
    expect(r.status).toBe(200);
    const after = await (await t.app.request(report, { headers: { authorization: `Bearer ${t.a.token}` } })).text();
    expect(after).toContain("erased@erased.invalid");
    expect(after).not.toContain("li.wei@bright.cn");
    expect(r.json).toMatchObject({
      erased: true,
      notes: 1,
      trackingEvents: 1,
      enrollments: 1,
      sendJobs: 1,
      tasks: 1,
      outboxRedacted: 1,
      inboundRedacted: 1,
    });
    expect(r.json.timelineEvents).toBeGreaterThanOrEqual(1);
    expect((await t.call("GET", `/api/v1/contacts/${contactId}`)).status).toBe(404);
    for (const table of [notes, timelineEvents, trackingEvents, tasks, enrollments, sendJobs]) {
      expect(await t.db.select().from(table).where(eq(table.workspaceId, t.a.workspaceId))).toHaveLength(0);
    }
    const outbox = await t.db.select().from(outboxMessages);
    const redacted = outbox.find((m) => m.messageId === "<m1@a.example>")!.raw;
    expect(redacted.toLowerCase()).not.toContain("li.wei@bright.cn");
    expect(redacted).not.toContain("Li Wei");
    expect(redacted).toContain("erased@erased.invalid");
    expect(outbox.find((m) => m.messageId === "<other@a.example>")!.raw).toContain("someone@else.com");
    const [inbound] = await t.db.select().from(inboundMessages);
    expect(inbound).toMatchObject({ fromAddress: null, subject: null, contactId: null, providerId: "p1" });
    const sup = await t.db.select().from(suppressions).where(eq(suppressions.workspaceId, t.a.workspaceId));
    expect(sup.map((s) => [s.kind, s.value, s.reason])).toEqual([["address_hash", addressHash("li.wei@bright.cn"), "erasure"]]);
    const audit = await t.db.select().from(auditLog).where(eq(auditLog.workspaceId, t.a.workspaceId));
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: "contact.erased", target: contactId, actorId: t.a.userId });
    expect(JSON.stringify(audit[0]!.details)).not.toContain("bright.cn");
  });

  test("admin only; unknown id 404; B cannot erase A's contact", async () => {
    const { contactId } = await personWithHistory();
    const rep = await addTestMember(t.db, t.a.workspaceId, "rep");
    expect((await t.call("POST", `/api/v1/contacts/${contactId}/erase`, { token: rep.token })).status).toBe(403);
    const asB = await t.call("POST", `/api/v1/contacts/${contactId}/erase`, { token: t.b.token });
    expect(asB.status).toBe(404);
    expect(asB.json.error.code).toBe("not_found");
    expect((await t.call("POST", "/api/v1/contacts/ct_doesnotexist/erase")).status).toBe(404);
    expect((await t.call("POST", "/api/v1/contacts/not-an-id/erase")).status).toBe(400);
    expect((await t.call("GET", `/api/v1/contacts/${contactId}`)).status).toBe(200);
    expect(await t.db.select().from(notes)).toHaveLength(1);
  });

  test.each([
    ["address any case", "To: <LI@X.CN>", { email: "li@x.cn", names: [] }, "To: <erased@erased.invalid>"],
    ["longest name first", "Dear Li Wei and Wei", { email: "a@b.c", names: ["Wei", "Li Wei"] }, "Dear [erased] and [erased]"],
    ["regex characters in names", "Hi J. (Jim) Doe", { email: "a@b.c", names: ["J. (Jim) Doe"] }, "Hi [erased]"],
    ["one-letter names are not blanked everywhere", "A quick note", { email: "a@b.c", names: ["A"] }, "A quick note"],
  ])("redactRaw: %s", (_n, raw, person, expected) => {
    expect(redactRaw(raw, person)).toBe(expected);
  });
});
