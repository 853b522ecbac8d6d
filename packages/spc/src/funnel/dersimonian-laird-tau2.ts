/**
 * Between-unit variance τ² of an additive random-effects model by the DerSimonian–Laird method of moments
 * (DerSimonian & Laird 1986), in the form Spiegelhalter (2005) uses for funnel plots and FunnelPlotR implements
 * (`tau_func` in `R/od_adjustment.R`):
 *
 *   τ² = max(0, (n·φ − (n − 1)) / (Σwᵢ − Σwᵢ² / Σwᵢ)), and 0 when n·φ < n − 1,
 *
 * with n the number of units used, φ the overdispersion ratio (mean squared z-score) and wᵢ = 1/sᵢ² their
 * within-unit precisions. Needs at least two weights, or the denominator is 0.
 *
 * @example
 * // 8 units of equal weight 100 with φ = 2.4375: (19.5 − 7) / (800 − 100) = 0.017857…
 * derSimonianLairdTau2(8, 2.4375, [100, 100, 100, 100, 100, 100, 100, 100]);
 */
export function derSimonianLairdTau2(n: number, phi: number, weights: readonly number[]): number {
  if (n * phi < n - 1) return 0;
  let sum = 0;
  let sumSquares = 0;
  for (const w of weights) {
    sum += w;
    sumSquares += w * w;
  }
  return Math.max(0, (n * phi - (n - 1)) / (sum - sumSquares / sum));
}
