import { aggregateIndicatorRecords } from "../indicators/aggregate-indicator-records.js";
import type { IndicatorSeries, PeriodOptions } from "../indicators/indicator.type.js";
import { kindsOption } from "../indicators/option-checks.js";
import type { DeteriorationData } from "./deterioration.type.js";
import { deteriorationTimeline } from "./deterioration-timeline.js";
import { responseWithinTargetRecords } from "./response-within-target.js";

export interface RedScoreEscalationOptions extends PeriodOptions {
  /** Minutes from the triggering set. Default 60 (a local target; RCP-C4 sets hourly monitoring for this row). */
  readonly targetMinutes?: number;
  /** Care-event kinds that document informing the medical team. Default `["escalation"]`. */
  readonly escalationKinds?: readonly string[];
  readonly lookbackMinutes?: number;
}

/**
 * D6 — red-score (low-medium) escalation (%), INDICATORS.md §3 (RCP-C4 row "3 in a single parameter").
 * Denominator: episodes of low-medium risk — a scored set with a red score and total ≤ 4 whose previous set
 * was not low-medium. Numerator: the medical team was informed (an escalation event) within the target.
 * A red score with total ≥ 5 is D4's business, not D6's (Chart 2 precedence). Chart: p.
 *
 * @example
 * redScoreEscalationIndicator(data, { targetMinutes: 60 }).overall;
 */
export function redScoreEscalationIndicator(
  data: DeteriorationData,
  options: RedScoreEscalationOptions = {},
): IndicatorSeries {
  const records = responseWithinTargetRecords(deteriorationTimeline(data), {
    meets: (set) => set.clinicalRisk === "low-medium",
    required: [kindsOption(options.escalationKinds, ["escalation"], "escalationKinds")],
    targetMinutes: options.targetMinutes ?? 60,
    lookbackMinutes: options.lookbackMinutes ?? 0,
  });
  return aggregateIndicatorRecords("news2-red-score-escalation", "p", records, options);
}
