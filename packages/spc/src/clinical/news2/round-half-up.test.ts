import { describe, expect, it } from "vitest";
import { roundHalfUp, roundHalfUpUnits } from "./round-half-up.js";

/**
 * Reference for INDICATORS.md §1.4 "decimal half-up rounding on the decimal string": round the shortest
 * decimal representation JavaScript prints for the number, digit by digit. Slow and obviously correct.
 */
function halfUpOnDecimalString(x: number, decimals: 0 | 1): number {
  const text = String(x);
  if (text.includes("e")) throw new Error(`reference cannot round ${text}`);
  const [whole = "0", fraction = ""] = text.split(".");
  const kept = Number(whole + fraction.padEnd(decimals, "0").slice(0, decimals));
  const next = fraction.charAt(decimals);
  return next !== "" && next >= "5" ? kept + 1 : kept;
}

describe("roundHalfUpUnits", () => {
  it("rounds the decimal representation half-up where binary arithmetic would not (INDICATORS.md §1.4)", () => {
    // JavaScript: Math.round(35.05 * 10) / 10 === 35.1 but (35.05).toFixed(1) === "35.0"; the policy is 35.1.
    expect(roundHalfUpUnits(35.05, 1)).toBe(351);
    expect((35.05).toFixed(1)).toBe("35.0");
    // Binary 38.05 is 38.04999…, so (38.05).toFixed(1) is "38.0"; on the decimal string it is a tie.
    expect((38.05).toFixed(1)).toBe("38.0");
    expect(roundHalfUpUnits(38.05, 1)).toBe(381);
    expect(roundHalfUpUnits(0.15, 1)).toBe(2);
    expect(roundHalfUpUnits(2.5, 0)).toBe(3);
    expect(roundHalfUpUnits(2.4999999999999996, 0)).toBe(2);
  });

  it("keeps a reading that is already at chart precision", () => {
    expect(roundHalfUpUnits(36.6, 1)).toBe(366);
    expect(roundHalfUpUnits(120, 0)).toBe(120);
  });

  it("agrees with digit-by-digit rounding of the decimal string for every reading 25.000–45.000 °C in 0.001 steps", () => {
    const mismatches: number[] = [];
    for (let k = 25_000; k <= 45_000; k++) {
      const x = k / 1000;
      if (roundHalfUpUnits(x, 1) !== halfUpOnDecimalString(x, 1)) mismatches.push(x);
    }
    expect(mismatches).toEqual([]);
  });

  it("agrees with the decimal-string reference on accumulated-error doubles such as 0.1 * 3", () => {
    // Readings computed by devices or unit conversions carry binary noise (35.050000000000004, 38.04999999999999).
    const mismatches: number[] = [];
    for (let k = 2_500; k <= 4_500; k++) {
      for (const x of [k * 0.01, (k / 100) * 1.0000000000000002, k / 100 - 1e-14, k / 100 + 1e-14]) {
        if (roundHalfUpUnits(x, 1) !== halfUpOnDecimalString(x, 1)) mismatches.push(x);
      }
    }
    expect(mismatches).toEqual([]);
  });

  it("agrees with the decimal-string reference for integer rounding of 0.0–350.0 in 0.05 steps", () => {
    const mismatches: number[] = [];
    for (let k = 0; k <= 7_000; k++) {
      const x = k / 20;
      if (roundHalfUpUnits(x, 0) !== halfUpOnDecimalString(x, 0)) mismatches.push(x);
    }
    expect(mismatches).toEqual([]);
  });

  it("agrees with the decimal-string reference on pseudo-random doubles", () => {
    let seed = 12345;
    const next = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    const mismatches: number[] = [];
    for (let i = 0; i < 20_000; i++) {
      const x = 25 + next() * 20;
      if (roundHalfUpUnits(x, 1) !== halfUpOnDecimalString(x, 1)) mismatches.push(x);
      const y = next() * 300;
      if (roundHalfUpUnits(y, 0) !== halfUpOnDecimalString(y, 0)) mismatches.push(y);
    }
    expect(mismatches).toEqual([]);
  });
});

describe("roundHalfUp", () => {
  it("returns the value in its own unit", () => {
    expect(roundHalfUp(36.05, 1)).toBe(36.1);
    expect(roundHalfUp(20.4, 0)).toBe(20);
  });
});
