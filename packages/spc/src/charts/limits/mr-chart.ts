import type { PartCalculation } from "./chart-columns.type.js";
import { baseMean, resolveCentreLine } from "./part-helpers.js";

/**
 * Moving-range chart: y_i = |y_i − y_{i−1}| over all points of the part (the first is missing);
 * cl = mean(MR[base]); UCL = 3.267·cl, LCL = 0; the 95% line is (3.267/3)·2·cl. No screening.
 *
 * Source: qicharts2 0.8.1 `qic.mr`; Montgomery, 6th ed., §6.4 (D4 = 3.267, D3 = 0 for n = 2).
 * qicharts2 reports the runs statistics of an MR chart but never signals on them (successive ranges share
 * a point, so they are not independent).
 *
 * @example
 * // y = 10, 12, 11, 15 → MR = NaN, 2, 1, 4; cl = 7/3; ucl = 3.267·7/3 = 7.623; lcl = 0
 */
export const mrChartLimits: PartCalculation = (data, layout, from, to, out) => {
  out.y[from] = Number.NaN;
  out.n[from] = data.n[from]!;
  for (let i = from + 1; i < to; i++) {
    out.y[i] = Math.abs(data.y[i]! - data.y[i - 1]!);
    out.n[i] = data.n[i]!;
  }
  resolveCentreLine(layout, from, to, out, () => baseMean(out.y, layout.base, from, to));
  for (let i = from; i < to; i++) {
    const cl = out.cl[i]!;
    out.lcl[i] = 0;
    out.lcl95[i] = 0;
    out.ucl[i] = 3.267 * cl;
    out.ucl95[i] = (3.267 / 3) * 2 * cl;
  }
};
