import type {
  ChartFrame,
  ChartType,
  ImprovementDirection,
  PointSignal,
  RuleSet,
  RuleSetResult,
  SegmentStatistics,
  TypedChartFrame,
} from "../core/chart-frame.type.js";
import type { RunsMethod } from "./rules/runs-signal-method.js";

/**
 * When an observation was made: a number (sequence index, week number), a `Date`, or an ISO 8601 date
 * string ("2024-03-01"). Other strings are labels kept in order of first appearance.
 */
export type SpcPeriod = number | string | Date;

/** One observation. Several observations with the same period form one subgroup (one plotted point). */
export interface SpcObservation {
  readonly period: SpcPeriod;
  /**
   * A measurement, a count, or the numerator of a proportion or rate (for an I′ chart with denominators,
   * the subgroup total); null when missing.
   */
  readonly value: number | null;
  /** The denominator (patients, bed-days) of p, p′, u and u′ charts, or of a rate on an I chart. */
  readonly denominator?: number | null;
}

/** A built-in rule set: Anhøj runs rules, Shewhart's 3-sigma rule, or NHS England Making Data Count. */
export type RuleSetName = "anhoej" | "sigma" | "mdc";

/** How several values of one period are combined when there is no denominator (qicharts2 `agg.fun`). */
export type AggregateFunction = "mean" | "median" | "sum" | "sd";

/** Options of {@link spcChart}. Every option is checked; a bad one throws `SpcError` naming it. */
export interface SpcChartOptions {
  readonly chart: ChartType;
  /** Rule sets to evaluate, by name or as objects; default ["anhoej", "sigma"]. */
  readonly rules?: readonly (RuleSetName | RuleSet)[];
  /** Which way is better; labels each signal improvement, concern or neutral. Default "neutral". */
  readonly improvement?: ImprovementDirection;
  /**
   * The last period of the baseline (qicharts2 `freeze`): later points of its phase are judged against
   * limits from the points up to and including it. Phases starting after it use all their own points.
   */
  readonly freeze?: SpcPeriod;
  /** The first n points of each phase form its baseline (NHSRplotthedots `fix_after_n_points`). */
  readonly baselinePoints?: number;
  /** The first period of each new phase: limits are recomputed from there (qicharts2 `part`). */
  readonly phases?: readonly SpcPeriod[];
  /** Periods left out of the centre line, the limits and the runs analysis, but still plotted. */
  readonly exclude?: readonly SpcPeriod[];
  /** Multiplies y, the centre line and the limits (100 for percentages, 1000 for rates per 1000). */
  readonly multiply?: number;
  /** A known centre line instead of one computed from the data (qicharts2 `cl`). */
  readonly centreLine?: number;
  /** A target, carried to every point; it does not change the limits. */
  readonly target?: number;
  /** false floors negative lower limits at 0 when no value is negative (qicharts2 `y.neg`). Default true. */
  readonly negativeLimits?: boolean;
  /** How several values of one period combine without a denominator. Default "mean". */
  readonly aggregate?: AggregateFunction;
  /** Screen moving ranges ≥ 3.267·AMR once (Nelson 1982), as `library(qicharts2)` does. Default true. */
  readonly screenMovingRanges?: boolean;
  /** Aggregate date periods into "week", "month", "quarter", "year" (or "2 weeks", …) before charting. */
  readonly period?: string;
  /** Anhøj runs method (qicharts2 `method`). Default "anhoej". */
  readonly runsMethod?: RunsMethod;
  /** Shift and trend lengths of the Making Data Count rules (default 7 each). */
  readonly mdc?: { readonly shiftLength?: number; readonly trendLength?: number };
}

/** What a point's signals mean once the improvement direction is known. */
export type PointVariation = "common_cause" | "improvement" | "concern" | "neutral";

/** One plotted point. Values that do not exist (a missing subgroup, a run chart's limits) are null. */
export interface SpcPoint {
  /** The period of the subgroup (the period start when `period` aggregation is used). */
  readonly period: SpcPeriod;
  readonly y: number | null;
  readonly cl: number | null;
  readonly lcl: number | null;
  readonly ucl: number | null;
  /** 2-sigma limits. */
  readonly lcl95: number | null;
  readonly ucl95: number | null;
  /** Σ denominators, or, without denominators, the number of values in the subgroup. */
  readonly n: number | null;
  /** Phase number, 0 for the first. */
  readonly phase: number;
  /** Part of its phase's baseline (not after a freeze). */
  readonly baseline: boolean;
  /** Not excluded. */
  readonly include: boolean;
  readonly target: number | null;
  /** Findings of every selected rule set, in the order the rule sets were given. */
  readonly signals: readonly PointSignal[];
  /** The first signal read through the improvement direction; "common_cause" when there is none. */
  readonly variation: PointVariation;
}

/** A phase (segment) of the chart and what each rule set found in it. */
export interface SpcPhase {
  readonly phase: number;
  /** Index of its first point and one past its last. */
  readonly from: number;
  readonly to: number;
  readonly start: SpcPeriod;
  readonly end: SpcPeriod;
  /** Mean centre line of the phase (constant except with a varying fixed centre line). */
  readonly centreLine: number | null;
  /** Segment statistics by rule-set id ("anhoej", "sigma", "making-data-count", …). */
  readonly statistics: Readonly<Record<string, SegmentStatistics>>;
}

/**
 * A chart in columns, one entry per plotted point: the {@link TypedChartFrame} (y, centre line and limits
 * already multiplied, NaN where the point has null; `segment` is the phase; `include` 1 or 0) plus the
 * subgroup size, the baseline flag and every finding of the built-in rule sets as bits.
 */
export interface SpcChartColumns extends TypedChartFrame {
  /** Σ denominators, or, without denominators, the number of values in the subgroup (`SpcPoint.n`). */
  readonly n: Float64Array;
  /** 1 when the point is part of its phase's baseline (`SpcPoint.baseline`). */
  readonly baseline: Uint8Array;
  /**
   * `SignalBit` flags per point: the findings of every rule set with a typed path (the built-in "anhoej",
   * "sigma" and "mdc"). Findings of other rule sets are in `points[i].signals` and `rules[id]` only.
   */
  readonly signals: Uint16Array;
}

/**
 * A computed chart. The numbers are held in typed columns (`columns`); `points`, `frame` and each rule set's
 * `points` are built from them the first time they are read, then kept, so a caller that reads only the
 * columns (or a few points with `point(i)`) never creates per-point objects. `columns` and `point` are not
 * enumerable: JSON and deep equality see the same fields as before they existed.
 */
export interface SpcChart {
  readonly chart: ChartType;
  readonly improvement: ImprovementDirection;
  /** One object per point, built on first read. */
  readonly points: readonly SpcPoint[];
  readonly phases: readonly SpcPhase[];
  /** The shared ChartFrame contract any rule set can evaluate (null for missing), built on first read. */
  readonly frame: ChartFrame;
  /** Each rule set's result by id. */
  readonly rules: Readonly<Record<string, RuleSetResult>>;
  /** The chart in typed columns: what the engine computed, without per-point objects. */
  readonly columns: SpcChartColumns;
  /** Point `index` as an object (the same object as `points[index]` once `points` has been read). */
  point(index: number): SpcPoint;
}
