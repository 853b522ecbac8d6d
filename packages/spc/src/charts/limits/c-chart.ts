import type { PartCalculation } from "./chart-columns.type.js";
import { baseMean, floorLowerLimitsAtZero, resolveCentreLine, writeSigmaLimits } from "./part-helpers.js";

/**
 * c chart (count of defects per equal area of opportunity): plots Σy; cl = mean(Σy[base]);
 * limits cl ± 3√cl, LCL floored at 0.
 *
 * Source: qicharts2 0.8.1 `qic.c`; Montgomery, 6th ed., eq. 7.17.
 *
 * @example
 * // Montgomery Example 7.3 (printed-circuit boards, 26 samples, 516 nonconformities):
 * // c̄ = 19.85, UCL = 33.22, LCL = 6.48
 */
export const cChartLimits: PartCalculation = (data, layout, from, to, out) => {
  for (let i = from; i < to; i++) {
    out.y[i] = data.ySum[i]!;
    out.n[i] = data.n[i]!;
  }
  resolveCentreLine(layout, from, to, out, () => baseMean(out.y, layout.base, from, to));
  writeSigmaLimits(out, from, to, (i) => Math.sqrt(out.cl[i]!));
  floorLowerLimitsAtZero(out, from, to);
};
