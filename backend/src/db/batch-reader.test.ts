import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { batchReaderOf, openDatabase, type Database } from "./client";

// A file database gets its own read connection with cached statements; it must see every committed write at once
// (a revoked token must stop working on the next request).
let dir: string;
let database: Database;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), "threadline-reader-"));
  database = await openDatabase({ dataDir: dir });
});
afterEach(() => {
  database.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("batch reader on a file database", () => {
  test("reads committed writes immediately, with the same statement reused", async () => {
    const reader = batchReaderOf(database.db);
    const stmt = { sql: "SELECT id, name FROM workspaces WHERE id = ?", args: ["ws_one"] };
    expect(await reader.read([stmt])).toEqual([[]]);
    await database.client.execute({ sql: "INSERT INTO workspaces (id, name) VALUES (?, ?)", args: ["ws_one", "One"] });
    expect(await reader.read([stmt])).toEqual([[{ id: "ws_one", name: "One" }]]);
    await database.client.execute({ sql: "UPDATE workspaces SET name = ? WHERE id = ?", args: ["Renamed", "ws_one"] });
    const [rows, count] = await reader.read([stmt, { sql: "SELECT count(*) AS n FROM workspaces", args: [] }]);
    expect(rows).toEqual([{ id: "ws_one", name: "Renamed" }]);
    expect(count).toEqual([{ n: 1 }]);
  });

  test("refuses writes (read-only connection) and reports SQL errors", async () => {
    const reader = batchReaderOf(database.db);
    await expect(reader.read([{ sql: "INSERT INTO workspaces (id, name) VALUES ('ws_x', 'x')", args: [] }])).rejects.toThrow();
    await expect(reader.read([{ sql: "SELECT nope FROM workspaces", args: [] }])).rejects.toThrow(/nope/);
    // Still usable afterwards.
    expect(await reader.read([{ sql: "SELECT 1 AS one", args: [] }])).toEqual([[{ one: 1 }]]);
  });
});
