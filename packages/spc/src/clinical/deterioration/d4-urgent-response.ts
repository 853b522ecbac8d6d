import { aggregateIndicatorRecords } from "../indicators/aggregate-indicator-records.js";
import type { IndicatorSeries, PeriodOptions } from "../indicators/indicator.type.js";
import { choiceOption, kindsOption, news2TotalOption } from "../indicators/option-checks.js";
import type { DeteriorationData } from "./deterioration.type.js";
import { deteriorationTimeline } from "./deterioration-timeline.js";
import { responseWithinTargetRecords } from "./response-within-target.js";

export interface UrgentResponseOptions extends PeriodOptions {
  /** Minutes from the triggering set. Default 60: a local operationalisation of "urgent" (INDICATORS.md §1.3). */
  readonly targetMinutes?: number;
  /** Trigger threshold. Default 5 (RCP urgent response threshold). */
  readonly threshold?: number;
  /** Care-event kinds that document escalation to the medical team. Default `["escalation"]`. */
  readonly escalationKinds?: readonly string[];
  /** Care-event kinds that document clinical review by a competent clinician. */
  readonly reviewKinds?: readonly string[];
  /** `"escalation-and-review"` (default, INDICATORS.md §3) or `"review"` when escalation is not recorded. */
  readonly require?: "escalation-and-review" | "review";
  /** Events documented up to this many minutes before the set still count. Default 0. */
  readonly lookbackMinutes?: number;
}

/**
 * D4 — escalation and review within target for NEWS2 ≥ 5 (%), INDICATORS.md §3 (RCP-C4 urgent response).
 * Denominator: trigger episodes, the first scored set with total ≥ 5 after a set < 5 or the first set of the
 * spell. Numerator: episodes with a documented escalation to the medical team and a clinical review (an
 * emergency review counts as a review) within 60 minutes of the triggering set. Chart: p.
 *
 * @example
 * urgentResponseIndicator(data, { targetMinutes: 60 }).records; // one record per episode, value = minutes
 */
export function urgentResponseIndicator(
  data: DeteriorationData,
  options: UrgentResponseOptions = {},
): IndicatorSeries {
  const threshold = news2TotalOption(options.threshold, 5, "threshold");
  const require = choiceOption(options.require, ["escalation-and-review", "review"], "require");
  const review = kindsOption(options.reviewKinds, ["clinical-review", "emergency-review"], "reviewKinds");
  const escalation = kindsOption(options.escalationKinds, ["escalation"], "escalationKinds");
  const records = responseWithinTargetRecords(deteriorationTimeline(data), {
    meets: (set) => (set.total ?? 0) >= threshold,
    required: require === "review" ? [review] : [escalation, review],
    targetMinutes: options.targetMinutes ?? 60,
    lookbackMinutes: options.lookbackMinutes ?? 0,
  });
  return aggregateIndicatorRecords("news2-urgent-response", "p", records, options);
}
