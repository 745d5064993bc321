// A CSV import of contacts as a server-side job, in one streamed pass:
//   read → validate → every WRITE_BATCH valid rows, one short transaction (write-import-batch.ts) that also
//   journals what it wrote and stores the progress on the import's row → yield to the event loop → next batch.
// All-or-nothing stays: a file that turns out unreadable half-way, a failing write, a cancel (POST
// /imports/:id/cancel) or a server stopped mid-way rolls back every batch from the journal (rollback-import.ts);
// the import only counts once its row says `done`. Progress lives on the row, so any teammate, any process and a
// reloaded page read the same figures. One import runs at a time per process; the next waits `queued`.
import { stringify } from "csv-stringify/sync";
import { and, eq } from "drizzle-orm";
import { setImmediate as yieldToEventLoop } from "node:timers/promises";
import type { ImportOptions } from "@threadline/shared/schemas";
import type { Db } from "../db/client";
import { noteKnownDomain } from "../card/known-domains";
import { newId } from "../db/new-id";
import { imports, users } from "../db/schema";
import { loadEvaluableRules } from "../repo/rules";
import { ImportFileError } from "./decode-csv-text";
import { readCsvRows, type RowError } from "./read-csv-rows";
import { clearImportJournal, rollbackImport } from "./rollback-import";
import { writeImportBatch, type ImportContext, type StagedRow } from "./write-import-batch";

export type ImportRow = typeof imports.$inferSelect;
export { ImportFileError };

/** Valid rows per write transaction: a few milliseconds of the write lock each. */
const WRITE_BATCH = 500;
/** Rows read between two progress updates when there is nothing to write (a file of invalid rows). */
const PROGRESS_EVERY = 2000;
const MAX_REPORTED_ERRORS = 10_000;

export interface ImportProgress {
  status: ImportRow["status"];
  bytesRead: number;
  totalBytes: number | null;
  rowsRead: number;
  rowsWritten: number;
  invalid: number;
}

export interface RunImportInput {
  workspaceId: string;
  actorId: string | null;
  /** Timeline actor: the user id, or "system:cli". */
  actor: string;
  options: ImportOptions;
  source: AsyncIterable<Uint8Array>;
  maxBytes: number;
  onProgress?: (p: ImportProgress) => void;
  /** Once the import is done: enrol the imported contacts (created and updated) into options.sequenceId. */
  enroll?: (
    contacts: { id: string; email: string }[],
  ) => Promise<{ enrolled: number; problems: { contact: string; message: string }[] }>;
}

class ImportCancelled extends Error {}

/** Creates the import record (queued); run `runImport` with its id. */
export async function startImport(
  db: Db,
  input: { workspaceId: string; actorId: string | null; options: ImportOptions; totalBytes?: number | null },
) {
  const id = newId("im");
  const { mapping: _m, ...options } = input.options;
  await db.insert(imports).values({
    id,
    workspaceId: input.workspaceId,
    actorId: input.actorId,
    fileName: input.options.fileName ?? null,
    status: "queued",
    options,
    totalBytes: input.totalBytes ?? null,
  });
  return id;
}

// One import at a time per process: two imports of the same address would otherwise race on who creates it.
let turn: Promise<unknown> = Promise.resolve();

/**
 * Runs an import started with startImport, after the one before it. Never throws for a bad file, a cancel or
 * a failed write: the import ends `failed`/`cancelled` with nothing of it left; the caller reads the row.
 */
export function runImport(db: Db, id: string, input: RunImportInput): Promise<ImportRow> {
  const run = turn.then(() => runNow(db, id, input));
  turn = run.catch(() => undefined);
  return run;
}

function errorReportCsv(errors: RowError[], invalid: number): string | null {
  if (errors.length === 0) return null;
  const rows = errors.map((e) => [e.line, e.email, e.field, e.message]);
  if (invalid > errors.length) rows.push(["", "", "", `… and more: only the first ${errors.length} errors are listed`]);
  return stringify(rows, { header: true, columns: ["line", "email", "field", "message"], bom: true });
}

