import type {
  ChartType,
  ImprovementDirection,
  RuleSet,
  RuleSetResult,
  SegmentStatistics,
  TypedChartFrame,
} from "../core/chart-frame.type.js";
import { SpcError } from "../core/spc-error.js";
import { makingDataCountRules } from "../mdc/mdc-rule-set.js";
import {
  computeChartColumns,
  floorNegativeLowerLimits,
  isChartType,
  multiplyAndClean,
} from "./limits/chart-limits.js";
import { T_CHART_POWER } from "./limits/t-chart.js";
import { chartScratch, type ColumnAllocator } from "./limits/buffers.js";
import { createAnhoejRuleSet } from "./rules/anhoej-rule-set.js";
import type { RunsMethod } from "./rules/runs-signal-method.js";
import { sigmaRuleSet } from "./rules/sigma-rule-set.js";
import { keepColumns, type WorkingColumns } from "./kept-columns.js";
import { chartResult, flagRuleResult, LazyFrame, type SignalSource } from "./spc-chart-result.js";
import { resolveLayout } from "./series/chart-layout.js";
import { buildSubgroupSeries, type SubgroupSeries } from "./series/subgroup-series.js";
import type {
  AggregateFunction,
  RuleSetName,
  SpcChart,
  SpcChartOptions,
  SpcObservation,
  SpcPhase,
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
  if (improvement !== "increase" && improvement !== "decrease" && improvement !== "neutral") {
    throw new SpcError("INVALID_OPTION", `improvement: must be increase, decrease or neutral`, "improvement");
  }
  const multiply = options.multiply ?? 1;
  if (!(Number.isFinite(multiply) && multiply > 0)) {
    throw new SpcError("INVALID_OPTION", `multiply: must be a positive number, got ${multiply}`, "multiply");
  }
  const aggregate = options.aggregate ?? "mean";
  if (aggregate !== "mean" && aggregate !== "median" && aggregate !== "sum" && aggregate !== "sd") {
    throw new SpcError("INVALID_OPTION", `aggregate: must be mean, median, sum or sd`, "aggregate");
  }
  optionalBoolean(options.screenMovingRanges, "screenMovingRanges");
  if (options.runsMethod !== undefined && !RUNS_METHODS.includes(options.runsMethod)) {
    // Anything but "anhoej" and "bestbox" would otherwise be read as the cut-box.
    throw new SpcError(
      "INVALID_OPTION",
      `runsMethod: must be anhoej, bestbox or cutbox, got ${String(options.runsMethod)}`,
      "runsMethod",
    );
  }
  for (const name of ["phases", "exclude"] as const) {
    if (options[name] !== undefined && !Array.isArray(options[name])) {
      throw new SpcError("INVALID_OPTION", `${name}: must be an array of periods`, name);
    }
  }
  optionalBoolean(options.negativeLimits, "negativeLimits");
  const centreLine = optionalFinite(options.centreLine, "centreLine");
  const target = optionalFinite(options.target, "target");
  const ruleSets = selectRuleSets(options, chart === "mr");
  const settings = { chart, improvement, multiply, aggregate, centreLine, target, ruleSets };

  // The working columns (the observations read, subgroup aggregates, layout, limits) never escape the call,
  // so they share one buffer, borrowed from an arena; the chart keeps what it needs (keepColumns).
  const scratch = chartScratch(SCRATCH_BYTES_PER_OBSERVATION * lengthOf(observations) + 128);
  try {
    return drawChart(observations, options, settings, scratch.allocate);
  } finally {
    scratch.release();
  }
}

/**
 * Working bytes per observation, at most: values, keys and denominators (24), subgroup columns and keys
 * (56), the layout (16: phase, flags, a fixed centre line), the computed columns (56), and alignment. A
 * shortfall only means fresh arrays.
 */
