import type { PartCalculation } from "./chart-columns.type.js";
import { baseMedian, copyYAndN, resolveCentreLine } from "./part-helpers.js";

/**
 * Run chart: centre line = median(y[base]); no limits.
 *
 * Source: qicharts2 0.8.1 `qic.run`; Anhøj & Olesen (2014), "Run charts revisited", PLoS ONE 9(11):e113825
 * (the median makes the runs rules distribution-free).
 *
 * @example
 * // y = 3, 1, 4, 1, 5 → cl = 3 on every point; lcl, ucl, lcl95, ucl95 = NaN
 */
export const runChartLimits: PartCalculation = (data, layout, from, to, out) => {
  copyYAndN(data, from, to, out);
  resolveCentreLine(layout, from, to, out, () => baseMedian(data.y, layout.base, from, to));
  out.lcl.fill(Number.NaN, from, to);
  out.ucl.fill(Number.NaN, from, to);
  out.lcl95.fill(Number.NaN, from, to);
  out.ucl95.fill(Number.NaN, from, to);
};
