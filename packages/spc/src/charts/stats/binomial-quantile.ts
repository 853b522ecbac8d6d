import { SpcError } from "../../core/spc-error.js";
import { binomialCdf } from "./binomial-cdf.js";

/**
 * Binomial quantile: the smallest integer y with P(X ≤ y) ≥ p for X ~ Binomial(size, prob), exactly as R's
 * `qbinom(p, size, prob)`.
 *
 * Source: R 4.2 `src/nmath/qbinom.c`: a normal starting guess, then a search on the exact CDF, with p first
 * multiplied by (1 − 64·ε) "to ensure left continuity", so a CDF that equals p up to rounding counts as
 * reaching it. The search makes the answer independent of the starting guess. The Anhøj crossings rule
 * uses qbinom(0.05, n_useful − 1, 0.5) (Chen 2010; qicharts2 `runs.analysis`).
 *
 * @example
 * binomialQuantile(0.05, 23, 0.5); // 8 (24 useful points: fewer than 8 crossings signals)
 * binomialQuantile(0.05, 99, 0.5); // 41
 */
export function binomialQuantile(p: number, size: number, prob: number): number {
  if (!(p >= 0 && p <= 1)) throw new SpcError("INVALID_ARGUMENT", `p must be in [0, 1], got ${p}`, "p");
  if (!(size >= 0) || !Number.isInteger(size)) {
    throw new SpcError("INVALID_ARGUMENT", `size must be a non-negative integer, got ${size}`, "size");
  }
  if (!(prob >= 0 && prob <= 1)) {
    throw new SpcError("INVALID_ARGUMENT", `prob must be in [0, 1], got ${prob}`, "prob");
  }
  if (prob === 0 || size === 0) return 0;
  if (p === 0) return 0;
  if (prob === 1 || p === 1 || p + 1.01 * Number.EPSILON >= 1) return size;

  const mu = size * prob;
  const sigma = Math.sqrt(size * prob * (1 - prob));
  let y = Math.floor(mu + sigma * approximateNormalQuantile(p) + 0.5);
  y = Math.min(Math.max(y, 0), size);
  const target = p * (1 - 64 * Number.EPSILON);
  if (binomialCdf(y, size, prob) >= target) {
    while (y > 0 && binomialCdf(y - 1, size, prob) >= target) y--;
    return y;
  }
  do y++;
  while (y < size && binomialCdf(y, size, prob) < target);
  return y;
}

/**
 * Starting guess only: Abramowitz & Stegun 26.2.23 (|error| < 4.5e-4). The exact search above corrects it.
 */
function approximateNormalQuantile(p: number): number {
  if (p <= 0) return -40;
  if (p >= 1) return 40;
  const lower = p < 0.5;
  const t = Math.sqrt(-2 * Math.log(lower ? p : 1 - p));
  const z =
    t -
    (2.515517 + 0.802853 * t + 0.010328 * t * t) /
      (1 + 1.432788 * t + 0.189269 * t * t + 0.001308 * t * t * t);
  return lower ? -z : z;
}
