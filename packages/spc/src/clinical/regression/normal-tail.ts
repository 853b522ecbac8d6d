/**
 * Two-sided normal tail probability P(|Z| ≥ |z|) = erfc(|z|/√2), as R's `summary.glm` reports
 * `Pr(>|z|)` = 2·pnorm(−|z|). erfc is summed as the Maclaurin series of erf below 2 (terms stay under
 * e⁴, so about 14 significant digits survive) and as its Laplace continued fraction from 2 up (modified
 * Lentz; Abramowitz & Stegun 7.1.14), where it converges in a few dozen terms.
 *
 * @example
 * twoSidedNormalTail(1.959963984540054); // 0.05
 */
export function twoSidedNormalTail(z: number): number {
  if (Number.isNaN(z)) return Number.NaN;
  return erfc(Math.abs(z) / Math.SQRT2);
}

const TWO_OVER_SQRT_PI = 1.1283791670955126;

function erfc(x: number): number {
  if (x < 2) {
    // erf(x) = 2/√π Σ (−1)ⁿ x^(2n+1) / (n! (2n+1))
    const x2 = x * x;
    let term = x;
    let sum = x;
    for (let n = 1; n < 200; n++) {
      term *= -x2 / n;
      const add = term / (2 * n + 1);
      sum += add;
      if (Math.abs(add) < 1e-17 * Math.abs(sum)) break;
    }
    return 1 - TWO_OVER_SQRT_PI * sum;
  }
  if (x > 27) return 0;
  // erfc(x) = exp(−x²)/√π · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + 2/(x + …)))))
  const tiny = 1e-300;
  let f = x;
  let c = x;
  let d = 0;
  for (let k = 1; k < 500; k++) {
    const a = k / 2;
    d = x + a * d;
    d = d === 0 ? tiny : d;
    c = x + a / c;
    c = c === 0 ? tiny : c;
    d = 1 / d;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return Math.exp(-x * x) / (Math.sqrt(Math.PI) * f);
}
