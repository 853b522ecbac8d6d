import { describe, expect, it } from "vitest";
import { SpcError } from "../../core/spc-error.js";
import { spcChart } from "../spc-chart.js";
import type { SpcObservation } from "../spc-chart.type.js";

/*
 * Each chart's limits against its formula in SPC-REFERENCE.md §2 (qicharts2 0.8.1 R/helper.functions.R),
 * with the expected numbers worked out here step by step from the formula.
 */
const obs = (
  values: readonly (number | null)[],
  denominators?: readonly (number | null)[],
): SpcObservation[] =>
  values.map((value, i) => ({
    period: i + 1,
    value,
    ...(denominators ? { denominator: denominators[i]! } : {}),
  }));
const mean = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const movingRanges = (xs: readonly number[]): number[] => xs.slice(1).map((x, i) => Math.abs(x - xs[i]!));

describe("run chart", () => {
  it("centres on the median of the baseline and has no limits", () => {
    const chart = spcChart(obs([3, 1, 4, 1, 5, 9, 2, 6]), { chart: "run", rules: [] });
    for (const p of chart.points) {
      expect(p.cl).toBe(median([3, 1, 4, 1, 5, 9, 2, 6]));
      expect([p.lcl, p.ucl, p.lcl95, p.ucl95]).toEqual([null, null, null, null]);
    }
  });
});

describe("I chart", () => {
  const y = [12, 15, 11, 14, 30, 13, 12, 16, 14, 13];

  it("uses σ = AMR/1.128 with limits at ±3σ and ±2σ", () => {
    const sigma = mean(movingRanges(y)) / 1.128;
    const p = spcChart(obs(y), { chart: "i", screenMovingRanges: false, rules: [] }).points[3]!;
    expect(p.cl).toBeCloseTo(mean(y), 12);
    expect(p.ucl).toBeCloseTo(mean(y) + 3 * sigma, 12);
    expect(p.lcl95).toBeCloseTo(mean(y) - 2 * sigma, 12);
  });

  it("screens moving ranges ≥ 3.267·AMR once before computing σ (Nelson 1982)", () => {
    const mr = movingRanges(y); // 3, 4, 3, 16, 17, 1, 4, 2, 1: AMR 5.667, limit 18.51 → none dropped
    const big = [...y.slice(0, 4), 80, ...y.slice(5)];
    const mrBig = movingRanges(big); // 66 and 67 ≥ 3.267·AMR
    const amr = mean(mrBig);
    const kept = mrBig.filter((r) => r < 3.267 * amr);
    expect(kept.length).toBe(mrBig.length - 2);
    const screened = spcChart(obs(big), { chart: "i", screenMovingRanges: true, rules: [] }).points[0]!;
    expect(screened.ucl).toBeCloseTo(mean(big) + (3 * mean(kept)) / 1.128, 12);
    const unscreened = spcChart(obs(y), { chart: "i", screenMovingRanges: true, rules: [] }).points[0]!;
    expect(unscreened.ucl).toBeCloseTo(mean(y) + (3 * mean(mr)) / 1.128, 12);
  });

  it("takes moving ranges across an excluded point, and skips those of a missing value", () => {
    const withGap = [12, 15, null, 14, 30, 13];
    const chart = spcChart(obs(withGap), { chart: "i", screenMovingRanges: false, exclude: [5], rules: [] });
    // Base vector: 12, 15, NA, 14, 13 → MRs 3, NA, NA, 1 → AMR 2; mean of 12, 15, 14, 13 = 13.5
    const p = chart.points[0]!;
    expect(p.cl).toBeCloseTo(13.5, 12);
    expect(p.ucl).toBeCloseTo(13.5 + (3 * 2) / 1.128, 12);
    expect(chart.points[2]!.y).toBeNull();
    expect(chart.points[2]!.ucl).toBeCloseTo(p.ucl!, 12);
    expect(chart.points[4]!.include).toBe(false);
  });

  it("gives null limits for all-equal data with screening (AMR = 0 screens every range) and cl-wide limits without", () => {
    const flat = obs([5, 5, 5, 5, 5]);
    const screened = spcChart(flat, { chart: "i", screenMovingRanges: true, rules: [] }).points[0]!;
    expect([screened.cl, screened.lcl, screened.ucl]).toEqual([5, null, null]);
    const plain = spcChart(flat, { chart: "i", screenMovingRanges: false, rules: [] }).points[0]!;
    expect([plain.cl, plain.lcl, plain.ucl]).toEqual([5, 5, 5]);
  });

  it("has null limits when the baseline has a single point", () => {
    const p = spcChart(obs([4, 6, 8]), { chart: "i", freeze: 1, rules: [] }).points[2]!;
    expect(p.cl).toBe(4);
    expect(p.ucl).toBeNull();
  });
});

