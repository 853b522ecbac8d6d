import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { SpcError } from "../../core/spc-error.js";
import { binomialCdf } from "./binomial-cdf.js";
import { binomialPmf } from "./binomial-pmf.js";
import { binomialQuantile } from "./binomial-quantile.js";

/**
 * qicharts2 vignette, Appendix 2 ("Critical values for longest runs and number of crossings"), the
 * column `qbinom(0.05, n - 1, 0.5)` for n = 10..100 useful observations, as printed by R.
 */
const APPENDIX_2_CROSSINGS = [
  2, 2, 3, 3, 4, 4, 4, 5, 5, 6, 6, 6, 7, 7, 8, 8, 8, 9, 9, 10, 10, 11, 11, 11, 12, 12, 13, 13, 14, 14, 14, 15,
  15, 16, 16, 17, 17, 17, 18, 18, 19, 19, 20, 20, 21, 21, 21, 22, 22, 23, 23, 24, 24, 25, 25, 25, 26, 26, 27,
  27, 28, 28, 29, 29, 29, 30, 30, 31, 31, 32, 32, 33, 33, 34, 34, 34, 35, 35, 36, 36, 37, 37, 38, 38, 39, 39,
  39, 40, 40, 41, 41,
];

/** Exact P(X ≤ k) for X ~ Binomial(n, num/den) as a pair of BigInts (numerator, denominator). */
function exactCdf(k: number, n: number, num: bigint, den: bigint): [bigint, bigint] {
  const q = den - num;
  let c = 1n; // C(n, i)
  let total = 0n;
  for (let i = 0; i <= k; i++) {
    total += c * num ** BigInt(i) * q ** BigInt(n - i);
    c = (c * BigInt(n - i)) / BigInt(i + 1);
  }
  return [total, den ** BigInt(n)];
}

/** Smallest k with exact P(X ≤ k) ≥ p, p a rational pn/pd. */
function exactQuantile(pn: bigint, pd: bigint, n: number, num: bigint, den: bigint): number {
  for (let k = 0; k <= n; k++) {
    const [t, d] = exactCdf(k, n, num, den);
    if (t * pd >= pn * d) return k;
  }
  return n;
}

describe("binomialQuantile (R's qbinom)", () => {
  it("reproduces the qicharts2 vignette's crossings table for n = 10..100", () => {
    APPENDIX_2_CROSSINGS.forEach((expected, i) => {
      const n = i + 10;
      expect(binomialQuantile(0.05, n - 1, 0.5), `n = ${n}`).toBe(expected);
    });
  });

  it("equals the exact rational quantile for every size 0..400 at p = 0.05, prob = 1/2", () => {
    for (let size = 0; size <= 400; size++) {
      expect(binomialQuantile(0.05, size, 0.5), `size ${size}`).toBe(exactQuantile(1n, 20n, size, 1n, 2n));
    }
  });

  it("equals the exact quantile for other probabilities and levels (prob 1/4, 3/8; p 0.01, 0.5, 0.95)", () => {
    const levels: [number, bigint, bigint][] = [
      [0.01, 1n, 100n],
      [0.5, 1n, 2n],
      [0.95, 19n, 20n],
    ];
    for (const size of [1, 2, 7, 30, 77, 150]) {
      for (const [p, pn, pd] of levels) {
        expect(binomialQuantile(p, size, 0.25)).toBe(exactQuantile(pn, pd, size, 1n, 4n));
        expect(binomialQuantile(p, size, 0.375)).toBe(exactQuantile(pn, pd, size, 3n, 8n));
      }
    }
  });

  it("is the smallest y with P(X ≤ y) ≥ p for sizes up to a million", () => {
    for (const size of [999, 10_000, 123_457, 1_000_000]) {
      const y = binomialQuantile(0.05, size, 0.5);
      expect(binomialCdf(y, size, 0.5)).toBeGreaterThanOrEqual(0.05);
      expect(binomialCdf(y - 1, size, 0.5)).toBeLessThan(0.05);
      // Normal approximation: n/2 − 1.645·√n/2, within a couple of units.
      expect(Math.abs(y - (size / 2 - (1.6448536 * Math.sqrt(size)) / 2))).toBeLessThan(3);
    }
  });

  it("follows R at the edges: p = 0 → 0, p = 1 → size, size 0 → 0, prob 0 → 0, prob 1 → size", () => {
    expect(binomialQuantile(0, 10, 0.5)).toBe(0);
    expect(binomialQuantile(1, 10, 0.5)).toBe(10);
    expect(binomialQuantile(0.05, 0, 0.5)).toBe(0);
    expect(binomialQuantile(0.5, 10, 0)).toBe(0);
    expect(binomialQuantile(0.5, 10, 1)).toBe(10);
  });

  it("throws SpcError naming the argument for p, size or prob out of range", () => {
    expect(() => binomialQuantile(1.5, 10, 0.5)).toThrow(SpcError);
    expect(() => binomialQuantile(0.5, -1, 0.5)).toThrow(expect.objectContaining({ argument: "size" }));
    expect(() => binomialQuantile(0.5, 2.5, 0.5)).toThrow(
      expect.objectContaining({ code: "INVALID_ARGUMENT" }),
    );
    expect(() => binomialQuantile(0.5, 10, Number.NaN)).toThrow(
      expect.objectContaining({ argument: "prob" }),
    );
  });

  it("is monotone in p (property)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2000 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (size, u) => {
          const p1 = u * 0.5;
          const p2 = p1 + 0.25;
          expect(binomialQuantile(p1, size, 0.5)).toBeLessThanOrEqual(binomialQuantile(p2, size, 0.5));
        },
      ),
    );
  });
});

