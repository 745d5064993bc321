// Out-of-office pauses end by themselves: an enrollment paused by an auto-reply becomes active again once
// paused_until has passed, and its next step is planned again (never earlier than paused_until; a step whose
// delay ran out during the absence goes out on the return day, in the send window).
import { and, eq, like, lte } from "drizzle-orm";
import type { Db } from "../db/client";
import { enrollments } from "../db/schema";
import { setEnrollmentStateInTx } from "../enrollments/set-enrollment-state";
import { scheduleNextStep } from "../scheduler/schedule-next-step";
import { INBOUND_ACTOR } from "./apply-inbound";

export async function resumePausedEnrollments(db: Db, now: number): Promise<string[]> {
  const due = await db
    .select({ id: enrollments.id, workspaceId: enrollments.workspaceId, pausedUntil: enrollments.pausedUntil })
    .from(enrollments)
    .where(and(eq(enrollments.state, "paused"), lte(enrollments.pausedUntil, now), like(enrollments.stateReason, "auto-reply%")))
    .limit(500);
  const resumed: string[] = [];
  for (const e of due) {
    const changed = await db.transaction(async (tx) => {
      // Re-check inside the write: a reply recorded meanwhile wins.
      const still = await tx
        .select({ id: enrollments.id })
        .from(enrollments)
        .where(and(eq(enrollments.id, e.id), eq(enrollments.state, "paused"), like(enrollments.stateReason, "auto-reply%")));
      if (!still[0]) return false;
      await setEnrollmentStateInTx(tx, {
        workspaceId: e.workspaceId,
        enrollmentId: e.id,
        state: "active",
        reason: "back from out-of-office",
        actor: INBOUND_ACTOR,
        now,
      });
      await scheduleNextStep(tx, { enrollmentId: e.id, now, actor: INBOUND_ACTOR });
      return true;
    });
    if (changed) resumed.push(e.id);
  }
  return resumed;
}
