import { readFileSync } from "node:fs";
import { eq } from "drizzle-orm";
import { afterEach, beforeEach, expect, test } from "vitest";
import { newId } from "../db/new-id";
import { tasks, timelineEvents, workspaces } from "../db/schema";
import { seedOutreach } from "../testing/seed-outreach";
import { createTestApp, type TestApp } from "../testing/test-app";
import { applyInbound } from "./apply-inbound";
import { createInquiryReminders } from "./create-inquiry-reminders";

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(() => t.close());

const inquiry = readFileSync(new URL("./fixtures/unrelated-new-inquiry.eml", import.meta.url), "utf8");
const received = Date.parse("2025-03-05T21:00:00Z"); // the fixture's Date header
const H = 3_600_000;

test("an inquiry unanswered for X hours gets one reply_needed task for the mailbox owner", async () => {
  const s = await seedOutreach(t.db, { workspaceId: t.a.workspaceId, userId: t.a.userId, emails: ["someone@else.example"] });
  await applyInbound(t.db, {
    workspaceId: t.a.workspaceId,
    mailboxId: s.mailboxId,
    providerId: "q1",
    raw: inquiry,
    now: received,
  });
  expect(await createInquiryReminders(t.db, received + 23 * H)).toEqual([]);
  const created = await createInquiryReminders(t.db, received + 25 * H);
  expect(created).toHaveLength(1);
  expect(await t.db.select().from(tasks)).toMatchObject([
    {
      kind: "reply_needed",
      ownerId: t.a.userId,
      title: "Reply to robert.king@kingsupply.com.au: Inquiry: stainless fittings for our Sydney plant",
    },
  ]);
  expect(await createInquiryReminders(t.db, received + 26 * H)).toEqual([]);
});

test("the workspace sets X (the 5-minute rule), and an answered inquiry gets no reminder", async () => {
  await t.db
    .update(workspaces)
    .set({ settings: { inquiryReminderHours: 5 / 60 } })
    .where(eq(workspaces.id, t.a.workspaceId));
  const s = await seedOutreach(t.db, {
    workspaceId: t.a.workspaceId,
    userId: t.a.userId,
    emails: ["robert.king@kingsupply.com.au"],
  });
  await applyInbound(t.db, {
    workspaceId: t.a.workspaceId,
    mailboxId: s.mailboxId,
    providerId: "q1",
    raw: inquiry,
    now: received,
  });
  expect(await createInquiryReminders(t.db, received + 4 * 60_000)).toEqual([]);
  // Someone answered (an email was sent to the contact after the inquiry arrived).
  await t.db.insert(timelineEvents).values({
    id: newId("ev"),
    workspaceId: t.a.workspaceId,
    contactId: s.people[0]!.contactId,
    type: "email_sent",
    actor: t.a.userId,
    occurredAt: received + 3 * 60_000,
  });
  expect(await createInquiryReminders(t.db, received + 6 * 60_000)).toEqual([]);
});

test("bounces, auto-replies and replies in our threads are no inquiries", async () => {
  const s = await seedOutreach(t.db, { workspaceId: t.a.workspaceId, userId: t.a.userId, emails: ["x@y.example"] });
  const dir = new URL("./fixtures/", import.meta.url);
  for (const f of ["bounce-qmail-hard.eml", "auto-es.eml", "unrelated-delivery-success.eml"]) {
    await applyInbound(t.db, {
      workspaceId: t.a.workspaceId,
      mailboxId: s.mailboxId,
      providerId: f,
      raw: readFileSync(new URL(f, dir)),
      now: received,
    });
  }
  expect(await createInquiryReminders(t.db, received + 100 * H)).toEqual([]);
});
