import { and, eq, inArray, sql } from "drizzle-orm";
import type { EnrollmentState } from "@threadline/shared/schemas";
import type { Db } from "../db/client";
import { newId } from "../db/new-id";
import { enrollments, sendJobs, tasks, timelineEvents } from "../db/schema";
import type { DbOrTx } from "../repo/suppressions";

const eventFor: Partial<Record<EnrollmentState, string>> = {
  paused: "sequence_paused",
  active: "sequence_resumed",
  stopped: "sequence_stopped",
  replied: "sequence_stopped",
  bounced: "sequence_stopped",
  unsubscribed: "sequence_stopped",
  failed: "sequence_stopped",
  finished: "sequence_finished",
};

/**
 * Changes an enrollment's state inside the caller's transaction. Leaving `active` cancels its queued and leased
 * send jobs in the same write, so a dispatcher that checks the state while marking a job `sending` (also in a
 * write transaction) sees it: a reply, stop or unsubscribe recorded first always wins. Jobs already `sending`
 * are in the provider's hands and are not touched. Stopping (not pausing) also skips the enrollment's open tasks.
 * Returns false when the enrollment does not exist or is already in that state.
 */
export async function setEnrollmentStateInTx(
  tx: DbOrTx,
  input: {
    workspaceId: string;
    enrollmentId: string;
    state: EnrollmentState;
    reason: string | null;
    actor: string;
    now?: number;
  },
): Promise<boolean> {
  const now = input.now ?? Date.now();
  const rows = await tx
    .select()
    .from(enrollments)
    .where(and(eq(enrollments.workspaceId, input.workspaceId), eq(enrollments.id, input.enrollmentId)))
    .limit(1);
  const e = rows[0];
  if (!e || e.state === input.state) return false;
  await tx
    .update(enrollments)
    .set({
      state: input.state,
      stateReason: input.reason,
      stateChangedAt: now,
      ...(input.state === "active" ? {} : { nextRunAt: null }),
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
      .set({ status: "skipped", completedAt: now })
      .where(and(eq(tasks.workspaceId, input.workspaceId), eq(tasks.enrollmentId, e.id), eq(tasks.status, "open")));
  }
  const type = eventFor[input.state];
  if (type) {
    await tx.insert(timelineEvents).values({
      id: newId("ev"),
      workspaceId: input.workspaceId,
      contactId: e.contactId,
      type,
      actor: input.actor,
      occurredAt: now,
      payload: { enrollmentId: e.id, sequenceId: e.sequenceId, state: input.state, reason: input.reason },
    });
  }
  return true;
}

/** setEnrollmentStateInTx in its own write transaction (BEGIN IMMEDIATE). */
export async function setEnrollmentState(db: Db, input: Parameters<typeof setEnrollmentStateInTx>[1]): Promise<boolean> {
  return db.transaction((tx) => setEnrollmentStateInTx(tx, input));
}

/**
 * For the inbound engine and the unsubscribe/suppression paths: a reply, hard bounce or unsubscribe from a contact
 * ends every active or paused enrollment of that contact (state replied / bounced / unsubscribed / stopped). Call it
 * inside a write transaction (db.transaction) together with whatever recorded the event, or use
 * `stopContactEnrollmentsNow`. Returns the ids of the enrollments changed.
 */
export async function stopContactEnrollments(
  tx: DbOrTx,
  input: { workspaceId: string; contactId: string; state: EnrollmentState; reason: string; actor: string; now?: number },
): Promise<string[]> {
  const ids = await tx
    .select({ id: enrollments.id })
    .from(enrollments)
    .where(
      and(
        eq(enrollments.workspaceId, input.workspaceId),
        eq(enrollments.contactId, input.contactId),
        sql`${enrollments.state} IN ('active', 'paused')`,
      ),
    );
  const changed: string[] = [];
  for (const { id } of ids) {
    if (await setEnrollmentStateInTx(tx, { ...input, enrollmentId: id })) changed.push(id);
  }
  return changed;
}

/** stopContactEnrollments in its own write transaction. */
export async function stopContactEnrollmentsNow(db: Db, input: Parameters<typeof stopContactEnrollments>[1]) {
  return db.transaction((tx) => stopContactEnrollments(tx, input));
}
