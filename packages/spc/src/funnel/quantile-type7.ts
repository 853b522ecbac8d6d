/**
 * The p-quantile of `x` by R's default `quantile(x, p)` (type 7, Hyndman & Fan 1996): with the values sorted,
 * h = (n − 1)·p, and the result interpolates linearly between the ⌊h⌋-th and ⌈h⌉-th (0-based) values.
 * FunnelPlotR's CQC winsorisation uses it for the 10th and 90th percentiles of the z-scores.
 *
 * @example
 * quantileType7([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.1); // 1.9
 */
export function quantileType7(x: readonly number[], p: number): number {
  const sorted = [...x].sort((a, b) => a - b);
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  const a = sorted[lo] as number;
  const b = sorted[hi] as number;
  return a + (h - lo) * (b - a);
}
