import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { qic } from "../compat/qic.js";
import type { ChartType } from "../core/chart-frame.type.js";
import { funnelPlot } from "./funnel-plot.js";
import { spcChart } from "./spc-chart.js";
import type { SpcChart, SpcObservation } from "./spc-chart.type.js";

const counts = (min = 2, max = 60) =>
  fc.array(fc.integer({ min: 0, max: 60 }), { minLength: min, maxLength: max });
const measurements = (min = 2, max = 60) =>
  fc.array(fc.double({ min: -1000, max: 1000, noNaN: true, noDefaultInfinity: true }), {
    minLength: min,
    maxLength: max,
  });
const series = (values: readonly number[]): SpcObservation[] =>
  values.map((value, i) => ({ period: i + 1, value }));

/** |a − b| ≤ tol·max(1, |b|), with null = null. */
function near(a: number | null, b: number | null, tol = 1e-9): boolean {
  if (a === null || b === null) return a === b;
  return Math.abs(a - b) <= tol * Math.max(1, Math.abs(b));
}
function sameNumbers(a: SpcChart, b: SpcChart, tol = 1e-9): void {
  expect(a.points.length).toBe(b.points.length);
  a.points.forEach((p, i) => {
    const q = b.points[i]!;
    for (const key of ["y", "cl", "lcl", "ucl", "lcl95", "ucl95"] as const) {
      expect(near(p[key], q[key], tol), `${key}[${i}]: ${p[key]} vs ${q[key]}`).toBe(true);
    }
  });
}

describe("limits are symmetric about the centre line where no floor or cap applies", () => {
  it("I chart, always", () => {
    fc.assert(
      fc.property(measurements(3), fc.boolean(), (values, screen) => {
        const chart = spcChart(series(values), { chart: "i", screenMovingRanges: screen, rules: [] });
        for (const p of chart.points) {
          if (p.ucl === null) continue;
          expect(near(p.ucl - p.cl!, p.cl! - p.lcl!, 1e-9)).toBe(true);
          expect(near(p.ucl95! - p.cl!, p.cl! - p.lcl95!, 1e-9)).toBe(true);
        }
      }),
    );
  });

  it("c chart when c̄ ≥ 9, u and p charts when the lower limit is above 0 (and p's upper below 1)", () => {
    fc.assert(
      fc.property(counts(3), fc.integer({ min: 61, max: 5000 }), (values, n) => {
        const c = spcChart(series(values), { chart: "c", rules: [] }).points[0]!;
        if (c.cl! >= 9) expect(near(c.ucl! - c.cl!, c.cl! - c.lcl!)).toBe(true);
        const withN = values.map((value, i) => ({ period: i, value, denominator: n + i }));
        for (const chart of ["u", "p"] as const) {
          for (const p of spcChart(withN, { chart, rules: [] }).points) {
            if (p.lcl! > 0 && p.ucl! < 1) expect(near(p.ucl! - p.cl!, p.cl! - p.lcl!)).toBe(true);
          }
        }
      }),
    );
  });
});

describe("limits are symmetric for every chart without a floor or cap", () => {
  it("x̄ (CL ± A3·σ̂) and I′ (CL ± 3σ_i), always; p′ and u′ where no floor or cap applies", () => {
    fc.assert(
      fc.property(counts(3, 30), fc.integer({ min: 61, max: 5000 }), (values, n) => {
        const twoPerPeriod = values.flatMap((value, i) => [
          { period: i, value },
          { period: i, value: value + (i % 5) },
        ]);
        const withN = values.map((value, i) => ({ period: i, value, denominator: n + i }));
        const charts = [
          spcChart(twoPerPeriod, { chart: "xbar", rules: [] }),
          spcChart(withN, { chart: "ip", rules: [] }),
          spcChart(withN, { chart: "pp", rules: [] }),
          spcChart(withN, { chart: "up", rules: [] }),
        ];
        for (const chart of charts) {
          for (const p of chart.points) {
            if (p.ucl === null || p.lcl === null) continue;
            // p′ is floored at 0 and capped at 1, u′ floored at 0 (qicharts2); x̄ and I′ never are.
            if ((chart.chart === "pp" || chart.chart === "up") && p.lcl <= 0) continue;
            if (chart.chart === "pp" && p.ucl >= 1) continue;
            expect(near(p.ucl - p.cl!, p.cl! - p.lcl, 1e-9), `${chart.chart}`).toBe(true);
            expect(near(p.ucl95! - p.cl!, p.cl! - p.lcl95!, 1e-9), `${chart.chart} 95`).toBe(true);
          }
        }
      }),
    );
  });
});

