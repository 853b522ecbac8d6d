import type {
  CodeableConcept,
  Encounter,
  Observation,
  ObservationComponent,
  Patient,
  Practitioner,
} from "@medplum/fhirtypes";
import {
  ADDITIONAL_SYSTEM,
  BREATHING_ROOM_AIR_SNOMED,
  NEWS2_SCORE_METHOD,
  NEWS2_SNOMED,
  ON_OXYGEN_SNOMED,
  SURVEY_CATEGORY,
  SYSTEM,
  UCUM_UNITS,
  VITAL_SIGN_CODES,
  VITAL_SIGNS_CATEGORY,
} from "../../terminology/default-codes.js";
import { coding, concept, loinc, ref, snomed, ucum } from "./fhir.builders.js";
import type { Consciousness } from "@vigil/spc";
import { isoInstant } from "./time.js";
import type { ObservationSetRecord, VitalItem } from "./vitals.generator.js";

/**
 * FHIR Observations of one observation set, coded as the UK Core NEWS2 example bundle codes them
 * (INDICATORS.md §1.6): SNOMED CT with the LOINC vital-signs code beside it, blood pressure as the 85354-9 panel,
 * ACVPU as a SNOMED value, air/oxygen as the SNOMED "breathing room air" / "patient on oxygen" observation, and the
 * NEWS2 total with its seven sub-scores and `derivedFrom` links to the readings.
 */

const ACVPU_VALUE: Readonly<Record<Consciousness, { code: string; display: string }>> = {
  A: { code: "248234008", display: "Mentally alert" },
  C: { code: "130987000", display: "Acute confusion" },
  V: { code: "300202002", display: "Responds to voice" },
  P: { code: "450847001", display: "Responds to pain" },
  U: { code: "422768004", display: "Unresponsive" },
};

const VITAL_SIGNS = concept([coding(SYSTEM.observationCategory, VITAL_SIGNS_CATEGORY, "Vital Signs")]);
const SURVEY = concept([coding(SYSTEM.observationCategory, SURVEY_CATEGORY, "Survey")]);
const V = VITAL_SIGN_CODES;

export const VITAL_ITEM_ORDER: readonly VitalItem[] = [
  "respiratoryRate",
  "spo2",
  "airOrOxygen",
  "bloodPressure",
  "pulse",
  "consciousness",
  "temperature",
];

export interface ObservationContext {
  readonly patientId: string;
  readonly encounterId: string;
}

function base(
  id: string,
  context: ObservationContext,
  set: ObservationSetRecord,
  category: CodeableConcept[],
): Pick<
  Observation,
  | "resourceType"
  | "id"
  | "status"
  | "category"
  | "subject"
  | "encounter"
  | "effectiveDateTime"
  | "issued"
  | "performer"
> {
  return {
    resourceType: "Observation",
    id,
    status: "final",
    category,
    subject: ref<Patient>("Patient", context.patientId),
    encounter: ref<Encounter>("Encounter", context.encounterId),
    effectiveDateTime: isoInstant(set.at),
    issued: isoInstant(set.issuedAt),
    performer: [ref<Practitioner>("Practitioner", set.nurseId)],
  };
}

