import type {
  ChartFrame,
  ImprovementDirection,
  PointSignal,
  RuleSet,
  RuleSetResult,
  SegmentStatistics,
  TypedChartFrame,
} from "../core/chart-frame.type.js";
import { SignalBit, SignalMask } from "../core/signal-bits.js";
import { SpcError } from "../core/spc-error.js";
import { pointsOfFlags } from "../charts/rules/signal-flags.js";
import { typedFrameOf } from "../charts/rules/typed-frame.js";
import { MDC_SHORT_GROUP_THRESHOLD, type MdcPointType, type MdcRuleOptions } from "./mdc.type.js";
import { validateRuleLengths } from "./mdc-input.js";
import { setPointFlags, type MdcPointFlags } from "./mdc-point-flags.js";
import { mdcSpecialCauses, RuleBit, type MdcSpecialCauseOptions } from "./mdc-special-causes.js";
import { shortGroupWarning } from "./short-group-warning.js";

export interface MakingDataCountRuleSetOptions extends MdcRuleOptions {
  /** Segments with fewer points report `shortGroupWarning`. Default 13. */
  readonly shortGroupThreshold?: number;
}

/**
 * The Making Data Count rules (NHSRplotthedots 0.2.2 `R/ptd_calculate_point_type.R`) as a rule set for any chart:
 * outside the 3-sigma limits (`mdc-outside`), a trend (`mdc-trend`), 2 of 3 beyond the 2-sigma band on one side of
 * the centre line (`mdc-two-of-three`, the band is the frame's lcl95/ucl95) and a shift (`mdc-shift`), evaluated
 * inside each segment. Each point lists every rule that hit it, highest priority first
 * (outside > trend > 2-of-3 > shift), so `points[i][0]` is what Making Data Count colours the point by.
 *
 * A `null` y and an excluded point (`include` false) take no part: like NA in R, they break shifts, trends and
 * 2-of-3 windows and are never flagged. A trend window that R could not decide (a gap with every known step the
 * same way) is read as no trend. Segment statistics: `points`, `specialCausePoints`, `shortGroupWarning`.
 *
 * The rules run once, on typed columns (`evaluateTyped`, which `spcChart` calls, setting `SignalBit` flags);
 * `evaluate` checks a ChartFrame, reads it into typed columns and turns the flags back into `PointSignal` lists.
 *
 * @throws SpcError `INVALID_RULE_LENGTH` (at creation); `FRAME_LENGTH_MISMATCH`, `SEGMENT_NOT_ORDERED` (on evaluate)
 * @example
 * const rules = makingDataCountRules({ shiftLength: 6, trendLength: 6 });
 * const result = rules.evaluate(frame);
 * result.points[10]; // [{ rule: "mdc-shift", side: "high" }]
 */
export function makingDataCountRules(options: MakingDataCountRuleSetOptions = {}): RuleSet {
  const lengths = validateRuleLengths(options);
  const threshold = options.shortGroupThreshold ?? MDC_SHORT_GROUP_THRESHOLD;
  const ruleOptions = { ...lengths, undecidableTrend: "no-trend" } as const;
  const evaluateTyped = (frame: TypedChartFrame, flags: Uint16Array): SegmentStatistics[] =>
    mdcSignals(frame, flags, ruleOptions, threshold);
  return {
    id: "making-data-count",
    signalMask: SignalMask.mdc,
    evaluate(frame: ChartFrame): RuleSetResult {
      const n = frame.y.length;
      for (const key of ["cl", "lcl", "ucl", "lcl95", "ucl95", "segment", "include"] as const) {
        if (frame[key].length !== n) {
          throw new SpcError(
            "FRAME_LENGTH_MISMATCH",
            `frame.${key} has ${frame[key].length} entries but frame.y has ${n}`,
            `frame.${key}`,
          );
        }
      }
      const flags = new Uint16Array(n);
      const segments = evaluateTyped(typedFrameOf(frame), flags);
      return { points: pointsOfFlags(flags, SignalMask.mdc), segments };
    },
    evaluateTyped,
  };
}

/**
 * The rules on a typed frame: flags per point into `flags` (SignalBit), statistics per segment. The per-point
 * work arrays are scratch reused between calls, so a chart allocates only its segment statistics here.
 */
function mdcSignals(
  frame: TypedChartFrame,
  flags: Uint16Array,
  options: MdcSpecialCauseOptions,
  threshold: number,
): SegmentStatistics[] {
  const n = frame.y.length;
  const groupStarts = orderedSegmentStarts(frame.segment);
  const work = workspace(n);
  includedValues(frame, work.y);
  pointFlags(frame, work.y, work.flags);
  mdcSpecialCauses(work.y, work.flags, groupStarts, options, work.codes, work.mask);
  const bits = SIGNAL_BITS_OF_MASK;
  const mask = work.mask;
  for (let i = 0; i < n; i++) flags[i]! |= bits[mask[i]!]!;

  const lastSegment = n === 0 ? -1 : frame.segment[n - 1]!;
  const segments: SegmentStatistics[] = [];
  for (let s = 0; s <= lastSegment; s++)
    segments.push({ points: 0, specialCausePoints: 0, shortGroupWarning: true });
  for (let g = 0; g < groupStarts.length; g++) {
    const start = groupStarts[g]!;
    const end = g + 1 < groupStarts.length ? groupStarts[g + 1]! : n;
    segments[frame.segment[start]!] = {
      points: end - start,
      specialCausePoints: countNonZero(mask, start, end),
      shortGroupWarning: shortGroupWarning(end - start, threshold),
    };
  }
  return segments;
}