describe("invariances", () => {
  it("the order of observations within a period does not matter", () => {
    const grouped = fc.array(
      fc.record({
        period: fc.integer({ min: 1, max: 12 }),
        value: fc.integer({ min: 0, max: 40 }),
        extra: fc.integer({ min: 0, max: 40 }),
      }),
      { minLength: 4, maxLength: 60 },
    );
    fc.assert(
      fc.property(
        grouped,
        fc.integer(),
        fc.constantFrom<ChartType>("xbar", "s", "i", "mr", "run", "u", "up", "p", "pp", "c", "g", "t", "ip"),
        (rows, seed, chart) => {
          const observations = rows.map((r) => ({
            period: r.period,
            value: r.value,
            denominator: r.value + r.extra + 1,
          }));
          // A t chart needs times > 0.
          const plain = rows.map((r) => ({ period: r.period, value: chart === "t" ? r.value + 1 : r.value }));
          const input = WITH_DENOMINATORS.has(chart) ? observations : plain;
          const shuffled = [...input].sort(
            (a, b) => hash(a.value * 31 + a.period, seed) - hash(b.value * 31 + b.period, seed),
          );
          const run = (o: readonly SpcObservation[]) =>
            spcChart(o, { chart, rules: [], screenMovingRanges: false });
          sameNumbers(run(shuffled), run(input), 1e-9);
        },
      ),
    );
  });

  it("re-baselining never changes earlier phases", () => {
    fc.assert(
      fc.property(
        measurements(4, 50),
        fc.integer({ min: 1, max: 49 }),
        fc.constantFrom<ChartType>("i", "run", "mr", "c"),
        (values, at, chart) => {
          const data = chart === "c" ? values.map((v) => Math.round(Math.abs(v))) : values;
          const k = 1 + (at % (data.length - 1));
          const whole = spcChart(series(data), { chart, phases: [k + 1] });
          const before = spcChart(series(data.slice(0, k)), { chart });
          sameNumbers({ ...whole, points: whole.points.slice(0, k) }, before, 0);
          expect(whole.phases[0]!.statistics).toEqual(before.phases[0]!.statistics);
        },
      ),
    );
  });

  it("re-baselining never changes earlier phases, on every chart type, with a freeze and an exclusion in them", () => {
    fc.assert(
      fc.property(
        counts(4, 50),
        fc.integer({ min: 1, max: 49 }),
        fc.constantFrom<ChartType>("run", "i", "mr", "xbar", "s", "t", "p", "pp", "c", "u", "up", "g", "ip"),
        fc.boolean(),
        (values, at, chart, fixBaseline) => {
          // Periods 1..m; x̄ and s get two values a period, proportions and rates a denominator.
          const observations = (m: number): SpcObservation[] =>
            values.slice(0, m).flatMap((v, i) => {
              const period = i + 1;
              if (chart === "xbar" || chart === "s")
                return [
                  { period, value: v },
                  { period, value: v + (i % 5) },
                ];
              if (WITH_DENOMINATORS.has(chart)) return [{ period, value: v, denominator: v + 5 + (i % 7) }];
              return [{ period, value: chart === "t" ? v + 1 : v }];
            });
          const k = 2 + (at % (values.length - 2));
          // Within the first phase: freeze on its first half, exclude its second period.
          const within = fixBaseline ? { freeze: Math.ceil(k / 2), exclude: [2] } : {};
          const whole = spcChart(observations(values.length), { chart, phases: [k + 1], ...within });
          const before = spcChart(observations(k), { chart, ...within });
          sameNumbers({ ...whole, points: whole.points.slice(0, k) }, before, 0);
          expect(whole.points.slice(0, k).map((p) => p.signals)).toEqual(before.points.map((p) => p.signals));
          expect(whole.phases[0]!.statistics).toEqual(before.phases[0]!.statistics);
        },
      ),
    );
  });

  it("multiply scales y, the centre line and every limit, and changes no signal", () => {
    fc.assert(
      fc.property(
        counts(3),
        fc.constantFrom(10, 100, 1000),
        fc.constantFrom<ChartType>("c", "u", "p", "i", "run"),
        (values, m, chart) => {
          const observations = values.map((value, i) => ({ period: i, value, denominator: 60 + (i % 7) }));
          const input = chart === "u" || chart === "p" ? observations : series(values);
          const plain = spcChart(input, { chart });
          const scaled = spcChart(input, { chart, multiply: m });
          plain.points.forEach((p, i) => {
            const q = scaled.points[i]!;
            for (const key of ["y", "cl", "lcl", "ucl", "lcl95", "ucl95"] as const) {
              expect(near(q[key], p[key] === null ? null : p[key] * m, 1e-12)).toBe(true);
            }
            expect(q.signals).toEqual(p.signals);
          });
        },
      ),
    );
  });

  it("values after a freeze do not move the limits", () => {
    fc.assert(
      fc.property(
        counts(6, 40),
        counts(1, 20),
        fc.constantFrom<ChartType>("i", "c", "run", "g"),
        (values, later, chart) => {
          const freeze = Math.ceil(values.length / 2);
          const a = spcChart(series(values), { chart, freeze, rules: [] });
          const changed = values.map((v, i) => (i >= freeze ? later[i % later.length]! : v));
          const b = spcChart(series(changed), { chart, freeze, rules: [] });
          a.points.forEach((p, i) => {
            expect([p.cl, p.lcl, p.ucl]).toEqual([b.points[i]!.cl, b.points[i]!.lcl, b.points[i]!.ucl]);
          });
        },
      ),
    );
  });

  it("an excluded value does not move the limits", () => {
    fc.assert(
      fc.property(measurements(4), fc.double({ min: -1e6, max: 1e6, noNaN: true }), (values, replacement) => {
        const index = values.length >> 1;
        const exclude = [index + 1];
        const a = spcChart(series(values), { chart: "i", exclude, rules: [] });
        const b = spcChart(series(values.map((v, i) => (i === index ? replacement : v))), {
          chart: "i",
          exclude,
          rules: [],
        });
        expect(a.points[0]!.cl).toBe(b.points[0]!.cl);
        expect(a.points[0]!.ucl).toBe(b.points[0]!.ucl);
      }),
    );
  });

  it("shifting an I chart's data shifts its centre line and limits and keeps its signals", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -500, max: 500 }), { minLength: 3, maxLength: 50 }),
        fc.integer({ min: -1000, max: 1000 }),
        (values, shift) => {
          const a = spcChart(series(values), { chart: "i" });
          const b = spcChart(series(values.map((v) => v + shift)), { chart: "i" });
          a.points.forEach((p, i) => {
            const q = b.points[i]!;
            expect(near(q.cl, p.cl! + shift, 1e-9)).toBe(true);
            if (p.ucl !== null) expect(near(q.ucl, p.ucl + shift, 1e-9)).toBe(true);
          });
          expect(b.phases[0]!.statistics.anhoej).toEqual(a.phases[0]!.statistics.anhoej);
        },
      ),
    );
  });
});

