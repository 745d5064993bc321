import { Hono } from "hono";
import { and, desc, eq, lt } from "drizzle-orm";
import { z } from "zod";
import { cursorSchema, idSchema, limitSchema, outboxMessageSchema, page } from "@threadline/shared/schemas";
import { outboxMessages } from "../db/schema";
import type { AppEnv } from "../http/app-env";
import type { RouteSpec } from "../openapi/route-spec";
import { validate } from "../http/validate";

const query = z.object({ limit: limitSchema, cursor: cursorSchema.optional(), mailboxId: idSchema.optional() }).strict();

/** What the outbox transport "sent": full RFC 5322 source, newest first. */
export const outboxRoutes = new Hono<AppEnv>().get("/", validate("query", query), async (c) => {
  const q = c.req.valid("query");
  const conds = [eq(outboxMessages.workspaceId, c.var.auth.workspaceId)];
  if (q.cursor) conds.push(lt(outboxMessages.id, q.cursor));
  if (q.mailboxId) conds.push(eq(outboxMessages.mailboxId, q.mailboxId));
  const rows = await c.var.db
    .select()
    .from(outboxMessages)
    .where(and(...conds))
    .orderBy(desc(outboxMessages.id))
    .limit(q.limit + 1);
  const more = rows.length > q.limit;
  const items = (more ? rows.slice(0, q.limit) : rows).map((r) => ({
    id: r.id,
    mailboxId: r.mailboxId,
    sendJobId: r.sendJobId,
    idempotencyKey: r.idempotencyKey,
    messageId: r.messageId,
    raw: r.raw,
    createdAt: new Date(r.createdAt).toISOString(),
  }));
  return c.json({ items, nextCursor: more ? (items[items.length - 1]?.id ?? null) : null }, 200);
});

export const outboxSpec: RouteSpec[] = [
  {
    method: "get",
    path: "/outbox",
    summary: "What the outbox transport stored instead of sending: each message's full RFC 5322 source, newest first",
    query,
    responses: { 200: page(outboxMessageSchema) },
  },
];
