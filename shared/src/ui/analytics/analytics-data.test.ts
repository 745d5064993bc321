import { describe, expect, test } from "vitest";
import { compactNumber, heatCells, variantBars } from "./analytics-data";

describe("heatCells", () => {
  test("168 cells, intensity relative to the busiest, ragged input padded with zeros", () => {
    const cells = heatCells({ weekdays: [], replies: [[0, 2, 4], [], [1]] });
    expect(cells).toHaveLength(168);
    expect(cells.find((c) => c.weekday === 0 && c.hour === 2)).toEqual({ weekday: 0, hour: 2, count: 4, intensity: 1 });
    expect(cells.find((c) => c.weekday === 0 && c.hour === 1)!.intensity).toBe(0.5);
    expect(cells.find((c) => c.weekday === 6 && c.hour === 23)!.count).toBe(0);
  });
  test("no replies: every intensity is 0 (no division by zero)", () => {
    expect(heatCells({ weekdays: [], replies: [] }).every((c) => c.intensity === 0)).toBe(true);
  });
});

describe("variantBars", () => {
  test.each([
    [
      "one step: variant names only",
      [{ stepId: "s1", label: "Step 1", variants: [{ variant: "A", delivered: 200, replied: 13, replyRate: 0.065 }] }],
      [{ name: "A", replyPct: 6.5 }],
    ],
    [
      "several steps: step · variant; nothing delivered is null",
      [
        { stepId: "s1", label: "Step 1", variants: [{ variant: "A", delivered: 10, replied: 1, replyRate: 0.1 }] },
        { stepId: "s2", label: "Step 2", variants: [{ variant: "B", delivered: 0, replied: 0, replyRate: null }] },
      ],
      [
        { name: "Step 1 · A", replyPct: 10 },
        { name: "Step 2 · B", replyPct: null },
      ],
    ],
  ])("%s", (_n, steps, expected) => {
    expect(variantBars(steps).map(({ name, replyPct }) => ({ name, replyPct }))).toEqual(expected);
  });
});

test.each([
  [0, "0"],
  [9999, "9,999"],
  [12_345, "12.3k"],
  [250_000, "250k"],
])("compactNumber(%d) = %s", (n, s) => {
  expect(compactNumber(n)).toBe(s);
});
