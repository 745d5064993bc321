// The import job's all-or-nothing rule with batched writes: a cancel half-way and a server stopped half-way both
// leave nothing of the import (created contacts gone, updated ones as they were), and progress is on the row.
import { afterEach, beforeEach, expect, test } from "vitest";
import { importOptionsSchema } from "@threadline/shared/schemas";
import { createTestApp, type TestApp } from "../testing/test-app";
import { cancelImport, getImport } from "./import-records";
import { recoverInterruptedImports } from "./rollback-import";
import { runImport, startImport } from "./run-import";

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(() => t.close());

const count = async (sql: string) => Number((await t.client.execute(sql)).rows[0]!.n);

/** A source that sends `first`, then waits for `release()` before sending `rest` (or failing). */
function heldSource(first: string, rest: string) {
  let release!: (fail?: boolean) => void;
  const gate = new Promise<boolean>((resolve) => (release = (fail = false) => resolve(fail)));
  async function* source() {
    yield new TextEncoder().encode(first);
    if (await gate) throw new Error("connection lost");
    yield new TextEncoder().encode(rest);
  }
  return { source: source(), release };
}

const csvRows = (from: number, to: number) => {
  const out: string[] = [];
  for (let i = from; i < to; i++) out.push(`p${i}@acme${i % 7}.com,Buyer ${i},customer`);
  return out.join("\n") + "\n";
};

async function waitFor(check: () => Promise<boolean>) {
  for (let i = 0; i < 500 && !(await check()); i++) await new Promise((r) => setTimeout(r, 10));
}

async function start(source: AsyncIterable<Uint8Array>) {
  const options = importOptionsSchema.parse({ mode: "update", tags: "fair" });
  const id = await startImport(t.db, { workspaceId: t.a.workspaceId, actorId: t.a.userId, options, totalBytes: 100_000 });
  const run = runImport(t.db, id, {
    workspaceId: t.a.workspaceId,
    actorId: t.a.userId,
    actor: t.a.userId,
    options,
    source,
    maxBytes: 10_000_000,
  });
  return { id, run };
}

beforeEach(async () => {
  // An existing contact the file updates (title, stage → a stage_change event, tags) in its first batch.
  const r = await t.call("POST", "/api/v1/contacts", {
    body: { email: "p3@acme3.com", title: "Old title", stage: "lead", tags: ["old"] },
  });
  expect(r.status).toBe(201);
});

const existing = async () =>
  (await t.client.execute("SELECT title, stage, tags FROM contacts WHERE email = 'p3@acme3.com'")).rows[0];

test("cancel half-way: the written batches are rolled back, the updated contact is as it was", async () => {
  const { source, release } = heldSource("email,title,stage\n" + csvRows(0, 1200), csvRows(1200, 2000));
  const { id, run } = await start(source);
  await waitFor(async () => (await getImport(t.db, t.a.workspaceId, id)).rowsWritten >= 1000);
  const midway = await getImport(t.db, t.a.workspaceId, id);
  expect(midway.status).toBe("running");
  expect(midway.created).toBeGreaterThan(0);
  expect(await count("SELECT count(*) AS n FROM contacts")).toBeGreaterThan(1);
  expect((await existing())!.title).toBe("Buyer 3");

  expect((await cancelImport(t.db, t.a.workspaceId, id)).cancelRequested).toBe(true);
  release();
  const row = await run;
  expect(row).toMatchObject({ status: "cancelled", created: 0, updated: 0, rowsWritten: 0, failure: null });
  expect(await count("SELECT count(*) AS n FROM contacts")).toBe(1);
  expect(await existing()).toMatchObject({ title: "Old title", stage: "lead", tags: '["old"]' });
  expect(await count("SELECT count(*) AS n FROM companies")).toBe(1);
  expect(await count("SELECT count(*) AS n FROM timeline_events WHERE type <> 'contact_created'")).toBe(0);
  expect(await count("SELECT count(*) AS n FROM import_writes")).toBe(0);
  await expect(cancelImport(t.db, t.a.workspaceId, id)).rejects.toThrow(/cancelled already/);
});

test("a server stopped half-way: the next start rolls the import back and marks it failed", async () => {
  const { source, release } = heldSource("email,title,stage\n" + csvRows(0, 1200), csvRows(1200, 2000));
  const { id, run } = await start(source);
  await waitFor(async () => (await getImport(t.db, t.a.workspaceId, id)).rowsWritten >= 1000);
  // What a restarted server does on start (the running job here stands for the process that died).
  expect(await recoverInterruptedImports(t.db)).toBe(1);
  expect(await count("SELECT count(*) AS n FROM contacts")).toBe(1);
  expect((await existing())!.title).toBe("Old title");
  const after = await getImport(t.db, t.a.workspaceId, id);
  expect(after).toMatchObject({ status: "failed", created: 0 });
  expect(after.failure).toContain("server stopped");
  release(true);
  await run;
  expect(await count("SELECT count(*) AS n FROM contacts")).toBe(1);
});

test("progress is on the row while it runs, and a finished import keeps its writes and drops its journal", async () => {
  const { source, release } = heldSource("email,title,stage\n" + csvRows(0, 600), csvRows(600, 900));
  const { id, run } = await start(source);
  await waitFor(async () => (await getImport(t.db, t.a.workspaceId, id)).rowsWritten > 0);
  const midway = (await t.call("GET", `/api/v1/imports/${id}`, { token: t.aViewer.token })).json;
  expect(midway).toMatchObject({ status: "running", rowsWritten: 500, cancelRequested: false });
  expect(midway.bytesRead).toBeGreaterThan(0);
  expect(midway.percent).toBeGreaterThan(0);
  release();
  const row = await run;
  expect(row).toMatchObject({ status: "done", created: 899, updated: 1, rowsRead: 900, rowsWritten: 900 });
  expect(await count("SELECT count(*) AS n FROM contacts")).toBe(900);
  expect(await count("SELECT count(*) AS n FROM import_writes")).toBe(0);
  const done = (await t.call("GET", `/api/v1/imports/${id}`)).json;
  expect(done).toMatchObject({ status: "done", percent: 100, secondsLeft: null });
  const cancel = await t.call("POST", `/api/v1/imports/${id}/cancel`);
  expect(cancel.status).toBe(409);
});
