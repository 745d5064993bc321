import { DateTime } from "luxon";
import { expect, test } from "vitest";
import { firstBusinessDayAfter } from "./first-business-day-after";

const local = (ms: number, zone: string) => DateTime.fromMillis(ms, { zone }).toFormat("yyyy-MM-dd HH:mm");

test.each([
  ["Monday → Tuesday", { date: "2025-03-10", zone: "Europe/Berlin" }, "2025-03-11 00:00"],
  ["Friday → Monday", { date: "2025-03-14", zone: "Europe/Berlin" }, "2025-03-17 00:00"],
  ["Saturday → Monday", { date: "2025-03-15", zone: "America/New_York" }, "2025-03-17 00:00"],
  ["holiday skipped", { date: "2025-04-17", zone: "Europe/Berlin", holidays: ["2025-04-18", "2025-04-21"] }, "2025-04-22 00:00"],
  ["Friday–Saturday weekend (Saudi)", { date: "2025-03-13", zone: "Asia/Riyadh", workDays: [7, 1, 2, 3, 4] }, "2025-03-16 00:00"],
  ["into a DST change day", { date: "2025-03-29", zone: "Europe/Berlin", workDays: [7] }, "2025-03-30 00:00"],
])("%s", (_name, input, expected) => {
  expect(local(firstBusinessDayAfter(input), input.zone)).toBe(expected);
});
