import type {
  ChartFrame,
  ChartType,
  ImprovementDirection,
  PointSignal,
  RuleSet,
  RuleSetResult,
  SegmentStatistics,
} from "../core/chart-frame.type.js";
import { SpcError } from "../core/spc-error.js";
import { makingDataCountRules } from "../mdc/mdc-rule-set.js";
import {
  computeChartColumns,
  floorNegativeLowerLimits,
  isChartType,
  multiplyAndClean,
} from "./limits/chart-limits.js";
import type { ChartColumns } from "./limits/chart-columns.type.js";
import { T_CHART_POWER } from "./limits/t-chart.js";
import { chartScratch, filledArray, toNullableArray, type ColumnAllocator } from "./limits/buffers.js";
import { createAnhoejRuleSet } from "./rules/anhoej-rule-set.js";
import { NO_SIGNALS } from "./rules/no-signals.js";
import { sigmaRuleSet } from "./rules/sigma-rule-set.js";
import { resolveLayout } from "./series/chart-layout.js";
import { buildSubgroupSeries } from "./series/subgroup-series.js";
import type {
  AggregateFunction,
  PointVariation,
  RuleSetName,
  SpcChart,
  SpcChartOptions,
  SpcObservation,
  SpcPeriod,
  SpcPhase,
  SpcPoint,
} from "./spc-chart.type.js";

/**
 * A control chart (or run chart) from a series of observations: centre line, 3σ and 2σ limits per
 * point, and the signals of the selected rule sets, with the numbers qicharts2 0.8.1 gives for the same
 * data (its formulas are in each `limits/*-chart.ts`).
 *
 * Observations that share a period form one subgroup; values are combined as Σvalue/Σdenominator when
 * denominators are given, otherwise by `aggregate` (the mean), and x̄ and s charts use the values of each
 * subgroup. Phases recompute the limits from their own points; `freeze` or `baselinePoints` fix the
 * limits of a phase on its first points; excluded periods are plotted but take no part. Rule sets
 * default to Anhøj runs rules and the 3-sigma rule; "mdc" adds the Making Data Count rules (outside the
 * limits, 2 of 3 beyond 2σ, shift, trend). The chart's `frame` is the shared ChartFrame, so any other
 * {@link RuleSet} can be passed in `rules` too.
 *
 * Differences from qicharts2, each deliberate: a subgroup with no value is missing (not 0) with every
 * aggregate; MR screening is on by default (as after `library(qicharts2)`); a fixed centre line on a
 * t chart is given in the data's own scale; freeze and phases can be combined; and bad input throws
 * `SpcError` (codes in {@link buildSubgroupSeries} and {@link resolveLayout}) instead of drawing a
 * wrong chart. Runs signals are never raised on MR charts, as in qicharts2.
 *
 * @example
 * const chart = spcChart(
 *   months.map((m) => ({ period: m.month, value: m.falls, denominator: m.bedDays })),
 *   { chart: "u", multiply: 1000, phases: ["2024-04-01"], improvement: "decrease", rules: ["anhoej", "sigma", "mdc"] },
 * );
 * chart.points[0]; // { period: "2023-01-01", y: 6.1, cl: 5.2, lcl: 1.9, ucl: 8.5, …, signals: [], variation: "common_cause" }
 */
