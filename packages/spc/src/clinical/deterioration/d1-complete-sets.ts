import { aggregateIndicatorRecords } from "../indicators/aggregate-indicator-records.js";
import type { IndicatorRecord, IndicatorSeries, PeriodOptions } from "../indicators/indicator.type.js";
import type { DeteriorationData } from "./deterioration.type.js";
import { deteriorationTimeline } from "./deterioration-timeline.js";

/**
 * D1 — complete NEWS2 observation sets (%), INDICATORS.md §3. Denominator: every observation set of an
 * eligible inpatient spell. Numerator: sets in which all seven items are recorded and plausible, i.e. that
 * carry a NEWS2 total (RCP-C1 defines NEWS2 only on complete sets; a set with an implausible value cannot
 * be scored and counts as not complete). Period and ward: the set's time and the ward the patient was on.
 * Chart: p.
 *
 * @example
 * completeSetsIndicator({ spells, observationSets }).overall[0];
 * // { period: "2024-03-01", numerator: 41, denominator: 44, value: 0.93, numeratorIds: [...], ... }
 */
export function completeSetsIndicator(data: DeteriorationData, options: PeriodOptions = {}): IndicatorSeries {
  const records: IndicatorRecord[] = [];
  for (const { sets } of deteriorationTimeline(data).timelines) {
    for (const set of sets) {
      records.push({
        id: set.id,
        atMs: set.ms,
        wardName: set.wardName,
        inNumerator: set.complete && set.total !== null,
      });
    }
  }
  return aggregateIndicatorRecords("news2-complete-sets", "p", records, options);
}
