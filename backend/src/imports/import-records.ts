import { and, desc, eq, inArray } from "drizzle-orm";
import type { Import } from "@threadline/shared/schemas";
import { importEta } from "@threadline/shared/domain/import-eta";
import type { Db } from "../db/client";
import { imports } from "../db/schema";
import { ApiError, notFound } from "../http/api-error";

type ImportRow = typeof imports.$inferSelect;
const iso = (ms: number) => new Date(ms).toISOString();

/** API shape of an import: its stored progress, with the rate and the time left as of `now`. */
export function importToApi(row: ImportRow, now = Date.now()): Import {
  const eta = importEta({
    status: row.status,
    startedAt: row.startedAt,
    finishedAt: row.finishedAt,
    rowsRead: row.rowsRead,
    bytesRead: row.bytesRead,
    totalBytes: row.totalBytes,
    now,
  });
  return {
    id: row.id,
    status: row.status,
    fileName: row.fileName,
    actorId: row.actorId,
    mapping: row.mapping,
    rowsRead: row.rowsRead,
    rowsWritten: row.rowsWritten,
    created: row.created,
    updated: row.updated,
    skipped: row.skipped,
    invalid: row.invalid,
    enrolled: row.enrolled,
    bytesRead: row.bytesRead,
    totalBytes: row.totalBytes,
    ...eta,
    cancelRequested: row.cancelRequested,
    failure: row.failure,
    errorReportUrl: row.errorReport ? `/api/v1/imports/${row.id}/errors` : null,
    createdAt: iso(row.createdAt),
    startedAt: row.startedAt === null ? null : iso(row.startedAt),
    finishedAt: row.finishedAt === null ? null : iso(row.finishedAt),
  };
}

export async function getImport(db: Db, workspaceId: string, id: string): Promise<ImportRow> {
  const [row] = await db
    .select()
    .from(imports)
    .where(and(eq(imports.workspaceId, workspaceId), eq(imports.id, id)))
    .limit(1);
  if (!row) throw notFound(`Import ${id}`);
  return row;
}

export async function listImports(db: Db, workspaceId: string): Promise<ImportRow[]> {
  return db.select().from(imports).where(eq(imports.workspaceId, workspaceId)).orderBy(desc(imports.createdAt)).limit(50);
}

/** Asks a queued or running import to stop; it rolls back at its next batch. A finished one is a 409. */
export async function cancelImport(db: Db, workspaceId: string, id: string): Promise<ImportRow> {
  const [row] = await db
    .update(imports)
    .set({ cancelRequested: true })
    .where(and(eq(imports.workspaceId, workspaceId), eq(imports.id, id), inArray(imports.status, ["queued", "running"])))
    .returning();
  if (row) return row;
  const existing = await getImport(db, workspaceId, id);
  if (existing.status === "rolling_back") return existing;
  throw new ApiError("conflict", `This import is ${existing.status} already; there is nothing to cancel.`);
}
