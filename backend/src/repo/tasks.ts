import { and, asc, eq, sql, type SQL } from "drizzle-orm";
import type { Task } from "@threadline/shared/schemas";
import type { Db } from "../db/client";
import { newId } from "../db/new-id";
import { contacts, tasks, timelineEvents, users } from "../db/schema";
import { ApiError, notFound } from "../http/api-error";
import { completeSequenceTask } from "./enrollments";
import type { Auth } from "../http/auth";
import type { DbOrTx } from "./db-or-tx";

export type TaskRow = typeof tasks.$inferSelect;

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
/** When a task is due now: its snooze, if later than the due date. */
const effectiveDue = (r: Pick<TaskRow, "dueAt" | "snoozedUntil">) => Math.max(r.dueAt, r.snoozedUntil ?? 0);

export function taskToApi(r: TaskRow, now = Date.now()): Task {
  return {
    id: r.id,
    ownerId: r.ownerId,
    contactId: r.contactId,
    enrollmentId: r.enrollmentId,
    kind: r.kind,
    title: r.title,
    note: r.note,
    dueAt: iso(r.dueAt)!,
    status: r.status,
    snoozedUntil: iso(r.snoozedUntil),
    completedAt: iso(r.completedAt),
    overdue: r.status === "open" && effectiveDue(r) < now,
    createdAt: iso(r.createdAt)!,
  };
}

async function assertUserInWorkspace(db: Db, workspaceId: string, userId: string) {
  const found = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.workspaceId, workspaceId), eq(users.id, userId)))
    .limit(1);
  if (!found[0]) throw new ApiError("bad_request", "ownerId: no such user in this workspace.");
}

/** The open task of this kind for the contact (and enrollment, when given): automatic tasks are one at a time. */
export async function findOpenTask(
  tx: DbOrTx,
  q: { workspaceId: string; contactId: string; kind: TaskRow["kind"]; enrollmentId: string | null },
): Promise<string | null> {
  const open = await tx
    .select({ id: tasks.id })
    .from(tasks)
    .where(
      and(
        eq(tasks.workspaceId, q.workspaceId),
        eq(tasks.contactId, q.contactId),
        eq(tasks.kind, q.kind),
        eq(tasks.status, "open"),
        ...(q.enrollmentId ? [eq(tasks.enrollmentId, q.enrollmentId)] : []),
      ),
    )
    .limit(1);
  return open[0]?.id ?? null;
}

export async function getTask(db: Db, workspaceId: string, id: string): Promise<TaskRow> {
  const row = (
    await db
      .select()
      .from(tasks)
      .where(and(eq(tasks.workspaceId, workspaceId), eq(tasks.id, id)))
      .limit(1)
  )[0];
  if (!row) throw notFound("Task");
  return row;
}

/** Open tasks: overdue first (oldest first), then by due date. Other statuses: newest due first. */
export async function listTasks(
  db: Db,
  auth: Auth,
  q: { owner: string; status: "open" | "done" | "skipped" | "any"; contactId?: string; limit: number },
  now = Date.now(),
): Promise<TaskRow[]> {
  const where: SQL[] = [eq(tasks.workspaceId, auth.workspaceId)];
  if (q.owner === "me") where.push(eq(tasks.ownerId, auth.userId));
  else if (q.owner !== "all") where.push(eq(tasks.ownerId, q.owner));
  if (q.status !== "any") where.push(eq(tasks.status, q.status));
  if (q.contactId) where.push(eq(tasks.contactId, q.contactId));
  const due = sql`MAX(${tasks.dueAt}, COALESCE(${tasks.snoozedUntil}, 0))`;
  return db
    .select()
    .from(tasks)
    .where(and(...where))
    .orderBy(sql`(${tasks.status} = 'open' AND ${due} < ${now}) DESC`, asc(due), asc(tasks.id))
    .limit(q.limit);
}

