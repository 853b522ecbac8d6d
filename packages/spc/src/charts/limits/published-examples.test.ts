import { describe, expect, it } from "vitest";
import { spcChart } from "../spc-chart.js";

/*
 * Control limits checked against worked examples published in Montgomery, Introduction to Statistical
 * Quality Control, 6th ed. (Wiley, 2009), whose formulas qicharts2 cites. Montgomery prints 2–4 decimals,
 * so these compare at that precision; the exact formulas are tested in each chart's own test file.
 */
const series = (values: readonly number[], denominators?: readonly number[]) =>
  values.map((value, i) => ({
    period: i + 1,
    value,
    ...(denominators ? { denominator: denominators[i]! } : {}),
  }));

describe("Montgomery §6.4, Example 6.5: individuals and moving-range charts of mortgage loan processing costs", () => {
  const costs = [
    310, 288, 297, 298, 307, 303, 294, 297, 308, 306, 294, 299, 297, 299, 314, 295, 293, 306, 301, 304,
  ];

  it("I chart: x̄ = 300.5, MR̄ = 7.79, UCL = 321.22, LCL = 279.78", () => {
    const chart = spcChart(series(costs), { chart: "i", screenMovingRanges: false, rules: [] });
    const p = chart.points[0]!;
    expect(p.cl).toBeCloseTo(300.5, 10);
    expect(((p.ucl! - p.cl!) * 1.128) / 3).toBeCloseTo(7.79, 2);
    expect(p.ucl).toBeCloseTo(321.22, 2);
    expect(p.lcl).toBeCloseTo(279.78, 2);
  });

  it("MR chart: centre 7.79 and UCL = D4·MR̄ = 25.45, LCL = 0", () => {
    const chart = spcChart(series(costs), { chart: "mr", rules: [] });
    expect(chart.points[0]!.y).toBeNull();
    expect(chart.points[1]!.y).toBe(22);
    expect(chart.points[5]!.cl).toBeCloseTo(7.79, 2);
    expect(chart.points[5]!.ucl).toBeCloseTo(25.45, 2);
    expect(chart.points[5]!.lcl).toBe(0);
  });
});

describe("Montgomery §7.2, Example 7.1: p chart of nonconforming orange-juice cans (30 samples of 50)", () => {
  const defectives = [
    12, 15, 8, 10, 4, 7, 16, 9, 14, 10, 5, 6, 17, 12, 22, 8, 10, 5, 13, 11, 20, 18, 24, 15, 9, 12, 7, 13, 9,
    6,
  ];
  const chart = spcChart(series(defectives, Array(30).fill(50)), { chart: "p", rules: ["sigma"] });

  it("p̄ = 0.2313, UCL = 0.4102, LCL = 0.0524", () => {
    const p = chart.points[0]!;
    expect(p.cl).toBeCloseTo(347 / 1500, 12);
    expect(p.cl).toBeCloseTo(0.2313, 4);
    expect(p.ucl).toBeCloseTo(0.4102, 4);
    expect(p.lcl).toBeCloseTo(0.0524, 4);
  });

  it("samples 15 and 23 plot above the UCL, and no other", () => {
    const above = chart.points.filter((p) => p.signals.some((s) => s.rule === "sigma")).map((p) => p.period);
    expect(above).toEqual([15, 23]);
  });
});

describe("Montgomery §7.3, Example 7.3: c chart of nonconformities on printed-circuit boards (26 samples)", () => {
  const counts = [
    21, 24, 16, 12, 15, 5, 28, 20, 31, 25, 20, 24, 16, 19, 10, 17, 13, 22, 18, 39, 30, 24, 16, 19, 17, 15,
  ];
  const chart = spcChart(series(counts), { chart: "c", rules: ["sigma"] });

  it("c̄ = 516/26 = 19.85", () => {
    expect(chart.points[0]!.cl).toBeCloseTo(516 / 26, 12);
    expect(chart.points[0]!.cl).toBeCloseTo(19.85, 2);
  });

  it("UCL = 33.22, LCL = 6.48 from Montgomery's rounded c̄ = 19.85 (c̄ ± 3√c̄)", () => {
    // Montgomery rounds c̄ before computing the limits; given that centre line the formula must agree.
    const p = spcChart(series(counts), { chart: "c", rules: [], centreLine: 19.85 }).points[0]!;
    expect(p.ucl).toBeCloseTo(33.22, 2);
    expect(p.lcl).toBeCloseTo(6.48, 2);
  });

  it("samples 6 (below) and 20 (above) are outside the limits", () => {
    const outside = chart.points
      .filter((p) => p.signals.length > 0)
      .map((p) => [p.period, p.signals[0]!.side]);
    expect(outside).toEqual([
      [6, "low"],
      [20, "high"],
    ]);
  });
});

describe("Montgomery §7.3, Example 7.4: u chart of nonconformities per personal computer (20 samples of 5)", () => {
  const nonconformities = [10, 12, 8, 14, 10, 16, 11, 7, 10, 15, 9, 5, 7, 11, 12, 6, 8, 10, 7, 5];
  it("ū = 1.93, UCL = 3.79, LCL = 0.07", () => {
    const chart = spcChart(series(nonconformities, Array(20).fill(5)), { chart: "u", rules: [] });
    const p = chart.points[0]!;
    expect(p.cl).toBeCloseTo(1.93, 10);
    expect(p.ucl).toBeCloseTo(3.79, 2);
    expect(p.lcl).toBeCloseTo(0.07, 2);
  });
});

describe("Montgomery §6.3, Example 6.3: x̄ and s charts for piston-ring diameters (25 subgroups of 5)", () => {
  // The published summary is x̿ = 74.001 and s̄ = 0.0094. Subgroups are built to have exactly those:
  // means spread symmetrically about 74.001, every s equal to 0.0094 (values μ + s·(−2,−1,0,1,2)/√2.5).
  const observations = Array.from({ length: 25 }, (_, i) => {
    const mean = 74.001 + (0.004 * (i - 12)) / 12;
    return [-2, -1, 0, 1, 2].map((k) => ({ period: i + 1, value: mean + (0.0094 * k) / Math.sqrt(2.5) }));
  }).flat();

  it("x̄ chart: UCL = 74.014, LCL = 73.988 (A3 = 1.427)", () => {
    const p = spcChart(observations, { chart: "xbar", rules: [] }).points[0]!;
    expect(p.cl).toBeCloseTo(74.001, 9);
    expect(p.ucl).toBeCloseTo(74.014, 3);
    expect(p.lcl).toBeCloseTo(73.988, 3);
    expect(p.n).toBe(5);
  });

  it("s chart: centre 0.0094, UCL = 0.0196, LCL = 0 (B4 = 2.089, B3 = 0)", () => {
    const p = spcChart(observations, { chart: "s", rules: [] }).points[0]!;
    expect(p.y).toBeCloseTo(0.0094, 12);
    expect(p.cl).toBeCloseTo(0.0094, 12);
    expect(p.ucl).toBeCloseTo(0.0196, 4);
    expect(p.lcl).toBe(0);
  });
});
