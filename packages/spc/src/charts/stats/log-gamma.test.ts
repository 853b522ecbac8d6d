import { describe, expect, it } from "vitest";
import { logGamma } from "./log-gamma.js";

function logFactorial(n: number): number {
  let s = 0;
  for (let k = 2; k <= n; k++) s += Math.log(k);
  return s;
}

describe("logGamma", () => {
  it("equals ln((n−1)!) at the integers 1..170", () => {
    for (let n = 1; n <= 170; n++) {
      const expected = logFactorial(n - 1);
      expect(Math.abs(logGamma(n) - expected)).toBeLessThanOrEqual(1e-13 * Math.max(1, expected));
    }
  });

  it("equals ln(√π·(2k)!/(4^k·k!)) at the half-integers k + 1/2 (Legendre duplication)", () => {
    for (let k = 0; k <= 60; k++) {
      const expected = 0.5 * Math.log(Math.PI) + logFactorial(2 * k) - k * Math.log(4) - logFactorial(k);
      expect(Math.abs(logGamma(k + 0.5) - expected)).toBeLessThanOrEqual(
        1e-13 * Math.max(1, Math.abs(expected)),
      );
    }
  });

  it("uses the reflection formula below 1/2: Γ(0.25) = 3.625609908221908 (Abramowitz & Stegun table 6.1)", () => {
    expect(Math.exp(logGamma(0.25))).toBeCloseTo(3.625609908221908, 13);
  });

  it("is NaN outside its domain", () => {
    expect(logGamma(0)).toBeNaN();
    expect(logGamma(-1.5)).toBeNaN();
    expect(logGamma(Number.NaN)).toBeNaN();
  });
});
