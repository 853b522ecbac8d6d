import { b3, b4 } from "../stats/control-constants.js";
import type { PartCalculation } from "./chart-columns.type.js";
import { resolveCentreLine } from "./part-helpers.js";
import { subgroupSigma } from "./subgroup-sigma.js";

/**
 * s chart: plots the subgroup standard deviation s_i; cl = σ̂ (pooled or mean s, {@link subgroupSigma});
 * UCL = B4(n_i)·cl, LCL = B3(n_i)·cl, with B3 and B4 computed exactly from c4 (2-sigma versions for the
 * 95% lines).
 *
 * Source: qicharts2 0.8.1 `qic.s`; Montgomery, 6th ed., eqs. 6.27–6.29 and 6.31.
 *
 * @example
 * // Montgomery Example 6.3 (piston rings): s̄ = 0.0094, B4(5) = 2.089, B3(5) = 0 → UCL = 0.0196, LCL = 0
 */
export const sChartLimits: PartCalculation = (data, layout, from, to, out) => {
  for (let i = from; i < to; i++) {
    out.y[i] = data.ySd[i]!;
    out.n[i] = data.n[i]!;
  }
  resolveCentreLine(layout, from, to, out, () => subgroupSigma(data, layout.base, from, to));
  for (let i = from; i < to; i++) {
    const cl = out.cl[i]!;
    const size = data.yLength[i]!;
    out.lcl[i] = b3(size, 3) * cl;
    out.ucl[i] = b4(size, 3) * cl;
    out.lcl95[i] = b3(size, 2) * cl;
    out.ucl95[i] = b4(size, 2) * cl;
  }
};
