import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "../db/client";
import { newId } from "../db/new-id";
import { outboxMessages } from "../db/schema";
import type { SendRequest, SendResult, Transport } from "./transport";

/**
 * The default transport on a fresh machine: stores each message's full RFC 5322 source (GET /api/v1/outbox).
 * A batch is one write transaction. The idempotency key is UNIQUE: a second attempt for the same step finds
 * the stored message instead of storing another.
 */
export function outboxTransport(db: Db): Transport {
  return {
    kind: "outbox",
    supportsListUnsubscribe: true,
    async sendMany(requests: SendRequest[]) {
      if (requests.length === 0) return [];
      return db.transaction(async (tx) => {
        const existing = await tx
          .select({ key: outboxMessages.idempotencyKey, messageId: outboxMessages.messageId, id: outboxMessages.id })
          .from(outboxMessages)
          .where(
            inArray(
              outboxMessages.idempotencyKey,
              requests.map((r) => r.idempotencyKey),
            ),
          );
        const byKey = new Map(existing.map((r) => [r.key, r]));
        const rows = requests
          .filter((r) => !byKey.has(r.idempotencyKey))
          .map((r) => ({
            id: newId("ob"),
            workspaceId: r.workspaceId,
            mailboxId: r.mailboxId,
            sendJobId: r.sendJobId,
            idempotencyKey: r.idempotencyKey,
            messageId: r.message.messageId,
            raw: r.message.raw.toString("utf8"),
          }));
        for (let i = 0; i < rows.length; i += 100) await tx.insert(outboxMessages).values(rows.slice(i, i + 100));
        const ids = new Map(rows.map((r) => [r.idempotencyKey, r.id]));
        return requests.map((r): SendResult => {
          const prior = byKey.get(r.idempotencyKey);
          if (prior)
            return { messageId: prior.messageId, providerMessageId: prior.id, providerThreadId: null, alreadySent: true };
          return { messageId: r.message.messageId, providerMessageId: ids.get(r.idempotencyKey) ?? null, providerThreadId: null };
        });
      });
    },
    async reconcile({ idempotencyKey }) {
      const row = (
        await db
          .select({ id: outboxMessages.id, messageId: outboxMessages.messageId })
          .from(outboxMessages)
          .where(and(eq(outboxMessages.idempotencyKey, idempotencyKey)))
          .limit(1)
      )[0];
      return row ? { found: { messageId: row.messageId, providerMessageId: row.id, providerThreadId: null } } : { absent: true };
    },
  };
}
