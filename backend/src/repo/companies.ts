import { and, desc, eq, lt, sql, type SQL } from "drizzle-orm";
import type { Company } from "@threadline/shared/schemas";
import type { Db } from "../db/client";
import { companies } from "../db/schema";
import { notFound } from "../http/api-error";

export type CompanyRow = typeof companies.$inferSelect;

export const companyToApi = (row: CompanyRow): Company => ({
  id: row.id,
  domain: row.domain,
  name: row.name,
  country: row.country,
  ownerId: row.ownerId,
  createdAt: new Date(row.createdAt).toISOString(),
  updatedAt: new Date(row.updatedAt).toISOString(),
});

export async function getCompany(db: Db, workspaceId: string, id: string): Promise<CompanyRow> {
  const row = (
    await db
      .select()
      .from(companies)
      .where(and(eq(companies.workspaceId, workspaceId), eq(companies.id, id)))
      .limit(1)
  )[0];
  if (!row) throw notFound(`Company ${id}`);
  return row;
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (m) => `\\${m}`);

/** Newest first; `q` matches name or domain; cursor = last id of the previous page. */
export async function listCompanies(db: Db, workspaceId: string, f: { q?: string; limit: number; cursor?: string }) {
  const conds: SQL[] = [eq(companies.workspaceId, workspaceId)];
  if (f.cursor) conds.push(lt(companies.id, f.cursor));
  if (f.q) {
    const pattern = `%${escapeLike(f.q.toLowerCase())}%`;
    conds.push(sql`(lower(${companies.name}) LIKE ${pattern} ESCAPE '\\' OR ${companies.domain} LIKE ${pattern} ESCAPE '\\')`);
  }
  const rows = await db
    .select()
    .from(companies)
    .where(and(...conds))
    .orderBy(desc(companies.id))
    .limit(f.limit + 1);
  const more = rows.length > f.limit;
  const items = more ? rows.slice(0, f.limit) : rows;
  return { items, nextCursor: more ? (items[items.length - 1]?.id ?? null) : null };
}
