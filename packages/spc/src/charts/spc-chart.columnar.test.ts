import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type {
  ChartFrame,
  ChartType,
  PointSignal,
  RuleSet,
  RuleSetResult,
  SegmentStatistics,
} from "../core/chart-frame.type.js";
import { SIGNAL_RULES, SignalBit, SignalMask } from "../core/signal-bits.js";
import { makingDataCountRules } from "../mdc/mdc-rule-set.js";
import { allocatePointFlags, setPointFlags } from "../mdc/mdc-point-flags.js";
import { mdcSpecialCauses, RuleBit } from "../mdc/mdc-special-causes.js";
import { createAnhoejRuleSet } from "./rules/anhoej-rule-set.js";
import { runsAnalysis, sideOf } from "./rules/runs-analysis.js";
import type { RunsMethod } from "./rules/runs-signal-method.js";
import { sigmaRuleSet } from "./rules/sigma-rule-set.js";
import { signalsOfFlags } from "./rules/signal-flags.js";
import { spcChart } from "./spc-chart.js";
import type { SpcChart, SpcChartOptions, SpcObservation } from "./spc-chart.type.js";

/*
 * The columnar path (typed columns, rule sets on typed frames writing bit flags, objects built on first read)
 * against the object path it replaced: the same rule sets evaluated per point on the ChartFrame, as they were
 * written before the typed path existed (reference implementations below), and spcChart's own path for rule
 * sets without a typed form. Every number and every finding must be the same, on random series.
 */

// ---- Reference: the per-point object rule sets, as evaluated on a ChartFrame before the columnar path ----

function segmentsOf(segment: readonly number[]): { from: number; to: number; id: number }[] {
  const out: { from: number; to: number; id: number }[] = [];
  for (let i = 0; i < segment.length; i++) {
    if (i === 0 || segment[i] !== segment[i - 1]) out.push({ from: i, to: segment.length, id: segment[i]! });
  }
  for (let k = 0; k + 1 < out.length; k++) out[k]!.to = out[k + 1]!.from;
  return out;
}

function referenceSigma(frame: ChartFrame): RuleSetResult {
  const points: PointSignal[][] = frame.y.map(() => []);
  const segments: SegmentStatistics[] = [];
  for (const { from, to, id } of segmentsOf(frame.segment)) {
    let count = 0;
    for (let i = from; i < to; i++) {
      const v = frame.y[i];
      if (v == null) continue;
      const u = frame.ucl[i];
      const l = frame.lcl[i];
      if (u != null && v > u) {
        points[i]!.push({ rule: "sigma", side: "high" });
        count++;
      } else if (l != null && v < l) {
        points[i]!.push({ rule: "sigma", side: "low" });
        count++;
      }
    }
    segments[id] = { sigmaSignals: count };
  }
  return { points, segments };
}

function referenceAnhoej(frame: ChartFrame, method: RunsMethod, signalling: boolean): RuleSetResult {
  const points: PointSignal[][] = frame.y.map(() => []);
  const segments: SegmentStatistics[] = [];
  const side = (i: number): number => sideOf(frame.y[i], frame.cl[i]);
  for (const { from, to, id } of segmentsOf(frame.segment)) {
    const stats = runsAnalysis(frame.y, frame.cl, frame.include, from, to, method);
    const longRun = stats.longestRun !== null && stats.longestRun > stats.longestRunMax!;
    const fewCrossings = stats.nCrossings !== null && stats.nCrossings < stats.nCrossingsMin!;
    segments[id] = {
      ...stats,
      runsSignal: signalling && stats.runsSignal,
      longestRunSignal: signalling && longRun,
      crossingsSignal: signalling && fewCrossings,
    };
    if (!signalling || !stats.runsSignal) continue;
    if (longRun) {
      // Every useful point of each run longer than the limit.
      let start = -1;
      let sign = 0;
      let length = 0;
      const close = (end: number): void => {
        if (length <= stats.longestRunMax!) return;
        for (let j = start; j < end; j++) {
          if (frame.include[j] && side(j) === sign) {
            points[j]!.push({ rule: "anhoej-runs", side: sign > 0 ? "high" : "low" });
          }
        }
      };
      for (let i = from; i < to; i++) {
        if (!frame.include[i] || side(i) === 0) continue;
        if (side(i) !== sign) {
          close(i);
          start = i;
          sign = side(i);
          length = 0;
        }
        length++;
      }
      close(to);
    }
    if (fewCrossings) {
      for (let i = from; i < to; i++) {
        if (frame.include[i] && side(i) !== 0) {
          points[i]!.push({ rule: "anhoej-crossings", side: side(i) > 0 ? "high" : "low" });
        }
      }
    }
  }
  return { points, segments };
}

