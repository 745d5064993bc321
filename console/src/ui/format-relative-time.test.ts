import { describe, expect, test } from "vitest";
import { formatRelativeTime } from "./format-relative-time";

const now = Date.parse("2026-12-04T12:00:00Z");
const at = (ms: number) => new Date(now + ms).toISOString();

describe("formatRelativeTime", () => {
  test.each([
    [at(-10_000), "just now"],
    [at(25_000), "just now"],
    [at(-5 * 60_000), "5 minutes ago"],
    [at(-3 * 3_600_000), "3 hours ago"],
    [at(-86_400_000), "yesterday"],
    [at(29 * 86_400_000 + 3_600_000), "in 4 weeks"],
    [at(30 * 86_400_000), "next month"],
    [at(366 * 86_400_000), "next year"],
    [at(-2 * 365 * 86_400_000), "2 years ago"],
  ])("%s → %s", (iso, expected) => {
    expect(formatRelativeTime({ iso, now })).toBe(expected);
  });
});
