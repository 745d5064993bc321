import { and, desc, eq } from "drizzle-orm";
import type { Import } from "@threadline/shared/schemas";
import type { Db } from "../db/client";
import { imports } from "../db/schema";
import { notFound } from "../http/api-error";
import { importProgress } from "./import-progress";

type ImportRow = typeof imports.$inferSelect;
const iso = (ms: number) => new Date(ms).toISOString();

/** API shape of an import, with the live counters while it runs in this process. */
export function importToApi(row: ImportRow): Import {
  const live = importProgress.get(row.id);
  return {
    id: row.id,
    status: live?.status ?? row.status,
    fileName: row.fileName,
    mapping: row.mapping,
    rowsRead: live?.rowsRead ?? row.rowsRead,
    rowsWritten: live?.rowsWritten ?? row.rowsWritten,
    created: row.created,
    updated: row.updated,
    skipped: row.skipped,
    invalid: row.invalid,
    enrolled: row.enrolled,
    failure: row.failure,
    errorReportUrl: row.errorReport ? `/api/v1/imports/${row.id}/errors` : null,
    createdAt: iso(row.createdAt),
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
