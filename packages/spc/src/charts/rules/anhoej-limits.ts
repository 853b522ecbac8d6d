import { binomialQuantile } from "../stats/binomial-quantile.js";

/**
 * Upper prediction limit for the longest run among n useful points: round(log2(n)) + 3.
 *
 * Source: Schilling (2012), "The surprising predictability of long runs", Mathematics Magazine 85(2);
 * Anhøj & Olesen (2014), PLoS ONE 9(11):e113825; qicharts2 0.8.1 `runs.analysis`. log2(n) is never exactly
 * a half for integer n, so R's round-half-even and Math.round agree.
 *
 * @example
 * longestRunLimit(24); // 8 — a run of 9 or more signals
 * longestRunLimit(100); // 10
 */
export function longestRunLimit(nUseful: number): number {
  return Math.round(Math.log2(nUseful)) + 3;
}

/**
 * Lower prediction limit for the number of crossings among n useful points: qbinom(0.05, n − 1, 0.5),
 * computed exactly ({@link binomialQuantile}) and memoised, since every part of every chart asks.
 *
 * Source: Chen (2010), "The 'run chart' rule based on the number of crossings", Quality Engineering
 * 22(3); Anhøj & Olesen (2014); qicharts2 0.8.1 `runs.analysis` (`max(n.useful − 1, 0)`).
 *
 * @example
 * crossingsLimit(24); // 8 — fewer than 8 crossings signals
 * crossingsLimit(100); // 41
 */
export function crossingsLimit(nUseful: number): number {
  const size = Math.max(nUseful - 1, 0);
  if (size < MEMO_SIZE) {
    const known = memo[size]!;
    if (known >= 0) return known;
    const value = binomialQuantile(0.05, size, 0.5);
    memo[size] = value;
    return value;
  }
  return binomialQuantile(0.05, size, 0.5);
}

const MEMO_SIZE = 4096;
const memo = new Int32Array(MEMO_SIZE).fill(-1);
