/**
 * Average moving range of a sequence, optionally screened once for outlying ranges.
 *
 * MR_j = |d_j − d_{j−1}| for j = 1..m−1; AMR = mean of the finite MR_j (a missing value makes its two
 * ranges missing, and they are skipped, as R's `mean(mr, na.rm = TRUE)`). With screening, ranges
 * MR_j ≥ 3.267·AMR are dropped and AMR is recomputed, once (Nelson 1982, "Control charts for individual
 * measurements", JQT 14(3); qicharts2 0.8.1 `qic.i`, `qic.pp`, `qic.up` when `qic.screenedmr` is TRUE).
 * 3.267 = D4(2), the upper range limit for subgroups of two. NaN when no range exists.
 *
 * @example
 * averageMovingRange(Float64Array.of(1, 3, 2, 10), 4, false); // (2 + 1 + 8) / 3 = 3.667
 * averageMovingRange(Float64Array.of(1, 3, 2, 10), 4, true);  // 8 ≥ 3.267·3.667? no → 3.667
 */
export function averageMovingRange(d: Float64Array, length: number, screen: boolean): number {
  let sum = 0;
  let count = 0;
  for (let j = 1; j < length; j++) {
    const mr = Math.abs(d[j]! - d[j - 1]!);
    if (mr === mr) {
      sum += mr;
      count++;
    }
  }
  const amr = count === 0 ? Number.NaN : sum / count;
  if (!screen) return amr;
  const limit = MR_SCREEN_FACTOR * amr;
  sum = 0;
  count = 0;
  for (let j = 1; j < length; j++) {
    const mr = Math.abs(d[j]! - d[j - 1]!);
    if (mr < limit) {
      sum += mr;
      count++;
    }
  }
  return count === 0 ? Number.NaN : sum / count;
}

/** D4 for n = 2: moving ranges at or above 3.267·AMR are screened out. */
export const MR_SCREEN_FACTOR = 3.267;

/** d2 for n = 2, as qicharts2 rounds it: σ = AMR / 1.128 (Montgomery eq. 6.33). */
export const D2 = 1.128;
