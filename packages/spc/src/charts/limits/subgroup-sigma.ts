import type { SubgroupColumns } from "./chart-columns.type.js";

/**
 * σ̂ of subgroup data for x̄ and s charts.
 *
 * When subgroup sizes vary anywhere in the part: the pooled s = √(Σ(n_i − 1)s_i² / Σ(n_i − 1)) over the
 * base (Montgomery, 6th ed., eq. 6.31); otherwise the mean of s_i over the base (eq. 6.29, s̄). Both sums
 * skip missing terms like R's `na.rm = TRUE`, so a subgroup of one value adds 0 to each sum, and, as in
 * qicharts2, a subgroup with no values adds −1 to the denominator.
 *
 * Source: qicharts2 0.8.1 `qic.xbar` / `qic.s`.
 *
 * @example
 * // sizes 5, 5, 5 with s = 1, 2, 3 → s̄ = 2; sizes 4, 6 with s = 1, 2 → √((3·1 + 5·4)/8) = 1.696
 */
export function subgroupSigma(data: SubgroupColumns, base: Uint8Array, from: number, to: number): number {
  const len = data.yLength;
  const sd = data.ySd;
  let varying = false;
  for (let i = from + 1; i < to; i++) {
    if (len[i] !== len[from]) {
      varying = true;
      break;
    }
  }
  let num = 0;
  let den = 0;
  let count = 0;
  for (let i = from; i < to; i++) {
    if (base[i] !== 1) continue;
    const s = sd[i]!;
    if (varying) {
      const w = len[i]! - 1;
      const term = w * s * s;
      if (term === term) num += term;
      den += w;
    } else if (s === s) {
      num += s;
      count++;
    }
  }
  if (varying) return Math.sqrt(num / den);
  return count === 0 ? Number.NaN : num / count;
}