function referenceMdc(frame: ChartFrame, length: number): RuleSetResult {
  const n = frame.y.length;
  const y = new Float64Array(n);
  const flags = allocatePointFlags(n);
  const starts: number[] = [];
  for (let i = 0; i < n; i++) {
    if (i === 0 || frame.segment[i] !== frame.segment[i - 1]) starts.push(i);
    y[i] = frame.include[i] === true ? (frame.y[i] ?? NaN) : NaN;
    const at = (c: readonly (number | null)[]): number => c[i] ?? NaN;
    setPointFlags(
      flags,
      i,
      y[i]!,
      at(frame.cl),
      at(frame.lcl),
      at(frame.ucl),
      at(frame.lcl95),
      at(frame.ucl95),
    );
  }
  const codes = new Int8Array(n);
  const mask = new Uint8Array(n);
  mdcSpecialCauses(
    y,
    flags,
    starts,
    { shiftLength: length, trendLength: length, undecidableTrend: "no-trend" },
    codes,
    mask,
  );
  const points = Array.from(mask, (m) => {
    const out: PointSignal[] = [];
    const add = (rule: string, hit: number, high: number): void => {
      if (m & hit) out.push({ rule, side: m & high ? "high" : "low" });
    };
    add("mdc-outside", RuleBit.Outside, RuleBit.OutsideHigh);
    add("mdc-trend", RuleBit.Trend, RuleBit.TrendHigh);
    add("mdc-two-of-three", RuleBit.TwoInThree, RuleBit.TwoInThreeHigh);
    add("mdc-shift", RuleBit.Shift, RuleBit.ShiftHigh);
    return out;
  });
  const segments: SegmentStatistics[] = [];
  for (let s = 0; s <= (n === 0 ? -1 : frame.segment[n - 1]!); s++) {
    segments.push({ points: 0, specialCausePoints: 0, shortGroupWarning: true });
  }
  starts.forEach((start, g) => {
    const end = g + 1 < starts.length ? starts[g + 1]! : n;
    segments[frame.segment[start]!] = {
      points: end - start,
      specialCausePoints: codes.subarray(start, end).filter((c) => c !== 0).length,
      shortGroupWarning: end - start < 13,
    };
  });
  return { points, segments };
}

/** A rule set that only has the object path, so spcChart hands it the ChartFrame. */
function objectOnly(id: string, evaluate: (frame: ChartFrame) => RuleSetResult): RuleSet {
  return { id, evaluate };
}

// ---- Random charts ----

interface Case {
  readonly observations: SpcObservation[];
  readonly options: SpcChartOptions;
}

const CHARTS: readonly ChartType[] = ["run", "i", "mr", "xbar", "s", "t", "p", "pp", "c", "u", "up", "g"];

const cases: fc.Arbitrary<Case> = fc
  .record({
    chart: fc.constantFrom(...CHARTS),
    rows: fc.oneof(
      fc.array(
        fc.record({
          value: fc.option(fc.integer({ min: 0, max: 40 }), { freq: 8 }),
          denominator: fc.integer({ min: 1, max: 60 }),
          extra: fc.integer({ min: 0, max: 3 }),
        }),
        { minLength: 1, maxLength: 50 },
      ),
      // Runs of points on one side (long runs, few crossings, shifts), with a little noise.
      fc
        .array(fc.tuple(fc.integer({ min: 1, max: 14 }), fc.integer({ min: 0, max: 30 })), {
          minLength: 1,
          maxLength: 8,
        })
        .chain((runs) => {
          const levels = runs.flatMap(([length, level]) => Array<number>(length).fill(level));
          return fc.tuple(
            ...levels.map((level) =>
              fc.record({
                value: fc.option(fc.integer({ min: level, max: level + 3 }), { freq: 20 }),
                denominator: fc.constant(40),
                extra: fc.integer({ min: 0, max: 2 }),
              }),
            ),
          );
        }),
    ),
    phase: fc.option(fc.integer({ min: 1, max: 50 })),
    freeze: fc.option(fc.integer({ min: 1, max: 50 })),
    exclude: fc.array(fc.integer({ min: 1, max: 50 }), { maxLength: 3 }),
    multiply: fc.constantFrom(1, 100),
    improvement: fc.constantFrom("increase", "decrease", "neutral"),
    negativeLimits: fc.boolean(),
    screen: fc.boolean(),
    method: fc.constantFrom<RunsMethod>("anhoej", "bestbox", "cutbox"),
    runLength: fc.integer({ min: 2, max: 8 }),
  })
  .map((r): Case => {
    const proportion = r.chart === "p" || r.chart === "pp";
    const rate = proportion || r.chart === "u" || r.chart === "up";
    const observations: SpcObservation[] = [];
    r.rows.forEach((row, i) => {
      const several = r.chart === "xbar" || r.chart === "s" ? row.extra + 1 : 1;
      for (let k = 0; k < several; k++) {
        let value = row.value === null ? null : row.value + k;
        if (value !== null && r.chart === "t") value += 1;
        if (value !== null && proportion) value = Math.min(value, row.denominator);
        observations.push({ period: i + 1, value, ...(rate ? { denominator: row.denominator } : {}) });
      }
    });
    const m = r.rows.length;
    const exclude = [...new Set(r.exclude.filter((e) => e <= m))];
    return {
      observations,
      options: {
        chart: r.chart,
        multiply: r.multiply,
        improvement: r.improvement,
        negativeLimits: r.negativeLimits,
        screenMovingRanges: r.screen,
        runsMethod: r.method,
        mdc: { shiftLength: r.runLength, trendLength: r.runLength },
        ...(r.phase !== null && r.phase <= m ? { phases: [r.phase] } : {}),
        ...(r.freeze !== null && r.freeze <= m ? { freeze: r.freeze } : {}),
        ...(exclude.length > 0 ? { exclude } : {}),
      },
    };
  });

