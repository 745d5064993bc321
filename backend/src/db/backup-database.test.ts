// Backup under write load (issue 20): a worker thread commits pairs of rows in one transaction each while the
// backup runs; the copy is a consistent snapshot (no half transaction, integrity ok), and a restore gives exactly
// its row counts — and, once writes stop, exactly the live database's.
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import { afterEach, beforeEach, expect, test } from "vitest";
import { createWorkspaceWithOwner } from "../repo/workspaces";
import { backupDatabase, restoreDatabase, rowCounts } from "./backup-database";
import { openDatabase, type Database } from "./client";

let dir: string;
let database: Database;
let workspaceId: string;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), "threadline-backup-"));
  database = await openDatabase({ dataDir: dir });
  workspaceId = (await createWorkspaceWithOwner(database.db, { name: "W", ownerEmail: "o@w.example", ownerName: "O" }))
    .workspaceId;
});
afterEach(() => {
  database.close();
  rmSync(dir, { recursive: true, force: true });
});

// Plain libsql (the driver under @libsql/client), synchronous, in its own thread: real concurrent writes.
const writerSource = `
const { workerData, parentPort } = require("node:worker_threads");
const Database = require(workerData.libsql);
const db = new Database(workerData.file);
db.exec("PRAGMA busy_timeout = 5000");
const insert = db.prepare("INSERT INTO audit_log (id, workspace_id, action, target, details, created_at) VALUES (?, ?, 'load', ?, '{}', ?)");
let n = 0;
parentPort.on("message", () => { stop = true; });
let stop = false;
function batch() {
  for (let i = 0; i < 20 && !stop; i++) {
    db.exec("BEGIN IMMEDIATE");
    insert.run("au_a" + n, workerData.workspaceId, "t" + n, Date.now());
    insert.run("au_b" + n, workerData.workspaceId, "t" + n, Date.now());
    db.exec("COMMIT");
    n++;
  }
  if (stop) { db.close(); parentPort.postMessage(n); } else setImmediate(batch);
}
parentPort.postMessage("started");
batch();
`;

test("a backup taken while a writer commits is a consistent snapshot, and restores to identical row counts", async () => {
  const file = join(dir, "threadline.db");
  const worker = new Worker(writerSource, {
    eval: true,
    workerData: { file, workspaceId, libsql: createRequire(import.meta.url).resolve("libsql") },
  });
  const done = new Promise<number>((resolve, reject) => {
    worker.on("message", (m) => m !== "started" && resolve(m as number));
    worker.on("error", reject);
  });
  await new Promise<void>((r) => worker.once("message", () => r()));
  // Let some transactions land first, then back up twice while they keep coming (no timing is asserted).
  while (Number((await database.client.execute("SELECT count(*) AS n FROM audit_log WHERE action = 'load'")).rows[0]!.n) < 200) {
    await new Promise((r) => setImmediate(r));
  }
  const during = await backupDatabase({ source: file, target: join(dir, "during.db") });
  worker.postMessage("stop");
  const written = await done;

  // Consistent: every transaction is wholly in the copy or wholly not.
  const pairs = await rowCountsOfPairs(join(dir, "during.db"));
  expect(pairs.unpaired).toBe(0);
  expect(pairs.pairs).toBeGreaterThanOrEqual(100);
  expect(pairs.pairs).toBeLessThanOrEqual(written);

  // Restored into a fresh place: exactly the backup's counts.
  const restoredFile = join(dir, "restored", "threadline.db");
  mkdirSync(join(dir, "restored"));
  expect(await restoreDatabase({ backup: join(dir, "during.db"), target: restoredFile })).toEqual(during);

  // Writes stopped: a backup and its restore hold exactly what the live database holds.
  const after = await backupDatabase({ source: file, target: join(dir, "after.db") });
  expect(after).toEqual(await rowCounts(file));
  expect(after.audit_log).toBe(written * 2 + during.audit_log! - pairs.pairs * 2);
  expect(await restoreDatabase({ backup: join(dir, "after.db"), target: restoredFile })).toEqual(after);
  // The restored file is a working database: the app's migrations find it current.
  const reopened = await openDatabase({ url: `file:${restoredFile}` });
  expect(Number((await reopened.client.execute("SELECT count(*) AS n FROM audit_log")).rows[0]!.n)).toBe(after.audit_log);
  reopened.close();
});

test("a backup never overwrites an existing file", async () => {
  const file = join(dir, "threadline.db");
  await backupDatabase({ source: file, target: join(dir, "b.db") });
  await expect(backupDatabase({ source: file, target: join(dir, "b.db") })).rejects.toThrow(/already exists/);
});

async function rowCountsOfPairs(file: string) {
  const { createClient } = await import("@libsql/client");
  const c = createClient({ url: `file:${file}` });
  const r = await c.execute(
    "SELECT sum(n = 2) AS pairs, sum(n <> 2) AS unpaired FROM (SELECT target, count(*) AS n FROM audit_log WHERE action = 'load' GROUP BY target)",
  );
  c.close();
  return { pairs: Number(r.rows[0]!.pairs), unpaired: Number(r.rows[0]!.unpaired) };
}
