import {
  ADMIT_SOURCE,
  type CharlsonGroup,
  type DualCodedCondition,
} from "../../terminology/default-codes.js";
import type { AdmissionType, Arrival } from "./arrivals.js";
import {
  charlsonIndex,
  type DiagnosisKey,
  type DiagnosisProfile,
  drawComorbidities,
  pickDiagnosis,
  pickDiagnosisCodes,
} from "./case-mix.js";
import { sandboxNhsNumber, stableUuid } from "./ids.js";
import { FAMILY_NAMES, GIVEN_NAMES } from "./names.js";
import type { Prng } from "./prng.js";
import { DAY } from "./time.js";

export type AdmitSource = (typeof ADMIT_SOURCE)[keyof typeof ADMIT_SOURCE];

/** Resting physiology of the patient when well: what the vital signs return to. */
export interface Baseline {
  readonly respiratoryRate: number;
  readonly spo2: number;
  readonly systolicBP: number;
  readonly pulse: number;
  readonly temperature: number;
}

export interface PatientProfile {
  readonly index: number;
  readonly patientId: string;
  readonly nhsNumber: string;
  readonly given: string;
  readonly family: string;
  readonly sex: "male" | "female";
  readonly birthDate: number;
  /** Completed years at admission. */
  readonly age: number;
  readonly admissionType: AdmissionType;
  readonly admitSource: AdmitSource;
  readonly careHomeResident: boolean;
  readonly diagnosis: DiagnosisProfile;
  readonly diagnosisCodes: DualCodedCondition;
  readonly comorbidities: readonly CharlsonGroup[];
  readonly charlson: number;
  /**
   * Confirmed hypercapnic respiratory failure with a prescribed 88–92% target: the only patients the generator
   * scores on SpO2 Scale 2, and only after the documented decision (INDICATORS.md §1.1).
   */
  readonly hypercapnic: boolean;
  readonly baseline: Baseline;
}

/** Age bands of an acute medical take (most admissions are over 65). */
const EMERGENCY_AGE_BANDS = {
  "18-39": 10,
  "40-59": 17,
  "60-74": 27,
  "75-84": 27,
  "85-99": 19,
} as const;

/** Diagnoses whose patients are older or younger than the take as a whole. */
const AGE_SHIFT: Partial<Record<DiagnosisKey, number>> = {
  delirium: 9,
  stroke: 5,
  pneumonia: 4,
  urinaryTractInfection: 6,
  chestPain: -9,
  syncope: -2,
  cellulitis: -4,
  lowerRespiratoryTractInfection: 1,
};

function drawAge(prng: Prng, type: AdmissionType, diagnosis: DiagnosisKey): number {
  if (type === "elective") return Math.round(Math.min(90, Math.max(18, prng.normal(60, 14))));
  const band = prng.weighted(EMERGENCY_AGE_BANDS);
  const [low, high] = band.split("-").map(Number) as [number, number];
  const age = prng.int(low, high) + (AGE_SHIFT[diagnosis] ?? 0);
  return Math.min(101, Math.max(18, age));
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, value));
}

export function generatePatient(seed: string, arrival: Arrival, prng: Prng): PatientProfile {
  const diagnosis = pickDiagnosis(prng, arrival.type);
  const diagnosisCodes = pickDiagnosisCodes(prng, diagnosis.key);
  const age = drawAge(prng, arrival.type, diagnosis.key);
  const sex = prng.chance(age >= 85 ? 0.6 : 0.5) ? "female" : "male";
  // Birthday somewhere in the year before the age was reached, so the completed age at admission is `age`.
  const birthDate = Math.floor((arrival.at - age * 365.25 * DAY - prng.uniform(1, 364) * DAY) / DAY) * DAY;
  const comorbidities = drawComorbidities(prng, age, diagnosis.key);
  const careHomeResident = arrival.type === "emergency" && age >= 75 && prng.chance(age >= 85 ? 0.14 : 0.06);
  const admitSource: AdmitSource =
    arrival.type === "elective"
      ? ADMIT_SOURCE.outpatients
      : careHomeResident
        ? ADMIT_SOURCE.nursingHome
        : prng.weighted({
            [ADMIT_SOURCE.emergencyDepartment]: 86,
            [ADMIT_SOURCE.gpReferral]: 12,
            [ADMIT_SOURCE.otherHospital]: 2,
          } as Record<AdmitSource, number>);
  const copd = comorbidities.includes("chronicPulmonaryDisease") || diagnosis.key === "copdExacerbation";
  const hypercapnic = copd && prng.chance(diagnosis.key === "copdExacerbation" ? 0.3 : 0.12);
  const spo2 = hypercapnic
    ? clamp(Math.round(prng.normal(90, 1.2)), 88, 92)
    : copd
      ? clamp(Math.round(prng.normal(95, 1)), 93, 97)
      : clamp(Math.round(prng.normal(97, 1.1)), 95, 100);
  const gender = sex;
  return {
    index: arrival.index,
    patientId: stableUuid(seed, `admission/${arrival.index}/patient`),
    nhsNumber: sandboxNhsNumber(arrival.index),
    given: prng.pick(GIVEN_NAMES[gender]),
    family: prng.pick(FAMILY_NAMES),
    sex,
    birthDate,
    age,
    admissionType: arrival.type,
    admitSource,
    careHomeResident,
    diagnosis,
    diagnosisCodes,
    comorbidities,
    charlson: charlsonIndex(comorbidities),
    hypercapnic,
    baseline: {
      respiratoryRate: clamp(Math.round(prng.normal(16, 1.6)), 12, 20),
      spo2,
      systolicBP: clamp(Math.round(prng.normal(108 + 0.38 * age, 15)), 100, 185),
      pulse: clamp(Math.round(prng.normal(77, 9)), 52, 98),
      temperature: Math.round(clamp(prng.normal(36.7, 0.22), 36.1, 37.3) * 10) / 10,
    },
  };
}
