// Enrollment state changes the inbound engine makes, inside the caller's write transaction.
// Leaving `active` cancels queued/leased send jobs in the same write, so a dispatcher that re-checks the
// state when it marks a job `sending` can never send a step after a reply was recorded.
import { and, eq, inArray } from "drizzle-orm";
import { newId } from "../db/new-id";
import { enrollments, sendJobs, tasks, timelineEvents } from "../db/schema";
import type { DbOrTx } from "./db-or-tx";

type State = (typeof enrollments.$inferSelect)["state"];

export async function setEnrollmentStateInTx(
  tx: DbOrTx,
  input: {
    workspaceId: string;
    enrollmentId: string;
    state: State;
    reason: string | null;
    actor: string;
    now: number;
    pausedUntil?: number | null;
  },
): Promise<boolean> {
  const e = (
    await tx
      .select()
      .from(enrollments)
      .where(and(eq(enrollments.workspaceId, input.workspaceId), eq(enrollments.id, input.enrollmentId)))
      .limit(1)
  )[0];
  if (!e || (e.state === input.state && input.pausedUntil === undefined)) return false;
  await tx
    .update(enrollments)
    .set({
      state: input.state,
      stateReason: input.reason,
      stateChangedAt: input.now,
      ...(input.state === "active" ? {} : { nextRunAt: null }),
      ...(input.pausedUntil !== undefined ? { pausedUntil: input.pausedUntil } : {}),
    })
    .where(eq(enrollments.id, e.id));
  if (input.state !== "active") {
    await tx
      .update(sendJobs)
      .set({ status: "cancelled", leaseOwner: null, leaseExpiresAt: null, lastError: `enrollment ${input.state}` })
      .where(and(eq(sendJobs.enrollmentId, e.id), inArray(sendJobs.status, ["queued", "leased"])));
  }
  if (input.state !== "active" && input.state !== "paused") {
    await tx
      .update(tasks)
      .set({ status: "skipped", completedAt: input.now })
      .where(
        and(
          eq(tasks.workspaceId, input.workspaceId),
          eq(tasks.enrollmentId, e.id),
          eq(tasks.status, "open"),
          inArray(tasks.kind, ["call", "linkedin", "custom"]),
        ),
      );
  }
  const type = input.state === "paused" ? "sequence_paused" : input.state === "active" ? "sequence_resumed" : "sequence_stopped";
  await tx.insert(timelineEvents).values({
    id: newId("ev"),
    workspaceId: input.workspaceId,
    contactId: e.contactId,
    type,
    actor: input.actor,
    occurredAt: input.now,
    payload: { enrollmentId: e.id, sequenceId: e.sequenceId, state: input.state, reason: input.reason },
  });
  return true;
}

/** Ends every active/paused enrollment of the given contacts; returns the ids changed. */
export async function stopEnrollmentsOfContacts(
  tx: DbOrTx,
  input: { workspaceId: string; contactIds: string[]; state: State; reason: string; actor: string; now: number; except?: string },
): Promise<string[]> {
  if (input.contactIds.length === 0) return [];
  const rows = await tx
    .select({ id: enrollments.id })
    .from(enrollments)
    .where(
      and(
        eq(enrollments.workspaceId, input.workspaceId),
        inArray(enrollments.contactId, input.contactIds),
        inArray(enrollments.state, ["active", "paused"]),
      ),
    );
  const changed: string[] = [];
  for (const { id } of rows) {
    if (id === input.except) continue;
    if (await setEnrollmentStateInTx(tx, { ...input, enrollmentId: id })) changed.push(id);
  }
  return changed;
}
