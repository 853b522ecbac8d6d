import type {
  AssuranceIcon,
  ChartFrame,
  ImprovementDirection,
  TypedChartFrame,
  VariationIcon,
} from "../core/chart-frame.type.js";
import { SpcError } from "../core/spc-error.js";
import { assuranceIcon } from "./assurance-icon.js";
import {
  MDC_SHORT_GROUP_THRESHOLD,
  type MdcLimitOptions,
  type MdcPointType,
  type MdcRuleOptions,
  type MdcSpecialCauseCode,
} from "./mdc.type.js";
import { orNull, toNaNArray, validateFixAfterNPoints, validateRuleLengths } from "./mdc-input.js";
import { mdcGroupLimits, type MdcGroupLimits } from "./mdc-limits.js";
import { allocatePointFlags, setPointFlags, type MdcPointFlags } from "./mdc-point-flags.js";
import { mdcPointType } from "./mdc-point-type.js";
import { parseDate } from "./parse-date.js";
import { mdcSpecialCauses, type MdcSpecialCauseOptions } from "./mdc-special-causes.js";
import { shortGroupWarning } from "./short-group-warning.js";
import { variationIcon } from "./variation-icon.js";
import { mdcXmrChart } from "./mdc-xmr-chart.js";
import { freshColumns, keptColumns, type ColumnAllocator } from "../charts/limits/buffers.js";

/** Everything the Making Data Count XmR computation produces, in typed arrays (the fast core of `mdcXmr`). */
export interface MdcXmrEvaluation {
  readonly groupStarts: ArrayLike<number>;
  /** Limits per group, `NaN` where they do not exist. */
  readonly limits: readonly MdcGroupLimits[];
  readonly flags: MdcPointFlags;
  readonly codes: Int8Array;
}

export interface MdcXmrEvaluationOptions extends MdcSpecialCauseOptions {
  readonly screenOutliers: boolean;
  /** `Infinity` when the limits are never fixed. */
  readonly fixAfterNPoints: number;
}

/**
 * Making Data Count XmR chart of a series split into groups: the limits of each group (`mdcGroupLimits`), the
 * per-point flags (`setPointFlags`) and the special causes (`mdcSpecialCauses`), each group on its own, as
 * NHSRplotthedots 0.2.2 does per facet × rebase group. No validation: `mdcXmr` and `ptdSpc` validate first.
 *
 * @example
 * const e = evaluateMdcXmr(Float64Array.of(1, 2, 1, 2, 10, 1, 2), [0], {
 *   screenOutliers: true, fixAfterNPoints: Infinity, shiftLength: 7, trendLength: 7, undecidableTrend: "error",
 * });
 * e.codes[4]; // MdcSpecialCause.AboveUcl
 */
export function evaluateMdcXmr(
  y: Float64Array,
  groupStarts: ArrayLike<number>,
  options: MdcXmrEvaluationOptions,
  allocate: ColumnAllocator = freshColumns,
): MdcXmrEvaluation {
  const n = y.length;
  const flags = allocatePointFlags(n, allocate);
  const setFlags = setPointFlags; // one lookup, not one per point, where imports are compiled to getters
  const limits: MdcGroupLimits[] = [];
  for (let g = 0; g < groupStarts.length; g++) {
    const start = groupStarts[g] as number;
    const end = g + 1 < groupStarts.length ? (groupStarts[g + 1] as number) : n;
    const l = mdcGroupLimits(y, start, end, options.screenOutliers, options.fixAfterNPoints);
    limits.push(l);
    for (let i = start; i < end; i++)
      setFlags(flags, i, y[i] as number, l.mean, l.lpl, l.upl, l.nlpl, l.nupl);
  }
  const codes = allocate.int8(n);
  mdcSpecialCauses(y, flags, groupStarts, options, codes);
  return { groupStarts, limits, flags, codes };
}

export interface MdcXmrOptions extends MdcLimitOptions, MdcRuleOptions {
  /** Which way is better. Default `"increase"`, as in NHSRplotthedots. */
  readonly improvementDirection?: ImprovementDirection;
  /**
   * The date of each point. Optional; when given there must be one per value, strictly increasing (an unsorted or
   * repeated date is an error, since the rules read the points in order), and `rebase` may name dates.
   */
  readonly dates?: readonly (string | Date)[];
  /** Dates (each one of `dates`) from which the limits are recalculated: each starts a new group. */
  readonly rebase?: readonly (string | Date)[];
  /** Indices (0-based) of the points that start a new group, as an alternative to `rebase`. */
  readonly rebaseAt?: readonly number[];
  /** A target for the assurance icon. */
  readonly target?: number | null;
  /** Groups with fewer points get `shortGroupWarning`. Default 13. */
  readonly shortGroupThreshold?: number;
}

