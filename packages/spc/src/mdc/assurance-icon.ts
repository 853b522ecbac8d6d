import type { AssuranceIcon, ImprovementDirection } from "../core/chart-frame.type.js";

export interface AssuranceInput {
  /** The target; `null`/absent means there is none. */
  readonly target: number | null | undefined;
  /** Process limits of the latest point (the latest segment); `null` when they do not exist. */
  readonly lpl: number | null;
  readonly upl: number | null;
  readonly improvementDirection: ImprovementDirection;
}

/**
 * Making Data Count assurance icon (NHSRplotthedots 0.2.2 `R/ptd_calculate_assurance_type.R`), judged against the
 * limits of the latest point:
 *
 * - target > UPL: `consistent_fail` when increase is better, `consistent_pass` when decrease is better;
 * - target < LPL: `consistent_pass` when increase is better, `consistent_fail` when decrease is better;
 * - otherwise, including a target on a limit, or limits that do not exist: `inconsistent` (hit and miss).
 *
 * `null` when there is no target or the direction is neutral. (NHSRplotthedots also answers `inconsistent` for a
 * facet left out of a per-facet target; `ptdSpc` reproduces that, this function does not.)
 *
 * @example
 * assuranceIcon({ target: 4, lpl: 5, upl: 7, improvementDirection: "increase" }); // "consistent_pass"
 * assuranceIcon({ target: 4, lpl: 1, upl: 3, improvementDirection: "decrease" }); // "consistent_pass"
 */
export function assuranceIcon(input: AssuranceInput): AssuranceIcon {
  const { target, lpl, upl, improvementDirection } = input;
  if (target === null || target === undefined || Number.isNaN(target) || improvementDirection === "neutral") {
    return null;
  }
  const increase = improvementDirection === "increase";
  if (upl !== null && target > upl) return increase ? "consistent_fail" : "consistent_pass";
  if (lpl !== null && target < lpl) return increase ? "consistent_pass" : "consistent_fail";
  return "inconsistent";
}
