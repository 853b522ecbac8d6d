import { describe, expect, it } from "vitest";
import { a3, b3, b4, c4, c5 } from "./control-constants.js";

/*
 * Montgomery, Introduction to Statistical Quality Control, 6th ed., Appendix VI ("Factors for
 * constructing variables control charts"): c4 to 4 decimals, A3, B3 and B4 to 3.
 */
const MONTGOMERY_APPENDIX_VI: readonly [n: number, c4: number, a3: number, b3: number, b4: number][] = [
  [2, 0.7979, 2.659, 0, 3.267],
  [3, 0.8862, 1.954, 0, 2.568],
  [4, 0.9213, 1.628, 0, 2.266],
  [5, 0.94, 1.427, 0, 2.089],
  [6, 0.9515, 1.287, 0.03, 1.97],
  [7, 0.9594, 1.182, 0.118, 1.882],
  [8, 0.965, 1.099, 0.185, 1.815],
  [9, 0.9693, 1.032, 0.239, 1.761],
  [10, 0.9727, 0.975, 0.284, 1.716],
  [15, 0.9823, 0.789, 0.428, 1.572],
  [20, 0.9869, 0.68, 0.51, 1.49],
  [25, 0.9896, 0.606, 0.565, 1.435],
];

describe("control-chart constants", () => {
  it.each(MONTGOMERY_APPENDIX_VI)("n = %i agrees with Montgomery's Appendix VI", (n, c, a, lower, upper) => {
    expect(c4(n)).toBeCloseTo(c, 4);
    expect(a3(n)).toBeCloseTo(a, 3);
    expect(b3(n)).toBeCloseTo(lower, 3);
    expect(b4(n)).toBeCloseTo(upper, 3);
  });

  it("c4 equals the exact gamma ratio √(2/(n−1))·Γ(n/2)/Γ((n−1)/2), built by recurrence, to 1e-12", () => {
    // Γ(n/2)/Γ((n−1)/2) from Γ(1) = 1, Γ(1/2) = √π and Γ(x + 1) = xΓ(x), in ratio form to avoid overflow.
    let ratio = 1 / Math.sqrt(Math.PI); // n = 2: Γ(1)/Γ(1/2)
    for (let n = 2; n <= 400; n++) {
      expect(Math.abs(c4(n) - Math.sqrt(2 / (n - 1)) * ratio)).toBeLessThan(1e-12);
      // Γ((n+1)/2)/Γ(n/2) = 1 / (Γ(n/2)/Γ((n−1)/2)) · (n−1)/2
      ratio = (n - 1) / 2 / ratio;
    }
  });

  it("c5 = √(1 − c4²) and the 2-sigma factors use k = 2", () => {
    expect(c5(2)).toBeCloseTo(Math.sqrt(1 - c4(2) ** 2), 15);
    expect(a3(5, 2)).toBeCloseTo((2 / 3) * a3(5), 14);
    expect(b4(5, 2)).toBeCloseTo(1 + (2 * c5(5)) / c4(5), 14);
    expect(b3(10, 2)).toBeCloseTo(1 - (2 * c5(10)) / c4(10), 14);
  });

  it("tends to 1 (c4) and 0 (A3) for large subgroups", () => {
    expect(c4(10_000)).toBeCloseTo(1 - 1 / (4 * 10_000), 8);
    expect(a3(10_000)).toBeCloseTo(3 / 100, 4);
  });

  it("is NaN for subgroups of one, as qicharts2's n[n <= 1] <- NA", () => {
    for (const f of [c4, c5, a3, b3, b4]) {
      expect(f(1)).toBeNaN();
      expect(f(0)).toBeNaN();
    }
  });
});
