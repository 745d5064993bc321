// One batch of an import's rows, written in ONE short transaction: look up the batch's emails, create the
// companies it needs, insert the new contacts and their contact_created events (multi-row inserts), update the
// existing ones (mode=update) and journal every write for the rollback (rollback-import.ts). A few hundred rows
// hold the write lock for milliseconds, so other requests' writes are never kept waiting long.
import { and, eq, inArray } from "drizzle-orm";
import type { ContactWrite, ImportOptions } from "@threadline/shared/schemas";
import { evaluateRules, type EvaluableRule } from "@threadline/shared/domain/evaluate-rules";
import { isFreeMailDomain } from "@threadline/shared/domain/free-mail-domains";
import { bulkInsert } from "../db/bulk-insert";
import { newId } from "../db/new-id";
import { companies, contacts, timelineEvents } from "../db/schema";
import { companyNameFromDomain, emailDomain } from "../repo/contacts";
import type { Tx } from "../repo/db-or-tx";

export interface StagedRow {
  line: number;
  contact: ContactWrite;
  company: string | null;
}

/** What the batches of one import share: rules, users, caches, counters. */
export interface ImportContext {
  importId: string;
  workspaceId: string;
  actor: string;
  options: ImportOptions;
  rules: EvaluableRule[];
  activeUsers: Set<string>;
  /** domain → company id, of the companies seen so far. */
  companyIds: Map<string, string>;
  /** email → contact id, of the contacts this import created or updated (repeats inside one file). */
  handled: Map<string, string>;
  counts: { created: number; updated: number; skipped: number };
  /** Kept only when enrolling afterwards: the created and updated contacts, with their CSV line. */
  imported: { id: string; email: string; line: number }[] | null;
  /** Company domains created (for the card's look-alike index once the import is done). */
  newDomains: string[];
}

interface Journal {
  importId: string;
  entries: (string | null)[][];
  newDomains: string[];
}

// Column order of the bulk inserts below (the schema's SQL names).
const contactColumns = [
  "id",
  "workspace_id",
  "email",
  "display_name",
  "first_name",
  "last_name",
  "title",
  "phone",
  "country",
  "time_zone",
  "language",
  "stage",
  "tags",
  "owner_id",
  "company_id",
  "source",
  "consent_status",
  "custom_fields",
  "created_at",
  "updated_at",
] as const;
const eventColumns = ["id", "workspace_id", "contact_id", "type", "actor", "occurred_at", "payload"] as const;

async function ensureCompanies(tx: Tx, workspaceId: string, rows: StagedRow[], cache: Map<string, string>, journal: Journal) {
  const names = new Map<string, string | null>();
  for (const r of rows) {
    const domain = emailDomain(r.contact.email);
    if (!cache.has(domain) && !isFreeMailDomain(domain) && !names.has(domain)) names.set(domain, r.company);
  }
  if (names.size === 0) return;
  const domains = [...names.keys()];
  const found = await tx
    .select({ id: companies.id, domain: companies.domain })
    .from(companies)
    .where(and(eq(companies.workspaceId, workspaceId), inArray(companies.domain, domains)));
  for (const f of found) cache.set(f.domain, f.id);
  const missing = domains.filter((d) => !cache.has(d));
  const values = missing.map((domain) => ({
    id: newId("co"),
    workspaceId,
    domain,
    name: names.get(domain)?.slice(0, 200) || companyNameFromDomain(domain),
  }));
  for (let i = 0; i < values.length; i += 500) await tx.insert(companies).values(values.slice(i, i + 500));
  for (const v of values) {
    cache.set(v.domain, v.id);
    journal.newDomains.push(v.domain);
    journal.entries.push([journal.importId, "company_created", v.id, null]);
  }
}

// The contact's columns an update may change, and their values before it (for the rollback).
type ContactRow = typeof contacts.$inferSelect;

/** mode=update: the row's non-empty fields win, tags are added, custom fields merged. */
async function updateExisting(tx: Tx, ctx: ImportContext, before: ContactRow, c: ContactWrite, journal: Journal) {
  const { email: _e, tags, customFields, ...fields } = c;
  const now = Date.now();
  await tx
    .update(contacts)
    .set({
      ...fields,
      tags: [...before.tags, ...(tags ?? []).filter((t) => !before.tags.includes(t))],
      customFields: { ...before.customFields, ...customFields },
      updatedAt: now,
    })
    .where(and(eq(contacts.workspaceId, ctx.workspaceId), eq(contacts.id, before.id)));
  if (fields.stage && fields.stage !== before.stage) {
    const eventId = newId("ev");
    await tx.insert(timelineEvents).values({
      id: eventId,
      workspaceId: ctx.workspaceId,
      contactId: before.id,
      type: "stage_change",
      actor: ctx.actor,
      occurredAt: now,
      payload: { from: before.stage, to: fields.stage },
    });
    journal.entries.push([ctx.importId, "event_created", eventId, null]);
  }
}

