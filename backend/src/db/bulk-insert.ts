import type { InStatement } from "@libsql/client";
import type { DbOrTx } from "../repo/db-or-tx";

interface Executor {
  execute(stmt: InStatement): Promise<unknown>;
}

/**
 * The libSQL handle behind a drizzle db or transaction. drizzle keeps it on its session (`tx` inside a
 * transaction, else `client`); bulk writes go straight to it because building a 1000-row insert through
 * drizzle's query builder costs more than SQLite's work.
 */
function executorOf(db: DbOrTx): Executor {
  const session = (db as unknown as { session?: { tx?: Executor; client?: Executor } }).session;
  const exec = session?.tx ?? session?.client;
  if (!exec) throw new Error("bulkInsert: no libSQL client on this drizzle handle");
  return exec;
}

/** Multi-row INSERT of plain values (strings, numbers, null), chunked under SQLite's parameter limit. */
export async function bulkInsert(
  db: DbOrTx,
  input: {
    table: string;
    columns: readonly string[];
    rows: readonly (string | number | null)[][];
    onConflictDoNothing?: boolean;
  },
): Promise<void> {
  const { table, columns, rows } = input;
  if (rows.length === 0) return;
  const perChunk = Math.max(1, Math.floor(30_000 / columns.length));
  const exec = executorOf(db);
  const one = `(${columns.map(() => "?").join(",")})`;
  const head = `INSERT${input.onConflictDoNothing ? " OR IGNORE" : ""} INTO "${table}" (${columns.map((c) => `"${c}"`).join(",")}) VALUES `;
  for (let i = 0; i < rows.length; i += perChunk) {
    const chunk = rows.slice(i, i + perChunk);
    await exec.execute({ sql: head + Array(chunk.length).fill(one).join(","), args: chunk.flat() });
  }
}
