// Segments: saved contact filters, shared by the workspace.
import { and, asc, eq } from "drizzle-orm";
import { contactFilterSchema, type ContactFilter, type Segment } from "@threadline/shared/schemas";
import type { Db } from "../db/client";
import { newId } from "../db/new-id";
import { segments } from "../db/schema";
import { ApiError, notFound } from "../http/api-error";
import type { DbOrTx } from "./db-or-tx";

type SegmentRow = typeof segments.$inferSelect;

export function segmentToApi(row: SegmentRow): Segment {
  return {
    id: row.id,
    name: row.name,
    // Parsed at the edge: a filter saved by an older version with a field since removed is dropped, not trusted.
    filter: contactFilterSchema.strip().parse(row.filter),
    createdBy: row.createdBy,
    createdAt: new Date(row.createdAt).toISOString(),
    updatedAt: new Date(row.updatedAt).toISOString(),
  };
}

async function findSegment(db: DbOrTx, workspaceId: string, id: string) {
  const [row] = await db
    .select()
    .from(segments)
    .where(and(eq(segments.workspaceId, workspaceId), eq(segments.id, id)))
    .limit(1);
  if (!row) throw notFound(`Segment ${id}`);
  return row;
}

export async function getSegmentFilter(db: DbOrTx, workspaceId: string, id: string): Promise<ContactFilter> {
  return segmentToApi(await findSegment(db, workspaceId, id)).filter;
}

export async function listSegments(db: Db, workspaceId: string) {
  const rows = await db.select().from(segments).where(eq(segments.workspaceId, workspaceId)).orderBy(asc(segments.name));
  return rows.map(segmentToApi);
}

async function assertNameFree(db: DbOrTx, workspaceId: string, name: string, except?: string) {
  const [clash] = await db
    .select({ id: segments.id })
    .from(segments)
    .where(and(eq(segments.workspaceId, workspaceId), eq(segments.name, name)))
    .limit(1);
  if (clash && clash.id !== except)
    throw new ApiError("conflict", `A segment named "${name}" already exists; pick another name or update that one.`, {
      fields: [{ path: "name", message: "already used by another segment" }],
    });
}

export async function createSegment(
  db: Db,
  input: { workspaceId: string; actor: string; name: string; filter: ContactFilter },
): Promise<Segment> {
  return db.transaction(async (tx) => {
    await assertNameFree(tx, input.workspaceId, input.name);
    const id = newId("sg");
    await tx.insert(segments).values({
      id,
      workspaceId: input.workspaceId,
      name: input.name,
      filter: input.filter,
      createdBy: input.actor,
    });
    return segmentToApi(await findSegment(tx, input.workspaceId, id));
  });
}

export async function updateSegment(
  db: Db,
  input: { workspaceId: string; id: string; name?: string | undefined; filter?: ContactFilter | undefined },
): Promise<Segment> {
  return db.transaction(async (tx) => {
    await findSegment(tx, input.workspaceId, input.id);
    if (input.name !== undefined) await assertNameFree(tx, input.workspaceId, input.name, input.id);
    await tx
      .update(segments)
      .set({
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.filter !== undefined ? { filter: input.filter } : {}),
        updatedAt: Date.now(),
      })
      .where(and(eq(segments.workspaceId, input.workspaceId), eq(segments.id, input.id)));
    return segmentToApi(await findSegment(tx, input.workspaceId, input.id));
  });
}

export async function deleteSegment(db: Db, workspaceId: string, id: string) {
  await findSegment(db, workspaceId, id);
  await db.delete(segments).where(and(eq(segments.workspaceId, workspaceId), eq(segments.id, id)));
}
