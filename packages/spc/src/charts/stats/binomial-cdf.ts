import { binomialPmf } from "./binomial-pmf.js";

/**
 * Lower-tail binomial probability P(X ≤ k) for X ~ Binomial(size, prob) (R's `pbinom(k, size, prob)`).
 *
 * Method: the term P(X = k) comes from Loader's saddle-point formula ({@link binomialPmf}); the sum then
 * walks down with the exact ratio P(X = i−1)/P(X = i) = i·q / ((size−i+1)·p) until the terms no longer
 * change the total. Only O(√size) terms are needed below the mean, so sizes in the millions cost
 * microseconds, and the relative error stays near 1e-14. Above the mean it sums the upper tail the same way
 * and returns its complement.
 *
 * @example
 * binomialCdf(7, 23, 0.5); // 0.04656982... (so qbinom(0.05, 23, 0.5) = 8: the Anhøj crossings limit for n = 24)
 */
export function binomialCdf(k: number, size: number, prob: number): number {
  const x = Math.floor(k + 1e-7);
  if (x < 0) return 0;
  if (x >= size) return 1;
  if (prob === 0) return 1;
  if (prob === 1) return 0;
  if (x > size * prob) return 1 - upperTail(x, size, prob);
  const ratioFactor = (1 - prob) / prob;
  let term = binomialPmf(x, size, prob);
  let sum = term;
  for (let i = x; i > 0; i--) {
    term *= (i / (size - i + 1)) * ratioFactor;
    const next = sum + term;
    // Below the mode the terms fall geometrically; once one no longer moves the sum, none after it will.
    if (next === sum) break;
    sum = next;
  }
  return sum > 1 ? 1 : sum;
}

/** P(X > x) for x above the mean, walking up from x + 1 where the terms fall geometrically. */
function upperTail(x: number, size: number, prob: number): number {
  const ratioFactor = prob / (1 - prob);
  let term = binomialPmf(x + 1, size, prob);
  let sum = term;
  for (let i = x + 1; i < size; i++) {
    term *= ((size - i) / (i + 1)) * ratioFactor;
    const next = sum + term;
    if (next === sum) break;
    sum = next;
  }
  return sum;
}
