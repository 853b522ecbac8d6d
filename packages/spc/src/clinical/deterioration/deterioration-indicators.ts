import type { IndicatorSeries, PeriodOptions } from "../indicators/indicator.type.js";
import { completeSetsIndicator } from "./d1-complete-sets.js";
import { correctScoreIndicator } from "./d2-correct-score.js";
import { type RepeatObservationsOptions, repeatObservationsIndicator } from "./d3-repeat-observations.js";
import { type UrgentResponseOptions, urgentResponseIndicator } from "./d4-urgent-response.js";
import { type EmergencyResponseOptions, emergencyResponseIndicator } from "./d5-emergency-response.js";
import { type RedScoreEscalationOptions, redScoreEscalationIndicator } from "./d6-red-score-escalation.js";
import { type TimeToAntibioticsOptions, timeToAntibioticsIndicator } from "./d7-time-to-antibiotics.js";
import { scale2GovernanceIndicator } from "./d8-scale2-governance.js";
import type { DeteriorationData } from "./deterioration.type.js";

/** Per-indicator options; period options given at the top level apply to all eight. */
export interface DeteriorationIndicatorOptions extends PeriodOptions {
  readonly D3?: Omit<RepeatObservationsOptions, keyof PeriodOptions>;
  readonly D4?: Omit<UrgentResponseOptions, keyof PeriodOptions>;
  readonly D5?: Omit<EmergencyResponseOptions, keyof PeriodOptions>;
  readonly D6?: Omit<RedScoreEscalationOptions, keyof PeriodOptions>;
  readonly D7?: Omit<TimeToAntibioticsOptions, keyof PeriodOptions>;
}

export interface DeteriorationIndicators {
  readonly D1: IndicatorSeries;
  readonly D2: IndicatorSeries;
  readonly D3: IndicatorSeries;
  readonly D4: IndicatorSeries;
  readonly D5: IndicatorSeries;
  readonly D6: IndicatorSeries;
  readonly D7: IndicatorSeries;
  readonly D8: IndicatorSeries;
}

/**
 * All eight deterioration-response indicators of INDICATORS.md §3 from one data set, indexing the data once.
 *
 * @example
 * const { D4, D5 } = deteriorationIndicators(data, { granularity: "week", D4: { targetMinutes: 45 } });
 */
export function deteriorationIndicators(
  data: DeteriorationData,
  options: DeteriorationIndicatorOptions = {},
): DeteriorationIndicators {
  const period: PeriodOptions = {
    ...(options.granularity === undefined ? {} : { granularity: options.granularity }),
    ...(options.timeZone === undefined ? {} : { timeZone: options.timeZone }),
    ...(options.from === undefined ? {} : { from: options.from }),
    ...(options.to === undefined ? {} : { to: options.to }),
  };
  return {
    D1: completeSetsIndicator(data, period),
    D2: correctScoreIndicator(data, period),
    D3: repeatObservationsIndicator(data, { ...options.D3, ...period }),
    D4: urgentResponseIndicator(data, { ...options.D4, ...period }),
    D5: emergencyResponseIndicator(data, { ...options.D5, ...period }),
    D6: redScoreEscalationIndicator(data, { ...options.D6, ...period }),
    D7: timeToAntibioticsIndicator(data, { ...options.D7, ...period }),
    D8: scale2GovernanceIndicator(data, period),
  };
}
