import { logGamma } from "./log-gamma.js";

/**
 * Bias-correction constants for subgroup standard deviations, computed exactly rather than read from a
 * table, as qicharts2 0.8.1 does (`c4`, `c5`, `a3`, `b3`, `b4` in R/helper.functions.R):
 *
 * - c4(n) = √(2/(n−1)) · Γ(n/2) / Γ((n−1)/2)   (Montgomery, Introduction to Statistical Quality Control,
 *   6th ed., §6.3 and Appendix VI)
 * - c5(n) = √(1 − c4²)
 * - A3(n) = k / (c4 √n), B3(n) = max(0, 1 − k·c5/c4), B4(n) = 1 + k·c5/c4, with k = 3 (or 2 for the
 *   "95%" lines qicharts2 draws with `show.95`).
 *
 * Subgroups of size ≤ 1 have no standard deviation, so every constant is NaN there (R gives NA).
 *
 * @example
 * c4(5); // 0.9399856 (Montgomery Appendix VI: 0.9400)
 * a3(5); // 1.4273    (Appendix VI: 1.427)
 * b4(5); // 2.0889    (Appendix VI: 2.089)
 */
export function c4(n: number): number {
  if (!(n > 1)) return Number.NaN;
  // Subgroup sizes are small whole numbers, and x̄ and s charts ask for every point: remember them.
  if (Number.isInteger(n) && n < C4_MEMO_SIZE) {
    const known = c4Memo[n]!;
    if (known === known) return known;
    return (c4Memo[n] = c4Exact(n));
  }
  return c4Exact(n);
}

function c4Exact(n: number): number {
  return Math.sqrt(2 / (n - 1)) * Math.exp(logGamma(n / 2) - logGamma((n - 1) / 2));
}

const C4_MEMO_SIZE = 1024;
const c4Memo = new Float64Array(C4_MEMO_SIZE).fill(Number.NaN);

/** c5(n) = √(1 − c4(n)²); see {@link c4}. @example c5(2); // 0.6028 */
export function c5(n: number): number {
  const c = c4(n);
  return Math.sqrt(1 - c * c);
}

/** A3(n) = k/(c4(n)·√n), the x̄-chart factor for limits from s̄; see {@link c4}. @example a3(2); // 2.659 */
export function a3(n: number, sigmas = 3): number {
  if (!(n > 1)) return Number.NaN;
  return sigmas / (c4(n) * Math.sqrt(n));
}

/**
 * B3(n) = max(0, 1 − k·c5/c4), the s-chart lower factor; see {@link c4}. R's `pmax(0, NA)` is NA, so NaN
 * stays NaN. @example b3(6); // 0.0304
 */
export function b3(n: number, sigmas = 3): number {
  if (!(n > 1)) return Number.NaN;
  const v = 1 - (sigmas * c5(n)) / c4(n);
  return v > 0 ? v : 0;
}

/** B4(n) = 1 + k·c5/c4, the s-chart upper factor; see {@link c4}. @example b4(2); // 3.267 */
export function b4(n: number, sigmas = 3): number {
  if (!(n > 1)) return Number.NaN;
  return 1 + (sigmas * c5(n)) / c4(n);
}
