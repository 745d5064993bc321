// Out-of-office pauses end by themselves: an enrollment paused by an auto-reply becomes active again once
// paused_until has passed, and its cancelled next step is queued again (never earlier than paused_until).
import { and, eq, inArray, like, lte, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { enrollments, sendJobs } from "../db/schema";
import { INBOUND_ACTOR } from "./apply-inbound";
import { setEnrollmentStateInTx } from "./enrollment-transitions";

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
        pausedUntil: null,
      });
      await tx
        .update(sendJobs)
        .set({ status: "queued", runAt: sql`MAX(${sendJobs.runAt}, ${e.pausedUntil ?? now})`, lastError: null })
        .where(
          and(
            eq(sendJobs.enrollmentId, e.id),
            inArray(sendJobs.status, ["cancelled"]),
            eq(sendJobs.lastError, "enrollment paused"),
          ),
        );
      return true;
    });
    if (changed) resumed.push(e.id);
  }
  return resumed;
}
