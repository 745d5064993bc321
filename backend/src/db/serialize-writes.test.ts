import { createClient, type Client } from "@libsql/client";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, expect, test } from "vitest";
import { serializeWrites } from "./serialize-writes";

let dir: string;
let raw: Client;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), "serialize-writes-"));
  // A short busy timeout: without the queue, the second writer fails fast with SQLITE_BUSY.
  raw = createClient({ url: `file:${join(dir, "t.db")}`, timeout: 50 } as Parameters<typeof createClient>[0]);
  await raw.execute("PRAGMA journal_mode = WAL");
  await raw.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)");
});
afterEach(() => {
  raw.close();
  rmSync(dir, { recursive: true, force: true });
});

const tick = () => new Promise((r) => setTimeout(r, 20));

test("a write while another transaction is open waits its turn (no SQLITE_BUSY, no lost write)", async () => {
  const client = serializeWrites(raw, { readsBypass: true });
  const order: string[] = [];
  const tx = await client.transaction("write");
  await tx.execute("INSERT INTO t (v) VALUES ('tx')");
  const plain = client.execute("INSERT INTO t (v) VALUES ('plain')").then(() => order.push("plain"));
  const batch = client.batch(["INSERT INTO t (v) VALUES ('batch')"], "write").then(() => order.push("batch"));
  const second = client.transaction("write").then(async (t2) => {
    await t2.execute("INSERT INTO t (v) VALUES ('tx2')");
    await t2.commit();
    order.push("tx2");
  });
  // A read does not wait for the writer.
  expect((await client.execute("SELECT count(*) AS n FROM t")).rows[0]!.n).toBe(0);
  await tick(); // the transaction stays open across a macrotask, as a request handler's would
  order.push("commit");
  await tx.commit();
  await Promise.all([plain, batch, second]);
  expect(order).toEqual(["commit", "plain", "batch", "tx2"]);
  expect((await client.execute("SELECT v FROM t ORDER BY id")).rows.map((r) => r.v)).toEqual(["tx", "plain", "batch", "tx2"]);
});

test("the turn ends on rollback and on a failing statement", async () => {
  const client = serializeWrites(raw, { readsBypass: true });
  const tx = await client.transaction("write");
  await tx.rollback();
  await expect(client.execute("INSERT INTO nope VALUES (1)")).rejects.toThrow();
  await client.execute("INSERT INTO t (v) VALUES ('after')");
  expect((await client.execute("SELECT count(*) AS n FROM t")).rows[0]!.n).toBe(1);
});

test("the raw client (no queue) fails the same sequence with SQLITE_BUSY", async () => {
  const tx = await raw.transaction("write");
  await tx.execute("INSERT INTO t (v) VALUES ('tx')");
  await expect(raw.execute("INSERT INTO t (v) VALUES ('plain')")).rejects.toThrow(/SQLITE_BUSY|locked/);
  await tx.rollback();
});