describe("MR chart", () => {
  it("plots |Δy| with centre mean(MR), UCL 3.267·centre, 95% line (3.267/3)·2·centre, LCL 0", () => {
    const y = [10, 12, 11, 15, 14];
    const mr = movingRanges(y);
    const chart = spcChart(obs(y), { chart: "mr", rules: [] });
    expect(chart.points.map((p) => p.y)).toEqual([null, ...mr]);
    const p = chart.points[2]!;
    expect(p.cl).toBeCloseTo(mean(mr), 14);
    expect(p.ucl).toBeCloseTo(3.267 * mean(mr), 14);
    expect(p.ucl95).toBeCloseTo((3.267 / 3) * 2 * mean(mr), 14);
    expect([p.lcl, p.lcl95]).toEqual([0, 0]);
  });

  it("reports runs statistics but never signals runs (successive ranges share a point)", () => {
    const y = Array.from({ length: 30 }, (_, i) => (i < 15 ? i % 2 : 10 * (i % 2)));
    const chart = spcChart(obs(y), { chart: "mr" });
    expect(chart.phases[0]!.statistics.anhoej!.runsSignal).toBe(false);
    expect(chart.points.every((p) => p.signals.every((s) => !s.rule.startsWith("anhoej")))).toBe(true);
    // MRs: 1 (×14) then 10 (×15) around a centre of (14 + 150)/29: the 15 large ranges form one run.
    expect(chart.phases[0]!.statistics.anhoej!.longestRun).toBe(15);
  });
});

describe("x̄ and s charts", () => {
  // Subgroups of sizes 4, 6, 5 (varying): pooled s = √(Σ(n−1)s²/Σ(n−1)).
  const groups = [
    [10, 12, 11, 13],
    [9, 14, 12, 10, 11, 13],
    [12, 12, 15, 10, 11],
  ];
  const observations = groups.flatMap((g, i) => g.map((value) => ({ period: i + 1, value })));
  const sd = (g: readonly number[]): number =>
    Math.sqrt(g.reduce((a, v) => a + (v - mean(g)) ** 2, 0) / (g.length - 1));
  const pooled = Math.sqrt(
    groups.reduce((a, g) => a + (g.length - 1) * sd(g) ** 2, 0) /
      groups.reduce((a, g) => a + g.length - 1, 0),
  );
  const grand = groups.flat().reduce((a, b) => a + b, 0) / groups.flat().length;
  const c4 = (n: number): number => Math.sqrt(2 / (n - 1)) * Math.exp(lgamma(n / 2) - lgamma((n - 1) / 2));

  it("x̄: cl = Σn·x̄/Σn and limits cl ± 3σ̂/(c4(n)√n) with σ̂ pooled when sizes vary", () => {
    const chart = spcChart(observations, { chart: "xbar", rules: [] });
    groups.forEach((g, i) => {
      const p = chart.points[i]!;
      expect(p.y).toBeCloseTo(mean(g), 12);
      expect(p.cl).toBeCloseTo(grand, 12);
      expect(p.ucl).toBeCloseTo(grand + (3 * pooled) / (c4(g.length) * Math.sqrt(g.length)), 10);
      expect(p.lcl95).toBeCloseTo(grand - (2 * pooled) / (c4(g.length) * Math.sqrt(g.length)), 10);
    });
  });

  it("s: plots s_i, centre σ̂, limits B3·σ̂ and B4·σ̂", () => {
    const chart = spcChart(observations, { chart: "s", rules: [] });
    groups.forEach((g, i) => {
      const p = chart.points[i]!;
      const c = c4(g.length);
      const ratio = Math.sqrt(1 - c * c) / c;
      expect(p.y).toBeCloseTo(sd(g), 12);
      expect(p.cl).toBeCloseTo(pooled, 12);
      expect(p.ucl).toBeCloseTo(pooled * (1 + 3 * ratio), 10);
      expect(p.lcl).toBeCloseTo(pooled * Math.max(0, 1 - 3 * ratio), 10);
    });
  });

  it("uses the mean of s when every subgroup has the same size", () => {
    const same = [
      [1, 2, 3],
      [2, 4, 6],
      [5, 5, 8],
    ];
    const chart = spcChart(
      same.flatMap((g, i) => g.map((value) => ({ period: i, value }))),
      { chart: "s", rules: [] },
    );
    expect(chart.points[0]!.cl).toBeCloseTo(mean(same.map(sd)), 12);
  });

  it("gives a subgroup of one value no limits (A3, B3, B4 are NA for n = 1)", () => {
    const chart = spcChart([...observations, { period: 4, value: 11 }], { chart: "xbar", rules: [] });
    expect(chart.points[3]!.ucl).toBeNull();
    expect(chart.points[3]!.y).toBe(11);
  });
});

