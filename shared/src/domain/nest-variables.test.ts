import { expect, test } from "vitest";
import { nestVariables } from "./nest-variables";

test.each([
  { flat: { first_name: "Li" }, want: { first_name: "Li" } },
  { flat: { "company.name": "Bright", "company.city": "Shenzhen" }, want: { company: { name: "Bright", city: "Shenzhen" } } },
  { flat: { "__proto__.x": "1", "a..b": "2" }, want: {} },
  { flat: {}, want: {} },
] as { flat: Record<string, string>; want: unknown }[])("$flat", ({ flat, want }) => {
  expect(nestVariables(flat)).toEqual(want);
});
