// Online backup and restore of the embedded database. The backup is SQLite's VACUUM INTO on a connection of its own:
// one read transaction, so the copy is a consistent snapshot while the server keeps writing (a file copy of a live
// WAL database is not: the -wal file holds committed pages the main file does not). The restore replaces the file
// of a stopped server with a checked backup.
import { createClient } from "@libsql/client";
import { copyFileSync, existsSync, renameSync, rmSync } from "node:fs";

/** Every table's row count, by name: what a backup and its restore are compared by. */
export async function rowCounts(filePath: string): Promise<Record<string, number>> {
  const client = createClient({ url: `file:${filePath}` });
  try {
    const tables = await client.execute(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
    );
    const counts: Record<string, number> = {};
    for (const { name } of tables.rows) {
      const r = await client.execute(`SELECT count(*) AS n FROM "${String(name).replace(/"/g, '""')}"`);
      counts[String(name)] = Number(r.rows[0]!.n);
    }
    return counts;
  } finally {
    client.close();
  }
}

async function assertIntact(filePath: string) {
  const client = createClient({ url: `file:${filePath}` });
  try {
    const r = await client.execute("PRAGMA integrity_check");
    const verdict = String(r.rows[0]?.[0] ?? "");
    if (verdict !== "ok") throw new Error(`${filePath} failed SQLite's integrity check: ${verdict}`);
  } finally {
    client.close();
  }
}

/** Writes a consistent copy of the live database `source` to `target` (which must not exist yet). */
export async function backupDatabase(input: { source: string; target: string }): Promise<Record<string, number>> {
  if (existsSync(input.target)) throw new Error(`${input.target} already exists; choose a new file for the backup.`);
  const client = createClient({ url: `file:${input.source}` });
  try {
    // Waits for a writer's lock like the server does, instead of failing at once.
    await client.execute("PRAGMA busy_timeout = 5000");
    await client.execute({ sql: "VACUUM INTO ?", args: [input.target] });
  } finally {
    client.close();
  }
  await assertIntact(input.target);
  return rowCounts(input.target);
}

/**
 * Replaces the database file `target` with the backup (the server must be stopped): the backup is checked first,
 * copied beside the target and renamed over it; the old -wal/-shm files go, since they belong to the old file.
 */
export async function restoreDatabase(input: { backup: string; target: string }): Promise<Record<string, number>> {
  if (!existsSync(input.backup)) throw new Error(`${input.backup} does not exist.`);
  await assertIntact(input.backup);
  const staging = `${input.target}.restoring`;
  copyFileSync(input.backup, staging);
  for (const suffix of ["-wal", "-shm"]) rmSync(`${input.target}${suffix}`, { force: true });
  renameSync(staging, input.target);
  return rowCounts(input.target);
}