describe("t chart", () => {
  const y = [12, 40, 25, 8, 60, 33, 21];
  const t = y.map((v) => v ** (1 / 3.6));

  it("is an I chart of y^(1/3.6) transformed back by ^3.6", () => {
    const cl = mean(t);
    const sigma = mean(movingRanges(t)) / 1.128;
    const p = spcChart(obs(y), { chart: "t", screenMovingRanges: false, rules: [] }).points[0]!;
    expect(p.cl).toBeCloseTo(cl ** 3.6, 9);
    expect(p.ucl).toBeCloseTo((cl + 3 * sigma) ** 3.6, 9);
    expect(p.ucl95).toBeCloseTo((cl + 2 * sigma) ** 3.6, 9);
    expect(p.y).toBeCloseTo(12, 10);
    const lcl = cl - 3 * sigma;
    expect(p.lcl).toBeCloseTo(lcl < 0 ? 0 : lcl ** 3.6, 9);
  });

  it("sets a lower limit that is negative in the transformed scale to 0, and leaves the 95% line null", () => {
    const spread = [1, 200, 3, 150, 2, 180];
    const p = spcChart(obs(spread), { chart: "t", screenMovingRanges: false, rules: [] }).points[0]!;
    expect(p.lcl).toBe(0);
    expect(p.lcl95).toBeNull();
  });

  it("reads a fixed centre line in the data's scale", () => {
    const p = spcChart(obs(y), { chart: "t", centreLine: 20, rules: [] }).points[0]!;
    expect(p.cl).toBeCloseTo(20, 10);
  });

  it("refuses times ≤ 0 as qicharts2 does", () => {
    expect(() => spcChart(obs([3, 0, 5]), { chart: "t" })).toThrow(
      expect.objectContaining({ code: "NON_POSITIVE_TIME" }),
    );
  });
});

describe("p and p′ charts", () => {
  const y = [8, 15, 4, 11, 9, 20, 6];
  const n = [100, 120, 60, 110, 90, 150, 80];
  const pbar = y.reduce((a, b) => a + b) / n.reduce((a, b) => a + b);

  it("p: σ_i = √(p̄(1 − p̄)/n_i) per point", () => {
    const chart = spcChart(obs(y, n), { chart: "p", rules: [] });
    chart.points.forEach((p, i) => {
      const s = Math.sqrt((pbar * (1 - pbar)) / n[i]!);
      expect(p.y).toBeCloseTo(y[i]! / n[i]!, 14);
      expect(p.ucl).toBeCloseTo(pbar + 3 * s, 14);
      expect(p.lcl).toBeCloseTo(Math.max(0, pbar - 3 * s), 14);
      expect(p.n).toBe(n[i]);
    });
  });

  it("p: clamps finite limits to [0, 1]", () => {
    const chart = spcChart(obs([9, 10, 1], [10, 10, 10]), { chart: "p", rules: [] });
    expect(chart.points[0]!.ucl).toBe(1);
    const low = spcChart(obs([0, 1, 0], [10, 10, 10]), { chart: "p", rules: [] });
    expect(low.points[0]!.lcl).toBe(0);
  });

  it("p: a subgroup with 0 of 0 is a missing point with null limits", () => {
    const chart = spcChart(obs([3, 0, 5], [40, 0, 50]), { chart: "p", rules: [] });
    expect(chart.points[1]!.y).toBeNull();
    expect(chart.points[1]!.ucl).toBeNull();
    expect(chart.points[0]!.cl).toBeCloseTo(8 / 90, 14);
  });

  it("p′: clamps only finite limits, so a subgroup of 0 of 0 keeps null limits (SPC-REFERENCE.md §3.13)", () => {
    const chart = spcChart(obs([9, 0, 10, 1], [10, 0, 10, 10]), { chart: "pp", rules: [] });
    expect(chart.points[1]!.y).toBeNull();
    expect([chart.points[1]!.lcl, chart.points[1]!.ucl]).toEqual([null, null]);
    expect(chart.points[0]!.ucl).toBe(1);
  });

  it("p′ (Laney 2002): σ_i·σ_z with σ_z = mean|Δz|/1.128 over z_i = (p_i − p̄)/σ_i", () => {
    const s = n.map((ni) => Math.sqrt((pbar * (1 - pbar)) / ni));
    const z = y.map((v, i) => (v / n[i]! - pbar) / s[i]!);
    const sigmaZ = mean(movingRanges(z)) / 1.128;
    const chart = spcChart(obs(y, n), { chart: "pp", screenMovingRanges: false, rules: [] });
    chart.points.forEach((p, i) => {
      expect(p.ucl).toBeCloseTo(Math.min(1, pbar + 3 * s[i]! * sigmaZ), 13);
      expect(p.lcl).toBeCloseTo(Math.max(0, pbar - 3 * s[i]! * sigmaZ), 13);
    });
  });
});

