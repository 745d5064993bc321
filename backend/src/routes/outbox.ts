import { Hono } from "hono";
import { and, desc, eq, lt, type SQL } from "drizzle-orm";
import { z } from "zod";
import { cursorSchema, idSchema, limitSchema, outboxMessageSchema, page } from "@threadline/shared/schemas";
import { mailboxes, outboxMessages } from "../db/schema";
import type { AppEnv } from "../http/app-env";
import { requireWriter } from "../http/auth";
import type { RouteSpec } from "../openapi/route-spec";
import { validate } from "../http/validate";
import { redactSignedLinks } from "../sending/redact-signed-links";

const query = z.object({ limit: limitSchema, cursor: cursorSchema.optional(), mailboxId: idSchema.optional() }).strict();

/**
 * What the outbox transport "sent": full RFC 5322 source, newest first. Its signed links unsubscribe a recipient and
 * record opens and clicks, so only those who may act for every recipient (admins, the owner) read the source as
 * stored; a rep reads their own mailboxes' messages with the links redacted; viewers not at all.
 */
export const outboxRoutes = new Hono<AppEnv>().get("/", requireWriter, validate("query", query), async (c) => {
  const q = c.req.valid("query");
  const { auth } = c.var;
  const asStored = auth.role === "admin" || auth.role === "owner";
  const conds: SQL[] = [eq(outboxMessages.workspaceId, auth.workspaceId)];
  if (q.cursor) conds.push(lt(outboxMessages.id, q.cursor));
  if (q.mailboxId) conds.push(eq(outboxMessages.mailboxId, q.mailboxId));
  if (!asStored) conds.push(eq(mailboxes.userId, auth.userId));
  const rows = await c.var.db
    .select({ message: outboxMessages })
    .from(outboxMessages)
    .innerJoin(mailboxes, eq(mailboxes.id, outboxMessages.mailboxId))
    .where(and(...conds))
    .orderBy(desc(outboxMessages.id))
    .limit(q.limit + 1);
  const more = rows.length > q.limit;
  const items = await Promise.all(
    (more ? rows.slice(0, q.limit) : rows).map(async ({ message: r }) => ({
      id: r.id,
      mailboxId: r.mailboxId,
      sendJobId: r.sendJobId,
      idempotencyKey: r.idempotencyKey,
      messageId: r.messageId,
      raw: asStored ? r.raw : await redactSignedLinks(r.raw),
      createdAt: new Date(r.createdAt).toISOString(),
    })),
  );
  return c.json({ items, nextCursor: more ? (items[items.length - 1]?.id ?? null) : null }, 200);
});

export const outboxSpec: RouteSpec[] = [
  {
    method: "get",
    path: "/outbox",
    summary:
      "What the outbox transport stored instead of sending: each message's full RFC 5322 source, newest first. Admins: every message as stored; reps: their own mailboxes' messages with the signed unsubscribe, pixel and click links redacted",
    role: "rep",
    query,
    responses: { 200: page(outboxMessageSchema) },
    errors: [403],
  },
];
