import { and, eq, inArray } from "drizzle-orm";
import { sendJobs } from "../db/schema";
import type { DbOrTx } from "../repo/suppressions";

export type SendJobRow = typeof sendJobs.$inferSelect;
export interface InboundMatch {
  job: SendJobRow;
  by: "message_id" | "thread" | "delivery_report";
}

/**
 * Finds which of our sends an inbound message answers: In-Reply-To/References against the Message-IDs we
 * stored, else the provider thread/conversation id, else (bounces) the original Message-ID inside the report.
 */
export async function matchInbound(
  tx: DbOrTx,
  input: { workspaceId: string; referencedIds: string[]; threadId: string | null; originalMessageId: string | null },
): Promise<InboundMatch | null> {
  const { workspaceId } = input;
  if (input.referencedIds.length > 0) {
    const rows = await tx
      .select()
      .from(sendJobs)
      .where(and(eq(sendJobs.workspaceId, workspaceId), inArray(sendJobs.messageId, input.referencedIds.slice(0, 100))));
    // In-Reply-To first, then References newest-first: the most specific message wins.
    for (const id of input.referencedIds) {
      const job = rows.find((r) => r.messageId === id);
      if (job) return { job, by: "message_id" };
    }
  }
  if (input.threadId) {
    const rows = await tx
      .select()
      .from(sendJobs)
      .where(and(eq(sendJobs.workspaceId, workspaceId), eq(sendJobs.providerThreadId, input.threadId)));
    const job = rows.sort((a, b) => (b.sentAt ?? 0) - (a.sentAt ?? 0))[0];
    if (job) return { job, by: "thread" };
  }
  if (input.originalMessageId) {
    const rows = await tx
      .select()
      .from(sendJobs)
      .where(and(eq(sendJobs.workspaceId, workspaceId), eq(sendJobs.messageId, input.originalMessageId)))
      .limit(1);
    if (rows[0]) return { job: rows[0], by: "delivery_report" };
  }
  return null;
}
