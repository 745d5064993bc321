// The caller's console sessions: list them, end one, or sign out everywhere. Works with a token too (a host can
// end the console sessions of its user); ending rows here ends them at once (sessions live only in the database).
import { Hono } from "hono";
import { desc, eq, inArray } from "drizzle-orm";
import { idParamSchema, sessionListSchema, sessionsEndedSchema } from "@threadline/shared/schemas";
import type { Db } from "../db/client";
import { authSessions, authUsers } from "../db/schema";
import { notFound } from "../http/api-error";
import type { AppEnv } from "../http/app-env";
import type { Auth } from "../http/auth";
import { validate } from "../http/validate";
import type { RouteSpec } from "../openapi/route-spec";

const iso = (d: Date) => d.toISOString();

async function sessionsOf(db: Db, auth: Auth) {
  return db
    .select({ session: authSessions })
    .from(authSessions)
    .innerJoin(authUsers, eq(authUsers.id, authSessions.userId))
    .where(eq(authUsers.threadlineUserId, auth.userId))
    .orderBy(desc(authSessions.updatedAt));
}

export const sessionsRoutes = new Hono<AppEnv>()
  .get("/", async (c) => {
    const now = Date.now();
    const rows = (await sessionsOf(c.var.db, c.var.auth)).filter((r) => r.session.expiresAt.getTime() > now);
    const items = rows.map(({ session: s }) => ({
      id: s.id,
      createdAt: iso(s.createdAt),
      updatedAt: iso(s.updatedAt),
      expiresAt: iso(s.expiresAt),
      ipAddress: s.ipAddress,
      userAgent: s.userAgent,
      current: s.id === c.var.auth.sessionId,
    }));
    return c.json({ items }, 200);
  })
  // Sign out everywhere: every session of the caller, this one included.
  .delete("/", async (c) => {
    const ids = (await sessionsOf(c.var.db, c.var.auth)).map((r) => r.session.id);
    if (ids.length > 0) await c.var.db.delete(authSessions).where(inArray(authSessions.id, ids));
    return c.json({ ended: ids.length }, 200);
  })
  .delete("/:id", validate("param", idParamSchema), async (c) => {
    const id = c.req.valid("param").id;
    const mine = (await sessionsOf(c.var.db, c.var.auth)).some((r) => r.session.id === id);
    // Another user's session looks absent: its existence is not the caller's to know.
    if (!mine) throw notFound(`Session ${id}`);
    await c.var.db.delete(authSessions).where(eq(authSessions.id, id));
    return c.json({ ended: 1 }, 200);
  });

export const sessionsSpec: RouteSpec[] = [
  {
    method: "get",
    path: "/sessions",
    summary: "The caller's console sessions (browser, address, times); `current` marks the one making the request",
    responses: { 200: sessionListSchema },
  },
  {
    method: "delete",
    path: "/sessions",
    summary: "Sign out everywhere: ends every console session of the caller, this one included",
    responses: { 200: sessionsEndedSchema },
  },
  {
    method: "delete",
    path: "/sessions/{id}",
    summary: "End one of the caller's console sessions",
    params: idParamSchema,
    responses: { 200: sessionsEndedSchema },
    errors: [404],
  },
];
