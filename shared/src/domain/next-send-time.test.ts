import { describe, expect, test } from "vitest";
import { nextSendTime, type NextSendTimeInput } from "./next-send-time";

const weekdays = [1, 2, 3, 4, 5];
const everyDay = [1, 2, 3, 4, 5, 6, 7];
const office = { start: "09:00", end: "17:00" };
const ms = (iso: string) => Date.parse(iso);
const base = (zone: string, fromIso: string, more: Partial<NextSendTimeInput> = {}): NextSendTimeInput => ({
  from: ms(fromIso),
  now: ms(fromIso),
  delay: { amount: 0, unit: "hours" },
  zone,
  window: office,
  sendDays: weekdays,
  ...more,
});

describe("nextSendTime", () => {
  test.each<[string, NextSendTimeInput, string, string | null]>([
    ["NY inside the window", base("America/New_York", "2026-11-23T15:00:00Z"), "2026-11-23T10:00:00.000-05:00", null],
    [
      "NY Friday evening → Monday 09:00",
      base("America/New_York", "2026-11-27T23:00:00Z"),
      "2026-11-30T09:00:00.000-05:00",
      "window",
    ],
    [
      "NY 2 business days from Thursday skip the weekend, keep the local time",
      base("America/New_York", "2026-11-26T15:00:00Z", { delay: { amount: 2, unit: "business_days" } }),
      "2026-11-30T10:00:00.000-05:00",
      null,
    ],
    [
      "NY DST gap: a 02:30 window start on 8 Mar 2026 does not exist → moves forward to 03:30 EDT",
      base("America/New_York", "2026-03-08T06:00:00Z", { window: { start: "02:30", end: "05:00" }, sendDays: everyDay }),
      "2026-03-08T03:30:00.000-04:00",
      "window",
    ],
    [
      "NY DST overlap: 01:30 on 1 Nov 2026 happens twice → the first (EDT)",
      base("America/New_York", "2026-11-01T04:00:00Z", { window: { start: "01:30", end: "05:00" }, sendDays: everyDay }),
      "2026-11-01T01:30:00.000-04:00",
      "window",
    ],
    [
      "NY overlap: already past the first 01:30 → now, in EST",
      base("America/New_York", "2026-11-01T06:10:00Z", { window: { start: "01:30", end: "05:00" }, sendDays: everyDay }),
      "2026-11-01T01:10:00.000-05:00",
      null,
    ],
    [
      "Berlin Saturday → Monday, after the spring change (+02:00)",
      base("Europe/Berlin", "2026-03-28T12:00:00Z"),
      "2026-03-30T09:00:00.000+02:00",
      "day",
    ],
    [
      "Berlin 24 hours across the spring change are 24 real hours",
      base("Europe/Berlin", "2026-03-28T10:00:00Z", { delay: { amount: 24, unit: "hours" }, sendDays: everyDay }),
      "2026-03-29T12:00:00.000+02:00",
      null,
    ],
    [
      "Berlin 1 business day across the spring change keeps 10:00 local",
      base("Europe/Berlin", "2026-03-27T09:00:00Z", { delay: { amount: 1, unit: "business_days" } }),
      "2026-03-30T10:00:00.000+02:00",
      null,
    ],
    [
      "Shanghai (no DST) window opens at 09:00",
      base("Asia/Shanghai", "2026-11-23T01:00:00Z"),
      "2026-11-23T09:00:00.000+08:00",
      null,
    ],
    [
      "Shanghai after 17:00 → next morning",
      base("Asia/Shanghai", "2026-11-23T09:30:00Z"),
      "2026-11-24T09:00:00.000+08:00",
      "window",
    ],
    [
      "Sydney Friday evening before the October change → Monday in AEDT (+11:00)",
      base("Australia/Sydney", "2026-10-02T08:00:00Z"),
      "2026-10-05T09:00:00.000+11:00",
      "window",
    ],
    [
      "Sydney April change back: Saturday → Monday in AEST (+10:00)",
      base("Australia/Sydney", "2026-04-04T01:00:00Z"),
      "2026-04-06T09:00:00.000+10:00",
      "day",
    ],
    [
      "Riyadh rests Friday–Saturday: Thursday evening → Sunday",
      base("Asia/Riyadh", "2026-11-26T15:00:00Z", { sendDays: [7, 1, 2, 3, 4] }),
      "2026-11-29T09:00:00.000+03:00",
      "window",
    ],
    [
      "Riyadh Sunday is a working day",
      base("Asia/Riyadh", "2026-11-29T08:00:00Z", { sendDays: [7, 1, 2, 3, 4] }),
      "2026-11-29T11:00:00.000+03:00",
      null,
    ],
    [
      "window across midnight: 01:30 belongs to the previous evening's window",
      base("Europe/Berlin", "2026-11-24T00:30:00Z", { window: { start: "22:00", end: "02:00" }, sendDays: everyDay }),
      "2026-11-24T01:30:00.000+01:00",
      null,
    ],
    [
      "window across midnight: 02:30 waits for 22:00",
      base("Europe/Berlin", "2026-11-24T01:30:00Z", { window: { start: "22:00", end: "02:00" }, sendDays: everyDay }),
      "2026-11-24T22:00:00.000+01:00",
      "window",
    ],
    [
      "window across midnight that opened on a rest day is closed",
      base("Europe/Berlin", "2026-11-23T00:30:00Z", { window: { start: "22:00", end: "02:00" } }),
      "2026-11-23T22:00:00.000+01:00",
      "day",
    ],
    [
      "window until 24:00: 23:30 is inside",
      base("Europe/Berlin", "2026-11-23T22:30:00Z", { window: { start: "20:00", end: "24:00" } }),
      "2026-11-23T23:30:00.000+01:00",
      null,
    ],
    [
      "window until 24:00: 00:30 waits for the evening",
      base("Europe/Berlin", "2026-11-23T23:30:00Z", { window: { start: "20:00", end: "24:00" } }),
      "2026-11-24T20:00:00.000+01:00",
      "window",
    ],
    [
      "cap reached today → carried to the next window",
      base("Asia/Shanghai", "2026-11-23T02:00:00Z", { cap: { limit: 10, used: { "2026-11-23": 10 } } }),
      "2026-11-24T09:00:00.000+08:00",
      "cap",
    ],
    [
      "cap not yet reached today → now",
      base("Asia/Shanghai", "2026-11-23T02:00:00Z", { cap: { limit: 10, used: { "2026-11-23": 9 } } }),
      "2026-11-23T10:00:00.000+08:00",
      null,
    ],
    [
      "cap full on Friday → carried over the weekend to Monday",
      base("America/New_York", "2026-11-27T15:00:00Z", { cap: { limit: 5, used: { "2026-11-27": 5 } } }),
      "2026-11-30T09:00:00.000-05:00",
      "cap",
    ],
    [
      "holiday: Christmas Day and the weekend are skipped",
      base("Europe/Berlin", "2026-12-24T09:00:00Z", { holidays: ["2026-12-24", "2026-12-25"] }),
      "2026-12-28T09:00:00.000+01:00",
      "holiday",
    ],
    [
      "business days skip holidays",
      base("Europe/Berlin", "2026-12-23T09:00:00Z", {
        delay: { amount: 2, unit: "business_days" },
        holidays: ["2026-12-24", "2026-12-25"],
      }),
      "2026-12-29T10:00:00.000+01:00",
      null,
    ],
    [
      "never before now: an old `from` sends now",
      { ...base("Asia/Shanghai", "2026-11-01T02:00:00Z"), now: ms("2026-11-23T03:00:00Z") },
      "2026-11-23T11:00:00.000+08:00",
      null,
    ],
  ])("%s", (_name, input, local, movedBy) => {
    const r = nextSendTime(input);
    expect(r.local).toBe(local);
    expect(r.at).toBe(ms(local));
    expect(r.movedBy).toBe(movedBy);
  });

  test("no possible window is an error, not a hang", () => {
    expect(() => nextSendTime(base("UTC", "2026-11-23T10:00:00Z", { cap: { limit: 0, used: {} } }))).toThrow(/no send window/);
  });
});
