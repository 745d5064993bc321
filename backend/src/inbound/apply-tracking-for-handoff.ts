// Hand-off on intent from opens and clicks. Registered on the tracking recorder's onRecorded(events); each
// counted event may create a handoff task for the owner, pause the enrollment and flag the contact hot.
import { and, eq, sql } from "drizzle-orm";
import { decideTrackingHandoff } from "@threadline/shared/domain/decide-tracking-handoff";
import { readInboundRules } from "@threadline/shared/schemas";
import type { Db } from "../db/client";
import { contacts, enrollments, sendJobs, sequences, trackingEvents } from "../db/schema";
import { createHandoff } from "./create-handoff";

/** The fields of a recorded tracking event the hand-off rules read (tracking's RecordedTrackingEvent has them). */
export interface TrackingEventForHandoff {
  workspaceId: string;
  /** Null for opens of a hand-written message (tracked_messages): no enrollment, so no hand-off rules. */
  enrollmentId: string | null;
  contactId: string;
  sendJobId: string;
  kind: "open" | "click";
  counted: boolean;
  buyingSignal: boolean;
  url: string | null;
  occurredAt: number;
}

export async function applyTrackingForHandoff(db: Db, events: TrackingEventForHandoff[], now = Date.now()): Promise<string[]> {
  const created: string[] = [];
  for (const ev of events) {
    const enrollmentId = ev.enrollmentId;
    if (!ev.counted || enrollmentId === null) continue;
    const id = await db.transaction(async (tx) => {
      const e = (
        await tx
          .select()
          .from(enrollments)
          .where(and(eq(enrollments.workspaceId, ev.workspaceId), eq(enrollments.id, enrollmentId)))
          .limit(1)
      )[0];
      if (!e) return null;
      const seq = (await tx.select().from(sequences).where(eq(sequences.id, e.sequenceId)).limit(1))[0];
      const rules = readInboundRules(seq?.settings).handoff;
      let humanOpens = 0;
      if (ev.kind === "open") {
        const row = await tx
          .select({ n: sql<number>`count(*)` })
          .from(trackingEvents)
          .innerJoin(sendJobs, eq(sendJobs.id, trackingEvents.sendJobId))
          .where(
            and(
              // Unary +: reached through the enrollment's sends (tracking_send), not the workspace's events.
              sql`+${trackingEvents.workspaceId} = ${ev.workspaceId}`,
              eq(sendJobs.enrollmentId, e.id),
              eq(trackingEvents.kind, "open"),
              eq(trackingEvents.label, "human"),
            ),
          );
        humanOpens = Number(row[0]?.n ?? 0);
      }
      const reason = decideTrackingHandoff({ event: ev, humanOpens, rules });
      if (!reason) return null;
      const contact = (
        await tx.select({ ownerId: contacts.ownerId }).from(contacts).where(eq(contacts.id, e.contactId)).limit(1)
      )[0];
      return createHandoff(tx, {
        workspaceId: ev.workspaceId,
        contactId: e.contactId,
        enrollmentId: e.id,
        ownerId: e.ownerId ?? contact?.ownerId ?? seq?.ownerId ?? null,
        reason,
        evidence: {
          kind: ev.kind,
          sendJobId: ev.sendJobId,
          url: ev.url,
          humanOpens: ev.kind === "open" ? humanOpens : undefined,
        },
        dueAt: now + rules.taskDueHours * 3_600_000,
        now,
        actor: "system:handoff",
      });
    });
    if (id) created.push(id);
  }
  return created;
}
