import { describe, expect, test } from "vitest";
import { defaultSequenceSettings } from "@threadline/shared/schemas";
import { planSendTime, sendDaysFor } from "./plan-send-time";
import { pickVariant } from "./step-content";

describe("planSendTime", () => {
  const settings = defaultSequenceSettings();
  test.each([
    // Thursday 2026-11-26 18:00 Riyadh (contact zone guessed from SA): Friday–Saturday rest → Sunday 09:00.
    [{ timeZone: null, country: "SA" }, "2026-11-26T15:00:00Z", "2026-11-29T09:00:00.000+03:00", "Asia/Riyadh", true],
    // Same moment for a German contact with its own zone: Friday 09:00 Berlin.
    [
      { timeZone: "Europe/Berlin", country: "DE" },
      "2026-11-26T20:00:00Z",
      "2026-11-27T09:00:00.000+01:00",
      "Europe/Berlin",
      false,
    ],
    // No zone, no country: the sequence's zone (New York), marked as a guess.
    [{ timeZone: null, country: null }, "2026-11-28T15:00:00Z", "2026-11-30T09:00:00.000-05:00", "America/New_York", true],
  ])("%o at %s → %s", (contact, now, local, zone, guessed) => {
    const r = planSendTime({
      from: Date.parse(now),
      delay: { amount: 0, unit: "hours" },
      contact,
      sequence: { timeZone: "America/New_York", settings },
      now: Date.parse(now),
    });
    expect(r.local).toBe(local);
    expect(r.zone).toBe(zone);
    expect(r.zoneGuessed).toBe(guessed);
  });

  test.each([
    ["SA", true, {}, [7, 1, 2, 3, 4]],
    ["DE", true, {}, [1, 2, 3, 4, 5]],
    ["AE", true, { AE: [6, 7] }, [1, 2, 3, 4, 5]],
    ["SA", false, {}, [1, 2, 3, 4, 5]],
    [null, true, {}, [1, 2, 3, 4, 5]],
  ])("sendDaysFor(%s, byCountry=%s, %o)", (country, byCountry, countryWeekends, days) => {
    expect(sendDaysFor({ ...settings, weekendByCountry: byCountry, countryWeekends }, country).sort()).toEqual([...days].sort());
  });
});

describe("pickVariant", () => {
  const variants = [
    { id: "a", weight: 50 },
    { id: "b", weight: 50 },
  ];
  test("deterministic per seed, and both variants are used", () => {
    expect(pickVariant(variants, "en_1:st_1")).toEqual(pickVariant(variants, "en_1:st_1"));
    const picked = new Set(Array.from({ length: 40 }, (_v, i) => pickVariant(variants, `en_${i}:st_1`)!.id));
    expect([...picked].sort()).toEqual(["a", "b"]);
  });
  test("a zero weight is never picked", () => {
    const only = Array.from(
      { length: 40 },
      (_v, i) =>
        pickVariant(
          [
            { id: "a", weight: 0 },
            { id: "b", weight: 10 },
          ],
          `s${i}`,
        )!.id,
    );
    expect(new Set(only)).toEqual(new Set(["b"]));
  });
});
