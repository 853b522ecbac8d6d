import type { CompiledCodes } from "../terminology/code-config.js";
import { codingKey } from "../terminology/code-config.js";
import { SYSTEM } from "../terminology/default-codes.js";
import {
  asObject,
  asString,
  codings,
  timing,
  toInstant,
  type CodingValue,
  type JsonObject,
} from "./fhir-values.js";
import { MappingProblem, type CareEventRow } from "./mapped.type.js";
import { referenceTo, type ReferenceScope } from "./reference.js";

/** Where each resource type keeps its code, patient, encounter and time (FHIR R4). */
const SHAPES: Readonly<
  Record<string, { code: string; patient: string; encounter: string; timing: string; fallbackTime?: string }>
> = {
  Procedure: { code: "code", patient: "subject", encounter: "encounter", timing: "performed" },
  Task: {
    code: "code",
    patient: "for",
    encounter: "encounter",
    timing: "execution",
    fallbackTime: "authoredOn",
  },
  MedicationAdministration: {
    code: "medicationCodeableConcept",
    patient: "subject",
    encounter: "context",
    timing: "effective",
  },
  Device: { code: "type", patient: "patient", encounter: "", timing: "" },
};

export const CARE_EVENT_RESOURCE_TYPES = Object.keys(SHAPES);

/**
 * Procedure, Task, MedicationAdministration or Device → a care event, classified by the configured code
 * lists (escalation, clinical review, emergency review, oxygen, antibiotic, scale-2 decision; else
 * "other"). R4 Devices carry no time of use: they are stored for drill-down and never set `onOxygen`.
 *
 * @returns null for a Device that belongs to no patient (stock, not care).
 */
export function mapCareEvent(
  resource: JsonObject,
  resourceType: string,
  fhirId: string,
  codes: CompiledCodes,
  scope: ReferenceScope,
): CareEventRow | null {
  const shape = SHAPES[resourceType];
  if (shape === undefined)
    throw new MappingProblem("unsupported-type", `${resourceType} is not a care event`);
  const patientRef = referenceTo(resource[shape.patient], "Patient", scope);
  if (patientRef === undefined) {
    if (resourceType === "Device") return null;
    throw new MappingProblem("missing-subject", `${resourceType} has no reference to a Patient`);
  }
  const all = codings(resource[shape.code]);
  let kind: CareEventRow["kind"] = "other";
  let chosen: CodingValue | undefined;
  for (const coding of all) {
    const match = codes.careEventByCoding.get(codingKey(coding.system, coding.code));
    if (match !== undefined) {
      kind = match;
      chosen = coding;
      break;
    }
  }
  chosen ??= all.find((c) => c.system === SYSTEM.snomed) ?? all[0];
  const time = shape.timing === "" ? { start: null, end: null } : timing(resource, shape.timing);
  const occurredAt =
    time.start ?? (shape.fallbackTime === undefined ? null : toInstant(resource[shape.fallbackTime]));
  return {
    resourceType,
    fhirId,
    patientRef,
    encounterRef:
      shape.encounter === "" ? null : (referenceTo(resource[shape.encounter], "Encounter", scope) ?? null),
    kind,
    codeSystem: chosen?.system ?? null,
    code: chosen?.code ?? asString(asObject(resource[shape.code])?.["text"]) ?? null,
    status: asString(resource["status"]) ?? null,
    occurredAt,
    endedAt: time.end,
  };
}
