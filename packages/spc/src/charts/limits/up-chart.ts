import type { PartCalculation } from "./chart-columns.type.js";
import { laneySigmaZ } from "./laney-sigma-z.js";
import {
  baseRatio,
  copyYAndN,
  floorLowerLimitsAtZero,
  resolveCentreLine,
  writeSigmaLimits,
} from "./part-helpers.js";
import { rateSigma } from "./u-chart.js";

/**
 * Laney u′ chart: the u chart with σ_i multiplied by σ_z ({@link laneySigmaZ}); LCL floored at 0.
 *
 * Source: Laney (2002), Quality Engineering 14(4):531–537; qicharts2 0.8.1 `qic.up`.
 *
 * @example
 * // cl = 2, n_i = 50, σ_z = 1.5 → limits 2 ± 3·0.2·1.5 = [1.1, 2.9]
 */
export const upChartLimits: PartCalculation = (data, layout, from, to, out, options) => {
  copyYAndN(data, from, to, out);
  resolveCentreLine(layout, from, to, out, () => baseRatio(data.ySum, data.n, layout.base, from, to));
  const sigma = (i: number): number => rateSigma(out.cl[i]!, data.n[i]!);
  const sigmaZ = laneySigmaZ(data, layout, from, to, out, sigma, options);
  writeSigmaLimits(out, from, to, (i) => sigma(i) * sigmaZ);
  floorLowerLimitsAtZero(out, from, to);
};