describe("c, u and u′ charts", () => {
  it("c: plots the count with limits c̄ ± 3√c̄, LCL floored at 0", () => {
    const chart = spcChart(obs([2, 0, 1, 3, 1]), { chart: "c", rules: [] });
    const p = chart.points[0]!;
    expect(p.cl).toBeCloseTo(1.4, 14);
    expect(p.ucl).toBeCloseTo(1.4 + 3 * Math.sqrt(1.4), 14);
    expect(p.lcl).toBe(0);
  });

  it("u: σ_i = √(ū/n_i); u′ multiplies it by σ_z", () => {
    const y = [12, 30, 9, 22, 18];
    const n = [4.1, 8.0, 3.2, 5.5, 6.0];
    const ubar = y.reduce((a, b) => a + b) / n.reduce((a, b) => a + b);
    const s = n.map((ni) => Math.sqrt(ubar / ni));
    const z = y.map((v, i) => (v / n[i]! - ubar) / s[i]!);
    const sigmaZ = mean(movingRanges(z)) / 1.128;
    const u = spcChart(obs(y, n), { chart: "u", rules: [] });
    const up = spcChart(obs(y, n), { chart: "up", screenMovingRanges: false, rules: [] });
    n.forEach((_, i) => {
      expect(u.points[i]!.ucl).toBeCloseTo(ubar + 3 * s[i]!, 13);
      expect(up.points[i]!.ucl).toBeCloseTo(ubar + 3 * s[i]! * sigmaZ, 13);
      expect(up.points[i]!.lcl).toBeCloseTo(Math.max(0, ubar - 3 * s[i]! * sigmaZ), 13);
    });
  });
});

describe("g chart", () => {
  const y = [7, 10, 7, 1, 3, 5, 10, 0, 2, 4];

  it("reports the median, computes limits from the mean m: m + 3√(m(m + 1)), LCL 0", () => {
    const m = mean(y);
    const p = spcChart(obs(y), { chart: "g", rules: [] }).points[0]!;
    expect(p.cl).toBe(median(y));
    expect(p.ucl).toBeCloseTo(m + 3 * Math.sqrt(m * (m + 1)), 12);
    expect(p.ucl95).toBeCloseTo(m + 2 * Math.sqrt(m * (m + 1)), 12);
    expect([p.lcl, p.lcl95]).toEqual([0, 0]);
  });

  it("with a known mean, reports 0.693·mean and takes the limits from the mean", () => {
    const p = spcChart(obs(y), { chart: "g", centreLine: 6, rules: [] }).points[0]!;
    expect(p.cl).toBeCloseTo(0.693 * 6, 14);
    expect(p.ucl).toBeCloseTo(6 + 3 * Math.sqrt(42), 12);
  });
});