describe("binomialCdf and binomialPmf", () => {
  it("match exact rational values to 1e-13 relative (prob 1/2 and 3/8, sizes up to 300)", () => {
    for (const size of [1, 5, 23, 99, 300]) {
      for (let k = 0; k <= size; k += Math.max(1, Math.floor(size / 17))) {
        for (const [num, den, prob] of [
          [1n, 2n, 0.5],
          [3n, 8n, 0.375],
        ] as const) {
          const [t, d] = exactCdf(k, size, num, den);
          const exact = Number((t * 10n ** 30n) / d) / 1e30;
          const got = binomialCdf(k, size, prob);
          expect(Math.abs(got - exact), `cdf(${k}; ${size}, ${prob})`).toBeLessThanOrEqual(
            1e-13 * Math.max(exact, 1e-300) + 1e-30,
          );
        }
      }
    }
  });

  it("P(X ≤ 7) for Binomial(23, 1/2) is 0.0465698… (the Anhøj limit for 24 points)", () => {
    // Σ_{i≤7} C(23, i) / 2^23 = 390656 / 8388608
    expect(binomialCdf(7, 23, 0.5)).toBeCloseTo(390656 / 8388608, 15);
  });

  it("pmf sums to 1 and matches C(n, k)pᵏqⁿ⁻ᵏ", () => {
    let total = 0;
    for (let k = 0; k <= 60; k++) total += binomialPmf(k, 60, 0.3);
    expect(total).toBeCloseTo(1, 14);
    expect(binomialPmf(2, 4, 0.5)).toBeCloseTo(0.375, 13);
    expect(binomialPmf(0, 10, 0.2)).toBeCloseTo(0.8 ** 10, 13);
    expect(binomialPmf(10, 10, 0.2)).toBeCloseTo(0.2 ** 10, 20);
    expect(binomialPmf(11, 10, 0.2)).toBe(0);
    expect(binomialPmf(2.5, 10, 0.2)).toBe(0);
  });

  it("handles the boundaries: k < 0 → 0, k ≥ size → 1, prob 0 and 1", () => {
    expect(binomialCdf(-1, 10, 0.5)).toBe(0);
    expect(binomialCdf(10, 10, 0.5)).toBe(1);
    expect(binomialCdf(3, 10, 0)).toBe(1);
    expect(binomialCdf(3, 10, 1)).toBe(0);
    expect(binomialCdf(9, 10, 0.5)).toBeCloseTo(1 - 1 / 1024, 15);
  });
});
