/**
 * Types and constants of NHS England "Making Data Count" (MDC), as implemented by NHSRplotthedots 0.2.2
 * (`R/ptd_spc_standard.R`, `R/ptd_calculate_point_type.R`).
 */

/** Half-width of the process limits in units of the average moving range: mean ± 2.66·AMR. */
export const MDC_LIMIT = 2.66;

/**
 * Half-width of the "close to limits" band: mean ± (2/3)·2.66·AMR. Written exactly as the package computes it
 * (`2 * (limit / 3)`), so a value on the band edge falls on the same side as in R.
 */
export const MDC_NEAR_LIMIT = 2 * (MDC_LIMIT / 3);

/** Moving ranges at or above 3.267·AMR are screened out before the AMR is recomputed (Nelson 1982). */
export const MDC_MR_SCREEN = 3.267;

/** Groups with fewer points than this carry a "trial limits" warning (`ptd_spc.warning_threshold`). */
export const MDC_SHORT_GROUP_THRESHOLD = 13;

/** Default run lengths of the shift and trend rules (hard-coded to 7 in NHSRplotthedots). */
export const MDC_DEFAULT_SHIFT_LENGTH = 7;
export const MDC_DEFAULT_TREND_LENGTH = 7;

/**
 * The special-cause finding that decides a point's colour, after the package's priority
 * outside > trend > 2-of-3 > shift. Small integers so a million points fit in an `Int8Array`.
 */
export const MdcSpecialCause = {
  CommonCause: 0,
  AboveUcl: 1,
  BelowLcl: 2,
  TrendIncreasing: 3,
  TrendDecreasing: 4,
  TwoInThreeAbove: 5,
  TwoInThreeBelow: 6,
  ShiftAbove: 7,
  ShiftBelow: 8,
} as const;

export type MdcSpecialCauseCode = (typeof MdcSpecialCause)[keyof typeof MdcSpecialCause];

/** NHSRplotthedots `point_type`. */
export type MdcPointType =
  | "common_cause"
  | "special_cause_improvement"
  | "special_cause_concern"
  | "special_cause_neutral_high"
  | "special_cause_neutral_low";

/** Options of the MDC rules themselves (not of the limits). */
export interface MdcRuleOptions {
  /** Points in a row on one side of the mean that make a shift. Default 7; at least 2. */
  readonly shiftLength?: number;
  /** Points in a row, each strictly above (or below) the previous, that make a trend. Default 7; at least 2. */
  readonly trendLength?: number;
}

/** Options of the MDC XmR limits. */
export interface MdcLimitOptions {
  /** Drop moving ranges ≥ 3.267·AMR and recompute the AMR. Default `true` (NHSRplotthedots' default). */
  readonly screenOutliers?: boolean;
  /** Only the first n points of each group feed the limits; the rest are judged against them. At least 12. */
  readonly fixAfterNPoints?: number | null;
}
