// The Contacts list: one filter → SQL translation shared by the list, its count, segments and bulk actions, and
// keyset pagination over each sort (a deep page costs what the first page costs).
import { and, asc, desc, eq, inArray, sql, type SQL } from "drizzle-orm";
import type { ContactFilter, ContactListItem, ContactListQuery, ContactSort } from "@threadline/shared/schemas";
import type { Db } from "../db/client";
import { companies, contacts, enrollments, timelineEvents } from "../db/schema";
import { ApiError } from "../http/api-error";
import { contactToApi, type ContactRow } from "./contacts";
import type { DbOrTx } from "./db-or-tx";
import { getSegmentFilter } from "./segments";

const DAY = 86_400_000;
const escapeLike = (s: string) => s.replace(/[\\%_]/g, (m) => `\\${m}`);

/**
 * The WHERE conditions of a filter, always starting with the workspace. "Last activity" is the latest timeline
 * event (mail, reply, note, stage change, sequence step); opens and clicks do not count, since machine opens would
 * make every contact look active.
 */
export function contactFilterWhere(workspaceId: string, f: ContactFilter, now = Date.now()): SQL[] {
  const conds: SQL[] = [eq(contacts.workspaceId, workspaceId)];
  if (f.stage) conds.push(eq(contacts.stage, f.stage));
  if (f.owner === "none") conds.push(sql`${contacts.ownerId} IS NULL`);
  else if (f.owner) conds.push(eq(contacts.ownerId, f.owner));
  if (f.country) conds.push(eq(contacts.country, f.country));
  if (f.emailStatus) conds.push(eq(contacts.emailStatus, f.emailStatus));
  if (f.tag) conds.push(sql`EXISTS (SELECT 1 FROM json_each(${contacts.tags}) WHERE value = ${f.tag})`);
  if (f.inSequence || f.sequenceId) {
    const inOne = sql`EXISTS (SELECT 1 FROM ${enrollments} WHERE ${enrollments.workspaceId} = ${workspaceId}
      AND ${enrollments.contactId} = ${contacts.id} AND ${enrollments.state} IN ('active', 'paused')
      ${f.sequenceId ? sql`AND ${enrollments.sequenceId} = ${f.sequenceId}` : sql``})`;
    conds.push(f.inSequence === "no" ? sql`NOT ${inOne}` : inOne);
  }
  const activeSince = (days: number) =>
    sql`EXISTS (SELECT 1 FROM ${timelineEvents} WHERE ${timelineEvents.workspaceId} = ${workspaceId}
      AND ${timelineEvents.contactId} = ${contacts.id} AND ${timelineEvents.occurredAt} >= ${now - days * DAY})`;
  if (f.activeWithinDays) conds.push(activeSince(f.activeWithinDays));
  if (f.inactiveForDays) conds.push(sql`NOT ${activeSince(f.inactiveForDays)}`);
  if (f.q) {
    const pattern = `%${escapeLike(f.q.toLowerCase())}%`;
    const like = (col: SQL | typeof contacts.email) => sql`lower(${col}) LIKE ${pattern} ESCAPE '\\'`;
    conds.push(
      sql`(${like(contacts.email)} OR ${like(sql`coalesce(${contacts.displayName}, '')`)}
        OR ${like(sql`coalesce(${contacts.firstName}, '') || ' ' || coalesce(${contacts.lastName}, '')`)}
        OR ${contacts.companyId} IN (SELECT ${companies.id} FROM ${companies} WHERE ${companies.workspaceId} = ${workspaceId}
          AND lower(${companies.name}) LIKE ${pattern} ESCAPE '\\'))`,
    );
  }
  return conds;
}

/** A filter with a segment's saved filter underneath (the explicit fields narrow or override it). */
export async function resolveFilter(
  db: DbOrTx,
  workspaceId: string,
  q: ContactFilter & { segment?: string | undefined },
): Promise<ContactFilter> {
  const { segment, ...explicit } = q;
  const defined = Object.fromEntries(Object.entries(explicit).filter(([, v]) => v !== undefined)) as ContactFilter;
  if (!segment) return defined;
  return { ...(await getSegmentFilter(db, workspaceId, segment)), ...defined };
}

/** The "name" sort: last name, first name, else the address (lower case). */
const sortName = sql<string>`lower(coalesce(nullif(trim(coalesce(${contacts.lastName}, '') || ' ' || coalesce(${contacts.firstName}, '')), ''), ${contacts.email}))`;

const sortKey: Record<ContactSort, SQL> = {
  created: sql`${contacts.id}`,
  updated: sql`${contacts.updatedAt}`,
  email: sql`${contacts.email}`,
  name: sortName,
};
const defaultOrder: Record<ContactSort, "asc" | "desc"> = { created: "desc", updated: "desc", email: "asc", name: "asc" };