export function spcChart(observations: readonly SpcObservation[], options: SpcChartOptions): SpcChart {
  const chart = options.chart;
  if (!isChartType(chart))
    throw new SpcError("UNKNOWN_CHART", `chart: unknown chart type "${String(chart)}"`, "chart");
  const improvement = options.improvement ?? "neutral";
  if (!["increase", "decrease", "neutral"].includes(improvement)) {
    throw new SpcError("INVALID_OPTION", `improvement: must be increase, decrease or neutral`, "improvement");
  }
  const multiply = options.multiply ?? 1;
  if (!(Number.isFinite(multiply) && multiply > 0)) {
    throw new SpcError("INVALID_OPTION", `multiply: must be a positive number, got ${multiply}`, "multiply");
  }
  const aggregate = options.aggregate ?? "mean";
  if (!["mean", "median", "sum", "sd"].includes(aggregate)) {
    throw new SpcError("INVALID_OPTION", `aggregate: must be mean, median, sum or sd`, "aggregate");
  }
  const centreLine = optionalFinite(options.centreLine, "centreLine");
  const target = optionalFinite(options.target, "target");
  const ruleSets = selectRuleSets(options, chart === "mr");
  const settings = { chart, improvement, multiply, aggregate, centreLine, target, ruleSets };

  // The typed columns of a chart (at most about 150 bytes per observation) never escape it, so they share
  // one buffer, borrowed from an arena for small charts.
  const scratch = chartScratch(160 * lengthOf(observations) + 128);
  try {
    return drawChart(observations, options, settings, scratch.allocate);
  } finally {
    scratch.release();
  }
}

interface Settings {
  readonly chart: ChartType;
  readonly improvement: ImprovementDirection;
  readonly multiply: number;
  readonly aggregate: AggregateFunction;
  readonly centreLine: number | null;
  readonly target: number | null;
  readonly ruleSets: readonly RuleSet[];
}

function drawChart(
  observations: readonly SpcObservation[],
  options: SpcChartOptions,
  { chart, improvement, multiply, aggregate, centreLine, target, ruleSets }: Settings,
  allocate: ColumnAllocator,
): SpcChart {
  const series = buildSubgroupSeries(observations, chart, aggregate, options.period, allocate);
  const layout = resolveLayout(
    series,
    {
      freeze: options.freeze,
      baselinePoints: options.baselinePoints,
      phases: options.phases,
      exclude: options.exclude,
      fixedCentreLine:
        centreLine === null
          ? Number.NaN
          : chart === "t"
            ? Math.pow(centreLine, 1 / T_CHART_POWER)
            : centreLine,
    },
    allocate,
  );
  const columns = computeChartColumns(
    chart,
    series.columns,
    layout,
    layout.starts,
    { screenMovingRanges: options.screenMovingRanges ?? true, categorical: false },
    allocate,
  );
  multiplyAndClean(columns, multiply);
  if (options.negativeLimits === false) floorNegativeLowerLimits(columns);

  const m = columns.y.length;
  const include = includeFlags(layout.include);
  const segment = segmentNumbers(layout.phase, layout.starts.length);
  const frame = toFrame(columns, segment, include);

  const results: Record<string, RuleSetResult> = {};
  const signals = filledArray<readonly PointSignal[]>(m, NO_SIGNALS);
  for (const ruleSet of ruleSets) {
    const result = ruleSet.evaluate(frame);
    results[ruleSet.id] = result;
    mergeSignals(signals, result.points);
  }

  const sizes = series.hasDenominator || chart === "ip" ? columns.n : series.columns.yLength;
  const points = buildPoints(frame, series.periods, sizes, layout.baseline, signals, target, improvement);
  const phases: SpcPhase[] = layout.starts.map((from, k) => {
    const to = k + 1 < layout.starts.length ? layout.starts[k + 1]! : m;
    const statistics: Record<string, SegmentStatistics> = {};
    for (const [id, result] of Object.entries(results)) {
      const s = result.segments[k];
      if (s !== undefined) statistics[id] = s;
    }
    let sum = 0;
    let count = 0;
    for (let i = from; i < to; i++) {
      const c = columns.cl[i]!;
      if (!Number.isNaN(c)) {
        sum += c;
        count++;
      }
    }
    return {
      phase: k,
      from,
      to,
      start: series.periods[from]!,
      end: series.periods[to - 1]!,
      centreLine: count === 0 ? null : nullable(sum / count),
      statistics,
    };
  });
  return { chart, improvement, points, phases, frame, rules: results };
}

/*
 * The per-point loops live in small functions of their own, so V8 optimises each loop by itself instead of
 * compiling it inside spcChart and discarding that code at the next line that has never run.
 */

