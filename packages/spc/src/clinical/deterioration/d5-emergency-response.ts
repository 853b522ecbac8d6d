import { aggregateIndicatorRecords } from "../indicators/aggregate-indicator-records.js";
import type { IndicatorSeries, PeriodOptions } from "../indicators/indicator.type.js";
import { kindsOption, news2TotalOption } from "../indicators/option-checks.js";
import type { DeteriorationData } from "./deterioration.type.js";
import { deteriorationTimeline } from "./deterioration-timeline.js";
import { responseWithinTargetRecords } from "./response-within-target.js";

export interface EmergencyResponseOptions extends PeriodOptions {
  /** Minutes from the triggering set. Default 30: a local operationalisation of "emergency" (INDICATORS.md §1.3). */
  readonly targetMinutes?: number;
  /** Trigger threshold. Default 7 (RCP emergency response threshold). */
  readonly threshold?: number;
  /** Care-event kinds that document review by a critical-care-competent team. Default `["emergency-review"]`. */
  readonly reviewKinds?: readonly string[];
  readonly lookbackMinutes?: number;
}

/**
 * D5 — emergency response for NEWS2 ≥ 7 (%), INDICATORS.md §3 (RCP-C4 emergency response). Denominator:
 * trigger episodes, the first scored set with total ≥ 7 after a set < 7 or the first set of the spell.
 * Numerator: episodes reviewed by a critical-care-competent team (outreach, registrar) within 30 minutes.
 * Chart: p.
 *
 * @example
 * emergencyResponseIndicator(data).overall.map((p) => p.value);
 */
export function emergencyResponseIndicator(
  data: DeteriorationData,
  options: EmergencyResponseOptions = {},
): IndicatorSeries {
  const threshold = news2TotalOption(options.threshold, 7, "threshold");
  const records = responseWithinTargetRecords(deteriorationTimeline(data), {
    meets: (set) => (set.total ?? 0) >= threshold,
    required: [kindsOption(options.reviewKinds, ["emergency-review"], "reviewKinds")],
    targetMinutes: options.targetMinutes ?? 30,
    lookbackMinutes: options.lookbackMinutes ?? 0,
  });
  return aggregateIndicatorRecords("news2-emergency-response", "p", records, options);
}