export async function createTask(
  db: Db,
  auth: Auth,
  data: { title: string; kind: TaskRow["kind"]; note?: string; dueAt: string; contactId?: string; ownerId?: string },
  now = Date.now(),
): Promise<TaskRow> {
  const ownerId = data.ownerId ?? auth.userId;
  await assertUserInWorkspace(db, auth.workspaceId, ownerId);
  return db.transaction(async (tx) => {
    if (data.contactId) {
      const c = await tx
        .select({ id: contacts.id })
        .from(contacts)
        .where(and(eq(contacts.workspaceId, auth.workspaceId), eq(contacts.id, data.contactId)))
        .limit(1);
      if (!c[0]) throw notFound("Contact");
    }
    const row: typeof tasks.$inferInsert = {
      id: newId("tk"),
      workspaceId: auth.workspaceId,
      ownerId,
      contactId: data.contactId ?? null,
      kind: data.kind,
      title: data.title,
      note: data.note ?? null,
      dueAt: Date.parse(data.dueAt),
    };
    const [created] = await tx.insert(tasks).values(row).returning();
    if (data.contactId) {
      await tx.insert(timelineEvents).values({
        id: newId("ev"),
        workspaceId: auth.workspaceId,
        contactId: data.contactId,
        type: "task_created",
        actor: auth.userId,
        occurredAt: now,
        payload: { taskId: created!.id, kind: data.kind, title: data.title, dueAt: data.dueAt },
      });
    }
    return created!;
  });
}

export async function updateTask(
  db: Db,
  auth: Auth,
  id: string,
  data: { title?: string; note?: string | null; dueAt?: string; ownerId?: string },
): Promise<TaskRow> {
  await getTask(db, auth.workspaceId, id);
  if (data.ownerId) await assertUserInWorkspace(db, auth.workspaceId, data.ownerId);
  const [row] = await db
    .update(tasks)
    .set({
      ...(data.title !== undefined ? { title: data.title } : {}),
      ...(data.note !== undefined ? { note: data.note } : {}),
      // A new due date replaces any snooze.
      ...(data.dueAt !== undefined ? { dueAt: Date.parse(data.dueAt), snoozedUntil: null } : {}),
      ...(data.ownerId !== undefined ? { ownerId: data.ownerId } : {}),
    })
    .where(and(eq(tasks.workspaceId, auth.workspaceId), eq(tasks.id, id)))
    .returning();
  return row!;
}

/**
 * Marks a task done (idempotent) and writes task_completed on the contact's timeline. A sequence's task step
 * goes through the sequence (completeSequenceTask), so the enrollment moves on to its next step.
 */
export async function completeTask(db: Db, auth: Auth, id: string, now = Date.now()): Promise<TaskRow> {
  const current = await getTask(db, auth.workspaceId, id);
  if (current.status === "open" && current.enrollmentId && current.stepId) {
    await completeSequenceTask(db, auth, current.enrollmentId, id, "done");
    return getTask(db, auth.workspaceId, id);
  }
  return db.transaction(async (tx) => {
    const row = (
      await tx
        .select()
        .from(tasks)
        .where(and(eq(tasks.workspaceId, auth.workspaceId), eq(tasks.id, id)))
        .limit(1)
    )[0];
    if (!row) throw notFound("Task");
    if (row.status === "done") return row;
    if (row.status === "skipped")
      throw new ApiError("conflict", "This task was skipped (its sequence stopped); it cannot be completed.");
    const [done] = await tx.update(tasks).set({ status: "done", completedAt: now }).where(eq(tasks.id, id)).returning();
    if (row.contactId) {
      await tx.insert(timelineEvents).values({
        id: newId("ev"),
        workspaceId: auth.workspaceId,
        contactId: row.contactId,
        type: "task_completed",
        actor: auth.userId,
        occurredAt: now,
        payload: { taskId: id, kind: row.kind, title: row.title },
      });
    }
    return done!;
  });
}

export async function snoozeTask(db: Db, auth: Auth, id: string, until: string, now = Date.now()): Promise<TaskRow> {
  const row = await getTask(db, auth.workspaceId, id);
  if (row.status !== "open") throw new ApiError("conflict", `Only open tasks can be snoozed; this one is ${row.status}.`);
  const at = Date.parse(until);
  if (at <= now) throw new ApiError("bad_request", "until: must be in the future.");
  const [updated] = await db.update(tasks).set({ snoozedUntil: at }).where(eq(tasks.id, id)).returning();
  return updated!;
}