describe("I′ chart (ip)", () => {
  it("cl = Σy·n/Σn; s_i = √(π/2)|Δy|/√(1/n_{i−1} + 1/n_i); σ_i = mean(s)·√(1/n_i)", () => {
    // With denominators the value is the subgroup total and y its mean (qicharts2: y = Σy/Σn).
    const y = [10.2, 11.5, 9.8, 10.9, 12.1];
    const n = [4, 9, 6, 12, 5];
    const totals = y.map((v, i) => v * n[i]!);
    const cl = y.reduce((a, v, i) => a + v * n[i]!, 0) / n.reduce((a, b) => a + b);
    const s = y
      .slice(1)
      .map((v, i) => (Math.sqrt(Math.PI / 2) * Math.abs(v - y[i]!)) / Math.sqrt(1 / n[i]! + 1 / n[i + 1]!));
    const chart = spcChart(obs(totals, n), { chart: "ip", screenMovingRanges: false, rules: [] });
    chart.points.forEach((p, i) => {
      expect(p.cl).toBeCloseTo(cl, 12);
      expect(p.ucl).toBeCloseTo(cl + 3 * mean(s) * Math.sqrt(1 / n[i]!), 12);
      expect(p.lcl).toBeCloseTo(cl - 3 * mean(s) * Math.sqrt(1 / n[i]!), 12);
    });
  });

  it("takes σ from every point of the part: freeze and exclude move the centre line only (SPC-REFERENCE.md §3.9)", () => {
    // qicharts2 qic.ip computes s_i over the whole part; base (freeze, exclude) feeds only cl = Σy·n/Σn.
    const y = [10.2, 11.5, 9.8, 10.9, 12.1, 10.4];
    const n = [4, 9, 6, 12, 5, 8];
    const totals = y.map((v, i) => v * n[i]!);
    const s = y
      .slice(1)
      .map((v, i) => (Math.sqrt(Math.PI / 2) * Math.abs(v - y[i]!)) / Math.sqrt(1 / n[i]! + 1 / n[i + 1]!));
    const sigma = (i: number) => mean(s) * Math.sqrt(1 / n[i]!);
    const frozen = spcChart(obs(totals, n), { chart: "ip", freeze: 3, screenMovingRanges: false, rules: [] });
    const clFrozen = (y[0]! * n[0]! + y[1]! * n[1]! + y[2]! * n[2]!) / (n[0]! + n[1]! + n[2]!);
    const excluded = spcChart(obs(totals, n), {
      chart: "ip",
      exclude: [2],
      screenMovingRanges: false,
      rules: [],
    });
    const clExcluded = (totals.reduce((a, b) => a + b) - totals[1]!) / (n.reduce((a, b) => a + b) - n[1]!);
    for (const [chart, cl] of [
      [frozen, clFrozen],
      [excluded, clExcluded],
    ] as const) {
      chart.points.forEach((p, i) => {
        expect(p.cl).toBeCloseTo(cl, 12);
        expect(p.ucl).toBeCloseTo(cl + 3 * sigma(i), 12);
        expect(p.lcl).toBeCloseTo(cl - 3 * sigma(i), 12);
      });
    }
  });

  it("takes n as the number of values per subgroup when no denominators are given", () => {
    const observations = [
      { period: 1, value: 4 },
      { period: 1, value: 6 },
      { period: 2, value: 5 },
      { period: 3, value: 7 },
      { period: 3, value: 9 },
      { period: 3, value: 8 },
    ];
    const chart = spcChart(observations, { chart: "ip", rules: [] });
    expect(chart.points.map((p) => p.n)).toEqual([2, 1, 3]);
    expect(chart.points[0]!.cl).toBeCloseTo((5 * 2 + 5 * 1 + 8 * 3) / 6, 12);
  });
});

describe("bad input never draws a wrong chart", () => {
  it("throws SpcError for a negative count on a c chart", () => {
    expect(() => spcChart(obs([1, -2, 3]), { chart: "c" })).toThrow(SpcError);
  });
});

/** ln Γ by Stirling's series with shift (independent of the library's Lanczos implementation). */
function lgamma(x: number): number {
  let shift = 0;
  while (x < 10) {
    shift += Math.log(x);
    x += 1;
  }
  const inv = 1 / x;
  const inv2 = inv * inv;
  const series = inv * (1 / 12 - inv2 * (1 / 360 - inv2 * (1 / 1260 - inv2 / 1680)));
  return (x - 0.5) * Math.log(x) - x + 0.5 * Math.log(2 * Math.PI) + series - shift;
}
