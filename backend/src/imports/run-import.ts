// CSV import of contacts in two passes, so a failed import leaves nothing half-written:
// 1. stream the file through csv-parse, validate every row, stage valid rows in import_rows (small batches);
// 2. write every staged row in ONE transaction (contacts, companies, timeline, rules), then drop the staging.
// The file is never held in memory whole; only a batch of rows and the (capped) error list are.
import { parse } from "csv-parse";
import { stringify } from "csv-stringify/sync";
import { and, asc, eq, gt, inArray, sql } from "drizzle-orm";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ContactWrite, ImportField, ImportOptions } from "@threadline/shared/schemas";
import { detectColumnMapping } from "@threadline/shared/domain/detect-column-mapping";
import { detectDelimiter } from "@threadline/shared/domain/detect-delimiter";
import { evaluateRules } from "@threadline/shared/domain/evaluate-rules";
import { importRowToContact } from "@threadline/shared/domain/import-row-to-contact";
import { isFreeMailDomain } from "@threadline/shared/domain/free-mail-domains";
import type { Db } from "../db/client";
import { noteKnownDomain } from "../card/known-domains";
import { bulkInsert } from "../db/bulk-insert";
import { newId } from "../db/new-id";
import { companies, contacts, importRows, imports, timelineEvents, users } from "../db/schema";
import { companyNameFromDomain, emailDomain } from "../repo/contacts";
import type { Tx } from "../repo/db-or-tx";
import { loadEvaluableRules } from "../repo/rules";
import { decodeCsvText, ImportFileError } from "./decode-csv-text";
import { importProgress, type ImportProgress } from "./import-progress";

export type ImportRow = typeof imports.$inferSelect;
export { ImportFileError };

const STAGE_BATCH = 500;
const WRITE_PAGE = 1000;
const MAX_REPORTED_ERRORS = 10_000;

interface RowError {
  line: number;
  email: string;
  field: string;
  message: string;
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
  /** After the write commits: enrol the imported contacts (created and updated) into options.sequenceId. */
  enroll?: (
    contacts: { id: string; email: string }[],
  ) => Promise<{ enrolled: number; problems: { contact: string; message: string }[] }>;
}

/** Creates the import record; run `runImport` with its id. */
export async function startImport(db: Db, input: { workspaceId: string; actorId: string | null; options: ImportOptions }) {
  const id = newId("im");
  const { mapping: _m, ...options } = input.options;
  await db.insert(imports).values({
    id,
    workspaceId: input.workspaceId,
    actorId: input.actorId,
    fileName: input.options.fileName ?? null,
    status: "validating",
    options,
  });
  importProgress.set(id, { status: "validating", bytesRead: 0, rowsRead: 0, rowsWritten: 0, totalRows: null });
  return id;
}

async function* prependFirstLine(chunks: AsyncGenerator<string>, onFirstLine: (line: string) => void): AsyncGenerator<string> {
  let buffered = "";
  let announced = false;
  for await (const chunk of chunks) {
    if (announced) {
      yield chunk;
      continue;
    }
    buffered += chunk;
    const nl = buffered.search(/\r?\n/);
    if (nl >= 0 || buffered.length > 64 * 1024) {
      onFirstLine(buffered.slice(0, nl >= 0 ? nl : buffered.length).replace(/^\uFEFF/, ""));
      announced = true;
      yield buffered;
    }
  }
  if (!announced) {
    onFirstLine(buffered.replace(/^\uFEFF/, ""));
    if (buffered) yield buffered;
  }
}