const SCRATCH_BYTES_PER_OBSERVATION = 160;

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
  scratch: ColumnAllocator,
): SpcChart {
  const series = buildSubgroupSeries(observations, chart, aggregate, options.period, scratch);
  const m = series.keys.length;
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
    scratch,
  );
  const computed = computeChartColumns(
    chart,
    series.columns,
    layout,
    layout.starts,
    { screenMovingRanges: options.screenMovingRanges ?? true, categorical: false },
    scratch,
  );
  multiplyAndClean(computed, multiply);
  if (options.negativeLimits === false) floorNegativeLowerLimits(computed);
  // The ChartFrame reports every non-finite number as null; the typed columns say NaN for all of them, so
  // the rule sets see the same missing points on both (multiplyAndClean has done the limits already).
  nonFiniteToNaN(computed.y);
  nonFiniteToNaN(computed.cl);
  const working: WorkingColumns = {
    y: computed.y,
    cl: computed.cl,
    lcl: computed.lcl,
    ucl: computed.ucl,
    lcl95: computed.lcl95,
    ucl95: computed.ucl95,
    segment: layout.phase,
    include: layout.include,
    // A point's n is Σ denominators, or the number of values without them (computed.n, the denominator as
    // qicharts2 reports it, is all missing then).
    n: series.hasDenominator || chart === "ip" ? computed.n : series.columns.yLength,
    baseline: layout.baseline,
  };
  // The rule sets read the working columns (dense, in memory already written) and write their flags
  // straight into the kept signal column.
  const kept = keepColumns(working, layout.starts, series.kind === "number" ? series.keys : null);
  const columns = kept.columns;
  const frame = new LazyFrame(columns);
  const { results, sources } = evaluateRuleSets(ruleSets, working, columns.signals, frame);

  const phases = phaseSummaries(layout.starts, m, series, working.cl, results);
  return chartResult({
    chart,
    improvement,
    target,
    columns,
    periods: kept.keys ?? series.periods,
    phases,
    rules: results,
    sources,
    frame,
  });
}

/**
 * Runs the rule sets in order. One with a typed path ORs its bits into the chart's signal column (or, when
 * its bits are already taken by an earlier rule set, e.g. "sigma" given twice, into a column of its own, so
 * each keeps its findings); any other rule set gets the ChartFrame and returns per-point lists.
 */
function evaluateRuleSets(
  ruleSets: readonly RuleSet[],
  working: TypedChartFrame,
  signals: Uint16Array,
  frame: LazyFrame,
): { results: Record<string, RuleSetResult>; sources: SignalSource[] } {
  const results: Record<string, RuleSetResult> = {};
  const sources: SignalSource[] = [];
  let used = 0;
  for (const ruleSet of ruleSets) {
    const mask = ruleSet.signalMask;
    if (ruleSet.evaluateTyped !== undefined && mask !== undefined) {
      const own = (used & mask) === 0;
      const flags = own ? signals : new Uint16Array(signals.length);
      const segments = ruleSet.evaluateTyped(working, flags);
      if (!own) orInto(signals, flags, mask);
      used |= mask;
      results[ruleSet.id] = flagRuleResult(flags, mask, segments);
      sources.push({ flags, mask });
    } else {
      const result = ruleSet.evaluate(frame.get());
      results[ruleSet.id] = result;
      sources.push({ points: result.points });
    }
  }
  return { results, sources };
}

/** Each phase: its points, periods, mean centre line and every rule set's statistics for it. */
function phaseSummaries(
  starts: readonly number[],
  m: number,
  series: SubgroupSeries,
  cl: Float64Array,
  results: Record<string, RuleSetResult>,
): SpcPhase[] {
  const phases: SpcPhase[] = [];
  for (let k = 0; k < starts.length; k++) {
    const from = starts[k]!;
    const to = k + 1 < starts.length ? starts[k + 1]! : m;
    const statistics: Record<string, SegmentStatistics> = {};
    for (const id in results) {
      const s = results[id]!.segments[k];
      if (s !== undefined) statistics[id] = s;
    }
    phases.push({
      phase: k,
      from,
      to,
      start: series.periodAt(from),
      end: series.periodAt(to - 1),
      centreLine: meanCentreLine(cl, from, to),
      statistics,
    });
  }
  return phases;
}

