import { mapCareEvent, mapDevice, CARE_EVENT_RESOURCE_TYPES } from "./care-event.mapper.js";
import { mapCondition } from "./condition.mapper.js";
import { mapEncounter } from "./encounter.mapper.js";
import {
  asArray,
  asObject,
  asString,
  identifierKey,
  indexedText,
  isObject,
  type JsonObject,
} from "./fhir-values.js";
import { MappingProblem, type DirectoryRow, type Mapped, type MappingContext } from "./mapped.type.js";
import { mapObservation } from "./observation.mapper.js";
import { mapLocation, mapPatient } from "./patient.mapper.js";

/** Resource types with a mapper; everything else is kept as raw JSON only. */
export const MAPPED_RESOURCE_TYPES: readonly string[] = [
  "Patient",
  "Location",
  "Encounter",
  "Condition",
  "Observation",
  "Organization",
  "Practitioner",
  ...CARE_EVENT_RESOURCE_TYPES,
];

function nameOf(resource: JsonObject): string | null {
  const name = resource["name"];
  if (typeof name === "string") return name;
  const human = asObject(asArray(name)[0]);
  if (human === undefined) return null;
  const text = asString(human["text"]);
  if (text !== undefined) return text;
  const parts = [...asArray(human["prefix"]), ...asArray(human["given"]), human["family"]].filter(
    (part): part is string => typeof part === "string",
  );
  return parts.length > 0 ? parts.join(" ") : null;
}

function mapDirectory(resource: JsonObject, table: DirectoryRow["table"]): DirectoryRow {
  const first = asArray(resource["identifier"])
    .map(identifierKey)
    .find((key) => key !== undefined);
  return {
    table,
    identifierKey: indexedText(
      first === undefined ? null : `${first.system}|${first.value}`,
      `${table === "organization" ? "Organization" : "Practitioner"}.identifier`,
    ),
    name: nameOf(resource),
  };
}

/**
 * Maps one resource to the rows it contributes. Pure: the same resource and context always give the same
 * rows. Throws {@link MappingProblem} (quarantine with its code); any other exception from a malformed
 * resource is turned into a `mapping-failed` problem by the caller.
 */
export function mapResource(resource: JsonObject, context: MappingContext): Mapped {
  const resourceType = String(resource["resourceType"]);
  const id = String(resource["id"]);
  const { codes, scope } = context;
  switch (resourceType) {
    case "Patient":
      return { table: "patient", row: mapPatient(resource, id) };
    case "Location":
      return { table: "location", row: mapLocation(resource, id, codes) };
    case "Encounter":
      return { table: "encounter", row: mapEncounter(resource, id, codes, scope) };
    case "Condition":
      return { table: "condition", row: mapCondition(resource, id, codes, scope) };
    case "Observation": {
      const row = mapObservation(resource, id, codes, scope);
      return row === null ? { table: "raw" } : { table: "vital_sign", row };
    }
    case "Organization":
      return { table: "directory", row: mapDirectory(resource, "organization") };
    case "Practitioner":
      return { table: "directory", row: mapDirectory(resource, "practitioner") };
    case "Device":
      return { table: "device", row: mapDevice(resource, id, codes, scope) };
    default:
      return CARE_EVENT_RESOURCE_TYPES.includes(resourceType)
        ? { table: "care_event", row: mapCareEvent(resource, resourceType, id, codes, scope) }
        : { table: "raw" };
  }
}

export function isJsonObject(value: unknown): value is JsonObject {
  return isObject(value);
}

export { MappingProblem };