export function vitalObservation(
  id: string,
  item: VitalItem,
  set: ObservationSetRecord,
  context: ObservationContext,
): Observation {
  const common = base(id, context, set, [VITAL_SIGNS]);
  const v = set.vitals;
  switch (item) {
    case "respiratoryRate":
      return {
        ...common,
        code: concept(
          [
            snomed(V.respiratoryRate.snomed[0], "Respiratory rate"),
            loinc(V.respiratoryRate.loinc[0], "Respiratory rate"),
          ],
          "Respiratory rate",
        ),
        valueQuantity: ucum(v.respiratoryRate, UCUM_UNITS.perMinute, "breaths/minute"),
      };
    case "spo2":
      return {
        ...common,
        code: concept(
          [
            snomed(V.spo2.snomed[0], "Haemoglobin saturation with oxygen"),
            loinc(V.spo2.loinc[0], "Oxygen saturation in Arterial blood"),
            loinc(V.spo2.loinc[1], "Oxygen saturation in Arterial blood by Pulse oximetry"),
          ],
          "Oxygen saturation",
        ),
        valueQuantity: ucum(v.spo2, UCUM_UNITS.percent, "%"),
      };
    case "airOrOxygen":
      return v.onOxygen
        ? {
            ...common,
            code: concept([snomed(ON_OXYGEN_SNOMED, "Patient on oxygen")], "On oxygen"),
            ...(v.oxygenFlow === undefined
              ? {}
              : {
                  component: [
                    {
                      code: concept([loinc(V.inspiredOxygen.loinc[1], "Inhaled oxygen flow rate")]),
                      valueQuantity: ucum(v.oxygenFlow, UCUM_UNITS.litresPerMinute, "L/min"),
                    },
                  ],
                }),
          }
        : {
            ...common,
            code: concept([snomed(BREATHING_ROOM_AIR_SNOMED, "Breathing room air")], "On air"),
          };
    case "bloodPressure":
      return {
        ...common,
        code: concept(
          [
            snomed(V.bloodPressurePanel.snomed[0], "Blood pressure"),
            loinc(V.bloodPressurePanel.loinc[0], "Blood pressure panel with all children optional"),
          ],
          "Blood pressure",
        ),
        component: [
          {
            code: concept([
              snomed(V.systolicBP.snomed[0], "Systolic arterial pressure"),
              loinc(V.systolicBP.loinc[0], "Systolic blood pressure"),
            ]),
            valueQuantity: ucum(v.systolicBP, UCUM_UNITS.mmHg, "mmHg"),
          },
          {
            code: concept([
              snomed(V.diastolicBP.snomed[0], "Diastolic arterial pressure"),
              loinc(V.diastolicBP.loinc[0], "Diastolic blood pressure"),
            ]),
            valueQuantity: ucum(v.diastolicBP, UCUM_UNITS.mmHg, "mmHg"),
          },
        ],
      };
    case "pulse":
      return {
        ...common,
        code: concept(
          [snomed(V.pulse.snomed[0], "Pulse rate"), loinc(V.pulse.loinc[0], "Heart rate")],
          "Pulse rate",
        ),
        valueQuantity: ucum(v.pulse, UCUM_UNITS.perMinute, "beats/minute"),
      };
    case "consciousness": {
      const value = ACVPU_VALUE[v.consciousness];
      return {
        ...common,
        code: concept(
          [snomed(V.consciousness.snomed[0], "ACVPU (Alert Confusion Voice Pain Unresponsive) scale score")],
          "ACVPU",
        ),
        valueCodeableConcept: concept([snomed(value.code, value.display)], value.display),
      };
    }
    case "temperature":
      return {
        ...common,
        code: concept(
          [
            snomed(V.temperature.snomed[0], "Core body temperature"),
            loinc(V.temperature.loinc[0], "Body temperature"),
          ],
          "Temperature",
        ),
        valueQuantity: ucum(v.temperature, UCUM_UNITS.celsius, "degree Celsius"),
      };
  }
}

function subScoreComponent(code: string, display: string, value: number): ObservationComponent {
  return { code: concept([snomed(code, display)]), valueQuantity: ucum(value, UCUM_UNITS.score, "score") };
}

/** The documented NEWS2 total of a complete set (UK Core EarlyWarningTotalScore). */
export function news2Observation(
  id: string,
  set: ObservationSetRecord,
  context: ObservationContext,
  readingIds: readonly string[],
): Observation {
  const documented = set.documented;
  if (documented === undefined) throw new RangeError("a NEWS2 total needs a documented score");
  const s = documented.subScores;
  const prefix = "Royal College of Physicians NEWS2 (National Early Warning Score 2)";
  const spo2Component =
    set.scale === 2
      ? subScoreComponent(NEWS2_SNOMED.spo2Scale2Score, `${prefix} - oxygen saturation scale 2 score`, s.spo2)
      : subScoreComponent(
          NEWS2_SNOMED.spo2Scale1Score,
          `${prefix} - oxygen saturation scale 1 score`,
          s.spo2,
        );
  const method =
    documented.method === "hand-entered"
      ? coding(
          ADDITIONAL_SYSTEM.vigilScoreMethod,
          NEWS2_SCORE_METHOD.handEntered,
          "Added up and entered by hand",
        )
      : coding(
          ADDITIONAL_SYSTEM.vigilScoreMethod,
          NEWS2_SCORE_METHOD.calculated,
          "Calculated by the observations system",
        );
  return {
    ...base(id, context, set, [SURVEY]),
    code: concept([snomed(NEWS2_SNOMED.total, `${prefix} total score`)], "NEWS2 total score"),
    valueQuantity: ucum(documented.total, UCUM_UNITS.score, "score"),
    method: concept([method]),
    derivedFrom: readingIds.map((readingId) => ref<Observation>("Observation", readingId)),
    component: [
      subScoreComponent(
        NEWS2_SNOMED.respirationRateScore,
        `${prefix} - respiration rate score`,
        s.respiratoryRate,
      ),
      spo2Component,
      subScoreComponent(NEWS2_SNOMED.airOrOxygenScore, `${prefix} - air or oxygen score`, s.airOrOxygen),
      subScoreComponent(
        NEWS2_SNOMED.systolicScore,
        `${prefix} - systolic blood pressure score`,
        s.systolicBP,
      ),
      subScoreComponent(NEWS2_SNOMED.pulseScore, `${prefix} - pulse score`, s.pulse),
      subScoreComponent(NEWS2_SNOMED.consciousnessScore, `${prefix} - consciousness score`, s.consciousness),
      subScoreComponent(NEWS2_SNOMED.temperatureScore, `${prefix} - temperature score`, s.temperature),
    ],
  };
}