/** Pass 1: parse, map, validate, stage. Returns the applied mapping, counts and the row errors. */
async function stageRows(db: Db, id: string, input: RunImportInput, progress: ImportProgress) {
  const { options } = input;
  const text = decodeCsvText(input.source, {
    maxBytes: input.maxBytes,
    encoding: options.encoding,
    onBytes: (n) => {
      progress.bytesRead = n;
    },
  });
  let delimiter: string = options.delimiter ?? ",";
  const withFirstLine = prependFirstLine(text, (line) => {
    if (!options.delimiter) delimiter = detectDelimiter({ firstLine: line });
  });
  // The first chunk must be read before the parser is built, so the delimiter is known.
  const firstChunk = await withFirstLine.next();
  if (firstChunk.done || !firstChunk.value.trim()) throw new ImportFileError("bad_request", "The file is empty.");
  async function* all() {
    yield firstChunk.value as string;
    yield* withFirstLine;
  }
  const parser = parse({
    bom: true,
    delimiter,
    relax_column_count: true,
    skip_empty_lines: true,
    info: true,
    max_record_size: 1_000_000,
  });
  const piped = pipeline(Readable.from(all()), parser);
  piped.catch(() => undefined); // errors surface through the for-await below

  let headers: string[] | null = null;
  let mapping: Record<string, ImportField> = {};
  const errors: RowError[] = [];
  // email → CSV line, kept only when enrolling (to point enrolment refusals at their line).
  const lines: [string, number][] = [];
  let invalid = 0;
  let valid = 0;
  let batch: [string, number, string, string][] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    await bulkInsert(db, { table: "import_rows", columns: ["import_id", "row_number", "email", "data"], rows: batch });
    batch = [];
    await db.update(imports).set({ rowsRead: progress.rowsRead }).where(eq(imports.id, id));
  };
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      if (!headers) {
        headers = record.map((h) => h.trim());
        mapping = checkHeaders(headers, options, delimiter);
        continue;
      }
      progress.rowsRead++;
      const line = info.lines;
      if (record.length > headers.length && record.slice(headers.length).some((c) => c.trim() !== "")) {
        invalid++;
        if (errors.length < MAX_REPORTED_ERRORS)
          errors.push({
            line,
            email: "",
            field: "row",
            message: `has ${record.length} fields, the header has ${headers.length}`,
          });
        continue;
      }
      const cells: Record<string, string | undefined> = {};
      headers.forEach((h, i) => {
        if (!(h in cells)) cells[h] = record[i];
      });
      const result = importRowToContact({ record: cells, mapping, tags: options.tags, source: options.source ?? null });
      if (!result.ok) {
        invalid++;
        const emailHeader = Object.keys(mapping).find((h) => mapping[h] === "email");
        for (const e of result.errors)
          if (errors.length < MAX_REPORTED_ERRORS)
            errors.push({ line, email: (emailHeader && cells[emailHeader]) || "", field: e.field, message: e.message });
        continue;
      }
      valid++;
      if (input.enroll) lines.push([result.contact.email, line]);
      batch.push([id, line, result.contact.email, JSON.stringify({ contact: result.contact, company: result.company })]);
      if (batch.length >= STAGE_BATCH) {
        await flush();
        input.onProgress?.(progress);
      }
    }
  } catch (err) {
    if (err instanceof ImportFileError) throw err;
    const e = err as { code?: string; message?: string; lines?: number };
    if (e.code?.startsWith("CSV_")) {
      throw new ImportFileError(
        "bad_request",
        `The CSV cannot be read near line ${e.lines ?? "?"}: ${e.message ?? e.code}. Check for an unclosed quote or a wrong delimiter (used ${JSON.stringify(delimiter)}).`,
      );
    }
    throw err;
  }
  await flush();
  if (!headers) throw new ImportFileError("bad_request", "The file is empty.");
  if (progress.rowsRead === 0) throw new ImportFileError("bad_request", "The file has a header row but no data rows.");
  return { mapping, errors, invalid, valid, lines };
}

