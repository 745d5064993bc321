import { expect, test } from "vitest";
import { weekendDays } from "./weekend-days";

test.each([
  ["SA", [5, 6]],
  ["sa", [5, 6]],
  ["AE", [6, 7]],
  ["DE", [6, 7]],
  ["IR", [5]],
  ["NP", [6]],
  [null, [6, 7]],
])("weekendDays(%s)", (country, days) => expect(weekendDays(country)).toEqual(days));
