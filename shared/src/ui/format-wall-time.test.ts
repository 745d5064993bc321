import { expect, test } from "vitest";
import { formatWallTime } from "./format-wall-time";

test.each([
  ["2026-11-24T09:00:00+08:00", "Tue, Nov 24, 09:00 (UTC+8)"],
  ["2026-11-24T09:00:00.000Z", "Tue, Nov 24, 09:00 (UTC)"],
  ["2026-03-29T02:30:00-03:30", "Sun, Mar 29, 02:30 (UTC-3:30)"],
  ["2026-11-24T09:00:00+05:45", "Tue, Nov 24, 09:00 (UTC+5:45)"],
  ["next Tuesday", "next Tuesday"],
])("%s → %s", (iso, want) => {
  expect(formatWallTime(iso, "en-US")).toBe(want);
});