/** Writes one batch in the caller's transaction; updates ctx (counts, caches). */
export async function writeImportBatch(tx: Tx, ctx: ImportContext, batch: StagedRow[]): Promise<void> {
  const { workspaceId, options } = ctx;
  const journal: Journal = { importId: ctx.importId, entries: [], newDomains: ctx.newDomains };
  const emails = [...new Set(batch.map((r) => r.contact.email))];
  const existing = new Map(
    (
      await tx
        .select()
        .from(contacts)
        .where(and(eq(contacts.workspaceId, workspaceId), inArray(contacts.email, emails)))
    ).map((c) => [c.email, c]),
  );
  const fresh: StagedRow[] = [];
  const freshByEmail = new Map<string, StagedRow>();
  for (const row of batch) {
    const email = row.contact.email;
    const known = existing.get(email);
    const seen = ctx.handled.get(email);
    if (!known && !seen) {
      ctx.handled.set(email, "pending");
      fresh.push(row);
      freshByEmail.set(email, row);
      continue;
    }
    if (options.mode === "skip") {
      ctx.counts.skipped++;
      continue;
    }
    const pending = freshByEmail.get(email);
    if (pending) {
      // A repeat of a row of this batch that is not written yet: merged into it, as an update would be.
      const { tags, customFields, ...fields } = row.contact;
      pending.contact = {
        ...pending.contact,
        ...fields,
        tags: [...(pending.contact.tags ?? []), ...(tags ?? []).filter((t) => !pending.contact.tags?.includes(t))],
        customFields: { ...pending.contact.customFields, ...customFields },
      };
      ctx.counts.updated++;
      continue;
    }
    // known: a contact from before the import (journalled once), or one this import created or updated already.
    if (known) {
      if (!seen) {
        journal.entries.push([ctx.importId, "contact_updated", known.id, JSON.stringify(known)]);
        ctx.imported?.push({ id: known.id, email, line: row.line });
      }
      await updateExisting(tx, ctx, known, row.contact, journal);
      ctx.handled.set(email, known.id);
      ctx.counts.updated++;
    } else ctx.counts.skipped++;
  }
  await ensureCompanies(tx, workspaceId, fresh, ctx.companyIds, journal);
  const now = Date.now();
  const contactValues: (string | number | null)[][] = [];
  const eventValues: (string | number | null)[][] = [];
  for (const { contact: c, line } of fresh) {
    const contactId = newId("ct");
    ctx.handled.set(c.email, contactId);
    ctx.imported?.push({ id: contactId, email: c.email, line });
    journal.entries.push([ctx.importId, "contact_created", contactId, null]);
    const outcome = evaluateRules({ rules: ctx.rules, subject: { email: c.email, country: c.country, language: c.language } });
    const tags = [...(c.tags ?? [])];
    for (const t of outcome.addTags) if (!tags.includes(t)) tags.push(t);
    const ownerId = outcome.ownerId && ctx.activeUsers.has(outcome.ownerId) ? outcome.ownerId : (c.ownerId ?? null);
    contactValues.push([
      contactId,
      workspaceId,
      c.email,
      c.displayName ?? null,
      c.firstName ?? null,
      c.lastName ?? null,
      c.title ?? null,
      c.phone ?? null,
      c.country ?? null,
      c.timeZone ?? null,
      c.language ?? null,
      outcome.stage ?? c.stage ?? "lead",
      JSON.stringify(tags),
      ownerId,
      ctx.companyIds.get(emailDomain(c.email)) ?? null,
      c.source ?? null,
      c.consentStatus ?? "unknown",
      JSON.stringify(c.customFields ?? {}),
      now,
      now,
    ]);
    eventValues.push([
      newId("ev"),
      workspaceId,
      contactId,
      "contact_created",
      ctx.actor,
      now,
      JSON.stringify({ source: c.source ?? null, importId: ctx.importId }),
    ]);
  }
  // The journal first: a failure of any statement below rolls this whole batch back with it.
  await bulkInsert(tx, { table: "import_writes", columns: ["import_id", "kind", "target_id", "before"], rows: journal.entries });
  await bulkInsert(tx, { table: "contacts", columns: contactColumns, rows: contactValues });
  await bulkInsert(tx, { table: "timeline_events", columns: eventColumns, rows: eventValues });
  ctx.counts.created += fresh.length;
}
