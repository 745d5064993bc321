import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, expect, test } from "vitest";
import { createIpRangeSet } from "@threadline/shared/domain/create-ip-range-set";
import { createTestApp, type TestApp } from "../testing/test-app";
import { seedSends } from "../testing/seed-sends";
import { trackingEvents } from "../db/schema";
import { TrackingBatchWriter, type TrackingBatchSink, type TrackingHit } from "./tracking-batch-writer";
import { packHits } from "./tracking-hit-pack";
import { TrackingRecorder } from "./tracking-recorder";
import { TrackingSpool } from "./tracking-spool";

let t: TestApp;
let dir: string;
let sendJobId: string;
beforeEach(async () => {
  t = await createTestApp();
  dir = mkdtempSync(join(tmpdir(), "tracking-spool-"));
  const seed = seedSends(t.db, t.a.workspaceId);
  const contactId = await seed.contact({ email: "buyer@example.com" });
  const seq = await seed.sequence({ name: "S", steps: [{}] });
  const enrollmentId = await seed.enrollment({ contactId, sequenceId: seq.id, createdAt: Date.now() - 60_000 });
  sendJobId = await seed.send({ enrollmentId, stepId: seq.stepIds[0]!, sentAt: Date.now() - 60_000 });
});
afterEach(() => {
  t.close();
  rmSync(dir, { recursive: true, force: true });
});

const writer = () =>
  new TrackingBatchWriter({ client: t.client, appleRanges: createIpRangeSet([]), ipSecret: "s".repeat(32), spoolId: "sp1" });
const hit = (i: number): TrackingHit => ({
  kind: "open",
  sendJobId,
  method: "GET",
  userAgent: `Outlook ${i}`,
  ip: `203.0.113.${i}`,
  headers: i === 2 ? { "sec-purpose": "prefetch" } : {},
  occurredAt: Date.now() + i,
});
const committedSeq = async () =>
  Number((await t.client.execute("SELECT committed_seq FROM tracking_spool WHERE id = 'sp1'")).rows[0]?.committed_seq ?? 0);

test("a batch spooled before a crash is replayed once at the next start; committed ones are not", async () => {
  const path = join(dir, "tracking-spool.ndjson");
  // Process 1: batch 1 commits, batch 2's write never finishes (the process dies meanwhile), batch 3 waits.
  const real = writer();
  let calls = 0;
  const dying: TrackingBatchSink = {
    write: (hits, opts) => (++calls === 1 ? real.write(hits, opts) : new Promise(() => {})),
    close: async () => {},
  };
  const first = new TrackingRecorder({ sink: dying, spool: new TrackingSpool(path), maxBatch: 1, flushMs: 60_000 });
  for (const i of [1, 2, 3]) first.accept(hit(i));
  await new Promise((r) => setTimeout(r, 50));
  expect(await committedSeq()).toBe(1);
  expect(await t.db.select().from(trackingEvents)).toHaveLength(1);

  // Process 2, same data directory: only batches 2 and 3 are written, then the spool is emptied.
  const spool = new TrackingSpool(path);
  const second = new TrackingRecorder({ sink: writer(), spool, flushMs: 60_000 });
  expect(await second.replaySpool(await committedSeq())).toBe(2);
  const rows = await t.db.select().from(trackingEvents).orderBy(trackingEvents.occurredAt);
  expect(rows.map((r) => [r.userAgent, r.label])).toEqual([
    ["Outlook 1", "human"],
    ["Outlook 2", "prefetch"],
    ["Outlook 3", "duplicate"], // the same /24 as hit 1, within the hour: labelled against the committed history
  ]);
  expect(await committedSeq()).toBe(3);
  expect(statSync(path).size).toBe(0);
  // New batches are numbered after the replayed ones, and the spool is emptied once they are committed.
  second.accept(hit(4));
  await second.flush();
  expect(await committedSeq()).toBe(4);
  expect(statSync(path).size).toBe(0);
  spool.close();
});

test("the spool's records round-trip a packed batch; a record cut short ends the replay", async () => {
  const path = join(dir, "spool");
  const spool = new TrackingSpool(path);
  const [packed] = packHits([hit(1), hit(2)]);
  spool.append(7, packed!);
  spool.append(8, packed!);
  const bytes = readFileSync(path);
  // A write cut short by a crash, anywhere in the record: header, JSON part or arrays.
  for (const cut of [10, 40, bytes.length / 2 - 8]) {
    const copy = join(dir, `cut-${cut}`);
    writeFileSync(copy, Buffer.concat([bytes, bytes.subarray(0, cut)]));
    expect(new TrackingSpool(copy).pending(0).map((b) => b.seq)).toEqual([7, 8]);
  }
  const pending = spool.pending(7);
  expect(pending.map((b) => b.seq)).toEqual([8]);
  expect(pending[0]!.hits.count).toBe(2);
  expect(Array.from(pending[0]!.hits.ints)).toEqual(Array.from(packed!.ints));
  expect(Array.from(pending[0]!.hits.times)).toEqual(Array.from(packed!.times));
  expect(pending[0]!.hits.strings).toEqual(packed!.strings);
  expect(pending[0]!.hits.links).toEqual(packed!.links);
  spool.close();
});

test("a spool left in the earlier JSON-lines format (a crash before an upgrade) is still replayed", async () => {
  const path = join(dir, "tracking-spool.ndjson");
  const [packed] = packHits([hit(1), hit(2)]);
  const b64 = (a: Int32Array | Float64Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString("base64");
  const line = (seq: number) =>
    JSON.stringify({
      seq,
      count: packed!.count,
      strings: packed!.strings,
      ints: b64(packed!.ints),
      times: b64(packed!.times),
      links: [],
    });
  writeFileSync(path, `${line(3)}\n${line(4)}\n${line(5).slice(0, 30)}`);
  const pending = new TrackingSpool(path).pending(3);
  expect(pending.map((b) => b.seq)).toEqual([4]);
  expect(Array.from(pending[0]!.hits.ints)).toEqual(Array.from(packed!.ints));
  expect(Array.from(pending[0]!.hits.times)).toEqual(Array.from(packed!.times));
});
