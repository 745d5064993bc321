import { newId } from "../db/new-id";
import { tasks, timelineEvents } from "../db/schema";
import type { DbOrTx } from "../repo/suppressions";
import { findOpenTask } from "../repo/tasks";

export interface VerifySenderTaskInput {
  workspaceId: string;
  contactId: string;
  enrollmentId: string | null;
  ownerId: string | null;
  contactEmail: string;
  /** Who sent the challenge and what it said, so the owner can find it in the mailbox. */
  from: string | null;
  subject: string;
  service: string | null;
  inboundId: string;
  dueAt: number;
  now: number;
  actor: string;
}

/**
 * A challenge-response filter holds our mail until a person confirms the sender: one open `verify_sender` task
 * for the owner (per enrollment, or per contact without one), inside the caller's transaction.
 * Returns the task id, or null when one is already open.
 */
export async function createVerifySenderTask(tx: DbOrTx, input: VerifySenderTaskInput): Promise<string | null> {
  if (await findOpenTask(tx, { ...input, kind: "verify_sender" })) return null;
  const id = newId("tk");
  const title = `Confirm our sender for ${input.contactEmail}${input.service ? ` (${input.service})` : ""}`;
  const note =
    `${input.contactEmail}'s spam filter holds our mail until a person confirms the sender. Open the message` +
    ` from ${input.from ?? "the filter"} (“${input.subject}”) in the mailbox, follow its instructions` +
    `${input.enrollmentId ? ", then resume the sequence" : ""}. Nothing was suppressed: the address works.`;
  await tx.insert(tasks).values({
    id,
    workspaceId: input.workspaceId,
    ownerId: input.ownerId,
    contactId: input.contactId,
    enrollmentId: input.enrollmentId,
    kind: "verify_sender",
    title,
    note,
    dueAt: input.dueAt,
  });
  await tx.insert(timelineEvents).values({
    id: newId("ev"),
    workspaceId: input.workspaceId,
    contactId: input.contactId,
    type: "task_created",
    actor: input.actor,
    occurredAt: input.now,
    payload: { taskId: id, kind: "verify_sender", inboundId: input.inboundId, title },
  });
  return id;
}
