import type { PartCalculation } from "./chart-columns.type.js";
import { resolveCentreLine, writeSigmaLimits } from "./part-helpers.js";

/**
 * I′ chart (Taylor's normalised individuals chart for means of varying subgroup sizes):
 * cl = Σ(y_i·n_i)/Σn_i over the base; s_i = √(π/2)·|y_i − y_{i−1}| / √(1/n_{i−1} + 1/n_i) over *all* points
 * of the part (freeze and exclude do not apply, as in qicharts2); with MR screening, s_i ≥ 3.2665·mean(s)
 * are dropped once; σ_i = mean(s)·√(1/n_i); limits cl ± 3σ_i, no floor. With denominators y is Σy/Σn (the
 * values are subgroup totals); without, y is the mean of the values and n their number.
 *
 * Source: qicharts2 0.8.1 `qic.ip` (added in 0.8.0), which implements W. A. Taylor's normalised
 * individuals chart; √(π/2)·|Δy| is the mean-absolute-difference estimate of σ√(1/n_{i−1} + 1/n_i).
 *
 * @example
 * // y = 10, 12 with n = 4, 4 → s_2 = √(π/2)·2/√0.5 = 3.545; σ_i = 3.545·√(1/4) = 1.772
 */
export const ipChartLimits: PartCalculation = (data, layout, from, to, out, options) => {
  let anyN = false;
  for (let i = from; i < to; i++) {
    if (data.n[i] === data.n[i]) {
      anyN = true;
      break;
    }
  }
  const n = anyN ? data.n : data.yLength;
  for (let i = from; i < to; i++) {
    out.y[i] = data.y[i]!;
    out.n[i] = n[i]!;
  }
  const base = layout.base;
  resolveCentreLine(layout, from, to, out, () => {
    let num = 0;
    let den = 0;
    for (let i = from; i < to; i++) {
      if (base[i] !== 1) continue;
      const t = data.y[i]! * n[i]!;
      if (t === t) num += t;
      if (n[i] === n[i]) den += n[i]!;
    }
    return num / den;
  });
  let sum = 0;
  let count = 0;
  for (let i = from + 1; i < to; i++) {
    const s = movingS(data.y, n, i);
    if (s === s) {
      sum += s;
      count++;
    }
  }
  let meanS = count === 0 ? Number.NaN : sum / count;
  if (options.screenMovingRanges) {
    const limit = IP_SCREEN_FACTOR * meanS;
    sum = 0;
    count = 0;
    for (let i = from + 1; i < to; i++) {
      const s = movingS(data.y, n, i);
      if (s < limit) {
        sum += s;
        count++;
      }
    }
    meanS = count === 0 ? Number.NaN : sum / count;
  }
  writeSigmaLimits(out, from, to, (i) => meanS * Math.sqrt(1 / n[i]!));
};

/** qicharts2 screens the I′ moving s at 3.2665·mean(s) (not the 3.267 of the other charts). */
const IP_SCREEN_FACTOR = 3.2665;
const ROOT_HALF_PI = Math.sqrt(Math.PI / 2);

function movingS(y: Float64Array, n: Float64Array, i: number): number {
  return (ROOT_HALF_PI * Math.abs(y[i]! - y[i - 1]!)) / Math.sqrt(1 / n[i - 1]! + 1 / n[i]!);
}