async function runNow(db: Db, id: string, input: RunImportInput): Promise<ImportRow> {
  const { workspaceId, options } = input;
  const [startRow] = await db.select().from(imports).where(eq(imports.id, id));
  const progress: ImportProgress = {
    status: "running",
    bytesRead: 0,
    totalBytes: startRow?.totalBytes ?? null,
    rowsRead: 0,
    rowsWritten: 0,
    invalid: 0,
  };
  const errors: RowError[] = [];
  const ctx: ImportContext = {
    importId: id,
    workspaceId,
    actor: input.actor,
    options,
    rules: [],
    activeUsers: new Set(),
    companyIds: new Map(),
    handled: new Map(),
    counts: { created: 0, updated: 0, skipped: 0 },
    imported: input.enroll ? [] : null,
    newDomains: [],
  };
  try {
    if (startRow?.cancelRequested) throw new ImportCancelled();
    await db.update(imports).set({ status: "running", startedAt: Date.now() }).where(eq(imports.id, id));
    input.onProgress?.(progress);
    ctx.rules = await loadEvaluableRules(db, workspaceId, "contact_created");
    ctx.activeUsers = new Set(
      (
        await db
          .select({ id: users.id })
          .from(users)
          .where(and(eq(users.workspaceId, workspaceId), eq(users.active, true)))
      ).map((u) => u.id),
    );
    let batch: StagedRow[] = [];
    let readAtLastFlush = 0;
    let mapping: Record<string, string> | null = null;
    const flush = async () => {
      const rows = batch;
      batch = [];
      readAtLastFlush = progress.rowsRead;
      const cancel = await db.transaction(async (tx) => {
        if (rows.length > 0) await writeImportBatch(tx, ctx, rows);
        progress.rowsWritten += rows.length;
        const [row] = await tx
          .update(imports)
          .set({
            rowsRead: progress.rowsRead,
            rowsWritten: progress.rowsWritten,
            bytesRead: progress.bytesRead,
            invalid: progress.invalid,
            ...ctx.counts,
            ...(mapping ? { mapping } : {}),
          })
          .where(eq(imports.id, id))
          .returning({ cancelRequested: imports.cancelRequested });
        return row?.cancelRequested ?? false;
      });
      mapping = null;
      input.onProgress?.(progress);
      if (cancel) throw new ImportCancelled();
      // Let every request that arrived meanwhile run before the next batch.
      await yieldToEventLoop();
    };
    const rows = readCsvRows({
      source: input.source,
      options,
      maxBytes: input.maxBytes,
      onBytes: (n) => (progress.bytesRead = n),
      onMapping: (m) => (mapping = m),
    });
    for await (const row of rows) {
      progress.rowsRead++;
      if (row.ok) batch.push({ line: row.line, contact: row.contact, company: row.company });
      else {
        progress.invalid++;
        for (const e of row.errors) if (errors.length < MAX_REPORTED_ERRORS) errors.push(e);
      }
      if (batch.length >= WRITE_BATCH || progress.rowsRead - readAtLastFlush >= PROGRESS_EVERY) await flush();
    }
    await flush();

    // The commit point: from here on the import's writes stay.
    const finishedAt = Date.now();
    await db
      .update(imports)
      .set({
        status: "done",
        rowsWritten: progress.rowsWritten,
        errorReport: errorReportCsv(errors, progress.invalid),
        finishedAt,
      })
      .where(eq(imports.id, id));
    progress.status = "done";
    input.onProgress?.(progress);
    await clearImportJournal(db, id);
    // The card's look-alike check learns the new company domains without a reload.
    for (const domain of ctx.newDomains) noteKnownDomain(db, workspaceId, domain);
    if (input.enroll && ctx.imported && ctx.imported.length > 0) {
      // The contacts are in; a refused enrolment is reported per contact, not a failed import.
      const lines = new Map(ctx.imported.map((c) => [c.email, c.line]));
      const outcome = await input.enroll(ctx.imported);
      for (const p of outcome.problems) {
        if (errors.length >= MAX_REPORTED_ERRORS) break;
        errors.push({ line: lines.get(p.contact) ?? 0, email: p.contact, field: "sequence", message: p.message });
      }
      await db
        .update(imports)
        .set({ enrolled: outcome.enrolled, errorReport: errorReportCsv(errors, progress.invalid) })
        .where(eq(imports.id, id));
    }
  } catch (err) {
    const cancelled = err instanceof ImportCancelled;
    const message = cancelled
      ? null
      : err instanceof ImportFileError
        ? err.message
        : "The import failed on the server; nothing was written. Try again, and report it if it persists.";
    // The cause only (a failed multi-row insert would print thousands of parameters).
    if (!cancelled && !(err instanceof ImportFileError))
      console.error("import failed", id, String((err as Error).cause ?? err).slice(0, 500));
    await db.update(imports).set({ status: "rolling_back" }).where(eq(imports.id, id));
    progress.status = "rolling_back";
    input.onProgress?.(progress);
    await rollbackImport(db, workspaceId, id);
    await db
      .update(imports)
      .set({
        status: cancelled ? "cancelled" : "failed",
        failure: message,
        created: 0,
        updated: 0,
        skipped: 0,
        rowsWritten: 0,
        finishedAt: Date.now(),
      })
      .where(eq(imports.id, id));
  }
  const [row] = await db.select().from(imports).where(eq(imports.id, id));
  return row!;
}
