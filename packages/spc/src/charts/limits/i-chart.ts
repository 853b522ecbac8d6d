import { scratch } from "./buffers.js";
import type { ChartColumns, PartCalculation, PartLayout } from "./chart-columns.type.js";
import { averageMovingRange, D2 } from "./moving-range.js";
import { baseMean, copyYAndN, useFixedCentreLine, writeConstantSigmaLimits } from "./part-helpers.js";

/**
 * I chart (individuals, XmR): cl = mean(y[base]); σ = AMR/1.128; limits cl ± 3σ (2σ for the 95% lines).
 *
 * The moving ranges are taken over the *base vector* (baseline points that are not excluded, in order), so
 * an excluded point is removed first and the range spans across it; they are ranges of y − cl, which
 * equals ranges of y for a constant centre line and honours a varying fixed `cl`. With MR screening on,
 * ranges ≥ 3.267·AMR are dropped once.
 *
 * Source: qicharts2 0.8.1 `qic.i`; Montgomery, Introduction to Statistical Quality Control, 6th ed.,
 * eq. 6.33 (σ̂ = MR̄/d2); Nelson (1982) for the screening.
 *
 * @example
 * // Montgomery Example 6.5 (mortgage loan costs, 20 weeks): x̄ = 300.5, MR̄ = 7.79,
 * // UCL = 300.5 + 3·7.79/1.128 = 321.22, LCL = 279.78
 */
export const iChartLimits: PartCalculation = (data, layout, from, to, out, options) => {
  copyYAndN(data, from, to, out);
  individualsLimits(data.y, layout, from, to, out, options.screenMovingRanges);
};

/** The I-chart centre line and limits of the values `y` (shared with the t chart's transformed scale). */
export function individualsLimits(
  y: Float64Array,
  layout: PartLayout,
  from: number,
  to: number,
  out: ChartColumns,
  screen: boolean,
): void {
  const base = layout.base;
  if (!useFixedCentreLine(layout, from, to, out)) out.cl.fill(baseMean(y, base, from, to), from, to);
  const deviations = scratch(to - from);
  const m = baseDeviations(y, out.cl, base, from, to, deviations);
  writeConstantSigmaLimits(out, from, to, averageMovingRange(deviations, m, screen) / D2);
}

/** y − cl over the base vector, written to `into`; returns its length. */
function baseDeviations(
  y: Float64Array,
  cl: Float64Array,
  base: Uint8Array,
  from: number,
  to: number,
  into: Float64Array,
): number {
  let m = 0;
  for (let i = from; i < to; i++) if (base[i] === 1) into[m++] = y[i]! - cl[i]!;
  return m;
}
