import { expect, test } from "vitest";
import { detectDelimiter } from "./detect-delimiter";

test.each([
  ["email,name,company", ","],
  ["email;name;company", ";"],
  ["email\tname\tcompany", "\t"],
  ["email|name", "|"],
  ['"Name; with semicolon",email,company', ","],
  ["email", ","],
  ["", ","],
])("%j → %j", (firstLine, expected) => {
  expect(detectDelimiter({ firstLine })).toBe(expected);
});
