import { describe, expect, it } from "vitest";
import type { ChartFrame, RuleSet } from "../core/chart-frame.type.js";
import { spcChart } from "./spc-chart.js";
import type { SpcChartOptions, SpcObservation } from "./spc-chart.type.js";

// spcChart's options as qicharts2 0.8.1 defines their qic() counterparts (SPC-REFERENCE.md §1 "baseline and
// phases", "other calculation options"; §2 formulas), with the deliberate differences its TSDoc lists, and the
// Making Data Count rules of INDICATORS.md §5. Expected numbers are worked out in each test from those definitions.

const monthly = (values: readonly number[], start = 2022): SpcObservation[] =>
  values.map((value, i) => ({
    period: `${start + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, "0")}-01`,
    value,
  }));
const y24 = [5, 7, 6, 8, 5, 6, 7, 9, 6, 5, 7, 6, 8, 7, 5, 6, 9, 7, 6, 8, 7, 5, 6, 7];

describe("spcChart: subgroups and periods", () => {
  it("orders ISO date periods in time and reports each point's period as given", () => {
    const shuffled = [...monthly([1, 2, 3])].reverse();
    const chart = spcChart(shuffled, { chart: "run" });
    expect(chart.points.map((p) => [p.period, p.y])).toEqual([
      ["2022-01-01", 1],
      ["2022-02-01", 2],
      ["2022-03-01", 3],
    ]);
  });

  it("accepts Date periods and numbers, and keeps text labels in order of first appearance", () => {
    const dates = spcChart(
      [
        { period: new Date(Date.UTC(2024, 1, 1)), value: 2 },
        { period: new Date(Date.UTC(2024, 0, 1)), value: 1 },
      ],
      { chart: "run" },
    );
    expect(dates.points.map((p) => p.y)).toEqual([1, 2]);
    const labels = spcChart(
      [
        { period: "2024 Q2", value: 5 },
        { period: "2024 Q3", value: 6 },
        { period: "2024 Q2", value: 7 },
      ],
      { chart: "run" },
    );
    expect(labels.points.map((p) => [p.period, p.y])).toEqual([
      ["2024 Q2", 6],
      ["2024 Q3", 6],
    ]);
  });

  it("combines several values of a period with the chosen aggregate (qicharts2 agg.fun)", () => {
    const observations = [1, 2, 6].map((value) => ({ period: 1, value }));
    const value = (aggregate: "mean" | "median" | "sum" | "sd"): number | null =>
      spcChart(observations, { chart: "run", aggregate }).points[0]!.y;
    expect(value("mean")).toBe(3);
    expect(value("median")).toBe(2);
    expect(value("sum")).toBe(9);
    expect(value("sd")).toBeCloseTo(Math.sqrt(7), 14);
    expect(spcChart(observations, { chart: "run" }).points[0]!.n).toBe(3);
  });

  it("pools numerators and denominators of one period: Σvalue/Σdenominator", () => {
    const chart = spcChart(
      [
        { period: "2024-01-01", value: 3, denominator: 10 },
        { period: "2024-01-01", value: 1, denominator: 30 },
        { period: "2024-02-01", value: 5, denominator: 20 },
      ],
      { chart: "p" },
    );
    expect(chart.points[0]).toMatchObject({ y: 0.1, n: 40 });
    expect(chart.points[0]!.cl).toBeCloseTo(9 / 60, 15);
  });

  it("makes a period with no value a missing point, not a zero", () => {
    const chart = spcChart(
      [
        { period: 1, value: 4 },
        { period: 2, value: null },
        { period: 3, value: 6 },
      ],
      { chart: "c", aggregate: "sum" },
    );
    expect(chart.points[1]).toMatchObject({ y: null, n: 0 });
    expect(chart.points[1]!.cl).toBe(5);
  });

  it("aggregates dates into calendar periods (qicharts2 x.period)", () => {
    const daily = Array.from({ length: 90 }, (_, d) => ({
      period: new Date(Date.UTC(2024, 0, 1) + d * 86400000),
      value: d < 31 ? 1 : 2,
    }));
    const chart = spcChart(daily, { chart: "c", aggregate: "sum", period: "month" });
    expect(chart.points.map((p) => [p.period, p.y])).toEqual([
      ["2024-01-01", 31],
      ["2024-02-01", 58],
      ["2024-03-01", 60],
    ]);
  });
});

