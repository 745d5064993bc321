/** Standard normal CDF via the Abramowitz–Stegun 7.1.26 erf approximation (|error| < 1.5e-7). */
function normalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  const erf = 1 - poly * Math.exp(-x * x);
  return z >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
}

export interface TwoProportionZTestResult {
  rateA: number | null;
  rateB: number | null;
  /** B minus A. */
  difference: number | null;
  z: number | null;
  /** Two-sided p-value; null when the test cannot be computed (an empty group or no variation). */
  pValue: number | null;
  /** Normal approximation valid: every expected count (n·p̂, n·(1−p̂)) is at least 5. */
  valid: boolean;
  /** valid and pValue < alpha. */
  significant: boolean;
}

/**
 * Pooled two-proportion z-test, two-sided: are the success rates of A and B different?
 * (Here: reply rate of two A/B variants of one step, with delivered messages as trials.)
 */
export function twoProportionZTest(input: {
  successesA: number;
  trialsA: number;
  successesB: number;
  trialsB: number;
  alpha?: number;
}): TwoProportionZTestResult {
  const { successesA: xa, trialsA: na, successesB: xb, trialsB: nb } = input;
  const alpha = input.alpha ?? 0.05;
  const rateA = na > 0 ? xa / na : null;
  const rateB = nb > 0 ? xb / nb : null;
  const difference = rateA !== null && rateB !== null ? rateB - rateA : null;
  if (na === 0 || nb === 0) return { rateA, rateB, difference, z: null, pValue: null, valid: false, significant: false };
  const pooled = (xa + xb) / (na + nb);
  const valid = [na * pooled, na * (1 - pooled), nb * pooled, nb * (1 - pooled)].every((e) => e >= 5);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / na + 1 / nb));
  if (se === 0) return { rateA, rateB, difference, z: null, pValue: null, valid: false, significant: false };
  const z = (rateB! - rateA!) / se;
  const pValue = Math.min(1, 2 * (1 - normalCdf(Math.abs(z))));
  return { rateA, rateB, difference, z, pValue, valid, significant: valid && pValue < alpha };
}
