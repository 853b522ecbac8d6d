/** ACVPU: Alert, new Confusion, Voice, Pain, Unresponsive (RCP NEWS2 Chart 1). */
export type Consciousness = "A" | "C" | "V" | "P" | "U";

/** RCP NEWS2 clinical risk bands (Chart 2), in Vigil's spelling. */
export type ClinicalRisk = "low" | "low-medium" | "medium" | "high";

/** SpO2 scale: 1 by default; 2 only for a documented hypercapnic-failure target of 88–92 %. */
export type Spo2Scale = 1 | 2;

/** One complete NEWS2 observation set (INTERFACES.md C2). Units: /min, %, mmHg, /min, °C. */
export interface News2Input {
  readonly respiratoryRate: number;
  readonly spo2: number;
  readonly spo2Scale: Spo2Scale;
  readonly onOxygen: boolean;
  readonly systolicBP: number;
  readonly pulse: number;
  readonly consciousness: Consciousness;
  readonly temperature: number;
}

/** The seven NEWS2 items, named as in {@link News2Input} ("airOrOxygen" is the scored `onOxygen`). */
export type News2Item =
  "respiratoryRate" | "spo2" | "airOrOxygen" | "systolicBP" | "pulse" | "consciousness" | "temperature";

/** Item scores 0–3 (air or oxygen: 0 or 2). */
export interface News2Subscores {
  readonly respiratoryRate: number;
  readonly spo2: number;
  readonly airOrOxygen: number;
  readonly systolicBP: number;
  readonly pulse: number;
  readonly consciousness: number;
  readonly temperature: number;
}

/** Minimum monitoring frequency for a trigger level (RCP NEWS2 Chart 4). */
export type MonitoringFrequency = "12-hourly" | "4-6-hourly" | "hourly" | "continuous";

/**
 * The row of RCP Chart 4 that applies: total 0, total 1–4, a 3 in a single parameter (total ≤ 4),
 * total 5–6 (urgent response threshold), total ≥ 7 (emergency response threshold).
 */
export type News2Trigger = "none" | "low" | "single-parameter" | "urgent" | "emergency";

export interface News2Result {
  readonly total: number;
  readonly clinicalRisk: ClinicalRisk;
  readonly subscores: News2Subscores;
  /** A single physiological item scored 3. */
  readonly redScore: boolean;
  readonly spo2Scale: Spo2Scale;
  readonly trigger: News2Trigger;
  readonly monitoringFrequency: MonitoringFrequency;
  /** RCP Chart 4 clinical response for the trigger, paraphrased. */
  readonly clinicalResponse: string;
}