function includeFlags(include: Uint8Array): boolean[] {
  const out = new Array<boolean>(include.length).fill(true);
  for (let i = 0; i < include.length; i++) if (include[i] !== 1) out[i] = false;
  return out;
}

function segmentNumbers(phase: Int32Array, phases: number): number[] {
  const out = new Array<number>(phase.length).fill(0);
  if (phases > 1) for (let i = 0; i < phase.length; i++) out[i] = phase[i]!;
  return out;
}

function mergeSignals(signals: (readonly PointSignal[])[], found: readonly (readonly PointSignal[])[]): void {
  for (let i = 0; i < signals.length; i++) {
    const more = found[i];
    if (more === undefined || more.length === 0) continue;
    const existing = signals[i]!;
    signals[i] = existing.length === 0 ? more : [...existing, ...more];
  }
}

function buildPoints(
  frame: ChartFrame,
  periods: readonly SpcPeriod[],
  sizes: Float64Array,
  baseline: Uint8Array,
  signals: readonly (readonly PointSignal[])[],
  target: number | null,
  improvement: ImprovementDirection,
): SpcPoint[] {
  const points: SpcPoint[] = [];
  for (let i = 0; i < signals.length; i++) {
    const pointSignals = signals[i]!;
    points.push({
      period: periods[i]!,
      y: frame.y[i]!,
      cl: frame.cl[i]!,
      lcl: frame.lcl[i]!,
      ucl: frame.ucl[i]!,
      lcl95: frame.lcl95[i]!,
      ucl95: frame.ucl95[i]!,
      n: nullable(sizes[i]!),
      phase: frame.segment[i]!,
      baseline: baseline[i] === 1,
      include: frame.include[i]!,
      target,
      signals: pointSignals,
      variation: pointSignals.length === 0 ? "common_cause" : variationOf(pointSignals[0]!, improvement),
    });
  }
  return points;
}

function lengthOf(observations: unknown): number {
  return Array.isArray(observations) ? observations.length : 0;
}

function optionalFinite(value: number | undefined, name: string): number | null {
  if (value === undefined) return null;
  if (typeof value !== "number" || !Number.isFinite(value)) {
    throw new SpcError("INVALID_OPTION", `${name}: must be a finite number, got ${String(value)}`, name);
  }
  return value;
}

function selectRuleSets(options: SpcChartOptions, movingRanges: boolean): RuleSet[] {
  const requested = options.rules ?? (["anhoej", "sigma"] as const);
  return requested.map((rule: RuleSetName | RuleSet): RuleSet => {
    if (typeof rule === "object" && rule !== null && typeof rule.evaluate === "function") return rule;
    switch (rule) {
      case "anhoej":
        // Successive moving ranges share a point, so qicharts2 never signals runs on an MR chart.
        return createAnhoejRuleSet({ method: options.runsMethod ?? "anhoej", signal: !movingRanges });
      case "sigma":
        return sigmaRuleSet;
      case "mdc":
        return makingDataCountRules(options.mdc ?? {});
      default:
        throw new SpcError(
          "UNKNOWN_RULE_SET",
          `rules: unknown rule set ${JSON.stringify(rule)} (use "anhoej", "sigma", "mdc" or a RuleSet)`,
          "rules",
        );
    }
  });
}

function variationOf(signal: PointSignal, improvement: ImprovementDirection): PointVariation {
  if (improvement === "neutral") return "neutral";
  return (signal.side === "high") === (improvement === "increase") ? "improvement" : "concern";
}

function nullable(v: number): number | null {
  return Number.isFinite(v) ? v : null;
}

/** Typed columns (NaN = missing) to the ChartFrame contract (null = missing). */
export function toFrame(
  columns: ChartColumns,
  segment: readonly number[],
  include: readonly boolean[],
): ChartFrame {
  return {
    y: toNullableArray(columns.y),
    cl: toNullableArray(columns.cl),
    lcl: toNullableArray(columns.lcl),
    ucl: toNullableArray(columns.ucl),
    lcl95: toNullableArray(columns.lcl95),
    ucl95: toNullableArray(columns.ucl95),
    segment,
    include,
  };
}
