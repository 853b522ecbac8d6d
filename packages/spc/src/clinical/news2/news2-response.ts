import type { ClinicalRisk, MonitoringFrequency, News2Trigger } from "./news2.type.js";

/** One row of RCP NEWS2 Chart 4 ("Clinical response to the NEWS trigger thresholds"). */
export interface News2ResponseRow {
  readonly trigger: News2Trigger;
  readonly clinicalRisk: ClinicalRisk;
  readonly monitoringFrequency: MonitoringFrequency;
  readonly clinicalResponse: string;
}

/**
 * RCP NEWS2 Chart 4, paraphrased (INDICATORS.md §1.3). Frozen rows: the scorer returns references to them,
 * so scoring allocates no strings.
 */
export const NEWS2_RESPONSE: Readonly<Record<News2Trigger, News2ResponseRow>> = Object.freeze({
  none: Object.freeze({
    trigger: "none",
    clinicalRisk: "low",
    monitoringFrequency: "12-hourly",
    clinicalResponse: "Continue routine NEWS monitoring.",
  }),
  low: Object.freeze({
    trigger: "low",
    clinicalRisk: "low",
    monitoringFrequency: "4-6-hourly",
    clinicalResponse:
      "Inform registered nurse, who must assess the patient and decide whether to increase monitoring frequency and/or escalate care.",
  }),
  "single-parameter": Object.freeze({
    trigger: "single-parameter",
    clinicalRisk: "low-medium",
    monitoringFrequency: "hourly",
    clinicalResponse:
      "Registered nurse informs the medical team caring for the patient, who review and decide whether escalation of care is necessary (urgent ward-based response).",
  }),
  urgent: Object.freeze({
    trigger: "urgent",
    clinicalRisk: "medium",
    monitoringFrequency: "hourly",
    clinicalResponse:
      "Registered nurse immediately informs the medical team caring for the patient and requests urgent assessment by a clinician or team with core competencies in the care of acutely ill patients; provide clinical care in an environment with monitoring facilities.",
  }),
  emergency: Object.freeze({
    trigger: "emergency",
    clinicalRisk: "high",
    monitoringFrequency: "continuous",
    clinicalResponse:
      "Registered nurse immediately informs the medical team caring for the patient (at least specialist registrar level); emergency assessment by a team with critical-care competencies, including advanced airway skills; consider transfer to level 2 or 3 care; care in an environment with monitoring facilities.",
  }),
});

/**
 * The Chart 4 row for a total and red-score flag, with RCP Chart 2's precedence: the aggregate bands win
 * over a single red parameter (≥ 7 high, 5–6 medium), a red parameter lifts only totals 0–4 to low-medium.
 *
 * @example
 * news2Response(6, true).clinicalRisk;  // "medium" — not "low-medium": the aggregate wins
 * news2Response(3, true).trigger;       // "single-parameter"
 * news2Response(0, false).monitoringFrequency; // "12-hourly"
 */
export function news2Response(total: number, redScore: boolean): News2ResponseRow {
  if (total >= 7) return NEWS2_RESPONSE.emergency;
  if (total >= 5) return NEWS2_RESPONSE.urgent;
  if (redScore) return NEWS2_RESPONSE["single-parameter"];
  return total === 0 ? NEWS2_RESPONSE.none : NEWS2_RESPONSE.low;
}
