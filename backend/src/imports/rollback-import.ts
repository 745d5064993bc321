// Undoes an import from its journal (import_writes), newest entry first, in short transactions with a yield
// between them: contacts it created go with everything that hangs off them, contacts it updated get their
// before-image back, events it added to existing contacts go, and companies it created go unless a contact
// (added since by someone else) now belongs to them. Then the journal is gone and nothing of the import is left.
import { and, desc, eq, inArray, notExists, sql } from "drizzle-orm";
import { setImmediate as yieldToEventLoop } from "node:timers/promises";
import type { Db } from "../db/client";
import { companies, contacts, importWrites, imports, timelineEvents } from "../db/schema";
import { removeContactsRows } from "../repo/remove-contact-rows";

const UNDO_BATCH = 500;
const CLEAR_BATCH = 5000;

type ContactRow = typeof contacts.$inferSelect;

/** Rolls back every write of import `id` still in the journal. */
export async function rollbackImport(db: Db, workspaceId: string, id: string): Promise<void> {
  for (;;) {
    const done = await db.transaction(async (tx) => {
      const entries = await tx
        .select()
        .from(importWrites)
        .where(eq(importWrites.importId, id))
        .orderBy(desc(importWrites.seq))
        .limit(UNDO_BATCH);
      if (entries.length === 0) return true;
      const of = (kind: (typeof entries)[number]["kind"]) => entries.filter((e) => e.kind === kind);
      // Newest first: within one batch the contacts and events go before the companies they point at.
      for (const e of of("contact_updated")) {
        const before = e.before as Partial<ContactRow> | null;
        if (!before) continue;
        const { id: _id, workspaceId: _ws, email: _email, createdAt: _c, ...fields } = before;
        await tx
          .update(contacts)
          .set(fields)
          .where(and(eq(contacts.workspaceId, workspaceId), eq(contacts.id, e.targetId)));
      }
      const events = of("event_created").map((e) => e.targetId);
      if (events.length > 0)
        await tx
          .delete(timelineEvents)
          .where(and(eq(timelineEvents.workspaceId, workspaceId), inArray(timelineEvents.id, events)));
      const created = of("contact_created").map((e) => e.targetId);
      if (created.length > 0) await removeContactsRows(tx, workspaceId, created);
      const companyIds = of("company_created").map((e) => e.targetId);
      if (companyIds.length > 0)
        await tx.delete(companies).where(
          and(
            eq(companies.workspaceId, workspaceId),
            inArray(companies.id, companyIds),
            notExists(
              tx
                .select({ one: sql`1` })
                .from(contacts)
                .where(eq(contacts.companyId, companies.id)),
            ),
          ),
        );
      await tx.delete(importWrites).where(
        and(
          eq(importWrites.importId, id),
          inArray(
            importWrites.seq,
            entries.map((e) => e.seq),
          ),
        ),
      );
      return false;
    });
    if (done) return;
    await yieldToEventLoop();
  }
}

/** Drops the journal of an import that finished (its writes stay), a few thousand entries at a time. */
export async function clearImportJournal(db: Db, id: string): Promise<void> {
  for (;;) {
    const removed = await db
      .delete(importWrites)
      .where(
        inArray(
          importWrites.seq,
          db.select({ seq: importWrites.seq }).from(importWrites).where(eq(importWrites.importId, id)).limit(CLEAR_BATCH),
        ),
      )
      .returning({ seq: importWrites.seq });
    if (removed.length < CLEAR_BATCH) return;
    await yieldToEventLoop();
  }
}

/**
 * At start-up: an import left queued, running or rolling back by a stopped server is rolled back and marked
 * failed (its upload is gone); journals of finished imports are dropped.
 */
export async function recoverInterruptedImports(db: Db): Promise<number> {
  const stale = await db
    .select({ id: imports.id, workspaceId: imports.workspaceId })
    .from(imports)
    .where(sql`${imports.status} NOT IN ('done', 'failed', 'cancelled')`);
  for (const row of stale) {
    await rollbackImport(db, row.workspaceId, row.id);
    await db
      .update(imports)
      .set({
        status: "failed",
        failure: "The server stopped during this import; nothing from it was kept. Upload the file again.",
        created: 0,
        updated: 0,
        skipped: 0,
        rowsWritten: 0,
        finishedAt: Date.now(),
      })
      .where(eq(imports.id, row.id));
  }
  const leftovers = await db.selectDistinct({ id: importWrites.importId }).from(importWrites);
  for (const { id } of leftovers) await clearImportJournal(db, id);
  return stale.length;
}
