// Keyset-paged reads of one kind of workspace data, as flat records for CSV/JSON export.
import { and, asc, eq, gt } from "drizzle-orm";
import type { Db } from "../db/client";
import { companies, contacts, notes } from "../db/schema";
import { trackingTimelineColumns, trackingTimelineFrom } from "../repo/tracking-timeline-sql";

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

// Each kind: its table and the millisecond columns written as ISO timestamps. workspace_id is never exported.
const sources = {
  contacts: { table: contacts, times: ["createdAt", "updatedAt"] },
  companies: { table: companies, times: ["createdAt", "updatedAt"] },
  notes: { table: notes, times: ["createdAt"] },
} as const;

// The timeline: timeline_events and the opens and clicks read from tracking_events, merged in id order.
const timelinePageSql = `SELECT * FROM (
    SELECT * FROM (SELECT id, contact_id, type, actor, occurred_at, payload FROM timeline_events
      WHERE workspace_id = ?1 AND id > ?2 ORDER BY id LIMIT ${PAGE})
    UNION ALL
    SELECT * FROM (SELECT ${trackingTimelineColumns} FROM ${trackingTimelineFrom}
      WHERE t.workspace_id = ?1 AND t.id > ?2 ORDER BY t.id LIMIT ${PAGE})
  ) ORDER BY id LIMIT ${PAGE}`;

async function* timelineRows(db: Db, workspaceId: string): AsyncGenerator<Record<string, unknown>[]> {
  let after = "";
  for (;;) {
    const rs = await db.$client.execute({ sql: timelinePageSql, args: [workspaceId, after] });
    if (rs.rows.length === 0) return;
    yield rs.rows.map((r) => ({
      id: String(r.id),
      contactId: String(r.contact_id),
      type: String(r.type),
      actor: String(r.actor),
      occurredAt: iso(Number(r.occurred_at)),
      payload: JSON.parse(String(r.payload)) as unknown,
    }));
    if (rs.rows.length < PAGE) return;
    after = String(rs.rows.at(-1)!.id);
  }
}

/** Pages of records (objects keyed by exportColumns[kind]); nested values (tags, payload) stay structured. */
export async function* exportRows(db: Db, workspaceId: string, kind: ExportKind): AsyncGenerator<Record<string, unknown>[]> {
  if (kind === "timeline") {
    yield* timelineRows(db, workspaceId);
    return;
  }
  const { table, times } = sources[kind];
  let after = "";
  for (;;) {
    const rows: Record<string, unknown>[] = await db
      .select()
      .from(table)
      .where(and(eq(table.workspaceId, workspaceId), gt(table.id, after)))
      .orderBy(asc(table.id))
      .limit(PAGE);
    const lastId = rows.at(-1)?.id as string | undefined;
    if (!lastId) return;
    yield rows.map(({ workspaceId: _w, ...r }) => {
      for (const t of times) r[t] = iso(r[t] as number);
      return r;
    });
    if (rows.length < PAGE) return;
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
