// Burst write-behind of the recorder: held while hits arrive fast, written when the burst has passed, when the
// oldest batch has waited long enough, when too many are held, and at once on flush (shutdown).
import { expect, test, vi } from "vitest";
import type { TrackingBatchSink, TrackingHit } from "./tracking-batch-writer";
import { unpackHits } from "./tracking-hit-pack";
import { TrackingRecorder, type BurstOptions } from "./tracking-recorder";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Waits (real time, generous for a loaded machine) until the assertion holds; a hit that is never written fails. */
const eventually = (assertion: () => void) => vi.waitFor(assertion, { timeout: 5_000, interval: 5 });

function setup(burst: BurstOptions) {
  let clock = 1_000_000;
  const written: string[] = [];
  const sink: TrackingBatchSink = {
    write: async (hits) => {
      for (const h of unpackHits(hits)) written.push(h.userAgent!);
      return { stored: hits.count, dropped: 0, events: [] };
    },
    close: async () => {},
  };
  const recorder = new TrackingRecorder({ sink, flushMs: 5, maxBatch: 10, burst, now: () => clock });
  const hit = (i: number): TrackingHit => ({
    kind: "open",
    sendJobId: "s1",
    method: "GET",
    userAgent: `ua ${i}`,
    ip: "203.0.113.9",
    headers: {},
    occurredAt: clock,
  });
  /** `n` hits, one a millisecond of the fake clock. */
  const burstOf = (n: number, from = 0) => {
    for (let i = from; i < from + n; i++) {
      recorder.accept(hit(i));
      clock += 1;
    }
  };
  return {
    recorder,
    written,
    burstOf,
    advance: (ms: number) => (clock += ms),
    expected: (n: number) => Array.from({ length: n }, (_, i) => `ua ${i}`),
  };
}

test("hits arriving faster than the burst rate are held, then all written in order once the burst has passed", async () => {
  // 50 hits in 50 ms = 1000/s, above 100/s.
  const s = setup({ rate: 100, maxDeferMs: 60_000, maxHeld: 1_000_000 });
  s.burstOf(50);
  await sleep(40); // several flush intervals of real time
  expect(s.written).toEqual([]);
  expect(s.recorder.stats.pending).toBe(50);
  expect(s.recorder.stats.burstHolds).toBeGreaterThan(0);
  s.advance(500); // more than two rate windows without a hit: the burst is over
  await eventually(() => expect(s.written).toEqual(s.expected(50)));
  expect(s.recorder.stats).toMatchObject({ accepted: 50, stored: 50, pending: 0 });
});

test("below the burst rate nothing is held", async () => {
  const s = setup({ rate: 100_000, maxDeferMs: 60_000, maxHeld: 1_000_000 });
  s.burstOf(30);
  await eventually(() => expect(s.written).toEqual(s.expected(30)));
});

test("a batch held for maxDeferMs is written even while the burst goes on", async () => {
  const s = setup({ rate: 100, maxDeferMs: 300, maxHeld: 1_000_000 });
  s.burstOf(50);
  s.advance(100);
  await sleep(30);
  expect(s.written).toEqual([]);
  s.advance(200); // the first batch has waited 300 ms; the last window still counts as a burst
  await eventually(() => expect(s.written).toEqual(s.expected(50)));
});

test("no more than maxHeld hits are held", async () => {
  const s = setup({ rate: 100, maxDeferMs: 60_000, maxHeld: 25 });
  s.burstOf(50);
  // Writing goes on while 25 or more are queued; what is left under the limit is held.
  await eventually(() => expect(s.written.length).toBeGreaterThanOrEqual(25));
  expect(s.written).toEqual(s.expected(s.written.length));
  expect(s.recorder.stats.pending).toBeLessThan(25);
});

test("flush (shutdown) writes held batches at once, mid-burst", async () => {
  const s = setup({ rate: 100, maxDeferMs: 60_000, maxHeld: 1_000_000 });
  s.burstOf(47); // the last 7 not yet sealed
  await sleep(20);
  expect(s.written).toEqual([]);
  await s.recorder.close();
  expect(s.written).toEqual(s.expected(47));
  expect(s.recorder.stats.pending).toBe(0);
});
