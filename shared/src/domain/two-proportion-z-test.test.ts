import { expect, test } from "vitest";
import { twoProportionZTest } from "./two-proportion-z-test";

// Reference values from Python: pooled z and p = erfc(|z|/√2) (two-sided), independent of this code.
test.each([
  // xa, na, xb, nb, z, p, valid, significant
  [20, 100, 40, 100, 3.0861, 0.00203, true, true],
  [40, 100, 20, 100, -3.0861, 0.00203, true, true],
  [50, 500, 60, 500, 1.0107, 0.31218, true, false],
  [30, 200, 30, 200, 0, 1, true, false],
  [1, 10, 4, 10, 1.5492, 0.12134, false, false],
  [120, 1000, 150, 1000, 1.963, 0.04964, true, true],
])("%i/%i vs %i/%i → z %d, p %d", (xa, na, xb, nb, z, p, valid, significant) => {
  const r = twoProportionZTest({ successesA: xa, trialsA: na, successesB: xb, trialsB: nb });
  expect(r.z).toBeCloseTo(z, 3);
  expect(r.pValue).toBeCloseTo(p, 3);
  expect(r.valid).toBe(valid);
  expect(r.significant).toBe(significant);
});

test.each([
  ["an empty group", 0, 0, 5, 10],
  ["no variation at all", 0, 50, 0, 50],
])("%s: no z, not significant", (_name, xa, na, xb, nb) => {
  const r = twoProportionZTest({ successesA: xa, trialsA: na, successesB: xb, trialsB: nb });
  expect(r.z).toBeNull();
  expect(r.pValue).toBeNull();
  expect(r.significant).toBe(false);
});