describe("spcChart: phases, baselines and exclusions", () => {
  it("recomputes the limits from each phase's own points", () => {
    const values = [...y24.slice(0, 12), ...y24.slice(12).map((v) => v + 10)];
    const chart = spcChart(monthly(values), { chart: "i", phases: ["2023-01-01"] });
    expect(chart.phases.map((p) => [p.from, p.to, p.start, p.end])).toEqual([
      [0, 12, "2022-01-01", "2022-12-01"],
      [12, 24, "2023-01-01", "2023-12-01"],
    ]);
    expect(chart.points[0]!.cl).toBeCloseTo(y24.slice(0, 12).reduce((a, b) => a + b) / 12, 12);
    expect(chart.points[12]!.cl).toBeCloseTo(y24.slice(12).reduce((a, b) => a + b) / 12 + 10, 12);
    expect(chart.points[12]!.phase).toBe(1);
  });

  it("needs an exact match for label periods and starts the phase there", () => {
    const quarters = ["2023 Q1", "2023 Q2", "2023 Q3", "2023 Q4", "2024 Q1", "2024 Q2"];
    const chart = spcChart(
      quarters.map((period, i) => ({ period, value: i < 3 ? 5 + (i % 2) : 9 + (i % 2) })),
      { chart: "i", phases: ["2023 Q4"], exclude: ["2024 Q1"] },
    );
    expect(chart.phases.map((p) => p.start)).toEqual(["2023 Q1", "2023 Q4"]);
    expect(chart.points[4]!.include).toBe(false);
    expect(() => spcChart([{ period: "A", value: 1 }], { chart: "i", phases: ["B"] })).toThrow(
      expect.objectContaining({ code: "UNKNOWN_PERIOD" }),
    );
  });

  it("starts a phase at the first point on or after a phase date", () => {
    const chart = spcChart(monthly(y24), { chart: "i", phases: ["2022-06-15"] });
    expect(chart.phases[1]!.start).toBe("2022-07-01");
  });

  it("freezes the limits on the baseline and judges later points against them", () => {
    const chart = spcChart(monthly(y24), { chart: "i", freeze: "2022-12-01" });
    const first = chart.points[0]!;
    const baselineMean = y24.slice(0, 12).reduce((a, b) => a + b) / 12;
    expect(first.cl).toBeCloseTo(baselineMean, 12);
    expect(chart.points[23]!.ucl).toBe(first.ucl);
    expect(chart.points.map((p) => p.baseline)).toEqual([
      ...Array<boolean>(12).fill(true),
      ...Array<boolean>(12).fill(false),
    ]);
  });

  it("combines a freeze with later phases: the freeze fixes its own phase only", () => {
    const chart = spcChart(monthly([...y24, ...y24]), {
      chart: "i",
      freeze: "2022-06-01",
      phases: ["2024-01-01"],
    });
    expect(chart.points[11]!.baseline).toBe(false);
    expect(chart.points[24]!.baseline).toBe(true);
    expect(chart.points[47]!.baseline).toBe(true);
  });

  it("takes the first n points of each phase as its baseline with baselinePoints", () => {
    const chart = spcChart(monthly([...y24, ...y24]), {
      chart: "c",
      baselinePoints: 12,
      phases: ["2024-01-01"],
    });
    const baseline = chart.points.map((p) => p.baseline);
    expect(baseline.slice(0, 12).every(Boolean)).toBe(true);
    expect(baseline.slice(12, 24).some(Boolean)).toBe(false);
    expect(baseline.slice(24, 36).every(Boolean)).toBe(true);
    expect(chart.points[30]!.cl).toBeCloseTo(y24.slice(0, 12).reduce((a, b) => a + b) / 12, 12);
  });

  it("plots excluded points but leaves them out of the centre line, limits and runs", () => {
    const values = [...y24];
    values[5] = 60;
    const chart = spcChart(monthly(values), { chart: "c", exclude: ["2022-06-01"] });
    expect(chart.points[5]).toMatchObject({ y: 60, include: false });
    expect(chart.points[0]!.cl).toBeCloseTo((y24.reduce((a, b) => a + b) - y24[5]!) / 23, 12);
    expect(chart.phases[0]!.statistics.anhoej!.nObs).toBe(23);
  });
});

describe("spcChart: scaling and fixed lines", () => {
  it("multiplies y, centre line and limits", () => {
    const observations = y24.map((value, i) => ({ period: i, value, denominator: 200 }));
    const plain = spcChart(observations, { chart: "u" });
    const per1000 = spcChart(observations, { chart: "u", multiply: 1000 });
    expect(per1000.points[3]!.y).toBeCloseTo(plain.points[3]!.y! * 1000, 10);
    expect(per1000.points[3]!.ucl).toBeCloseTo(plain.points[3]!.ucl! * 1000, 10);
  });

  it("uses a known centre line and carries the target", () => {
    const chart = spcChart(monthly(y24), { chart: "c", centreLine: 6, target: 5 });
    expect(chart.points[0]).toMatchObject({ cl: 6, target: 5 });
    expect(chart.points[0]!.ucl).toBeCloseTo(6 + 3 * Math.sqrt(6), 14);
  });

  it("floors negative lower limits at 0 when negativeLimits is false and no value is negative", () => {
    const values = [1, 9, 2, 8, 1, 9, 2, 8];
    const free = spcChart(monthly(values), { chart: "i" }).points[0]!;
    expect(free.lcl!).toBeLessThan(0);
    const floored = spcChart(monthly(values), { chart: "i", negativeLimits: false }).points[0]!;
    expect(floored.lcl).toBe(0);
  });
});

