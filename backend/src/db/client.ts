import { createClient, type Client } from "@libsql/client";
import { drizzle, type LibSQLDatabase } from "drizzle-orm/libsql";
import { migrate } from "drizzle-orm/libsql/migrator";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { clientBatchReader, fileBatchReader, type BatchReader } from "./batch-reader";
import * as schema from "./schema";
import { serializeWrites } from "./serialize-writes";

export type Db = LibSQLDatabase<typeof schema> & { $client: Client };
export interface Database {
  db: Db;
  client: Client;
  /** The embedded database file's path; null for :memory: and libSQL servers. */
  filePath: string | null;
  close(): void;
}

const readers = new WeakMap<Db, BatchReader>();

/** The hot-path reader of a database opened by openDatabase (else a plain client batch). */
export function batchReaderOf(db: Db): BatchReader {
  let reader = readers.get(db);
  if (!reader) readers.set(db, (reader = clientBatchReader(db.$client)));
  return reader;
}

const migrationsFolder = new URL("../../drizzle", import.meta.url).pathname;

/**
 * Opens the database: a libSQL server when `url` is libsql:/http(s):/ws(s):, else an embedded file
 * (`dataDir/threadline.db`) or `:memory:`. Applies the committed migrations before returning.
 */
export async function openDatabase(opts: { url?: string; authToken?: string; dataDir?: string }): Promise<Database> {
  let url = opts.url;
  if (!url) {
    const dir = opts.dataDir ?? new URL("../../.data", import.meta.url).pathname;
    mkdirSync(dir, { recursive: true });
    url = `file:${join(dir, "threadline.db")}`;
  }
  const local = url.startsWith("file:") || url === ":memory:";
  // timeout = busy timeout (ms) for local files, so concurrent processes wait for the write lock.
  const opened = createClient({ url, authToken: opts.authToken, ...(local ? { timeout: 5000 } : {}) } as Parameters<
    typeof createClient
  >[0]);
  // An embedded database runs statements on this thread: writers take turns asynchronously (serialize-writes.ts).
  const client = local ? serializeWrites(opened, { readsBypass: url !== ":memory:" }) : opened;
  if (local && url !== ":memory:") {
    await client.execute("PRAGMA journal_mode = WAL");
    await client.execute("PRAGMA synchronous = NORMAL");
    await client.execute("PRAGMA busy_timeout = 5000");
  }
  await client.execute("PRAGMA foreign_keys = ON");
  const db = drizzle(client, { schema });
  await migrate(db, { migrationsFolder });
  // Opened after the migrations, so it sees the final schema.
  const reader = url.startsWith("file:") ? fileBatchReader(url.slice("file:".length)) : clientBatchReader(client);
  readers.set(db, reader);
  return {
    db,
    client,
    filePath: url.startsWith("file:") ? url.slice("file:".length) : null,
    close: () => {
      reader.close();
      client.close();
    },
  };
}
