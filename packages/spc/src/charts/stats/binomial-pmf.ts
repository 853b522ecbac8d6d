import { logGamma } from "./log-gamma.js";

/**
 * Binomial probability P(X = x) for X ~ Binomial(size, prob), accurate to a few ulps even for sizes in the
 * millions.
 *
 * Source: Catherine Loader, "Fast and Accurate Computation of Binomial Probabilities" (2000), the
 * saddle-point form R's `dbinom` uses: exp(δ(n) − δ(x) − δ(n−x) − D(x, np) − D(n−x, nq)) ·
 * √(n / (2π x (n−x))), where δ is the error of Stirling's formula and D(x, m) = x ln(x/m) + m − x is the
 * deviance term. The naive C(n,x) pˣ qⁿ⁻ˣ loses about n·ε of relative accuracy to cancellation; this does
 * not, which is what lets {@link binomialQuantile} be exact at the 5% boundary.
 *
 * @example
 * binomialPmf(2, 4, 0.5); // C(4,2)/16 = 0.375
 */
export function binomialPmf(x: number, size: number, prob: number): number {
  const q = 1 - prob;
  if (x < 0 || x > size || !Number.isInteger(x)) return 0;
  if (prob === 0) return x === 0 ? 1 : 0;
  if (q === 0) return x === size ? 1 : 0;
  if (x === 0) {
    if (size === 0) return 1;
    return Math.exp(prob < 0.1 ? -devianceTerm(size, size * q) - size * prob : size * Math.log(q));
  }
  if (x === size) {
    return Math.exp(q < 0.1 ? -devianceTerm(size, size * prob) - size * q : size * Math.log(prob));
  }
  const lc =
    stirlingError(size) -
    stirlingError(x) -
    stirlingError(size - x) -
    devianceTerm(x, size * prob) -
    devianceTerm(size - x, size * q);
  const lf = LOG_TWO_PI + Math.log(x) + Math.log1p(-x / size);
  return Math.exp(lc - 0.5 * lf);
}

const LOG_TWO_PI = 1.8378770664093453;
const HALF_LOG_TWO_PI = 0.9189385332046728;

/**
 * δ(n) = ln n! − (n + ½) ln n + n − ½ ln 2π, the error of Stirling's approximation (Loader 2000, eq. 2):
 * computed from ln Γ for small n, from the asymptotic series 1/(12n) − 1/(360n³) + … beyond 15, where the
 * series is exact to double precision.
 */
function stirlingError(n: number): number {
  if (n <= 15) return logGamma(n + 1) - (n + 0.5) * Math.log(n) + n - HALF_LOG_TWO_PI;
  const nn = n * n;
  if (n > 500) return (S0 - S1 / nn) / n;
  if (n > 80) return (S0 - (S1 - S2 / nn) / nn) / n;
  if (n > 35) return (S0 - (S1 - (S2 - S3 / nn) / nn) / nn) / n;
  return (S0 - (S1 - (S2 - (S3 - S4 / nn) / nn) / nn) / nn) / n;
}
const S0 = 1 / 12;
const S1 = 1 / 360;
const S2 = 1 / 1260;
const S3 = 1 / 1680;
const S4 = 1 / 1188;

/**
 * D(x, m) = x ln(x/m) + m − x (Loader 2000, eq. 5), by its series in v = (x−m)/(x+m) when x is close to m,
 * where the closed form would cancel catastrophically.
 */
function devianceTerm(x: number, m: number): number {
  if (Math.abs(x - m) < 0.1 * (x + m)) {
    let v = (x - m) / (x + m);
    let s = (x - m) * v;
    if (Math.abs(s) < Number.MIN_VALUE) return s;
    let ej = 2 * x * v;
    v *= v;
    for (let j = 1; j < 1000; j++) {
      ej *= v;
      const s1 = s + ej / (2 * j + 1);
      if (s1 === s) return s1;
      s = s1;
    }
  }
  return x * Math.log(x / m) + m - x;
}
