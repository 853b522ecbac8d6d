import type {
  ChartFrame,
  ImprovementDirection,
  PointSignal,
  RuleSet,
  RuleSetResult,
  SegmentStatistics,
} from "../core/chart-frame.type.js";
import { SpcError } from "../core/spc-error.js";
import { MDC_SHORT_GROUP_THRESHOLD, type MdcPointType, type MdcRuleOptions } from "./mdc.type.js";
import { validateRuleLengths } from "./mdc-input.js";
import { allocatePointFlags, setPointFlags } from "./mdc-point-flags.js";
import { mdcSpecialCauses, RuleBit } from "./mdc-special-causes.js";
import { shortGroupWarning } from "./short-group-warning.js";

export interface MakingDataCountRuleSetOptions extends MdcRuleOptions {
  /** Segments with fewer points report `shortGroupWarning`. Default 13. */
  readonly shortGroupThreshold?: number;
}

const NO_SIGNALS: readonly PointSignal[] = Object.freeze([]);

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
 * @throws SpcError `INVALID_RULE_LENGTH` (at creation); `FRAME_LENGTH_MISMATCH`, `SEGMENT_NOT_ORDERED` (on evaluate)
 * @example
 * const rules = makingDataCountRules({ shiftLength: 6, trendLength: 6 });
 * const result = rules.evaluate(frame);
 * result.points[10]; // [{ rule: "mdc-shift", side: "high" }]
 */
export function makingDataCountRules(options: MakingDataCountRuleSetOptions = {}): RuleSet {
  const lengths = validateRuleLengths(options);
  const threshold = options.shortGroupThreshold ?? MDC_SHORT_GROUP_THRESHOLD;
  return {
    id: "making-data-count",
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
      const groupStarts: number[] = [];
      const y = new Float64Array(n);
      const flags = allocatePointFlags(n);
      const setFlags = setPointFlags; // one lookup, not one per point, where imports are compiled to getters
      for (let i = 0; i < n; i++) {
        const s = frame.segment[i] as number;
        if (i === 0 || s !== frame.segment[i - 1]) {
          if (i > 0 && !(s > (frame.segment[i - 1] as number))) {
            throw new SpcError(
              "SEGMENT_NOT_ORDERED",
              `frame.segment must be non-decreasing (segment[${i}] = ${s} after ${String(frame.segment[i - 1])})`,
              "frame.segment",
            );
          }
          groupStarts.push(i);
        }
        const v = frame.include[i] === true ? (frame.y[i] ?? NaN) : NaN;
        y[i] = v;
        setFlags(
          flags,
          i,
          v,
          frame.cl[i] ?? NaN,
          frame.lcl[i] ?? NaN,
          frame.ucl[i] ?? NaN,
          frame.lcl95[i] ?? NaN,
          frame.ucl95[i] ?? NaN,
        );
      }
      const codes = new Int8Array(n);
      const mask = new Uint8Array(n);
      mdcSpecialCauses(y, flags, groupStarts, { ...lengths, undecidableTrend: "no-trend" }, codes, mask);

      const points: (readonly PointSignal[])[] = [];
      for (let i = 0; i < n; i++) points.push(signalsOf(mask[i] as number));

      const lastSegment = n === 0 ? -1 : (frame.segment[n - 1] as number);
      const segments: SegmentStatistics[] = [];
      for (let s = 0; s <= lastSegment; s++)
        segments.push({ points: 0, specialCausePoints: 0, shortGroupWarning: true });
      for (let g = 0; g < groupStarts.length; g++) {
        const start = groupStarts[g] as number;
        const end = g + 1 < groupStarts.length ? (groupStarts[g + 1] as number) : n;
        let special = 0;
        for (let i = start; i < end; i++) if (codes[i] !== 0) special++;
        segments[frame.segment[start] as number] = {
          points: end - start,
          specialCausePoints: special,
          shortGroupWarning: shortGroupWarning(end - start, threshold),
        };
      }
      return { points, segments };
    },
  };
}

function signalsOf(m: number): readonly PointSignal[] {
  if (m === 0) return NO_SIGNALS;
  const out: PointSignal[] = [];
  if (m & RuleBit.Outside) out.push({ rule: "mdc-outside", side: m & RuleBit.OutsideHigh ? "high" : "low" });
  if (m & RuleBit.Trend) out.push({ rule: "mdc-trend", side: m & RuleBit.TrendHigh ? "high" : "low" });
  if (m & RuleBit.TwoInThree) {
    out.push({ rule: "mdc-two-of-three", side: m & RuleBit.TwoInThreeHigh ? "high" : "low" });
  }
  if (m & RuleBit.Shift) out.push({ rule: "mdc-shift", side: m & RuleBit.ShiftHigh ? "high" : "low" });
  return out;
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
