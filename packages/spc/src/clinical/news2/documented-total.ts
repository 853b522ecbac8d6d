import { SpcError } from "../../core/spc-error.js";
import type { News2Result } from "./news2.type.js";

export interface DocumentedTotalCheck {
  readonly documentedTotal: number;
  readonly recomputedTotal: number;
  /** `documentedTotal === recomputedTotal`: the set counts in D2's numerator. */
  readonly agrees: boolean;
  /** documented − recomputed: positive when staff over-scored. */
  readonly difference: number;
}

/**
 * Compares a NEWS2 total documented by the source (hand-entered on the chart or computed by a device) with
 * the total Vigil recomputes from the same set, the per-set test behind indicator D2 (INDICATORS.md §3).
 * Documented totals must be integers 0–20 (the NEWS2 range, RCP-C1); anything else is `INVALID_DOCUMENTED_TOTAL`
 * because it cannot be a NEWS2 and comparing it would blame staff for a data error.
 *
 * @example
 * // UK Core's example bundle documents 6 for a set that scores 5 (37.5 °C scores 0, not 1; INDICATORS.md §1.6)
 * checkDocumentedTotal(6, recomputed); // { agrees: false, difference: 1, ... } when recomputed.total is 5
 */
export function checkDocumentedTotal(
  documentedTotal: number,
  recomputed: Pick<News2Result, "total">,
): DocumentedTotalCheck {
  if (!Number.isInteger(documentedTotal) || documentedTotal < 0 || documentedTotal > 20) {
    throw new SpcError(
      "INVALID_DOCUMENTED_TOTAL",
      `A documented NEWS2 total must be an integer 0–20, got ${String(documentedTotal)}`,
      "documentedTotal",
    );
  }
  return {
    documentedTotal,
    recomputedTotal: recomputed.total,
    agrees: documentedTotal === recomputed.total,
    difference: documentedTotal - recomputed.total,
  };
}