function checkHeaders(headers: string[], options: ImportOptions, delimiter: string): Record<string, ImportField> {
  const overrides = options.mapping ?? {};
  const missing = Object.keys(overrides).filter((h) => !headers.includes(h));
  if (missing.length > 0) {
    throw new ImportFileError(
      "bad_request",
      `The mapping names column(s) ${missing.map((m) => JSON.stringify(m)).join(", ")} that the file does not have. Its columns are: ${headers.map((h) => JSON.stringify(h)).join(", ")}.`,
    );
  }
  const mapping = detectColumnMapping({ headers, overrides });
  if (!Object.values(mapping).includes("email")) {
    const hint =
      headers.length === 1 && /[,;\t|]/.test(headers[0] ?? "")
        ? ` The header was read as one column with delimiter ${JSON.stringify(delimiter)}: the file probably uses another delimiter (pass delimiter=; or delimiter=, …).`
        : ` Map one with mapping={"<column>":"email"}.`;
    throw new ImportFileError(
      "bad_request",
      `No email column found. The columns are: ${headers.map((h) => JSON.stringify(h)).join(", ")}.${hint}`,
    );
  }
  return mapping;
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

interface StagedData {
  contact: ContactWrite;
  company: string | null;
}

/** Pass 2: everything staged, in one transaction. */
async function writeRows(db: Db, id: string, input: RunImportInput, progress: ImportProgress) {
  const { workspaceId, options } = input;
  return db.transaction(async (tx) => {
    const rules = await loadEvaluableRules(tx, workspaceId, "contact_created");
    const activeUsers = new Set(
      (
        await tx
          .select({ id: users.id })
          .from(users)
          .where(and(eq(users.workspaceId, workspaceId), eq(users.active, true)))
      ).map((u) => u.id),
    );
    const companyIds = new Map<string, string>();
    const handled = new Map<string, string>(); // email → contact id, for repeated emails in one file
    const counts = { created: 0, updated: 0, skipped: 0 };
    const newDomains: string[] = [];
    const imported: { id: string; email: string }[] = [];
    let after = 0;
    for (;;) {
      const page = await tx
        .select()
        .from(importRows)
        .where(and(eq(importRows.importId, id), gt(importRows.rowNumber, after)))
        .orderBy(asc(importRows.rowNumber))
        .limit(WRITE_PAGE);
      if (page.length === 0) break;
      after = page[page.length - 1]!.rowNumber;
      const emails = [...new Set(page.map((r) => r.email))];
      const existing = new Map(
        (
          await tx
            .select()
            .from(contacts)
            .where(and(eq(contacts.workspaceId, workspaceId), inArray(contacts.email, emails)))
        ).map((c) => [c.email, c]),
      );
      const fresh: { staged: StagedData; rowNumber: number }[] = [];
      for (const row of page) {
        const staged = row.data as unknown as StagedData;
        const known = existing.get(row.email);
        if (known || handled.has(row.email)) {
          if (options.mode === "skip") counts.skipped++;
          else {
            const contactId = known?.id ?? handled.get(row.email)!;
            await updateExisting(tx, workspaceId, contactId, staged.contact, input.actor);
            if (known && !handled.has(row.email)) imported.push({ id: contactId, email: row.email });
            handled.set(row.email, contactId);
            counts.updated++;
          }
          continue;
        }
        handled.set(row.email, "pending");
        fresh.push({ staged, rowNumber: row.rowNumber });
      }
      await ensureCompanies(
        tx,
        workspaceId,
        fresh.map((f) => f.staged),
        companyIds,
        newDomains,
      );
      const now = Date.now();
      const contactValues: (string | number | null)[][] = [];
      const eventValues: (string | number | null)[][] = [];
      for (const { staged } of fresh) {
        const c = staged.contact;
        const contactId = newId("ct");
        handled.set(c.email, contactId);
        imported.push({ id: contactId, email: c.email });
        const outcome = evaluateRules({ rules, subject: { email: c.email, country: c.country, language: c.language } });
        const tags = [...(c.tags ?? [])];
        for (const t of outcome.addTags) if (!tags.includes(t)) tags.push(t);
        const ownerId = outcome.ownerId && activeUsers.has(outcome.ownerId) ? outcome.ownerId : (c.ownerId ?? null);
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
          companyIds.get(emailDomain(c.email)) ?? null,
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
          input.actor,
          now,
          JSON.stringify({ source: c.source ?? null, importId: id }),
        ]);
      }
      await bulkInsert(tx, { table: "contacts", columns: contactColumns, rows: contactValues });
      await bulkInsert(tx, { table: "timeline_events", columns: eventColumns, rows: eventValues });
      counts.created += fresh.length;
      progress.rowsWritten += page.length;
      input.onProgress?.(progress);
    }
    return { counts, newDomains, imported };
  });
}

