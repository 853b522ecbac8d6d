import type { CompiledCodes } from "../terminology/code-config.js";
import { codingKey } from "../terminology/code-config.js";
import {
  asArray,
  asString,
  codings,
  identifiersOf,
  indexedText,
  toDate,
  toInstant,
  type JsonObject,
} from "./fhir-values.js";
import type { LocationRow, PatientRow } from "./mapped.type.js";
import { referenceTo } from "./reference.js";

const NHS_NUMBER = "https://fhir.nhs.uk/Id/nhs-number";

/** Patient → row. Deaths: `deceasedBoolean` true or any `deceasedDateTime` (INTERFACES.md C4). */
export function mapPatient(resource: JsonObject, fhirId: string): PatientRow {
  const identifiers = identifiersOf(resource);
  const preferred = identifiers.find((i) => i.system === NHS_NUMBER) ?? identifiers[0];
  const deceasedAt = toInstant(resource["deceasedDateTime"]);
  const gender = asString(resource["gender"]);
  return {
    fhirId,
    identifier: preferred === undefined ? null : `${preferred.system}|${preferred.value}`,
    identifiers,
    birthDate: toDate(resource["birthDate"]),
    sex: gender ?? null,
    deceased: resource["deceasedBoolean"] === true || deceasedAt !== null,
    deceasedAt,
  };
}

/**
 * Location → row; wards are Locations with physicalType "wa". A ward where NEWS2 indicators do not apply
 * (critical care) is recognised by a configured `Location.type` coding or a name pattern.
 */
export function mapLocation(resource: JsonObject, fhirId: string, codes: CompiledCodes): LocationRow {
  const physicalType = asArray((resource["physicalType"] as JsonObject | undefined)?.["coding"])[0] as
    JsonObject | undefined;
  const name = asString(resource["name"]) ?? asString(asArray(resource["alias"])[0]);
  const excludedType = asArray(resource["type"]).some((type) =>
    codings(type).some((c) => codes.news2ExcludedLocationTypes.has(codingKey(c.system, c.code))),
  );
  return {
    fhirId,
    name: indexedText(name ?? `Location/${fhirId}`, "Location.name"),
    physicalType: asString(physicalType?.["code"]) ?? null,
    partOfFhirId: referenceTo(resource["partOf"], "Location") ?? null,
    news2Excluded:
      excludedType ||
      (name !== undefined && codes.news2ExcludedLocationNames.some((pattern) => pattern.test(name))),
    identifiers: identifiersOf(resource),
  };
}