/** The chart, or undefined when the input is rejected (both paths reject alike: same code). */
function draw(c: Case, rules: NonNullable<SpcChartOptions["rules"]>): SpcChart | undefined {
  try {
    return spcChart(c.observations, { ...c.options, rules });
  } catch (error) {
    expect(error).toHaveProperty("code");
    return undefined;
  }
}

/** A typed value read as the ChartFrame reads it: NaN (any non-finite number) is null. */
const asNullable = (v: number): number | null => (Number.isFinite(v) ? v : null);

describe("columnar spcChart agrees with the object path (property)", () => {
  it("rule sets on typed frames find what the per-point object rule sets find on the ChartFrame", () => {
    fc.assert(
      fc.property(cases, (c) => {
        const chart = draw(c, ["anhoej", "sigma", "mdc"]);
        if (chart === undefined) return;
        const frame = chart.frame;
        const movingRanges = c.options.chart === "mr";
        const anhoej = referenceAnhoej(frame, c.options.runsMethod!, !movingRanges);
        const sigma = referenceSigma(frame);
        const mdc = referenceMdc(frame, c.options.mdc!.shiftLength!);
        expect(chart.rules["anhoej"]!.points).toEqual(anhoej.points);
        expect(chart.rules["anhoej"]!.segments).toEqual(anhoej.segments);
        expect(chart.rules["sigma"]!.points).toEqual(sigma.points);
        expect(chart.rules["sigma"]!.segments).toEqual(sigma.segments);
        expect(chart.rules["making-data-count"]!.points).toEqual(mdc.points);
        expect(chart.rules["making-data-count"]!.segments).toEqual(mdc.segments);
        chart.points.forEach((p, i) => {
          expect(p.signals).toEqual([...anhoej.points[i]!, ...sigma.points[i]!, ...mdc.points[i]!]);
        });
      }),
      { numRuns: 300 },
    );
  });

  it("spcChart gives the same chart when the rule sets only have the object path", () => {
    fc.assert(
      fc.property(cases, fc.shuffledSubarray(["anhoej", "sigma", "mdc"] as const), (c, order) => {
        const typed = draw(c, order);
        if (typed === undefined) return;
        const anhoej = createAnhoejRuleSet({
          method: c.options.runsMethod!,
          signal: c.options.chart !== "mr",
        });
        const mdc = makingDataCountRules(c.options.mdc);
        const byName = { anhoej, sigma: sigmaRuleSet, mdc };
        const objects = draw(
          c,
          order.map((name) => objectOnly(byName[name].id, (f) => byName[name].evaluate(f))),
        )!;
        expect(JSON.stringify(typed)).toBe(JSON.stringify(objects));
        expect(typed.points).toEqual(objects.points);
        expect(typed.frame).toEqual(objects.frame);
        expect(typed.phases).toEqual(objects.phases);
      }),
      { numRuns: 300 },
    );
  });

  it("the typed columns hold the numbers of the points, NaN where a point has null", () => {
    fc.assert(
      fc.property(cases, (c) => {
        const chart = draw(c, ["anhoej", "sigma", "mdc"]);
        if (chart === undefined) return;
        // One point at a time, before anything is written out, gives the same points.
        const fresh = draw(c, ["anhoej", "sigma", "mdc"])!;
        expect(chart.points.map((_, i) => fresh.point(i))).toEqual(chart.points);
        const col = chart.columns;
        chart.points.forEach((p, i) => {
          expect([p.y, p.cl, p.lcl, p.ucl, p.lcl95, p.ucl95, p.n]).toEqual(
            [col.y, col.cl, col.lcl, col.ucl, col.lcl95, col.ucl95, col.n].map((v) => asNullable(v[i]!)),
          );
          expect([p.phase, p.baseline, p.include]).toEqual([
            col.segment[i],
            col.baseline[i] === 1,
            col.include[i] === 1,
          ]);
          expect(p.signals).toEqual(
            [SignalMask.anhoej, SignalMask.sigma, SignalMask.mdc].flatMap((m) =>
              signalsOfFlags(col.signals[i]! & m),
            ),
          );
          expect(chart.point(i)).toEqual(p);
        });
        for (const key of ["y", "cl", "lcl", "ucl", "lcl95", "ucl95"] as const) {
          expect(chart.frame[key]).toEqual(Array.from(col[key], asNullable));
        }
        expect(chart.frame.segment).toEqual(Array.from(col.segment));
        expect(chart.frame.include).toEqual(Array.from(col.include, (v) => v === 1));
      }),
      { numRuns: 300 },
    );
  });
});

