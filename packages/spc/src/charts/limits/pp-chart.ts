import type { PartCalculation } from "./chart-columns.type.js";
import { laneySigmaZ } from "./laney-sigma-z.js";
import {
  baseRatio,
  capUpperLimitsAtOne,
  copyYAndN,
  floorLowerLimitsAtZero,
  resolveCentreLine,
  writeSigmaLimits,
} from "./part-helpers.js";
import { proportionSigma } from "./p-chart.js";

/**
 * Laney p′ chart: the p chart with σ_i multiplied by σ_z ({@link laneySigmaZ}), so over-dispersed
 * proportions with very large denominators get honest limits; clamped to [0, 1] like the p chart.
 *
 * Source: Laney (2002), Quality Engineering 14(4):531–537; qicharts2 0.8.1 `qic.pp`.
 *
 * @example
 * // cl = 0.1, n_i = 100, σ_z = 2 → limits 0.1 ± 3·0.03·2 = [0, 0.28]
 */
export const ppChartLimits: PartCalculation = (data, layout, from, to, out, options) => {
  copyYAndN(data, from, to, out);
  resolveCentreLine(layout, from, to, out, () => baseRatio(data.ySum, data.n, layout.base, from, to));
  const sigma = (i: number): number => proportionSigma(out.cl[i]!, data.n[i]!);
  const sigmaZ = laneySigmaZ(data, layout, from, to, out, sigma, options);
  writeSigmaLimits(out, from, to, (i) => sigma(i) * sigmaZ);
  capUpperLimitsAtOne(out, from, to);
  floorLowerLimitsAtZero(out, from, to);
};