/** One group (rebase segment) of an MDC XmR chart. */
export interface MdcXmrSegment {
  /** First point (inclusive) and end (exclusive). */
  readonly start: number;
  readonly end: number;
  readonly mean: number | null;
  readonly averageMovingRange: number | null;
  readonly lpl: number | null;
  readonly upl: number | null;
  readonly nearLpl: number | null;
  readonly nearUpl: number | null;
  /** Fewer points than the short-group threshold: the limits are trial limits. */
  readonly shortGroupWarning: boolean;
}

/**
 * A Making Data Count XmR chart: a `ChartFrame` (cl = mean, lcl/ucl = process limits, lcl95/ucl95 = the "close to
 * limits" band) plus the MDC columns per point and the two icons. The per-point arrays are built from `columns`
 * the first time each is read.
 */
export interface MdcXmrChart extends ChartFrame {
  readonly outsideLimits: readonly (boolean | null)[];
  readonly relativeToMean: readonly (-1 | 0 | 1 | null)[];
  readonly closeToLimits: readonly (boolean | null)[];
  /** Highest-priority finding per point (`MdcSpecialCause`); `mdcSpecialCauseLabel` gives the package's label. */
  readonly specialCause: readonly MdcSpecialCauseCode[];
  readonly pointType: readonly MdcPointType[];
  readonly segments: readonly MdcXmrSegment[];
  /** From the last point. */
  readonly variation: VariationIcon;
  /** Against the last segment's limits; `null` without a target or with a neutral direction. */
  readonly assurance: AssuranceIcon;
  /**
   * The chart in typed columns, as computed (not enumerable: JSON and deep equality see the fields above).
   * Reading only these never creates the per-point arrays above.
   */
  readonly columns: MdcXmrColumns;
}

/**
 * An MDC XmR chart in typed columns: the {@link TypedChartFrame} (NaN for a missing value or limit) plus the
 * per-point flags with R's three-valued logic and the special-cause code.
 */
export interface MdcXmrColumns extends TypedChartFrame {
  /** outside_limits: 1, 0, or −1 for NA (`MDC_LOGICAL_NA`). */
  readonly outsideLimits: Int8Array;
  /** relative_to_mean: −1, 0, 1, or `MDC_SIGN_NA` (2) for NA. */
  readonly relativeToMean: Int8Array;
  /** close_to_limits: 1, 0, or −1 for NA. */
  readonly closeToLimits: Int8Array;
  /** `MdcSpecialCause` code per point. */
  readonly specialCause: Int8Array;
}

/**
 * Making Data Count XmR chart of one series, numerically identical to NHSRplotthedots 0.2.2 `ptd_spc()` for one
 * facet: limits mean ± 2.66·AMR with MR screening (on by default), near limits at (2/3)·2.66·AMR, rebase groups,
 * `fixAfterNPoints`, the four rules (lengths configurable, 7 and 7 by default) with priority
 * outside > trend > 2-of-3 > shift, point types by improvement direction, and the variation and assurance icons.
 *
 * `null` values are missing: they keep their row, take no part in the limits, and break runs (as NA does in R).
 * An undecidable trend window (see `MdcSpecialCauseOptions`) is read as no trend here; `ptdSpc` raises it as R does.
 *
 * @throws SpcError `EMPTY`, `NON_FINITE_VALUE`, `INVALID_FIX_AFTER_N_POINTS`, `INVALID_RULE_LENGTH`,
 *   `INVALID_REBASE`, `INVALID_TARGET`, `INVALID_SCREEN_OUTLIERS`, `INVALID_IMPROVEMENT_DIRECTION`, `INVALID_DATE`,
 *   `UNSORTED_DATES`, `DUPLICATE_DATE`
 * @example
 * // INDICATORS.md §5 worked example (NHSRplotthedots vignettes/deviations.Rmd data):
 * const chart = mdcXmr([1, 2, 1, 2, 10, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1]);
 * chart.cl[0]; // 1.944…
 * chart.ucl[0]; // 4.604… (screened AMR 1.0)
 * chart.pointType[4]; // "special_cause_improvement" (10 is above the UPL and increase is better)
 */
