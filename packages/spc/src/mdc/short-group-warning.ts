import { MDC_SHORT_GROUP_THRESHOLD } from "./mdc.type.js";

/**
 * NHSRplotthedots' "trial limits" warning (0.2.2 `R/ptd_add_short_group_warnings.R`): a group (facet × rebase
 * group) with fewer than `threshold` points, 13 by default (`options(ptd_spc.warning_threshold)`), has limits that
 * will still move as points are added. The package's message says "n < 12" while testing n < 13; the Making Data
 * Count guidance names 12 points as the minimum.
 *
 * @example
 * shortGroupWarning(9); // true
 * shortGroupWarning(13); // false
 */
export function shortGroupWarning(groupSize: number, threshold: number = MDC_SHORT_GROUP_THRESHOLD): boolean {
  return groupSize < threshold;
}

/** The package's warning text, raised once when any group is short. */
export const SHORT_GROUP_WARNING_MESSAGE =
  "Some groups have 'n < 12' observations. These have trial limits, which will be revised with each additional " +
  "observation until 'n = fix_after_n_points' has been reached.";
