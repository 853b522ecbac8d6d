import { aggregateIndicatorRecords } from "../indicators/aggregate-indicator-records.js";
import type { IndicatorRecord, IndicatorSeries, PeriodOptions } from "../indicators/indicator.type.js";
import { decisionInForce, isValidScale2Decision, type Spo2ScaleDecision } from "../news2/spo2-scale.js";
import type { DeteriorationData } from "./deterioration.type.js";
import { deteriorationTimeline } from "./deterioration-timeline.js";

/**
 * D8 — Scale 2 governance (%), INDICATORS.md §3 and §1.1. Denominator: scored sets charted on SpO2 Scale 2.
 * Numerator: those with a documented clinician decision for Scale 2 (target 88–92 %) in force at the set's
 * time. Scale 2 on a patient without such a decision risks under-scoring hypoxia (Williams, Clin Med 2019).
 * Chart: p.
 *
 * @example
 * scale2GovernanceIndicator({ spells, observationSets, spo2ScaleDecisions }).overall[0]!.value; // e.g. 0.8
 */
export function scale2GovernanceIndicator(
  data: DeteriorationData,
  options: PeriodOptions = {},
): IndicatorSeries {
  const decisions = new Map<string, Spo2ScaleDecision[]>();
  for (const decision of data.spo2ScaleDecisions ?? []) {
    const list = decisions.get(decision.patientFhirId) ?? [];
    list.push(decision);
    decisions.set(decision.patientFhirId, list);
  }
  const records: IndicatorRecord[] = [];
  for (const { spell, scored } of deteriorationTimeline(data).timelines) {
    const patientDecisions = decisions.get(spell.patientFhirId) ?? [];
    for (const set of scored) {
      if (set.record.spo2Scale !== 2) continue;
      const decision = decisionInForce(patientDecisions, set.ms);
      records.push({
        id: set.id,
        atMs: set.ms,
        wardName: set.wardName,
        inNumerator: decision !== null && isValidScale2Decision(decision),
      });
    }
  }
  return aggregateIndicatorRecords("news2-scale2-governance", "p", records, options);
}
