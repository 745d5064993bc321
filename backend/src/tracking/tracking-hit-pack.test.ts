import { describe, expect, test } from "vitest";
import type { TrackingHit } from "./tracking-batch-writer";
import { HitPacker, internRef, packHits, unpackHits } from "./tracking-hit-pack";

const open = (over: Partial<TrackingHit> = {}): TrackingHit => ({
  kind: "open",
  sendJobId: "sj_1",
  method: "GET",
  userAgent: "Mozilla/5.0",
  ip: "203.0.113.5",
  headers: {},
  occurredAt: 1_700_000_000_123,
  ...over,
});

describe("packed hits", () => {
  test("round-trip keeps every field, in order: nulls, purpose headers, click links, the exact time", () => {
    const hits: TrackingHit[] = [
      open(),
      open({ userAgent: null, ip: null, method: "HEAD", occurredAt: 1_700_000_000_124.5 }),
      open({ headers: { "sec-purpose": "prefetch", purpose: undefined } }),
      {
        ...open({ kind: "click", sendJobId: "sj_2" }),
        link: { id: "lk_1", workspaceId: "ws_1", url: "https://example.com/p?utm_source=x", buyingSignal: true },
      },
      open({ sendJobId: "sj_2", userAgent: "Mozilla/5.0" }),
    ];
    const [packed] = packHits(hits);
    // Strings repeat across hits (send ids, agents, addresses); each is stored once.
    expect(packed!.strings.filter((s) => s === "Mozilla/5.0")).toHaveLength(1);
    expect(unpackHits(packed!)).toEqual([
      hits[0],
      hits[1],
      { ...hits[2], headers: { "sec-purpose": "prefetch" } },
      hits[3],
      hits[4],
    ]);
  });

  test("survives a structured clone (what crosses to the writer thread)", () => {
    const hits = Array.from({ length: 7 }, (_, i) => open({ sendJobId: `sj_${i % 3}`, occurredAt: 1000 + i }));
    const [packed] = packHits(hits);
    expect(unpackHits(structuredClone(packed!))).toEqual(hits);
  });

  test("a packer holds at most its capacity; packHits splits into batches of that size", () => {
    const packer = new HitPacker(2);
    packer.add(open());
    expect(packer.full).toBe(false);
    packer.add(open());
    expect(packer.full).toBe(true);
    expect(() => packer.add(open())).toThrow(/full/);
    const batches = packHits(
      Array.from({ length: 5 }, (_, i) => open({ occurredAt: i })),
      2,
    );
    expect(batches.map((b) => b.count)).toEqual([2, 2, 1]);
    expect(batches.flatMap((b) => unpackHits(b)).map((h) => h.occurredAt)).toEqual([0, 1, 2, 3, 4]);
  });
});

describe("interning on the request path", () => {
  test("a send id ref is stored once per batch and stays right in the next batch; agents and addresses alternate", () => {
    const a = internRef("sj_a");
    const b = internRef("sj_b");
    const add = (p: HitPacker, ref: typeof a, ua: string, ip: string | null) =>
      p.addFields("open", ref, "GET", ua, ip, null, 1_700_000_000_000);
    const first = new HitPacker(10);
    add(first, a, "UA 1", "198.51.100.1");
    add(first, b, "UA 2", "198.51.100.2");
    add(first, a, "UA 1", "198.51.100.1");
    add(first, a, "UA 2", null);
    add(first, b, "UA 1", "198.51.100.2");
    const one = first.seal();
    expect(one.strings.filter((s) => s === "sj_a")).toHaveLength(1);
    expect(unpackHits(one).map((h) => [h.sendJobId, h.userAgent, h.ip])).toEqual([
      ["sj_a", "UA 1", "198.51.100.1"],
      ["sj_b", "UA 2", "198.51.100.2"],
      ["sj_a", "UA 1", "198.51.100.1"],
      ["sj_a", "UA 2", null],
      ["sj_b", "UA 1", "198.51.100.2"],
    ]);
    // The refs were stamped by the first batch; the second must not reuse those indexes.
    const second = new HitPacker(10);
    add(second, b, "UA 3", "198.51.100.3");
    add(second, a, "UA 3", "198.51.100.3");
    expect(unpackHits(second.seal()).map((h) => [h.sendJobId, h.userAgent])).toEqual([
      ["sj_b", "UA 3"],
      ["sj_a", "UA 3"],
    ]);
  });
});