describe("the two front ends agree: spcChart and qic() give the same numbers on the same data", () => {
  const charts: ChartType[] = ["run", "i", "mr", "xbar", "s", "t", "p", "pp", "c", "u", "up", "g", "ip"];
  it.each(charts)("%s chart", (chart) => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            value: fc.integer({ min: 1, max: 50 }),
            extra: fc.integer({ min: 0, max: 400 }),
            size: fc.integer({ min: 1, max: 3 }),
          }),
          {
            minLength: 3,
            maxLength: 40,
          },
        ),
        fc.boolean(),
        (rows, screen) => {
          const withN = chart === "p" || chart === "pp" || chart === "u" || chart === "up" || chart === "ip";
          const observations: SpcObservation[] = [];
          const x: number[] = [];
          const y: number[] = [];
          const n: number[] = [];
          rows.forEach((r, i) => {
            const repeats = chart === "xbar" || chart === "s" ? r.size + 1 : 1;
            for (let k = 0; k < repeats; k++) {
              const value = r.value + k * 3;
              const denominator = value + r.extra;
              observations.push(withN ? { period: i + 1, value, denominator } : { period: i + 1, value });
              x.push(i + 1);
              y.push(value);
              n.push(denominator);
            }
          });
          const mine = spcChart(observations, { chart, screenMovingRanges: screen });
          const theirs = qic({
            args: { x: "x", y: "y", n: withN ? "n" : null, chart },
            options: { "qic.screenedmr": screen },
            input: { x_type: "numeric", columns: { x, y, n } },
          });
          theirs.points.forEach((row, i) => {
            const p = mine.points[i]!;
            expect(near(p.y, row.y as number | null, 1e-12)).toBe(true);
            expect(near(p.cl, row.cl as number | null, 1e-12)).toBe(true);
            expect(near(p.lcl, row.lcl as number | null, 1e-12)).toBe(true);
            expect(near(p.ucl, row.ucl as number | null, 1e-12)).toBe(true);
            expect(near(p.ucl95, row["ucl.95"] as number | null, 1e-12)).toBe(true);
            expect(p.signals.some((s) => s.rule === "sigma")).toBe(row["sigma.signal"]);
            // Anhøj flags appear only on points of a part qicharts2 signals.
            if (p.signals.some((s) => s.rule.startsWith("anhoej"))) expect(row["runs.signal"]).toBe(true);
          });
          const runs = mine.phases[0]!.statistics.anhoej!;
          expect(runs.runsSignal).toBe(theirs.summary[0]!["runs.signal"] === 1);
          expect(runs.longestRun).toBe(theirs.summary[0]!["longest.run"]);
          expect(runs.nCrossings).toBe(theirs.summary[0]!["n.crossings"]);
        },
      ),
      { numRuns: 60 },
    );
  });

  it("funnelPlot gives a unit the limits of its row in qic() with categorical x", () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.string({ minLength: 1, maxLength: 4 }), { minLength: 3, maxLength: 12 }),
        fc.array(
          fc.record({ value: fc.integer({ min: 0, max: 80 }), extra: fc.integer({ min: 1, max: 900 }) }),
          { minLength: 12, maxLength: 12 },
        ),
        fc.constantFrom("p", "pp", "u", "up" as const),
        (ids, rows, chart) => {
          const units = ids.map((id, i) => ({
            id,
            numerator: rows[i]!.value,
            denominator: rows[i]!.value + rows[i]!.extra,
          }));
          const plot = funnelPlot(units, { chart, multiply: 100 });
          const { points } = qic({
            args: { x: "unit", y: "y", n: "n", chart, multiply: 100 },
            input: {
              x_type: "categorical",
              columns: { unit: ids, y: units.map((u) => u.numerator), n: units.map((u) => u.denominator) },
            },
          });
          for (const row of points) {
            const unit = plot.units.find((u) => u.id === row.x)!;
            expect(near(unit.ucl, row.ucl as number | null, 1e-12)).toBe(true);
            expect(near(unit.lcl, row.lcl as number | null, 1e-12)).toBe(true);
            expect(unit.signal !== null).toBe(row["sigma.signal"]);
            expect(row["runs.signal"]).toBe(false);
          }
          const limits = plot.limitsAt(units[0]!.denominator);
          expect(near(limits.ucl, plot.units[0]!.ucl, 1e-12)).toBe(true);
        },
      ),
      { numRuns: 80 },
    );
  });
});

/** A deterministic pseudo-random sort key, so a shrunk counterexample replays. */
/** Charts whose observations carry a denominator in these tests. */
const WITH_DENOMINATORS: ReadonlySet<ChartType> = new Set<ChartType>(["p", "pp", "u", "up", "ip"]);

function hash(value: number, seed: number): number {
  let h = Math.imul(value ^ seed, 2654435761) >>> 0;
  h ^= h >>> 15;
  return Math.imul(h, 2246822519) >>> 0;
}
