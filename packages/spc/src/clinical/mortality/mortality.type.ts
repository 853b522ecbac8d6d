import type { SpellRecord } from "../spells/spell.type.js";
import type { Instant } from "../time/instant.js";
import type { ConditionRecord } from "./coded-condition.js";

/** A `patient` row: what mortality and risk adjustment read. */
export interface PatientRecord {
  readonly fhirId: string;
  readonly birthDate?: Instant | null | undefined;
  /** FHIR administrative gender: male | female | other | unknown. */
  readonly sex?: string | null | undefined;
  readonly deceasedAt?: Instant | null | undefined;
}

/** An `encounter` row with the mortality fields. */
export interface MortalitySpellRecord extends SpellRecord {
  /** Discharge disposition says the patient died in hospital. */
  readonly diedInHospital?: boolean | null | undefined;
  /** "elective" | "emergency" | "other" as the ingest normalises it. */
  readonly admissionMethod?: string | null | undefined;
}

export interface MortalityData {
  readonly spells: readonly MortalitySpellRecord[];
  readonly patients: readonly PatientRecord[];
  readonly conditions: readonly ConditionRecord[];
}
