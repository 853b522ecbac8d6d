import type { PartCalculation } from "./chart-columns.type.js";
import { baseMean, baseMedian, copyYAndN, resolveCentreLine, writeSigmaLimits } from "./part-helpers.js";

/**
 * g chart (opportunities between rare events, geometric): with m = mean(y[base]), σ = √(m(m + 1)) and
 * limits m ± 3σ, LCL floored at 0 (so it is always 0). The *reported* centre line is the median of
 * y[base], which keeps the runs rules valid for skewed data; when a centre line is given, the limits use
 * it and the reported line is 0.693·cl (the geometric median, Provost & Murray 2011, p. 228).
 *
 * Source: qicharts2 0.8.1 `qic.g`; Montgomery, 6th ed., p. 319 (Kaminsky et al. 1992).
 *
 * @example
 * // y = 7, 10, 7, 1, 3 → m = 5.6, σ = √(5.6·6.6) = 6.08, UCL = 23.84, LCL = 0, reported cl = 7
 */
export const gChartLimits: PartCalculation = (data, layout, from, to, out) => {
  copyYAndN(data, from, to, out);
  const computed = resolveCentreLine(layout, from, to, out, () => baseMean(data.y, layout.base, from, to));
  writeSigmaLimits(out, from, to, (i) => {
    const m = out.cl[i]!;
    return Math.sqrt(m * (m + 1));
  });
  for (let i = from; i < to; i++) {
    if (out.lcl[i]! < 0) out.lcl[i] = 0;
    if (out.lcl95[i]! < 0) out.lcl95[i] = 0;
  }
  if (computed) {
    out.cl.fill(baseMedian(data.y, layout.base, from, to), from, to);
  } else {
    for (let i = from; i < to; i++) out.cl[i] = 0.693 * out.cl[i]!;
  }
};
