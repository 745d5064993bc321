import { describe, expect, test } from "vitest";
import { contactLocalTime } from "./contact-local-time";

const winter = new Date("2026-01-15T12:00:00Z");
const summer = new Date("2026-07-15T12:00:00Z");
// 2026-03-29 01:30 UTC: Berlin has just jumped from +01:00 to +02:00 (the 02:00–03:00 local hour does not exist).
const afterBerlinJump = new Date("2026-03-29T01:30:00Z");

describe("contactLocalTime", () => {
  test.each([
    [
      "own zone wins",
      { timeZone: "Asia/Shanghai", country: "DE" },
      winter,
      "Asia/Shanghai",
      false,
      "2026-01-15T20:00:00+08:00",
      480,
    ],
    ["guess from country", { timeZone: null, country: "DE" }, winter, "Europe/Berlin", true, "2026-01-15T13:00:00+01:00", 60],
    ["guess follows DST", { timeZone: null, country: "DE" }, summer, "Europe/Berlin", true, "2026-07-15T14:00:00+02:00", 120],
    [
      "DST gap: lands after the jump",
      { timeZone: "Europe/Berlin", country: null },
      afterBerlinJump,
      "Europe/Berlin",
      false,
      "2026-03-29T03:30:00+02:00",
      120,
    ],
    [
      "half-hour zone",
      { timeZone: "Asia/Kolkata", country: null },
      winter,
      "Asia/Kolkata",
      false,
      "2026-01-15T17:30:00+05:30",
      330,
    ],
    ["quarter-hour zone", { timeZone: null, country: "np" }, winter, "Asia/Kathmandu", true, "2026-01-15T17:45:00+05:45", 345],
    [
      "southern summer",
      { timeZone: "Australia/Sydney", country: null },
      winter,
      "Australia/Sydney",
      false,
      "2026-01-15T23:00:00+11:00",
      660,
    ],
    [
      "invalid own zone falls back to country",
      { timeZone: "Mars/Olympus", country: "JP" },
      winter,
      "Asia/Tokyo",
      true,
      "2026-01-15T21:00:00+09:00",
      540,
    ],
    [
      "fallback zone when no country",
      { timeZone: null, country: null, fallbackZone: "America/Chicago" },
      winter,
      "America/Chicago",
      true,
      "2026-01-15T06:00:00-06:00",
      -360,
    ],
    [
      "unknown country uses fallback",
      { timeZone: null, country: "ZZ", fallbackZone: "UTC" },
      winter,
      "UTC",
      true,
      "2026-01-15T12:00:00Z",
      0,
    ],
  ])("%s", (_name, input, now, zone, guessed, iso, offset) => {
    const r = contactLocalTime({ fallbackZone: null, ...input, now });
    expect(r).toEqual({ zone, guessed, iso, offsetMinutes: offset });
  });

  test.each([
    [{ timeZone: null, country: null, fallbackZone: null }],
    [{ timeZone: "", country: "", fallbackZone: "Not/AZone" }],
  ])("null when nothing gives a zone: %j", (input) => {
    expect(contactLocalTime({ ...input, now: winter })).toBeNull();
  });
});
