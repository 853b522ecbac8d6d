/**
 * Contracts shared by the chart engine (`charts/`), the rule sets (`charts/` Anhøj and 3-sigma, `mdc/`
 * Making Data Count) and the compat layer. Types only: each algorithm lives in its own file elsewhere.
 */

/** Which way is better for the measured quantity (NHSRplotthedots `improvement_direction`). */
export type ImprovementDirection = "increase" | "decrease" | "neutral";

/** Chart types, named as qicharts2 names them. */
export type ChartType = "run" | "i" | "mr" | "xbar" | "s" | "t" | "p" | "pp" | "c" | "u" | "up" | "g" | "ip";

/**
 * A computed chart, one entry per plotted point, in plotting order. Limits that do not exist for a point
 * (a run chart, a subgroup with n = 0) are `null`, never NaN.
 */
export interface ChartFrame {
  /** Plotted statistic (already multiplied by `multiply`). `null` for a missing subgroup. */
  readonly y: readonly (number | null)[];
  readonly cl: readonly (number | null)[];
  /** 3-sigma limits. */
  readonly lcl: readonly (number | null)[];
  readonly ucl: readonly (number | null)[];
  /** 2-sigma limits: the "close to limits" band of Making Data Count and qicharts2's `show.95` lines. */
  readonly lcl95: readonly (number | null)[];
  readonly ucl95: readonly (number | null)[];
  /**
   * Segment per point: a qicharts2 part, an NHSRplotthedots rebase group, a phase. 0, 1, 2 ... in order.
   * Rules are evaluated inside a segment and never span two.
   */
  readonly segment: readonly number[];
  /** `false` for points excluded from the limits and from runs analysis (still plotted). */
  readonly include: readonly boolean[];
}

/**
 * The typed form of {@link ChartFrame}: the same columns, index by index, in typed arrays. A missing value
 * or limit is NaN (where the ChartFrame has `null`) and `include` is 1 or 0. This is what the built-in rule
 * sets evaluate and what `spcChart(...).columns` returns, so a chart of a million points holds a few typed
 * arrays instead of millions of JavaScript values.
 */
export interface TypedChartFrame {
  readonly y: Float64Array;
  readonly cl: Float64Array;
  readonly lcl: Float64Array;
  readonly ucl: Float64Array;
  readonly lcl95: Float64Array;
  readonly ucl95: Float64Array;
  readonly segment: Int32Array;
  /** 1 for a point that takes part in the limits and the rules, 0 for an excluded one. */
  readonly include: Uint8Array;
}

/** One special-cause finding on one point. */
export interface PointSignal {
  /** Rule id: "sigma", "anhoej-runs", "mdc-outside", "mdc-two-of-three", "mdc-shift", "mdc-trend". */
  readonly rule: string;
  /** Side of the centre line (or trend direction) the finding points to. */
  readonly side: "high" | "low";
}

/** Per-segment statistics a rule set may report (e.g. Anhøj longest run and crossings). */
export type SegmentStatistics = Readonly<Record<string, number | boolean | null>>;

export interface RuleSetResult {
  /** Signals per point, aligned with the frame; empty array when none. */
  readonly points: readonly (readonly PointSignal[])[];
  /** Statistics per segment, indexed by segment number. */
  readonly segments: readonly SegmentStatistics[];
}

/** A selectable rule set evaluated on a computed chart. */
export interface RuleSet {
  readonly id: string;
  evaluate(frame: ChartFrame): RuleSetResult;
  /**
   * Optional columnar form of `evaluate`, with the same findings: ORs each point's findings into `flags` as
   * `SignalBit` bits (only bits of `signalMask`) and returns the segment statistics. `spcChart` calls it
   * instead of `evaluate` when both it and `signalMask` are present, so no per-point object is made. The
   * frame's columns are working memory of the chart being drawn: read them during the call, never keep them.
   */
  evaluateTyped?(frame: TypedChartFrame, flags: Uint16Array): readonly SegmentStatistics[];
  /** The `SignalBit` bits `evaluateTyped` may set. */
  readonly signalMask?: number;
}

/** Making Data Count variation icon of the latest point. */
export type VariationIcon =
  | "common_cause"
  | "improvement_high"
  | "improvement_low"
  | "concern_high"
  | "concern_low"
  | "neutral_high"
  | "neutral_low";

/** Making Data Count assurance icon; `null` when there is no target or direction is neutral. */
export type AssuranceIcon = "consistent_pass" | "consistent_fail" | "inconsistent" | null;
