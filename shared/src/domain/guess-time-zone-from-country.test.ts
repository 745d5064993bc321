import { expect, test } from "vitest";
import { guessTimeZoneFromCountry } from "./guess-time-zone-from-country";

test.each([
  ["US", "America/New_York"],
  ["us", "America/New_York"],
  ["CN", "Asia/Shanghai"],
  ["DE", "Europe/Berlin"],
  ["SA", "Asia/Riyadh"],
  ["JP", "Asia/Tokyo"],
  ["FR", "Europe/Paris"],
  ["AR", "America/Argentina/Buenos_Aires"],
  ["XX", null],
  ["", null],
  [null, null],
  ["USA", null],
])("%s → %s", (country, zone) => {
  expect(guessTimeZoneFromCountry(country)).toBe(zone);
});