/*
 * The per-point loops live in small functions of their own, so V8 optimises each loop by itself instead of
 * compiling it inside spcChart and discarding that code at the next line that has never run.
 */

function nonFiniteToNaN(values: Float64Array): void {
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v - v !== 0) values[i] = Number.NaN;
  }
}

function orInto(into: Uint16Array, flags: Uint16Array, mask: number): void {
  for (let i = 0; i < into.length; i++) into[i]! |= flags[i]! & mask;
}

/** Mean centre line of a phase, null when it has none. */
function meanCentreLine(cl: Float64Array, from: number, to: number): number | null {
  let sum = 0;
  let count = 0;
  for (let i = from; i < to; i++) {
    const c = cl[i]!;
    if (!Number.isNaN(c)) {
      sum += c;
      count++;
    }
  }
  return count === 0 ? null : nullable(sum / count);
}

function lengthOf(observations: unknown): number {
  return Array.isArray(observations) ? observations.length : 0;
}

const RUNS_METHODS: readonly RunsMethod[] = ["anhoej", "bestbox", "cutbox"];

/** A yes/no option must be a boolean: a string such as "false" would otherwise read as true. */
function optionalBoolean(value: boolean | undefined, name: string): void {
  if (value !== undefined && typeof value !== "boolean") {
    throw new SpcError("INVALID_OPTION", `${name}: must be true or false, got ${String(value)}`, name);
  }
}

function optionalFinite(value: number | undefined, name: string): number | null {
  if (value === undefined) return null;
  if (typeof value !== "number" || !Number.isFinite(value)) {
    throw new SpcError("INVALID_OPTION", `${name}: must be a finite number, got ${String(value)}`, name);
  }
  return value;
}

function selectRuleSets(options: SpcChartOptions, movingRanges: boolean): RuleSet[] {
  const requested = options.rules ?? DEFAULT_RULES;
  const selected: RuleSet[] = [];
  for (const rule of requested) selected.push(selectRuleSet(rule, options, movingRanges));
  return selected;
}

const DEFAULT_RULES: readonly RuleSetName[] = ["anhoej", "sigma"];

// Rule sets are stateless, so the built-in ones are made once per configuration rather than once per chart.
const anhoejRuleSets = new Map<string, RuleSet>();
const defaultMdcRuleSet = makingDataCountRules();

function selectRuleSet(
  rule: RuleSetName | RuleSet,
  options: SpcChartOptions,
  movingRanges: boolean,
): RuleSet {
  if (typeof rule === "object" && rule !== null && typeof rule.evaluate === "function") return rule;
  switch (rule) {
    case "anhoej":
      // Successive moving ranges share a point, so qicharts2 never signals runs on an MR chart.
      return anhoejRules(options.runsMethod ?? "anhoej", !movingRanges);
    case "sigma":
      return sigmaRuleSet;
    case "mdc":
      return options.mdc === undefined ? defaultMdcRuleSet : makingDataCountRules(options.mdc);
    default:
      throw new SpcError(
        "UNKNOWN_RULE_SET",
        `rules: unknown rule set ${JSON.stringify(rule)} (use "anhoej", "sigma", "mdc" or a RuleSet)`,
        "rules",
      );
  }
}

function anhoejRules(method: RunsMethod, signal: boolean): RuleSet {
  const key = `${method}:${signal}`;
  let ruleSet = anhoejRuleSets.get(key);
  if (ruleSet === undefined) {
    ruleSet = createAnhoejRuleSet({ method, signal });
    // Only the three methods are kept, so odd input cannot grow the cache.
    if (method === "anhoej" || method === "bestbox" || method === "cutbox") anhoejRuleSets.set(key, ruleSet);
  }
  return ruleSet;
}

function nullable(v: number): number | null {
  return Number.isFinite(v) ? v : null;
}
