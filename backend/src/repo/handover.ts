// Rep handover: everything a leaving rep owns moves to a colleague in one transaction, with an audit entry.
import { and, count, eq, inArray } from "drizzle-orm";
import type { HandoverCounts, HandoverRequest, HandoverResult } from "@threadline/shared/schemas";
import type { Db } from "../db/client";
import { newId } from "../db/new-id";
import { auditLog, companies, contacts, enrollments, tasks, templates, users } from "../db/schema";
import { ApiError } from "../http/api-error";
import type { DbOrTx } from "./db-or-tx";

const runningStates = ["active", "paused"] as const;

async function loadUsers(db: DbOrTx, workspaceId: string, req: HandoverRequest) {
  const rows = await db
    .select()
    .from(users)
    .where(and(eq(users.workspaceId, workspaceId), inArray(users.id, [req.fromUserId, req.toUserId])));
  const from = rows.find((u) => u.id === req.fromUserId);
  const to = rows.find((u) => u.id === req.toUserId);
  const unknown = [!from && "fromUserId", !to && "toUserId"].filter((f): f is string => !!f);
  if (unknown.length > 0) {
    throw new ApiError("not_found", `No such user in this workspace: ${unknown.join(", ")}.`, {
      fields: unknown.map((path) => ({ path, message: "unknown user" })),
    });
  }
  if (!to!.active) throw new ApiError("bad_request", `toUserId: ${to!.name} is deactivated and cannot take over accounts.`);
  if (to!.role === "viewer") throw new ApiError("bad_request", `toUserId: ${to!.name} is a viewer and cannot own accounts.`);
  return { from: from!, to: to! };
}

async function countOwned(
  db: DbOrTx,
  workspaceId: string,
  fromId: string,
  includePrivateTemplates: boolean,
): Promise<HandoverCounts> {
  const n = async (q: Promise<{ n: number }[]>) => (await q)[0]?.n ?? 0;
  return {
    contacts: await n(
      db
        .select({ n: count() })
        .from(contacts)
        .where(and(eq(contacts.workspaceId, workspaceId), eq(contacts.ownerId, fromId))),
    ),
    companies: await n(
      db
        .select({ n: count() })
        .from(companies)
        .where(and(eq(companies.workspaceId, workspaceId), eq(companies.ownerId, fromId))),
    ),
    enrollments: await n(
      db
        .select({ n: count() })
        .from(enrollments)
        .where(
          and(
            eq(enrollments.workspaceId, workspaceId),
            eq(enrollments.ownerId, fromId),
            inArray(enrollments.state, runningStates),
          ),
        ),
    ),
    openTasks: await n(
      db
        .select({ n: count() })
        .from(tasks)
        .where(and(eq(tasks.workspaceId, workspaceId), eq(tasks.ownerId, fromId), eq(tasks.status, "open"))),
    ),
    privateTemplates: includePrivateTemplates
      ? await n(
          db
            .select({ n: count() })
            .from(templates)
            .where(
              and(eq(templates.workspaceId, workspaceId), eq(templates.ownerId, fromId), eq(templates.visibility, "private")),
            ),
        )
      : 0,
  };
}

const shape = (
  from: typeof users.$inferSelect,
  to: typeof users.$inferSelect,
  counts: HandoverCounts,
  applied: boolean,
  active = from.active,
): HandoverResult => ({
  from: { id: from.id, name: from.name, email: from.email, active },
  to: { id: to.id, name: to.name, email: to.email },
  counts,
  applied,
});

/** What would move, without moving it. */
export async function previewHandover(db: Db, workspaceId: string, req: HandoverRequest): Promise<HandoverResult> {
  const { from, to } = await loadUsers(db, workspaceId, req);
  return shape(from, to, await countOwned(db, workspaceId, from.id, req.includePrivateTemplates), false);
}

export async function applyHandover(
  db: Db,
  input: { workspaceId: string; actorId: string; req: HandoverRequest },
): Promise<HandoverResult> {
  const { workspaceId, req } = input;
  return db.transaction(async (tx) => {
    const { from, to } = await loadUsers(tx, workspaceId, req);
    const counts = await countOwned(tx, workspaceId, from.id, req.includePrivateTemplates);
    const now = Date.now();
    await tx
      .update(contacts)
      .set({ ownerId: to.id, updatedAt: now })
      .where(and(eq(contacts.workspaceId, workspaceId), eq(contacts.ownerId, from.id)));
    await tx
      .update(companies)
      .set({ ownerId: to.id, updatedAt: now })
      .where(and(eq(companies.workspaceId, workspaceId), eq(companies.ownerId, from.id)));
    await tx
      .update(enrollments)
      .set({ ownerId: to.id })
      .where(
        and(
          eq(enrollments.workspaceId, workspaceId),
          eq(enrollments.ownerId, from.id),
          inArray(enrollments.state, runningStates),
        ),
      );
    await tx
      .update(tasks)
      .set({ ownerId: to.id })
      .where(and(eq(tasks.workspaceId, workspaceId), eq(tasks.ownerId, from.id), eq(tasks.status, "open")));
    if (req.includePrivateTemplates) {
      await tx
        .update(templates)
        .set({ ownerId: to.id, updatedAt: now })
        .where(and(eq(templates.workspaceId, workspaceId), eq(templates.ownerId, from.id), eq(templates.visibility, "private")));
    }
    if (req.deactivateFromUser) {
      await tx
        .update(users)
        .set({ active: false })
        .where(and(eq(users.workspaceId, workspaceId), eq(users.id, from.id)));
    }
    await tx.insert(auditLog).values({
      id: newId("au"),
      workspaceId,
      actorId: input.actorId,
      action: "user.handover",
      target: from.id,
      details: {
        toUserId: to.id,
        ...counts,
        includePrivateTemplates: req.includePrivateTemplates,
        deactivated: req.deactivateFromUser,
      },
    });
    return shape(from, to, counts, true, req.deactivateFromUser ? false : from.active);
  });
}
