import { IANAZone } from "luxon";
import { describe, expect, test } from "vitest";
import { guessTimeZone, knownCountryCodes } from "./guess-time-zone";

describe("guessTimeZone", () => {
  test.each([
    ["CN", "Asia/Shanghai"],
    ["cn", "Asia/Shanghai"],
    [" de ", "Europe/Berlin"],
    ["US", "America/New_York"],
    ["RU", "Europe/Moscow"],
    ["BR", "America/Sao_Paulo"],
    ["AU", "Australia/Sydney"],
    ["IN", "Asia/Kolkata"],
    ["UK", "Europe/London"],
    ["AR", "America/Argentina/Buenos_Aires"],
    ["NP", "Asia/Kathmandu"],
    ["XX", null],
    ["", null],
    [null, null],
    ["Germany", null],
  ])("%s → %s", (country, zone) => {
    expect(guessTimeZone(country)).toBe(zone);
  });

  test("covers (nearly) every ISO country, and every zone in the table is a valid IANA zone", () => {
    expect(knownCountryCodes.length).toBeGreaterThanOrEqual(245);
    const invalid = knownCountryCodes.filter((c) => !IANAZone.isValidZone(guessTimeZone(c)!));
    expect(invalid).toEqual([]);
  });
});
