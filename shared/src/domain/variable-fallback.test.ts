import { expect, test } from "vitest";
import { variableFallback } from "./variable-fallback";

test.each([
  ["first_name", "there"],
  ["First_Name", "there"],
  ["company.name", "your team"],
  ["last_name", "[last name]"],
  ["custom.deal_size", "[deal size]"],
  [" title ", "your role"],
])("%s → %s", (variable, want) => {
  expect(variableFallback(variable)).toBe(want);
});
