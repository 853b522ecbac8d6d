import { describe, expect, it } from "vitest";
import { Prng } from "./prng.js";

function draws(prng: Prng, n: number): number[] {
  return Array.from({ length: n }, () => prng.nextUint32());
}

describe("Prng", () => {
  it("gives the same sequence for the same seed and a different one for another seed", () => {
    expect(draws(Prng.fromSeed(42), 50)).toEqual(draws(Prng.fromSeed(42), 50));
    expect(draws(Prng.fromSeed(42), 50)).not.toEqual(draws(Prng.fromSeed(43), 50));
    expect(draws(Prng.fromSeed("42"), 5)).toEqual(draws(Prng.fromSeed(42), 5));
  });

  it("forks streams that depend only on the seed and the label, not on draws made elsewhere", () => {
    const a = Prng.fromSeed(7);
    const b = Prng.fromSeed(7);
    draws(b, 1000);
    expect(draws(a.fork("admission/3"), 20)).toEqual(draws(b.fork("admission/3"), 20));
    expect(draws(a.fork("admission/3"), 20)).not.toEqual(draws(a.fork("admission/4"), 20));
  });

  it("keeps uniform, integer and normal draws in range with the right centre", () => {
    const prng = Prng.fromSeed(1);
    const uniform = Array.from({ length: 20_000 }, () => prng.next());
    expect(Math.min(...uniform)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...uniform)).toBeLessThan(1);
    expect(uniform.reduce((sum, x) => sum + x, 0) / uniform.length).toBeCloseTo(0.5, 1);
    const ints = Array.from({ length: 5000 }, () => prng.int(3, 6));
    expect(new Set(ints)).toEqual(new Set([3, 4, 5, 6]));
    const normals = Array.from({ length: 20_000 }, () => prng.normal(10, 2));
    const mean = normals.reduce((sum, x) => sum + x, 0) / normals.length;
    const sd = Math.sqrt(normals.reduce((sum, x) => sum + (x - mean) ** 2, 0) / normals.length);
    expect(mean).toBeCloseTo(10, 1);
    expect(sd).toBeCloseTo(2, 1);
  });

  it("draws log-normal values around their median and Poisson counts around their mean", () => {
    const prng = Prng.fromSeed(2);
    const logNormal = Array.from({ length: 10_001 }, () => prng.logNormal(4, 0.8)).sort((a, b) => a - b);
    expect(logNormal[5000]).toBeGreaterThan(3.7);
    expect(logNormal[5000]).toBeLessThan(4.3);
    for (const mean of [0.3, 4, 90]) {
      const counts = Array.from({ length: 10_000 }, () => prng.poisson(mean));
      expect(counts.reduce((sum, x) => sum + x, 0) / counts.length).toBeCloseTo(mean, mean > 10 ? 0 : 1);
    }
  });

  it("picks weighted keys in proportion to their weights", () => {
    const prng = Prng.fromSeed(3);
    let heavy = 0;
    for (let i = 0; i < 10_000; i += 1) if (prng.weighted({ heavy: 3, light: 1 }) === "heavy") heavy += 1;
    expect(heavy / 10_000).toBeCloseTo(0.75, 1);
  });
});
