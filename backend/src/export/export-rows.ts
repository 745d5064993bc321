// Keyset-paged reads of one kind of workspace data, as flat records for CSV/JSON export.
import { and, asc, eq, gt } from "drizzle-orm";
import type { Db } from "../db/client";
import { companies, contacts, notes, timelineEvents } from "../db/schema";

export const exportKinds = ["contacts", "companies", "notes", "timeline"] as const;
export type ExportKind = (typeof exportKinds)[number];

type Cell = string | number | boolean | null;
const iso = (ms: number) => new Date(ms).toISOString();

export const exportColumns: Record<ExportKind, string[]> = {
  contacts: [
    "id",
    "email",
    "displayName",
    "firstName",
    "lastName",
    "title",
    "phone",
    "country",
    "timeZone",
    "language",
    "stage",
    "tags",
    "ownerId",
    "companyId",
    "source",
    "consentStatus",
    "emailStatus",
    "hot",
    "customFields",
    "createdAt",
    "updatedAt",
  ],
  companies: ["id", "domain", "name", "country", "ownerId", "createdAt", "updatedAt"],
  notes: ["id", "contactId", "authorId", "body", "createdAt"],
  timeline: ["id", "contactId", "type", "actor", "occurredAt", "payload"],
};

const PAGE = 1000;

/** Pages of records (objects keyed by exportColumns[kind]); nested values (tags, payload) stay structured. */
export async function* exportRows(db: Db, workspaceId: string, kind: ExportKind): AsyncGenerator<Record<string, unknown>[]> {
  let after = "";
  for (;;) {
    let page: Record<string, unknown>[];
    let lastId: string | undefined;
    if (kind === "contacts") {
      const rows = await db
        .select()
        .from(contacts)
        .where(and(eq(contacts.workspaceId, workspaceId), gt(contacts.id, after)))
        .orderBy(asc(contacts.id))
        .limit(PAGE);
      lastId = rows.at(-1)?.id;
      page = rows.map(({ workspaceId: _w, createdAt, updatedAt, ...r }) => ({
        ...r,
        createdAt: iso(createdAt),
        updatedAt: iso(updatedAt),
      }));
    } else if (kind === "companies") {
      const rows = await db
        .select()
        .from(companies)
        .where(and(eq(companies.workspaceId, workspaceId), gt(companies.id, after)))
        .orderBy(asc(companies.id))
        .limit(PAGE);
      lastId = rows.at(-1)?.id;
      page = rows.map(({ workspaceId: _w, createdAt, updatedAt, ...r }) => ({
        ...r,
        createdAt: iso(createdAt),
        updatedAt: iso(updatedAt),
      }));
    } else if (kind === "notes") {
      const rows = await db
        .select()
        .from(notes)
        .where(and(eq(notes.workspaceId, workspaceId), gt(notes.id, after)))
        .orderBy(asc(notes.id))
        .limit(PAGE);
      lastId = rows.at(-1)?.id;
      page = rows.map(({ workspaceId: _w, createdAt, ...r }) => ({ ...r, createdAt: iso(createdAt) }));
    } else {
      const rows = await db
        .select()
        .from(timelineEvents)
        .where(and(eq(timelineEvents.workspaceId, workspaceId), gt(timelineEvents.id, after)))
        .orderBy(asc(timelineEvents.id))
        .limit(PAGE);
      lastId = rows.at(-1)?.id;
      page = rows.map(({ workspaceId: _w, occurredAt, ...r }) => ({ ...r, occurredAt: iso(occurredAt) }));
    }
    if (!lastId) return;
    yield page;
    if (page.length < PAGE) return;
    after = lastId;
  }
}

// A cell starting with = + - @ (or tab/CR) is a formula to Excel/Sheets: prefix it with ' so it stays text.
// Plain numbers and phone numbers (+86 755 …) are left as they are.
function neutraliseFormula(v: string): string {
  if (/^[=+\-@\t\r]/.test(v) && !/^[+-]?[\d\s().-]+$/.test(v)) return `'${v}`;
  return v;
}

/** One export record as CSV cells: arrays joined with "; ", objects as JSON, formulas neutralised. */
export function toCsvCells(record: Record<string, unknown>, columns: string[]): Cell[] {
  return columns.map((col) => {
    const v = record[col];
    if (v === null || v === undefined) return null;
    if (Array.isArray(v)) return neutraliseFormula(v.join("; "));
    if (typeof v === "object") return JSON.stringify(v);
    if (typeof v === "string") return neutraliseFormula(v);
    return v as Cell;
  });
}
