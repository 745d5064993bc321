// "No reply within X hours of a new inbound inquiry" → a reply_needed task for the mailbox owner.
// An inquiry is a message from a person outside our threads (inbound_messages kind "unrelated", unmatched).
// It counts as answered when something was sent to that contact after it arrived (timeline email_sent /
// sequence_step_sent) or a person already has a reminder task for it.
import { and, eq, gt, gte, inArray, isNull, lte } from "drizzle-orm";
import { isMachineSender } from "@threadline/shared/domain/is-machine-sender";
import { inquiryReminderHoursSchema } from "@threadline/shared/schemas";
import type { Db } from "../db/client";
import { newId } from "../db/new-id";
import { inboundMessages, mailboxes, tasks, timelineEvents, workspaces } from "../db/schema";
import { INBOUND_ACTOR } from "./apply-inbound";

export async function createInquiryReminders(db: Db, now: number): Promise<string[]> {
  const created: string[] = [];
  const spaces = await db.select({ id: workspaces.id, settings: workspaces.settings }).from(workspaces);
  for (const ws of spaces) {
    const hours = inquiryReminderHoursSchema.safeParse(ws.settings.inquiryReminderHours ?? undefined);
    const cutoff = now - (hours.success ? hours.data : 24) * 3_600_000;
    const pending = await db
      .select({ m: inboundMessages, ownerId: mailboxes.userId })
      .from(inboundMessages)
      .innerJoin(mailboxes, eq(mailboxes.id, inboundMessages.mailboxId))
      .where(
        and(
          eq(inboundMessages.workspaceId, ws.id),
          eq(inboundMessages.kind, "unrelated"),
          isNull(inboundMessages.matchedSendJobId),
          lte(inboundMessages.receivedAt, cutoff),
          gt(inboundMessages.receivedAt, cutoff - 7 * 86_400_000),
        ),
      )
      .limit(200);
    for (const { m, ownerId } of pending) {
      if (!m.fromAddress || isMachineSender({ from: m.fromAddress })) continue;
      const title = `Reply to ${m.fromAddress}: ${m.subject ?? "(no subject)"}`.slice(0, 300);
      const id = await db.transaction(async (tx) => {
        const existing = await tx
          .select({ id: tasks.id })
          .from(tasks)
          .where(
            and(
              eq(tasks.workspaceId, ws.id),
              eq(tasks.kind, "reply_needed"),
              eq(tasks.title, title),
              gte(tasks.createdAt, m.receivedAt),
            ),
          )
          .limit(1);
        if (existing[0]) return null;
        if (m.contactId) {
          const answered = await tx
            .select({ id: timelineEvents.id })
            .from(timelineEvents)
            .where(
              and(
                eq(timelineEvents.workspaceId, ws.id),
                eq(timelineEvents.contactId, m.contactId),
                inArray(timelineEvents.type, ["email_sent", "sequence_step_sent"]),
                gt(timelineEvents.occurredAt, m.receivedAt),
              ),
            )
            .limit(1);
          if (answered[0]) return null;
        }
        const taskId = newId("tk");
        await tx.insert(tasks).values({
          id: taskId,
          workspaceId: ws.id,
          ownerId,
          contactId: m.contactId,
          kind: "reply_needed",
          title,
          note: `New inbound inquiry (${m.id}) unanswered since ${new Date(m.receivedAt).toISOString()}.`,
          dueAt: now,
        });
        if (m.contactId) {
          await tx.insert(timelineEvents).values({
            id: newId("ev"),
            workspaceId: ws.id,
            contactId: m.contactId,
            type: "task_created",
            actor: INBOUND_ACTOR,
            occurredAt: now,
            payload: { taskId, kind: "reply_needed", inboundId: m.id, title },
          });
        }
        return taskId;
      });
      if (id) created.push(id);
    }
  }
  return created;
}
