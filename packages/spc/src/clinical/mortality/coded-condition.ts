import type { RecordId } from "../spells/spell.type.js";
import type { Instant } from "../time/instant.js";

/** A coded condition: a `condition` row (code system as stored: "snomed", "icd10" or a system URI). */
export interface CodedCondition {
  readonly codeSystem: string;
  readonly code: string;
}

/** A condition row with the fields that place it on a patient and a spell. */
export interface ConditionRecord extends CodedCondition {
  readonly id?: RecordId | undefined;
  readonly patientFhirId: string;
  readonly encounterId?: RecordId | null | undefined;
  readonly onsetAt?: Instant | null | undefined;
  readonly recordedAt?: Instant | null | undefined;
}

/** The two terminologies the indicators understand. */
export type Terminology = "snomed" | "icd10";

/**
 * Which terminology a stored code system is: the short names the ingest stores, the FHIR system URIs
 * (`http://snomed.info/sct`, `http://hl7.org/fhir/sid/icd-10` and national ICD-10 editions such as
 * `…/icd-10-uk`), or `null` for anything else.
 *
 * @example
 * terminologyOf("http://snomed.info/sct"); // "snomed"
 * terminologyOf("ICD-10");                // "icd10"
 */
export function terminologyOf(codeSystem: string): Terminology | null {
  const system = codeSystem.trim().toLowerCase();
  if (
    system === "snomed" ||
    system === "snomed-ct" ||
    system === "sct" ||
    system.startsWith("http://snomed.info/sct")
  ) {
    return "snomed";
  }
  if (
    system === "icd10" ||
    system === "icd-10" ||
    system.startsWith("http://hl7.org/fhir/sid/icd-10") ||
    system.startsWith("https://fhir.nhs.uk/id/icd-10") ||
    system.includes("icd-10")
  ) {
    return "icd10";
  }
  return null;
}

/**
 * ICD-10 code without the dot, upper case, so "j18.9", "J189" and "J18.9 " compare equal; prefixes in code
 * lists are normalised the same way ("J44.0" → "J440").
 *
 * @example
 * normaliseIcd10("j18.9"); // "J189"
 */
export function normaliseIcd10(code: string): string {
  return code.replace(/[.\s]/g, "").toUpperCase();
}
