import { eq } from "drizzle-orm";
import { afterEach, beforeEach, expect, test } from "vitest";
import { newId } from "../db/new-id";
import { contacts, enrollments, tasks, timelineEvents, trackingEvents } from "../db/schema";
import { seedOutreach } from "../testing/seed-outreach";
import { createTestApp, type TestApp } from "../testing/test-app";
import { applyTrackingForHandoff, type TrackingEventForHandoff } from "./apply-tracking-for-handoff";

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(() => t.close());

async function setup(settings?: Record<string, unknown>, email = "hans@example-tools.de") {
  const s = await seedOutreach(t.db, { workspaceId: t.a.workspaceId, userId: t.a.userId, emails: [email], settings });
  const p = s.people[0]!;
  const record = async (
    kind: "open" | "click",
    label: "human" | "apple_proxy",
    buyingSignal = false,
  ): Promise<TrackingEventForHandoff> => {
    await t.db.insert(trackingEvents).values({
      id: newId("te"),
      workspaceId: t.a.workspaceId,
      sendJobId: p.jobId,
      contactId: p.contactId,
      kind,
      label,
      reason: "test",
      occurredAt: Date.now(),
    });
    return {
      workspaceId: t.a.workspaceId,
      enrollmentId: p.enrollmentId,
      contactId: p.contactId,
      sendJobId: p.jobId,
      kind,
      counted: label === "human",
      buyingSignal,
      url: kind === "click" ? "https://shop.example/pricing" : null,
      occurredAt: Date.now(),
    };
  };
  return { s, p, record };
}

test("the third human open hands off: task for the owner, enrollment paused, contact hot; machine opens never count", async () => {
  const { p, record } = await setup();
  const machine = [await record("open", "apple_proxy"), await record("open", "apple_proxy"), await record("open", "apple_proxy")];
  expect(await applyTrackingForHandoff(t.db, machine)).toEqual([]);
  expect(await applyTrackingForHandoff(t.db, [await record("open", "human"), await record("open", "human")])).toEqual([]);
  expect((await t.db.select().from(enrollments).where(eq(enrollments.id, p.enrollmentId)))[0]!.state).toBe("active");

  const created = await applyTrackingForHandoff(t.db, [await record("open", "human")]);
  expect(created).toHaveLength(1);
  expect(await t.db.select().from(tasks)).toMatchObject([
    { kind: "handoff", ownerId: t.a.userId, title: "Take over: opened 3 times" },
  ]);
  expect((await t.db.select().from(enrollments).where(eq(enrollments.id, p.enrollmentId)))[0]).toMatchObject({
    state: "paused",
    stateReason: "handoff: opened 3 times",
  });
  expect((await t.db.select().from(contacts).where(eq(contacts.id, p.contactId)))[0]!.hot).toBe(true);
  const ev = await t.db.select().from(timelineEvents).where(eq(timelineEvents.type, "handoff"));
  expect(ev[0]!.payload).toMatchObject({ reason: "opened 3 times", evidence: { humanOpens: 3 } });

  // A fourth open while the hand-off task is open: no second task.
  expect(await applyTrackingForHandoff(t.db, [await record("open", "human")])).toEqual([]);
  expect(await t.db.select().from(tasks)).toHaveLength(1);
});

test("a human click on a buying-signal link hands off at once; the per-sequence rule can switch it off", async () => {
  const { record } = await setup();
  expect(await applyTrackingForHandoff(t.db, [await record("click", "human", false)])).toEqual([]);
  expect(await applyTrackingForHandoff(t.db, [await record("click", "human", true)])).toHaveLength(1);

  const off = await setup({ handoff: { onBuyingSignalClick: false, humanOpensAtLeast: null } }, "petra@example-tools.de");
  expect(await applyTrackingForHandoff(t.db, [await off.record("click", "human", true)])).toEqual([]);
});

test("events without an enrollment (a hand-written tracked message) are skipped, among others that hand off", async () => {
  const { p, record } = await setup();
  await record("open", "human");
  await record("open", "human");
  const handWritten: TrackingEventForHandoff = {
    workspaceId: t.a.workspaceId,
    enrollmentId: null,
    contactId: p.contactId,
    sendJobId: "tm_000000000000000000000",
    kind: "click",
    counted: true,
    buyingSignal: true,
    url: "https://shop.example/pricing",
    occurredAt: Date.now(),
  };
  // The hand-written event would hand off on its own (a buying-signal click) if it were not skipped.
  expect(await applyTrackingForHandoff(t.db, [handWritten])).toEqual([]);
  expect(await applyTrackingForHandoff(t.db, [handWritten, await record("open", "human")])).toHaveLength(1);
  expect(await t.db.select().from(tasks)).toHaveLength(1);
});