describe("columnar spcChart", () => {
  const observations = [3, 5, 4, 6, 5, 7, 6, 8, 9, 12, 11, 13, 12, 14, 13].map((value, i) => ({
    period: i + 1,
    value,
  }));

  it("serialises to the same fields as before (points and frame included, columns not)", () => {
    const chart = spcChart(observations, { chart: "i", rules: ["anhoej", "mdc"] });
    const json = JSON.parse(JSON.stringify(chart)) as Record<string, unknown>;
    expect(Object.keys(json)).toEqual(["chart", "improvement", "points", "phases", "frame", "rules"]);
    expect(json["points"]).toEqual(JSON.parse(JSON.stringify(chart.points)));
    expect(Object.keys(json["rules"] as object)).toEqual(["anhoej", "making-data-count"]);
    expect(Object.keys(chart)).not.toContain("columns");
  });

  it("builds points once and keeps them; point(i) refuses an index that is not a point", () => {
    const chart = spcChart(observations, { chart: "i" });
    const first = chart.point(3);
    expect(chart.points[3]).toEqual(first);
    expect(chart.points).toBe(chart.points);
    expect(chart.point(3)).toBe(chart.points[3]);
    expect(chart.frame).toBe(chart.frame);
    expect(() => chart.point(15)).toThrow(expect.objectContaining({ code: "INDEX_OUT_OF_RANGE" }));
    expect(() => chart.point(-1)).toThrow(expect.objectContaining({ argument: "index" }));
  });

  it("keeps the findings of a rule set given twice, and ORs every typed finding into columns.signals", () => {
    const chart = spcChart(observations, { chart: "i", rules: ["sigma", "mdc", "sigma"] });
    const once = spcChart(observations, { chart: "i", rules: ["sigma", "mdc"] });
    const sigmaAt = (c: SpcChart) => c.points.map((p) => p.signals.filter((s) => s.rule === "sigma").length);
    expect(sigmaAt(chart)).toEqual(sigmaAt(once).map((k) => 2 * k));
    expect(chart.columns.signals).toEqual(once.columns.signals);
    expect(chart.columns.signals.some((w) => (w & SignalBit.MdcShift) !== 0)).toBe(true);
  });

  it("names the rules of the signal bits in the order a point lists its findings", () => {
    expect(SIGNAL_RULES[0]).toBe("sigma");
    expect(signalsOfFlags(SignalBit.MdcShift | SignalBit.MdcOutside | SignalBit.MdcOutsideHigh)).toEqual([
      { rule: "mdc-outside", side: "high" },
      { rule: "mdc-shift", side: "low" },
    ]);
  });

  it("shares small charts' column buffers (slice before transferring), and survives one being transferred", () => {
    const a = spcChart(observations, { chart: "i" });
    const expected = Array.from(a.columns.y);
    const moved = spcChart(observations, { chart: "i" }).columns.y;
    expect(moved.buffer.byteLength).toBeGreaterThan(8 * observations.length); // a shared slab
    const buffer = moved.buffer as ArrayBuffer;
    structuredClone(buffer, { transfer: [buffer] });
    expect(moved.length).toBe(0); // the slab, with every column on it, is gone …
    const b = spcChart(observations, { chart: "i", rules: ["mdc"] });
    expect(Array.from(b.columns.y)).toEqual(expected); // … but later charts are whole
    expect(b.points.map((p) => p.y)).toEqual(expected);
    const safe = b.columns.y.slice();
    expect(safe.buffer.byteLength).toBe(8 * observations.length);
  });
});
