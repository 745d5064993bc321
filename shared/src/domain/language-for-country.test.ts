import { expect, test } from "vitest";
import { languageForCountry } from "./language-for-country";

test.each([
  ["CN", "zh"],
  ["tw", "zh"],
  ["DE", "de"],
  ["AT", "de"],
  ["BR", "pt"],
  ["MX", "es"],
  ["SA", "ar"],
  ["JP", "ja"],
  ["US", "en"],
  ["CH", null],
  ["BE", null],
  ["ZZ", null],
  [null, null],
  [undefined, null],
])("%s → %s", (country, language) => {
  expect(languageForCountry({ country })).toBe(language);
});
