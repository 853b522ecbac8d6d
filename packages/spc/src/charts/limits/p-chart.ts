import type { PartCalculation } from "./chart-columns.type.js";
import {
  baseRatio,
  capUpperLimitsAtOne,
  copyYAndN,
  floorLowerLimitsAtZero,
  resolveCentreLine,
  writeSigmaLimits,
} from "./part-helpers.js";

/**
 * p chart (proportion defective): cl = Σy/Σn over the base; σ_i = √(cl(1 − cl)/n_i); limits cl ± 3σ_i,
 * finite values clamped to [0, 1]. A subgroup with n = 0 keeps undefined limits.
 *
 * Source: qicharts2 0.8.1 `qic.p`; Montgomery, 6th ed., §7.2 (eq. 7.8 with variable sample size).
 *
 * @example
 * // Montgomery Example 7.1 (orange-juice cans, 30 samples of n = 50, 347 defectives):
 * // p̄ = 0.2313, UCL = 0.4102, LCL = 0.0524
 */
export const pChartLimits: PartCalculation = (data, layout, from, to, out) => {
  copyYAndN(data, from, to, out);
  resolveCentreLine(layout, from, to, out, () => baseRatio(data.ySum, data.n, layout.base, from, to));
  writeSigmaLimits(out, from, to, (i) => proportionSigma(out.cl[i]!, data.n[i]!));
  capUpperLimitsAtOne(out, from, to);
  floorLowerLimitsAtZero(out, from, to);
};

/** √(p(1 − p)/n), the binomial standard error of a proportion. */
export function proportionSigma(p: number, n: number): number {
  return Math.sqrt((p * (1 - p)) / n);
}