describe("spcChart: rule sets and improvement direction", () => {
  const shifted = [...y24.slice(0, 12), ...y24.slice(12).map((v) => v + 4)];

  it("evaluates Anhøj and 3-sigma rules by default, reported per phase", () => {
    const chart = spcChart(monthly(shifted), { chart: "i" });
    expect(Object.keys(chart.rules)).toEqual(["anhoej", "sigma"]);
    expect(chart.phases[0]!.statistics.anhoej).toMatchObject({ runsSignal: true });
    expect(chart.phases[0]!.statistics.sigma).toBeDefined();
  });

  it("labels signals as improvement or concern by the improvement direction", () => {
    const up = spcChart(monthly(shifted), { chart: "i", improvement: "increase", rules: ["anhoej"] });
    const late = up.points[20]!;
    expect(late.signals[0]).toMatchObject({ rule: "anhoej-runs", side: "high" });
    expect(late.variation).toBe("improvement");
    const down = spcChart(monthly(shifted), { chart: "i", improvement: "decrease", rules: ["anhoej"] });
    expect(down.points[20]!.variation).toBe("concern");
    expect(down.points[2]!.variation).toBe("improvement");
    const neutral = spcChart(monthly(shifted), { chart: "i", rules: ["anhoej"] });
    expect(neutral.points[20]!.variation).toBe("neutral");
  });

  it('adds the Making Data Count rules with rules: [..., "mdc"]', () => {
    const chart = spcChart(monthly(shifted), {
      chart: "i",
      rules: ["anhoej", "sigma", "mdc"],
      improvement: "increase",
    });
    expect(Object.keys(chart.rules)).toEqual(["anhoej", "sigma", "making-data-count"]);
    const mdc = chart.points.flatMap((p) => p.signals).filter((s) => s.rule.startsWith("mdc-"));
    expect(mdc.some((s) => s.rule === "mdc-shift" && s.side === "high")).toBe(true);
    expect(chart.phases[0]!.statistics["making-data-count"]).toMatchObject({ points: 24 });
  });

  it("takes the Making Data Count shift and trend lengths from the mdc option, 7 by default (INDICATORS.md §5)", () => {
    // Baseline 12, 10 × 6 frozen: mean 11, AMR 2, so the 2σ band is 11 ± 3.55 and no baseline point signals. Then
    // six points of 11.5 (above the mean, inside the band; the last baseline point is below) and 10: a run of
    // six on one side, no trend.
    const base = (first: number, second: number) =>
      Array.from({ length: 12 }, (_, i) => (i % 2 === 0 ? first : second));
    const draw = (values: number[], options: Partial<SpcChartOptions>) =>
      spcChart(monthly(values), { chart: "i", rules: ["mdc"], freeze: "2022-12-01", ...options }).points;
    const y = [...base(12, 10), 11.5, 11.5, 11.5, 11.5, 11.5, 11.5, 10];
    const shifts = (options: Partial<SpcChartOptions>) =>
      draw(y, options).map((p) => (p.signals.some((s) => s.rule === "mdc-shift") ? 1 : 0));
    expect(shifts({})).toEqual(Array<number>(19).fill(0));
    expect(shifts({ mdc: { shiftLength: 6 } })).toEqual([...Array<number>(12).fill(0), 1, 1, 1, 1, 1, 1, 0]);
    // After a baseline ending at 12, a drop to 10.5 and five rises: a trend of six points, crossing the mean.
    const rising = [...base(10, 12), 10.5, 10.8, 11.1, 11.4, 11.7, 12];
    const trends = (options: Partial<SpcChartOptions>) =>
      draw(rising, options).map((p) => (p.signals.some((s) => s.rule === "mdc-trend") ? 1 : 0));
    expect(trends({})).toEqual(Array<number>(18).fill(0));
    expect(trends({ mdc: { trendLength: 6 } })).toEqual([...Array<number>(12).fill(0), 1, 1, 1, 1, 1, 1]);
  });

  it("accepts any RuleSet object on the shared ChartFrame", () => {
    const seen: ChartFrame[] = [];
    const custom: RuleSet = {
      id: "last-point",
      evaluate(frame) {
        seen.push(frame);
        return {
          points: frame.y.map((_, i) =>
            i === frame.y.length - 1 ? [{ rule: "last", side: "high" as const }] : [],
          ),
          segments: [{ checked: true }],
        };
      },
    };
    const chart = spcChart(monthly(y24), { chart: "i", rules: [custom] });
    expect(chart.points[23]!.signals).toEqual([{ rule: "last", side: "high" }]);
    expect(chart.phases[0]!.statistics["last-point"]).toEqual({ checked: true });
    expect(seen[0]!.y).toHaveLength(24);
    expect(seen[0]!.segment.every((s) => s === 0)).toBe(true);
  });

  it("exposes the chart as a ChartFrame with null, never NaN, for missing values", () => {
    const chart = spcChart(monthly([1, 2, 3]), { chart: "run" });
    expect(chart.frame.ucl).toEqual([null, null, null]);
    expect(chart.frame.include).toEqual([true, true, true]);
    expect(chart.frame.segment).toEqual([0, 0, 0]);
  });
});