async function ensureCompanies(tx: Tx, workspaceId: string, rows: StagedData[], cache: Map<string, string>, created: string[]) {
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
    created.push(v.domain);
  }
}

/** mode=update: the row's non-empty fields win, tags are added, custom fields merged. */
async function updateExisting(tx: Tx, workspaceId: string, contactId: string, c: ContactWrite, actor: string) {
  const [before] = await tx
    .select()
    .from(contacts)
    .where(and(eq(contacts.workspaceId, workspaceId), eq(contacts.id, contactId)))
    .limit(1);
  if (!before) return;
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
    .where(and(eq(contacts.workspaceId, workspaceId), eq(contacts.id, contactId)));
  if (fields.stage && fields.stage !== before.stage) {
    await tx.insert(timelineEvents).values({
      id: newId("ev"),
      workspaceId,
      contactId,
      type: "stage_change",
      actor,
      occurredAt: now,
      payload: { from: before.stage, to: fields.stage },
    });
  }
}

function errorReportCsv(errors: RowError[], invalid: number): string | null {
  if (errors.length === 0) return null;
  const rows = errors.map((e) => [e.line, e.email, e.field, e.message]);
  if (invalid > errors.length) rows.push(["", "", "", `… and more: only the first ${errors.length} errors are listed`]);
  return stringify(rows, { header: true, columns: ["line", "email", "field", "message"], bom: true });
}

/**
 * Runs an import started with startImport. Never throws for a bad file: the import ends `failed` with a
 * message and nothing written; the caller reads the row. Other errors (database down) are rethrown.
 */
export async function runImport(db: Db, id: string, input: RunImportInput): Promise<ImportRow> {
  const progress = importProgress.get(id) ?? { status: "validating", bytesRead: 0, rowsRead: 0, rowsWritten: 0, totalRows: null };
  importProgress.set(id, progress);
  try {
    const staged = await stageRows(db, id, input, progress);
    progress.status = "writing";
    progress.totalRows = staged.valid;
    await db
      .update(imports)
      .set({ status: "writing", rowsRead: progress.rowsRead, mapping: staged.mapping, invalid: staged.invalid })
      .where(eq(imports.id, id));
    input.onProgress?.(progress);
    const { counts, newDomains, imported } = await writeRows(db, id, input, progress);
    // The card's look-alike check learns the new company domains without a reload.
    for (const domain of newDomains) noteKnownDomain(db, input.workspaceId, domain);
    let enrolled = 0;
    if (input.enroll && imported.length > 0) {
      // The contacts are in (committed); a refused enrolment is reported per contact, not a failed import.
      const lines = new Map(staged.lines);
      const outcome = await input.enroll(imported);
      enrolled = outcome.enrolled;
      for (const p of outcome.problems) {
        if (staged.errors.length >= MAX_REPORTED_ERRORS) break;
        staged.errors.push({ line: lines.get(p.contact) ?? 0, email: p.contact, field: "sequence", message: p.message });
      }
    }
    await db
      .update(imports)
      .set({
        status: "done",
        rowsWritten: progress.rowsWritten,
        ...counts,
        enrolled,
        errorReport: errorReportCsv(staged.errors, staged.invalid),
        finishedAt: Date.now(),
      })
      .where(eq(imports.id, id));
  } catch (err) {
    const message =
      err instanceof ImportFileError
        ? err.message
        : "The import failed on the server; nothing was written. Try again, and report it if it persists.";
    // The cause only (a failed multi-row insert would print thousands of parameters).
    if (!(err instanceof ImportFileError)) console.error("import failed", id, String((err as Error).cause ?? err).slice(0, 500));
    await db
      .update(imports)
      .set({ status: "failed", failure: message, created: 0, updated: 0, skipped: 0, rowsWritten: 0, finishedAt: Date.now() })
      .where(eq(imports.id, id));
  } finally {
    importProgress.delete(id);
    await db.run(sql`DELETE FROM import_rows WHERE import_id = ${id}`);
  }
  const [row] = await db.select().from(imports).where(eq(imports.id, id));
  return row!;
}