type Key = [value: string | number, id: string];

const keyOf = (sort: ContactSort, r: ContactRow): Key => {
  if (sort === "updated") return [r.updatedAt, r.id];
  if (sort === "email") return [r.email, r.id];
  if (sort === "name") {
    const n = `${r.lastName ?? ""} ${r.firstName ?? ""}`.trim();
    return [(n || r.email).toLowerCase(), r.id];
  }
  return [r.id, r.id];
};

function encodeCursor(sort: ContactSort, order: "asc" | "desc", key: Key): string {
  if (sort === "created" && order === "desc") return key[1];
  return `k.${Buffer.from(JSON.stringify([sort, order, ...key])).toString("base64url")}`;
}

function decodeCursor(cursor: string, sort: ContactSort, order: "asc" | "desc"): Key {
  const bad = () =>
    new ApiError(
      "bad_request",
      "Invalid query: cursor: is not a cursor of this sort; pass the nextCursor of the previous page.",
      {
        fields: [{ path: "cursor", message: "is not a cursor of this sort" }],
      },
    );
  if (!cursor.startsWith("k.")) {
    if (sort === "created") return [cursor, cursor];
    throw bad();
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor.slice(2), "base64url").toString("utf8"));
  } catch {
    throw bad();
  }
  if (!Array.isArray(parsed) || parsed.length !== 4) throw bad();
  const [s, o, value, id] = parsed as unknown[];
  const valueOk = sort === "updated" ? Number.isSafeInteger(value) : typeof value === "string";
  if (s !== sort || o !== order || !valueOk || typeof id !== "string") throw bad();
  return [value as string | number, id];
}

/** One page of contacts in the asked order, with each row's company name and last activity. */
export async function listContactPage(db: Db, workspaceId: string, q: ContactListQuery) {
  const filter = await resolveFilter(db, workspaceId, q);
  const conds = contactFilterWhere(workspaceId, filter);
  const order = q.order ?? defaultOrder[q.sort];
  const key = sortKey[q.sort];
  const dir = order === "asc" ? asc : desc;
  if (q.cursor) {
    const [value, id] = decodeCursor(q.cursor, q.sort, order);
    const cmp = order === "asc" ? sql.raw(">") : sql.raw("<");
    conds.push(
      q.sort === "created" || q.sort === "email"
        ? sql`${key} ${cmp} ${value}`
        : sql`(${key}, ${contacts.id}) ${cmp} (${value}, ${id})`,
    );
  }
  const rows = await db
    .select()
    .from(contacts)
    .where(and(...conds))
    .orderBy(...(q.sort === "created" || q.sort === "email" ? [dir(key)] : [dir(key), dir(contacts.id)]))
    .limit(q.limit + 1);
  const more = rows.length > q.limit;
  const page = more ? rows.slice(0, q.limit) : rows;
  const last = page[page.length - 1];
  return {
    items: await withListColumns(db, workspaceId, page),
    nextCursor: more && last ? encodeCursor(q.sort, order, keyOf(q.sort, last)) : null,
  };
}

async function withListColumns(db: Db, workspaceId: string, rows: ContactRow[]): Promise<ContactListItem[]> {
  if (!rows.length) return [];
  const companyIds = [...new Set(rows.map((r) => r.companyId).filter((x): x is string => x !== null))];
  const names = companyIds.length
    ? await db
        .select({ id: companies.id, name: companies.name })
        .from(companies)
        .where(and(eq(companies.workspaceId, workspaceId), inArray(companies.id, companyIds)))
    : [];
  const activity = await db
    .select({ id: timelineEvents.contactId, at: sql<number>`max(${timelineEvents.occurredAt})` })
    .from(timelineEvents)
    .where(
      and(
        eq(timelineEvents.workspaceId, workspaceId),
        inArray(
          timelineEvents.contactId,
          rows.map((r) => r.id),
        ),
      ),
    )
    .groupBy(timelineEvents.contactId);
  const nameOf = new Map(names.map((n) => [n.id, n.name]));
  const lastOf = new Map(activity.map((a) => [a.id, Number(a.at)]));
  return rows.map((r) => {
    const at = lastOf.get(r.id);
    return {
      ...contactToApi(r),
      companyName: r.companyId ? (nameOf.get(r.companyId) ?? null) : null,
      lastActivityAt: at === undefined ? null : new Date(at).toISOString(),
    };
  });
}

export async function countContacts(db: DbOrTx, workspaceId: string, filter: ContactFilter): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)` })
    .from(contacts)
    .where(and(...contactFilterWhere(workspaceId, filter)));
  return Number(row?.n ?? 0);
}
