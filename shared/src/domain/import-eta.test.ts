import { describe, expect, test } from "vitest";
import { importEta, type ImportEtaInput } from "./import-eta";

const base: ImportEtaInput = {
  status: "running",
  startedAt: 1_000_000,
  finishedAt: null,
  rowsRead: 0,
  bytesRead: 0,
  totalBytes: 1000,
  now: 1_000_000,
};

describe("importEta", () => {
  test.each<[string, Partial<ImportEtaInput>, { percent: number; rowsPerSecond: number | null; secondsLeft: number | null }]>([
    ["queued: nothing known yet", { status: "queued", startedAt: null }, { percent: 0, rowsPerSecond: null, secondsLeft: null }],
    [
      "just started (under 0.1 s): no rate",
      { now: 1_000_050, rowsRead: 10, bytesRead: 10 },
      { percent: 1, rowsPerSecond: null, secondsLeft: null },
    ],
    [
      "a quarter in after 2 s",
      { now: 1_002_000, rowsRead: 500, bytesRead: 250 },
      { percent: 25, rowsPerSecond: 250, secondsLeft: 6 },
    ],
    [
      "all bytes read but not done: 99 %, 0 s left",
      { now: 1_004_000, rowsRead: 2000, bytesRead: 1000 },
      { percent: 99, rowsPerSecond: 500, secondsLeft: 0 },
    ],
    [
      "size unknown (multipart): 0 %, no time left",
      { totalBytes: null, now: 1_002_000, rowsRead: 100, bytesRead: 400 },
      { percent: 0, rowsPerSecond: 50, secondsLeft: null },
    ],
    [
      "more bytes than declared: capped",
      { now: 1_002_000, rowsRead: 100, bytesRead: 5000 },
      { percent: 99, rowsPerSecond: 50, secondsLeft: 0 },
    ],
    [
      "done: 100 %, rate over the whole run",
      { status: "done", finishedAt: 1_005_000, now: 9_999_999, rowsRead: 1000, bytesRead: 1000 },
      { percent: 100, rowsPerSecond: 200, secondsLeft: null },
    ],
    [
      "cancelled half-way: no time left",
      { status: "cancelled", finishedAt: 1_001_000, rowsRead: 100, bytesRead: 500 },
      { percent: 50, rowsPerSecond: 100, secondsLeft: null },
    ],
  ])("%s", (_name, input, expected) => {
    expect(importEta({ ...base, ...input })).toEqual(expected);
  });
});
