import type { PartCalculation } from "./chart-columns.type.js";
import {
  baseRatio,
  copyYAndN,
  floorLowerLimitsAtZero,
  resolveCentreLine,
  writeSigmaLimits,
} from "./part-helpers.js";

/**
 * u chart (defects per unit of a varying area of opportunity): cl = Σy/Σn over the base;
 * σ_i = √(cl/n_i); limits cl ± 3σ_i, LCL floored at 0.
 *
 * Source: qicharts2 0.8.1 `qic.u`; Montgomery, 6th ed., eq. 7.19.
 *
 * @example
 * // Montgomery Example 7.4 (personal computers, 20 samples of 5 units, 193 nonconformities):
 * // ū = 1.93, UCL = 1.93 + 3√(1.93/5) = 3.79, LCL = 0.07
 */
export const uChartLimits: PartCalculation = (data, layout, from, to, out) => {
  copyYAndN(data, from, to, out);
  resolveCentreLine(layout, from, to, out, () => baseRatio(data.ySum, data.n, layout.base, from, to));
  writeSigmaLimits(out, from, to, (i) => rateSigma(out.cl[i]!, data.n[i]!));
  floorLowerLimitsAtZero(out, from, to);
};

/** √(u/n), the Poisson standard error of a rate. */
export function rateSigma(u: number, n: number): number {
  return Math.sqrt(u / n);
}
