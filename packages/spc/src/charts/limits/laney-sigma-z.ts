import { scratch } from "./buffers.js";
import type { ChartColumns, LimitOptions, PartLayout, SubgroupColumns } from "./chart-columns.type.js";
import { averageMovingRange, D2 } from "./moving-range.js";

/**
 * Laney's σ_z, the between-subgroup variation of a p′ or u′ chart.
 *
 * z_i = (y_i − cl_i)/σ_i over the base vector, where σ_i is the p or u chart's own sigma. Over time,
 * σ_z = AMR(z)/1.128 (screened at 3.267·AMR when MR screening is on); with categorical x (a funnel plot,
 * where order means nothing) σ_z = sd(z), which is NaN if any z is missing, as R's `sd` without `na.rm`.
 *
 * Source: Laney (2002), "Improved control charts for attributes", Quality Engineering 14(4):531–537;
 * qicharts2 0.8.1 `qic.pp` / `qic.up`.
 *
 * @example
 * // p = 0.10, 0.12, 0.08 with n = 100 and cl = 0.10: σ_i = 0.03, z = 0, 0.667, −0.667,
 * // MR = 0.667, 1.333 → σ_z = 1.0 / 1.128 = 0.887
 */
export function laneySigmaZ(
  data: SubgroupColumns,
  layout: PartLayout,
  from: number,
  to: number,
  out: ChartColumns,
  sigma: (i: number) => number,
  options: LimitOptions,
): number {
  const z = scratch(to - from);
  let m = 0;
  for (let i = from; i < to; i++) {
    if (layout.base[i] === 1) z[m++] = (data.y[i]! - out.cl[i]!) / sigma(i);
  }
  if (options.categorical) return sampleSd(z, m);
  return averageMovingRange(z, m, options.screenMovingRanges) / D2;
}

/** R's sd(x) without na.rm: NaN when any value is missing or fewer than two values. */
function sampleSd(values: Float64Array, length: number): number {
  if (length < 2) return Number.NaN;
  let sum = 0;
  for (let i = 0; i < length; i++) sum += values[i]!;
  const mean = sum / length;
  let ss = 0;
  for (let i = 0; i < length; i++) {
    const d = values[i]! - mean;
    ss += d * d;
  }
  return Math.sqrt(ss / (length - 1));
}
