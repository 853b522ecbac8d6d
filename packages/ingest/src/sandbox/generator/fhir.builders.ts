import type { CodeableConcept, Coding, Quantity, Reference, Resource } from "@medplum/fhirtypes";
import { SYSTEM, type UCUM_UNITS } from "../../terminology/default-codes.js";

/** Small constructors so every coding the generator writes names its system from default-codes. */

export function coding(system: string, code: string, display?: string): Coding {
  return display === undefined ? { system, code } : { system, code, display };
}

export function concept(codings: readonly Coding[], text?: string): CodeableConcept {
  return text === undefined ? { coding: [...codings] } : { coding: [...codings], text };
}

export function snomed(code: string, display?: string): Coding {
  return coding(SYSTEM.snomed, code, display);
}

export function loinc(code: string, display?: string): Coding {
  return coding(SYSTEM.loinc, code, display);
}

export function icd10(code: string, display?: string): Coding {
  return coding(SYSTEM.icd10, code, display);
}

export type UcumUnit = (typeof UCUM_UNITS)[keyof typeof UCUM_UNITS];

export function ucum(value: number, code: UcumUnit, unit: string): Quantity {
  return { value, unit, system: SYSTEM.ucum, code };
}

/** A relative literal reference (`Patient/<id>`); bundle output rewrites it to `urn:uuid:<id>` where needed. */
export function ref<T extends Resource>(
  resourceType: T["resourceType"],
  id: string,
  display?: string,
): Reference<T> {
  const reference = `${resourceType}/${id}`;
  return display === undefined ? { reference } : { reference, display };
}