export function mdcXmr(values: readonly (number | null)[], options: MdcXmrOptions = {}): MdcXmrChart {
  const n = values.length;
  if (n === 0)
    throw new SpcError("EMPTY", "values is empty: an XmR chart needs at least one value", "values");
  const fixAfterNPoints = validateFixAfterNPoints(options.fixAfterNPoints, "fixAfterNPoints");
  const { shiftLength, trendLength } = validateRuleLengths(options);
  const direction = options.improvementDirection ?? "increase";
  if (direction !== "increase" && direction !== "decrease" && direction !== "neutral") {
    throw new SpcError(
      "INVALID_IMPROVEMENT_DIRECTION",
      `improvementDirection must be "increase", "decrease" or "neutral" (got ${String(direction)})`,
      "improvementDirection",
    );
  }
  const screenOutliers = options.screenOutliers ?? true;
  if (typeof screenOutliers !== "boolean") {
    throw new SpcError(
      "INVALID_SCREEN_OUTLIERS",
      `screenOutliers must be true or false (got ${String(screenOutliers)})`,
      "screenOutliers",
    );
  }
  const target = options.target ?? null;
  if (target !== null && (typeof target !== "number" || !Number.isFinite(target))) {
    throw new SpcError(
      "INVALID_TARGET",
      `target must be a finite number or null (got ${String(target)})`,
      "target",
    );
  }
  const groupStarts = rebaseGroupStarts(options, n);
  const threshold = options.shortGroupThreshold ?? MDC_SHORT_GROUP_THRESHOLD;

  // y, the three flags and the codes (12 bytes a point) share one allocation, shared again by small charts.
  const allocate = keptColumns(12 * n + 32);
  const y = toNaNArray(values, "values", allocate.float64(n));
  const e = evaluateMdcXmr(
    y,
    groupStarts,
    {
      screenOutliers,
      fixAfterNPoints,
      shiftLength,
      trendLength,
      undecidableTrend: "no-trend",
    },
    allocate,
  );
  const segments: MdcXmrSegment[] = [];
  for (let g = 0; g < groupStarts.length; g++) {
    const start = groupStarts[g]!;
    const end = g + 1 < groupStarts.length ? groupStarts[g + 1]! : n;
    const l = e.limits[g]!;
    segments.push({
      start,
      end,
      mean: orNull(l.mean),
      averageMovingRange: orNull(l.amr),
      lpl: orNull(l.lpl),
      upl: orNull(l.upl),
      nearLpl: orNull(l.nlpl),
      nearUpl: orNull(l.nupl),
      shortGroupWarning: shortGroupWarning(end - start, threshold),
    });
  }
  const last = segments[segments.length - 1]!;
  return mdcXmrChart({
    y,
    flags: e.flags,
    codes: e.codes,
    groupStarts,
    limits: e.limits,
    segments,
    direction,
    variation: variationIcon(mdcPointType(e.codes[n - 1] as MdcSpecialCauseCode, direction), direction),
    assurance: assuranceIcon({ target, lpl: last.lpl, upl: last.upl, improvementDirection: direction }),
  });
}

/** Group starts from `rebaseAt` indices and `rebase` dates, sorted, always beginning with 0. */
function rebaseGroupStarts(options: MdcXmrOptions, n: number): number[] {
  if (options.rebaseAt === undefined && options.rebase === undefined && options.dates === undefined)
    return [0];
  const starts = new Set<number>([0]);
  for (const [k, i] of (options.rebaseAt ?? []).entries()) {
    if (!Number.isInteger(i) || i < 0 || i >= n) {
      throw new SpcError(
        "INVALID_REBASE",
        `rebaseAt[${k}] is ${String(i)}: a rebase must be the index of a point (0 to ${n - 1})`,
        "rebaseAt",
      );
    }
    starts.add(i);
  }
  const times = options.dates === undefined ? undefined : orderedDates(options.dates, n);
  for (const [k, d] of (options.rebase ?? []).entries()) {
    if (times === undefined) {
      throw new SpcError("INVALID_REBASE", "rebase names dates, so dates must be given too", "rebase");
    }
    const t = parseDate(d, "rebase", k);
    const i = times.indexOf(t);
    if (i < 0) {
      throw new SpcError("INVALID_REBASE", `rebase[${k}] (${String(d)}) is not one of the dates`, "rebase");
    }
    starts.add(i);
  }
  return [...starts].sort((a, b) => a - b);
}

/** Dates as epoch ms, one per value and strictly increasing. */
function orderedDates(dates: readonly (string | Date)[], n: number): number[] {
  if (dates.length !== n) {
    throw new SpcError("INVALID_DATE", `dates has ${dates.length} entries but values has ${n}`, "dates");
  }
  const times = dates.map((d, i) => parseDate(d, "dates", i));
  for (let i = 1; i < n; i++) {
    const prev = times[i - 1] as number;
    const cur = times[i] as number;
    if (cur === prev) {
      throw new SpcError(
        "DUPLICATE_DATE",
        `dates[${i}] repeats dates[${i - 1}] (${String(dates[i])})`,
        "dates",
      );
    }
    if (cur < prev) {
      throw new SpcError(
        "UNSORTED_DATES",
        `dates must be in increasing order: dates[${i}] (${String(dates[i])}) comes before dates[${i - 1}]`,
        "dates",
      );
    }
  }
  return times;
}
