import { type CodedCondition, normaliseIcd10, terminologyOf } from "./coded-condition.js";

/** A diagnosis cohort by explicit SNOMED CT codes and ICD-10 code prefixes. */
export interface CohortDefinition {
  readonly id: string;
  readonly name: string;
  readonly snomed: readonly string[];
  /** Matched as prefixes of the dot-less code: "J18" matches J18.0–J18.9; "J44.0" matches J44.0 only. */
  readonly icd10Prefixes: readonly string[];
}

/**
 * Pneumonia (INDICATORS.md §4.1): the SHMI pneumonia group's ICD-10 core J12–J18 (AHRQ CCS 122) and the
 * SNOMED CT members of `<< 233604007 |Pneumonia|` listed there. A full `<<` expansion needs a terminology
 * server; this list is the default and sites extend it by configuration.
 */
export const PNEUMONIA_COHORT: CohortDefinition = Object.freeze({
  id: "pneumonia",
  name: "Pneumonia",
  snomed: Object.freeze([
    "233604007", // Pneumonia
    "53084003", // Bacterial pneumonia
    "75570004", // Viral pneumonia
    "385093006", // Community-acquired pneumonia
    "425464007", // Hospital-acquired pneumonia
    "278516003", // Lobar pneumonia
    "312342009", // Infective pneumonia
    "396285007", // Bronchopneumonia
  ]),
  icd10Prefixes: Object.freeze(["J12", "J13", "J14", "J15", "J16", "J17", "J18"]),
});

/**
 * Chest infection: pneumonia plus lower respiratory tract infection (INDICATORS.md §4.1: SNOMED
 * `<< 50417007`, ICD-10 J20 acute bronchitis, J22 unspecified acute LRTI, J44.0 COPD with acute LRTI).
 * These extra codes fall outside SHMI's pneumonia group, so this cohort is not SHMI-comparable.
 */
export const CHEST_INFECTION_COHORT: CohortDefinition = Object.freeze({
  id: "chest-infection",
  name: "Chest infection (pneumonia and lower respiratory tract infection)",
  snomed: Object.freeze([
    ...PNEUMONIA_COHORT.snomed,
    "50417007", // Lower respiratory tract infection
    "10509002", // Acute bronchitis (ICD-10 J20; the code Synthea records)
  ]),
  icd10Prefixes: Object.freeze([...PNEUMONIA_COHORT.icd10Prefixes, "J20", "J22", "J44.0"]),
});

/**
 * Whether a coded condition belongs to a cohort: exact SNOMED CT concept ids, ICD-10 by dot-less prefix.
 *
 * @example
 * inCohort({ codeSystem: "http://hl7.org/fhir/sid/icd-10", code: "J18.9" }, PNEUMONIA_COHORT); // true
 * inCohort({ codeSystem: "icd10", code: "J44.1" }, CHEST_INFECTION_COHORT);                   // false
 */
export function inCohort(condition: CodedCondition, cohort: CohortDefinition): boolean {
  const terminology = terminologyOf(condition.codeSystem);
  if (terminology === "snomed") return cohort.snomed.includes(condition.code.trim());
  if (terminology === "icd10") {
    const code = normaliseIcd10(condition.code);
    return cohort.icd10Prefixes.some((prefix) => code.startsWith(normaliseIcd10(prefix)));
  }
  return false;
}
