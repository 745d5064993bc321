// Everything that hangs off one contact, deleted in the caller's transaction: its enrollments with their send
// jobs, tracked links and opens/clicks, its hand-written tracked messages, tasks, notes and timeline, then the
// contact. Used by DELETE /contacts/:id and by erasure (which also redacts copies of mail and suppresses the
// address). Refused while a message to the contact is being handed to its mailbox provider: deleting the send
// job then would leave a message sent with no record of it.
import { and, eq, inArray, sql } from "drizzle-orm";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";
import type { Db } from "../db/client";
import {
  contacts,
  enrollments,
  inboundMessages,
  notes,
  sendJobs,
  tasks,
  timelineEvents,
  trackedLinks,
  trackedMessages,
  trackingEvents,
} from "../db/schema";
import { ApiError } from "../http/api-error";

type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

export interface RemovedContactRows {
  /** The contact's send jobs (ids), for callers that redact what was sent. */
  jobIds: string[];
  notes: number;
  timelineEvents: number;
  trackingEvents: number;
  enrollments: number;
  sendJobs: number;
  trackedMessages: number;
  tasks: number;
}

export async function removeContactRows(tx: Tx, workspaceId: string, contactId: string): Promise<RemovedContactRows> {
  return removeContactsRows(tx, workspaceId, [contactId]);
}

/** The same for several contacts at once (an import's rollback), in as many statements as for one. */
export async function removeContactsRows(tx: Tx, workspaceId: string, contactIds: string[]): Promise<RemovedContactRows> {
  const ws = (col: SQLiteColumn) => eq(col, workspaceId);
  const ofContacts = (col: SQLiteColumn) => inArray(col, contactIds);
  const enrollmentIds = (
    await tx
      .select({ id: enrollments.id })
      .from(enrollments)
      .where(and(ws(enrollments.workspaceId), ofContacts(enrollments.contactId)))
  ).map((e) => e.id);
  const jobs =
    enrollmentIds.length === 0
      ? []
      : await tx
          .select({ id: sendJobs.id, status: sendJobs.status })
          .from(sendJobs)
          .where(and(ws(sendJobs.workspaceId), inArray(sendJobs.enrollmentId, enrollmentIds)));
  if (jobs.some((j) => j.status === "sending")) {
    throw new ApiError(
      "conflict",
      "A follow-up to this contact is being handed to the mailbox right now; nothing was changed. Try again in a minute.",
    );
  }
  const jobIds = jobs.map((j) => j.id);

  const removedTracking = await tx
    .delete(trackingEvents)
    .where(
      and(
        ws(trackingEvents.workspaceId),
        jobIds.length > 0
          ? sql`(${ofContacts(trackingEvents.contactId)} OR ${inArray(trackingEvents.sendJobId, jobIds)})`
          : ofContacts(trackingEvents.contactId),
      ),
    )
    .returning({ id: trackingEvents.id });
  if (jobIds.length > 0) {
    await tx.delete(trackedLinks).where(and(ws(trackedLinks.workspaceId), inArray(trackedLinks.sendJobId, jobIds)));
  }
  const removedJobs =
    jobIds.length === 0
      ? []
      : await tx
          .delete(sendJobs)
          .where(and(ws(sendJobs.workspaceId), inArray(sendJobs.id, jobIds)))
          .returning({ id: sendJobs.id });
  const removedTracked = await tx
    .delete(trackedMessages)
    .where(and(ws(trackedMessages.workspaceId), ofContacts(trackedMessages.contactId)))
    .returning({ id: trackedMessages.id });
  const removedTasks = await tx
    .delete(tasks)
    .where(and(ws(tasks.workspaceId), ofContacts(tasks.contactId)))
    .returning({ id: tasks.id });
  const removedEnrollments = await tx
    .delete(enrollments)
    .where(and(ws(enrollments.workspaceId), ofContacts(enrollments.contactId)))
    .returning({ id: enrollments.id });
  const removedNotes = await tx
    .delete(notes)
    .where(and(ws(notes.workspaceId), ofContacts(notes.contactId)))
    .returning({ id: notes.id });
  const removedEvents = await tx
    .delete(timelineEvents)
    .where(and(ws(timelineEvents.workspaceId), ofContacts(timelineEvents.contactId)))
    .returning({ id: timelineEvents.id });
  // Received mail stays (so it is not ingested again), no longer linked to a contact that is gone.
  await tx
    .update(inboundMessages)
    .set({ contactId: null })
    .where(and(ws(inboundMessages.workspaceId), ofContacts(inboundMessages.contactId)));
  await tx.delete(contacts).where(and(ws(contacts.workspaceId), ofContacts(contacts.id)));
  return {
    jobIds,
    notes: removedNotes.length,
    timelineEvents: removedEvents.length,
    trackingEvents: removedTracking.length,
    enrollments: removedEnrollments.length,
    sendJobs: removedJobs.length,
    trackedMessages: removedTracked.length,
    tasks: removedTasks.length,
  };
}
