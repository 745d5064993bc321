import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, expect, test } from "vitest";
import { createIpRangeSet } from "@threadline/shared/domain/create-ip-range-set";
import { openDatabase, type Database } from "../db/client";
import { createWorkspaceWithOwner } from "../repo/workspaces";
import { seedSends } from "../testing/seed-sends";
import { fileTrackingInserter } from "./file-tracking-inserter";
import { TrackingBatchWriter, type TrackingRow } from "./tracking-batch-writer";
import { packHits } from "./tracking-hit-pack";

let dir: string;
let database: Database;
let workspaceId: string;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), "file-inserter-"));
  database = await openDatabase({ dataDir: dir });
  workspaceId = (await createWorkspaceWithOwner(database.db, { name: "W", ownerEmail: "o@w.example", ownerName: "O" }))
    .workspaceId;
});
afterEach(() => {
  database.close();
  rmSync(dir, { recursive: true, force: true });
});

const count = async () => Number((await database.client.execute("SELECT count(*) AS n FROM tracking_events")).rows[0]!.n);
const row = (id: string, ws = workspaceId): TrackingRow => [id, ws, "sj_x", null, "open", "human", "r", null, null, null, 1];

test("the writer thread's file path: labelled rows land in the file, read back through the client", async () => {
  const seed = seedSends(database.db, workspaceId);
  const contactId = await seed.contact({ email: "buyer@example.com" });
  const seq = await seed.sequence({ name: "S", steps: [{}] });
  const enrollmentId = await seed.enrollment({ contactId, sequenceId: seq.id, createdAt: Date.now() - 60_000 });
  const sendJobId = await seed.send({ enrollmentId, stepId: seq.stepIds[0]!, sentAt: Date.now() - 60_000 });
  const insert = fileTrackingInserter(database.filePath!);
  const writer = new TrackingBatchWriter({
    client: database.client,
    insert,
    appleRanges: createIpRangeSet([]),
    ipSecret: "s".repeat(32),
  });
  const hit = { kind: "open" as const, sendJobId, method: "GET", userAgent: "Outlook", ip: "203.0.113.9", headers: {} };
  const [packed] = packHits([
    { ...hit, occurredAt: Date.now() },
    { ...hit, occurredAt: Date.now() + 1 },
  ]);
  expect(await writer.write(packed!)).toMatchObject({ stored: 2, dropped: 0 });
  const rows = await database.client.execute("SELECT label, contact_id FROM tracking_events ORDER BY occurred_at");
  expect(rows.rows.map((r) => [r.label, r.contact_id])).toEqual([
    ["human", contactId],
    ["duplicate", contactId],
  ]);
  insert.close();
});

test("a batch is one transaction: a failing row leaves none of the batch behind", async () => {
  const insert = fileTrackingInserter(database.filePath!);
  await insert([row("te_1"), row("te_2")]);
  expect(await count()).toBe(2);
  // The third row repeats a primary key; the second names a workspace that does not exist (foreign keys are on).
  expect(() => insert([row("te_3"), row("te_4"), row("te_1")])).toThrow(/UNIQUE/);
  expect(() => insert([row("te_5"), row("te_6", "ws_nope")])).toThrow(/FOREIGN KEY/);
  expect(await count()).toBe(2);
  // The connection is usable afterwards (the transaction was rolled back, not left open).
  await insert([row("te_7")]);
  expect(await count()).toBe(3);
  insert.close();
});
