import type { ImprovementDirection } from "../core/chart-frame.type.js";
import {
  MDC_DEFAULT_SHIFT_LENGTH,
  MDC_DEFAULT_TREND_LENGTH,
  MdcSpecialCause,
  type MdcPointType,
  type MdcRuleOptions,
  type MdcSpecialCauseCode,
} from "./mdc.type.js";

// Module-local copies: some bundlers compile imported objects to getters, called once per property access.
const {
  CommonCause: COMMON_CAUSE,
  AboveUcl: ABOVE_UCL,
  BelowLcl: BELOW_LCL,
  TrendIncreasing: TREND_UP,
  TrendDecreasing: TREND_DOWN,
  TwoInThreeAbove: TWO_ABOVE,
  TwoInThreeBelow: TWO_BELOW,
  ShiftAbove: SHIFT_ABOVE,
  ShiftBelow: SHIFT_BELOW,
} = MdcSpecialCause;

/**
 * Side of a special-cause finding: +1 above the mean or an increasing trend, −1 below or decreasing, 0 none.
 * NHSRplotthedots 0.2.2 `ptd_point_type` reads it from the label ("Above|Increasing" / "Below|Decreasing").
 */
export function mdcSpecialCauseSide(code: MdcSpecialCauseCode): -1 | 0 | 1 {
  switch (code) {
    case ABOVE_UCL:
    case TREND_UP:
    case TWO_ABOVE:
    case SHIFT_ABOVE:
      return 1;
    case BELOW_LCL:
    case TREND_DOWN:
    case TWO_BELOW:
    case SHIFT_BELOW:
      return -1;
    case COMMON_CAUSE:
      return 0;
  }
}

/**
 * NHSRplotthedots `point_type` of a point (0.2.2 `R/ptd_calculate_point_type.R`, `ptd_point_type`): the side of
 * its finding, oriented by the improvement direction. A whole trend takes the trend's direction, so a rising
 * trend that crosses the mean is all improvement (or all concern), as fixed in 0.2.2 (issues #167, #171).
 *
 * @example
 * mdcPointType(MdcSpecialCause.ShiftBelow, "decrease"); // "special_cause_improvement"
 * mdcPointType(MdcSpecialCause.TrendIncreasing, "neutral"); // "special_cause_neutral_high"
 */
export function mdcPointType(
  code: MdcSpecialCauseCode,
  improvementDirection: ImprovementDirection,
): MdcPointType {
  const side = mdcSpecialCauseSide(code);
  if (side === 0) return "common_cause";
  if (improvementDirection === "neutral") {
    return side > 0 ? "special_cause_neutral_high" : "special_cause_neutral_low";
  }
  const oriented = improvementDirection === "increase" ? side : -side;
  return oriented > 0 ? "special_cause_improvement" : "special_cause_concern";
}

/**
 * NHSRplotthedots `special_cause_type` label of a finding: "Above UCL", "Below LCL", "7 Point Trend (Increasing)",
 * "7 Point Trend (Decreasing)", "2 in 3 Above CL", "2 in 3 Below CL", "7 Points Above CL", "7 Points Below CL" or
 * "Common Cause". With other run lengths the number in the label follows them.
 *
 * @example
 * mdcSpecialCauseLabel(MdcSpecialCause.ShiftAbove); // "7 Points Above CL"
 * mdcSpecialCauseLabel(MdcSpecialCause.TrendDecreasing, { trendLength: 6 }); // "6 Point Trend (Decreasing)"
 */
export function mdcSpecialCauseLabel(code: MdcSpecialCauseCode, options: MdcRuleOptions = {}): string {
  const shift = options.shiftLength ?? MDC_DEFAULT_SHIFT_LENGTH;
  const trend = options.trendLength ?? MDC_DEFAULT_TREND_LENGTH;
  switch (code) {
    case MdcSpecialCause.CommonCause:
      return "Common Cause";
    case MdcSpecialCause.AboveUcl:
      return "Above UCL";
    case MdcSpecialCause.BelowLcl:
      return "Below LCL";
    case MdcSpecialCause.TrendIncreasing:
      return `${trend} Point Trend (Increasing)`;
    case MdcSpecialCause.TrendDecreasing:
      return `${trend} Point Trend (Decreasing)`;
    case MdcSpecialCause.TwoInThreeAbove:
      return "2 in 3 Above CL";
    case MdcSpecialCause.TwoInThreeBelow:
      return "2 in 3 Below CL";
    case MdcSpecialCause.ShiftAbove:
      return `${shift} Points Above CL`;
    case MdcSpecialCause.ShiftBelow:
      return `${shift} Points Below CL`;
  }
}
