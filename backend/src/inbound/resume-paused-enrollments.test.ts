import { readFileSync } from "node:fs";
import { eq } from "drizzle-orm";
import { afterEach, beforeEach, expect, test } from "vitest";
import { enrollments, sendJobs } from "../db/schema";
import { seedOutreach } from "../testing/seed-outreach";
import { createTestApp, type TestApp } from "../testing/test-app";
import { applyInbound } from "./apply-inbound";
import { createHandoff } from "./create-handoff";
import { resumePausedEnrollments } from "./resume-paused-enrollments";

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(() => t.close());

const now = Date.parse("2025-03-04T12:00:00Z");

test("an out-of-office pause ends after paused_until and the next step is queued again, not before", async () => {
  const s = await seedOutreach(t.db, {
    workspaceId: t.a.workspaceId,
    userId: t.a.userId,
    emails: ["k.vogel@example-tools.de", "h@example-tools.de"],
    now,
  });
  const [klaus, other] = s.people;
  const raw = readFileSync(new URL("./fixtures/auto-exchange-oof-de.eml", import.meta.url), "utf8").replace(
    "<seq-de.1111@threadline-demo.com>",
    klaus!.messageId,
  );
  await applyInbound(t.db, { workspaceId: t.a.workspaceId, mailboxId: s.mailboxId, providerId: "oof", raw, now });
  // A hand-off pause is for a person to end, never resumed automatically.
  await t.db.transaction((tx) =>
    createHandoff(tx, {
      workspaceId: t.a.workspaceId,
      contactId: other!.contactId,
      enrollmentId: other!.enrollmentId,
      ownerId: null,
      reason: "test",
      evidence: null,
      dueAt: now,
      now,
      actor: "test",
    }),
  );
  const pausedUntil = (await t.db.select().from(enrollments).where(eq(enrollments.id, klaus!.enrollmentId)))[0]!.pausedUntil!;

  expect(await resumePausedEnrollments(t.db, pausedUntil - 1)).toEqual([]);
  expect(await resumePausedEnrollments(t.db, pausedUntil)).toEqual([klaus!.enrollmentId]);
  const e = (await t.db.select().from(enrollments).where(eq(enrollments.id, klaus!.enrollmentId)))[0]!;
  // paused_until stays as the floor the scheduler plans the next step from.
  expect({ state: e.state, pausedUntil: e.pausedUntil }).toEqual({ state: "active", pausedUntil });
  const next = (await t.db.select().from(sendJobs).where(eq(sendJobs.id, klaus!.nextJobId)))[0]!;
  expect(next.status).toBe("queued");
  expect(next.runAt).toBeGreaterThanOrEqual(pausedUntil);
  expect((await t.db.select().from(enrollments).where(eq(enrollments.id, other!.enrollmentId)))[0]!.state).toBe("paused");
});
