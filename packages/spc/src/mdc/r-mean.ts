/**
 * Arithmetic mean of the non-missing values of `x[start..end)`, computed the way R's `mean(x, na.rm = TRUE)`
 * does it (R `src/main/summary.c`): an extended-precision sum, a division, then one correction pass
 * `m + Σ(xᵢ − m)/n`. R accumulates in an 80-bit long double; here both passes use Neumaier compensated
 * summation, which is at least as accurate, so the result matches R to the last bit or within one ulp.
 * Matching R that closely matters because the mean decides `relative_to_mean`, and a point that lies on the
 * mean breaks a shift.
 *
 * Missing values are `NaN` and are skipped. Returns `NaN` when nothing is left (R's `NaN` from `mean(numeric(0))`).
 *
 * @example
 * rMean([1, 2, 1, 2, 10, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1]); // 1.9444444444444444 (35 / 18)
 */
export function rMean(x: ArrayLike<number>, start = 0, end: number = x.length): number {
  let n = 0;
  let sum = 0;
  let compensation = 0;
  for (let i = start; i < end; i++) {
    const v = x[i] as number;
    if (v !== v) continue;
    n++;
    const t = sum + v;
    compensation += Math.abs(sum) >= Math.abs(v) ? sum - t + v : v - t + sum;
    sum = t;
  }
  if (n === 0) return NaN;
  const m = (sum + compensation) / n;
  if (!Number.isFinite(m)) return m;
  let residual = 0;
  let residualCompensation = 0;
  for (let i = start; i < end; i++) {
    const v = x[i] as number;
    if (v !== v) continue;
    const d = v - m;
    const t = residual + d;
    residualCompensation += Math.abs(residual) >= Math.abs(d) ? residual - t + d : d - t + residual;
    residual = t;
  }
  return m + (residual + residualCompensation) / n;
}
