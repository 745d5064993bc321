import { and, desc, eq, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { newId } from "../db/new-id";
import { suppressions } from "../db/schema";

type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
export type DbOrTx = Db | Tx;
export type SuppressionRow = typeof suppressions.$inferSelect;

export const domainOf = (email: string) => email.slice(email.lastIndexOf("@") + 1).toLowerCase();

/** The suppression that blocks this address (the address itself or its whole domain), if any. */
export async function findSuppression(db: DbOrTx, workspaceId: string, email: string): Promise<SuppressionRow | undefined> {
  const address = email.toLowerCase();
  const rows = await db
    .select()
    .from(suppressions)
    .where(
      and(
        eq(suppressions.workspaceId, workspaceId),
        sql`((${suppressions.kind} = 'address' AND ${suppressions.value} = ${address}) OR (${suppressions.kind} = 'domain' AND ${suppressions.value} = ${domainOf(address)}))`,
      ),
    )
    .limit(1);
  return rows[0];
}

/** Adds (idempotently) a suppression; returns the row, existing or new, and whether it was new. */
export async function addSuppression(
  db: DbOrTx,
  input: {
    workspaceId: string;
    kind: "address" | "domain";
    value: string;
    reason: SuppressionRow["reason"];
    note?: string | null;
  },
): Promise<{ row: SuppressionRow; created: boolean }> {
  const value = input.value.toLowerCase();
  const res = await db
    .insert(suppressions)
    .values({
      id: newId("sp"),
      workspaceId: input.workspaceId,
      kind: input.kind,
      value,
      reason: input.reason,
      note: input.note ?? null,
    })
    .onConflictDoNothing();
  const rows = await db
    .select()
    .from(suppressions)
    .where(and(eq(suppressions.workspaceId, input.workspaceId), eq(suppressions.kind, input.kind), eq(suppressions.value, value)))
    .limit(1);
  return { row: rows[0]!, created: res.rowsAffected > 0 };
}

export async function listSuppressions(db: Db, workspaceId: string) {
  return db.select().from(suppressions).where(eq(suppressions.workspaceId, workspaceId)).orderBy(desc(suppressions.createdAt));
}

export async function removeSuppression(db: Db, workspaceId: string, id: string): Promise<boolean> {
  const res = await db
    .delete(suppressions)
    .where(and(eq(suppressions.workspaceId, workspaceId), eq(suppressions.id, id)))
    .returning({ id: suppressions.id });
  return res.length > 0;
}

export const suppressionToApi = (r: SuppressionRow) => ({
  id: r.id,
  kind: r.kind,
  value: r.value,
  reason: r.reason,
  note: r.note,
  createdAt: new Date(r.createdAt).toISOString(),
});
