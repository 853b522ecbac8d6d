import { aggregateIndicatorRecords } from "../indicators/aggregate-indicator-records.js";
import type { IndicatorRecord, IndicatorSeries, PeriodOptions } from "../indicators/indicator.type.js";
import { checkDocumentedTotal } from "../news2/documented-total.js";
import type { DeteriorationData } from "./deterioration.type.js";
import { deteriorationTimeline } from "./deterioration-timeline.js";

/**
 * D2 — correct NEWS2 (%), INDICATORS.md §3, only where a total is documented (hand-entered or
 * device-computed). Denominator: scored sets with a documented total. Numerator: those whose documented
 * total equals Vigil's recomputed total ({@link checkDocumentedTotal}). Record value: documented − recomputed.
 * Chart: p.
 *
 * @example
 * correctScoreIndicator({ spells, observationSets }).records.filter((r) => !r.inNumerator);
 * // the mis-scored sets, with value +1 where staff over-scored by one point
 */
export function correctScoreIndicator(data: DeteriorationData, options: PeriodOptions = {}): IndicatorSeries {
  const records: IndicatorRecord[] = [];
  for (const { scored } of deteriorationTimeline(data).timelines) {
    for (const set of scored) {
      const documented = set.record.documentedTotal;
      if (documented === null || documented === undefined) continue;
      const check = checkDocumentedTotal(documented, { total: set.total! });
      records.push({
        id: set.id,
        atMs: set.ms,
        wardName: set.wardName,
        inNumerator: check.agrees,
        value: check.difference,
      });
    }
  }
  return aggregateIndicatorRecords("news2-correct-score", "p", records, options);
}
