import { a3 } from "../stats/control-constants.js";
import type { PartCalculation } from "./chart-columns.type.js";
import { copyYAndN, resolveCentreLine } from "./part-helpers.js";
import { subgroupSigma } from "./subgroup-sigma.js";

/**
 * x̄ chart: cl = Σ(n_i·x̄_i)/Σn_i over the base (Montgomery eq. 6.30); limits cl ± A3(n_i)·σ̂, with σ̂ the
 * pooled or mean subgroup standard deviation ({@link subgroupSigma}) and A3 computed exactly from c4.
 * The plotted y is agg.fun of the subgroup (the mean unless another function is asked for).
 *
 * Source: qicharts2 0.8.1 `qic.xbar`; Montgomery, 6th ed., §6.3.
 *
 * @example
 * // Montgomery Example 6.3 (piston rings, 25 subgroups of 5): x̿ = 74.001, s̄ = 0.0094, A3(5) = 1.427
 * // → UCL = 74.001 + 1.427·0.0094 = 74.014, LCL = 73.988
 */
export const xbarChartLimits: PartCalculation = (data, layout, from, to, out) => {
  copyYAndN(data, from, to, out);
  const base = layout.base;
  resolveCentreLine(layout, from, to, out, () => {
    let num = 0;
    let den = 0;
    for (let i = from; i < to; i++) {
      if (base[i] !== 1) continue;
      const w = data.yLength[i]!;
      const t = w * data.yMean[i]!;
      if (t === t) num += t;
      den += w;
    }
    return num / den;
  });
  const sigma = subgroupSigma(data, base, from, to);
  for (let i = from; i < to; i++) {
    const cl = out.cl[i]!;
    const size = data.yLength[i]!;
    const w3 = a3(size, 3) * sigma;
    const w2 = a3(size, 2) * sigma;
    out.lcl[i] = cl - w3;
    out.ucl[i] = cl + w3;
    out.lcl95[i] = cl - w2;
    out.ucl95[i] = cl + w2;
  }
};