/** First index of each segment; segments must not decrease (the rules read each one as a run of points). */
function orderedSegmentStarts(segment: Int32Array): number[] {
  const starts: number[] = [];
  for (let i = 0; i < segment.length; i++) {
    const s = segment[i]!;
    if (i > 0 && s === segment[i - 1]) continue;
    if (i > 0 && !(s > segment[i - 1]!)) {
      throw new SpcError(
        "SEGMENT_NOT_ORDERED",
        `frame.segment must be non-decreasing (segment[${i}] = ${s} after ${segment[i - 1]})`,
        "frame.segment",
      );
    }
    starts.push(i);
  }
  return starts;
}

/** y where the point is included, NaN (missing, as NA in R) where it is excluded. */
function includedValues(frame: TypedChartFrame, into: Float64Array): void {
  const { y, include } = frame;
  for (let i = 0; i < y.length; i++) into[i] = include[i] === 1 ? y[i]! : Number.NaN;
}

function pointFlags(frame: TypedChartFrame, y: Float64Array, into: MdcPointFlags): void {
  const { cl, lcl, ucl, lcl95, ucl95 } = frame;
  const setFlags = setPointFlags; // one lookup, not one per point, where imports are compiled to getters
  for (let i = 0; i < y.length; i++) setFlags(into, i, y[i]!, cl[i]!, lcl[i]!, ucl[i]!, lcl95[i]!, ucl95[i]!);
}

function countNonZero(values: Uint8Array, from: number, to: number): number {
  let count = 0;
  for (let i = from; i < to; i++) if (values[i] !== 0) count++;
  return count;
}

/** SignalBit word of each `RuleBit` mask (the rule-mask layout of `mdcSpecialCauses`). */
const SIGNAL_BITS_OF_MASK = Uint16Array.from({ length: 256 }, (_, m) => {
  let bits = 0;
  if (m & RuleBit.Outside)
    bits |= SignalBit.MdcOutside | (m & RuleBit.OutsideHigh ? SignalBit.MdcOutsideHigh : 0);
  if (m & RuleBit.Trend) bits |= SignalBit.MdcTrend | (m & RuleBit.TrendHigh ? SignalBit.MdcTrendHigh : 0);
  if (m & RuleBit.TwoInThree) {
    bits |= SignalBit.MdcTwoOfThree | (m & RuleBit.TwoInThreeHigh ? SignalBit.MdcTwoOfThreeHigh : 0);
  }
  if (m & RuleBit.Shift) bits |= SignalBit.MdcShift | (m & RuleBit.ShiftHigh ? SignalBit.MdcShiftHigh : 0);
  return bits;
});

interface Workspace {
  readonly y: Float64Array;
  readonly flags: MdcPointFlags;
  readonly codes: Int8Array;
  readonly mask: Uint8Array;
}

// Per-point work arrays, reused between calls (nothing here awaits, so calls cannot interleave): one buffer
// instead of six fresh arrays per chart, which both 10,000 short charts and one long one would pay for. The
// views are kept too while the length repeats, as it does across a batch of charts of one indicator.
let workBuffer = new ArrayBuffer(0);
let work: Workspace | undefined;

function workspace(n: number): Workspace {
  if (work !== undefined && work.y.length === n && work.y.buffer === workBuffer) return work;
  const bytes = 8 * n + 5 * n;
  if (workBuffer.byteLength < bytes) {
    workBuffer = new ArrayBuffer(Math.max(bytes, 2 * workBuffer.byteLength, 1024));
  }
  const b = workBuffer;
  work = {
    y: new Float64Array(b, 0, n),
    flags: {
      outside: new Int8Array(b, 8 * n, n),
      relativeToMean: new Int8Array(b, 9 * n, n),
      close: new Int8Array(b, 10 * n, n),
    },
    codes: new Int8Array(b, 11 * n, n),
    mask: new Uint8Array(b, 12 * n, n),
  };
  return work;
}

/**
 * The Making Data Count point type of a point from its signals: the first `mdc-*` signal decides, its side
 * oriented by the improvement direction (as `mdcPointType` does for NHSRplotthedots codes). Feed the last point's
 * result to `variationIcon` to get a chart's variation icon.
 *
 * @example
 * mdcPointTypeOfSignals([{ rule: "mdc-shift", side: "low" }], "decrease"); // "special_cause_improvement"
 */
export function mdcPointTypeOfSignals(
  signals: readonly PointSignal[],
  improvementDirection: ImprovementDirection,
): MdcPointType {
  const first = signals.find((s) => s.rule.startsWith("mdc-"));
  if (first === undefined) return "common_cause";
  if (improvementDirection === "neutral") {
    return first.side === "high" ? "special_cause_neutral_high" : "special_cause_neutral_low";
  }
  const good = (first.side === "high") === (improvementDirection === "increase");
  return good ? "special_cause_improvement" : "special_cause_concern";
}
