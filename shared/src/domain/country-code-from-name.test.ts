import { describe, expect, test } from "vitest";
import { countryCodeFromName } from "./country-code-from-name";

describe("countryCodeFromName", () => {
  test.each([
    ["de", "DE"],
    ["Germany", "DE"],
    ["Deutschland", "DE"],
    ["德国", "DE"],
    ["中国", "CN"],
    ["United States", "US"],
    ["USA", "US"],
    ["UK", "GB"],
    ["United Kingdom", "GB"],
    ["  brazil ", "BR"],
    ["Brasil", "BR"],
    ["España", "ES"],
    ["日本", "JP"],
    ["Atlantis", null],
    ["XX", null],
    ["", null],
  ])("%j → %s", (value, code) => {
    expect(countryCodeFromName({ value })).toBe(code);
  });
});
