// Reads for the hot paths (auth, the card): several statements in one read transaction, answered in one round trip.
// Against a local file it uses its own read connection with cached prepared statements: @libsql/client prepares
// every statement anew on each call, which costs more than the indexed lookups themselves.
import type { Client, InValue } from "@libsql/client";
import Database from "libsql";

export interface ReadStatement {
  sql: string;
  args: InValue[];
}
export type ReadRow = Record<string, unknown>;

export interface BatchReader {
  read(statements: ReadStatement[]): Promise<ReadRow[][]>;
  close(): void;
}

/** Any libSQL target (server, Turso, :memory:): one client batch, one round trip. */
export function clientBatchReader(client: Client): BatchReader {
  return {
    async read(statements) {
      const results = await client.batch(statements, "deferred");
      return results.map((r) => r.rows as unknown as ReadRow[]);
    },
    close() {},
  };
}

type Statement = ReturnType<InstanceType<typeof Database>["prepare"]>;

/** A local database file: a read-only connection of its own, statements prepared once. */
export function fileBatchReader(path: string): BatchReader {
  const conn = new Database(path, { timeout: 5000 });
  // libsql's Database ignores a `readonly` option; query_only makes every write on this connection fail.
  conn.exec("PRAGMA query_only = ON");
  const cache = new Map<string, Statement>();
  const prepared = (sql: string) => {
    let s = cache.get(sql);
    if (!s) cache.set(sql, (s = conn.prepare(sql)));
    return s;
  };
  const begin = conn.prepare("BEGIN");
  const commit = conn.prepare("COMMIT");
  return {
    async read(statements) {
      // One snapshot for every statement (WAL readers never wait for writers).
      begin.run();
      try {
        return statements.map((s) => prepared(s.sql).all(s.args) as ReadRow[]);
      } finally {
        commit.run();
      }
    },
    close() {
      conn.close();
    },
  };
}
