import { and, eq } from "drizzle-orm";
import { newId } from "../db/new-id";
import { contacts, enrollments, tasks, timelineEvents } from "../db/schema";
import { setEnrollmentStateInTx } from "../enrollments/set-enrollment-state";
import type { DbOrTx } from "../repo/suppressions";
import { findOpenTask } from "../repo/tasks";

export interface HandoffInput {
  workspaceId: string;
  contactId: string;
  enrollmentId: string | null;
  ownerId: string | null;
  /** "reply", "buying-signal click", "4 human opens" … */
  reason: string;
  evidence: unknown;
  dueAt: number;
  now: number;
  actor: string;
}

/**
 * Hands a contact over to a person, inside the caller's transaction: an open `handoff` task for the owner
 * (one per enrollment, or per contact without one), the enrollment paused if it is still running, and the
 * contact flagged hot. Returns the task id, or null when an open hand-off task already existed.
 */
export async function createHandoff(tx: DbOrTx, input: HandoffInput): Promise<string | null> {
  const open = await findOpenTask(tx, { ...input, kind: "handoff" });
  await tx
    .update(contacts)
    .set({ hot: true, updatedAt: input.now })
    .where(and(eq(contacts.workspaceId, input.workspaceId), eq(contacts.id, input.contactId)));
  if (input.enrollmentId) {
    const e = (
      await tx.select({ state: enrollments.state }).from(enrollments).where(eq(enrollments.id, input.enrollmentId)).limit(1)
    )[0];
    if (e?.state === "active") {
      await setEnrollmentStateInTx(tx, {
        workspaceId: input.workspaceId,
        enrollmentId: input.enrollmentId,
        state: "paused",
        reason: `handoff: ${input.reason}`,
        actor: input.actor,
        now: input.now,
      });
    }
  }
  if (open) return null;
  const id = newId("tk");
  await tx.insert(tasks).values({
    id,
    workspaceId: input.workspaceId,
    ownerId: input.ownerId,
    contactId: input.contactId,
    enrollmentId: input.enrollmentId,
    kind: "handoff",
    title: `Take over: ${input.reason}`,
    note: null,
    dueAt: input.dueAt,
  });
  await tx.insert(timelineEvents).values({
    id: newId("ev"),
    workspaceId: input.workspaceId,
    contactId: input.contactId,
    type: "handoff",
    actor: input.actor,
    occurredAt: input.now,
    payload: { taskId: id, enrollmentId: input.enrollmentId, reason: input.reason, evidence: input.evidence },
  });
  return id;
}
