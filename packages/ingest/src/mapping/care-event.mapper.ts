import type { CompiledCodes } from "../terminology/code-config.js";
import { codingKey } from "../terminology/code-config.js";
import { SYSTEM } from "../terminology/default-codes.js";
import {
  asArray,
  asObject,
  asString,
  codings,
  isObject,
  timing,
  toInstant,
  type CodingValue,
  type JsonObject,
} from "./fhir-values.js";
import { MappingProblem, type CareEventRow, type DeviceRow } from "./mapped.type.js";
import { referenceTo, type ReferenceScope } from "./reference.js";

interface Shape {
  /** The field that names what was done (or given, or used). */
  readonly code: string;
  /** A second place to classify from when the code matches nothing (R4 category). */
  readonly category?: string;
  readonly patient: string;
  readonly encounter?: string;
  /**
   * The encounter element can name nothing but an Encounter (R4 `Reference(Encounter)`), so a Reference with
   * only an identifier needs no `type` there; MedicationAdministration.context may name an EpisodeOfCare.
   */
  readonly encounterOnly?: boolean;
  /** `[x]` prefix of the time of the event: `performed`, `execution`, `effective`, `timing`. */
  readonly timing?: string;
  readonly fallbackTime?: string;
}

/** Where each resource type keeps its code, patient, encounter and time (FHIR R4). */
const SHAPES: Readonly<Record<string, Shape>> = {
  Procedure: {
    code: "code",
    category: "category",
    patient: "subject",
    encounter: "encounter",
    encounterOnly: true,
    timing: "performed",
  },
  Task: {
    code: "code",
    patient: "for",
    encounter: "encounter",
    encounterOnly: true,
    timing: "execution",
    fallbackTime: "authoredOn",
  },
  MedicationAdministration: {
    code: "medicationCodeableConcept",
    category: "category",
    patient: "subject",
    encounter: "context",
    timing: "effective",
  },
  Device: { code: "type", patient: "patient" },
  // R4 DeviceUseStatement has no code of its own: the device it names says what was used.
  DeviceUseStatement: { code: "", patient: "subject", timing: "timing" },
};

export const CARE_EVENT_RESOURCE_TYPES = Object.keys(SHAPES);

function classify(
  concepts: readonly unknown[],
  codes: CompiledCodes,
): { kind: CareEventRow["kind"]; coding: CodingValue | undefined; all: CodingValue[] } {
  const all: CodingValue[] = [];
  for (const concept of concepts) {
    const found = codings(concept);
    for (const coding of found) {
      const kind = codes.careEventByCoding.get(codingKey(coding.system, coding.code));
      if (kind !== undefined) return { kind, coding, all: found };
    }
    all.push(...found);
  }
  return { kind: "other", coding: undefined, all };
}

/** Classification of a Device's type (used for a contained Device too). */
function classifyDevice(device: JsonObject, codes: CompiledCodes): ReturnType<typeof classify> {
  return classify([device["type"]], codes);
}

function preferred(all: readonly CodingValue[]): CodingValue | undefined {
  return all.find((c) => c.system === SYSTEM.snomed) ?? all[0];
}

/** Start and end of a DeviceUseStatement's use: `timingPeriod`, `timingDateTime`, or a Timing's bounds. */
function useTiming(resource: JsonObject): { start: string | null; end: string | null } {
  const simple = timing(resource, "timing");
  if (simple.start !== null) return simple;
  const bounds = asObject(asObject(asObject(resource["timingTiming"])?.["repeat"])?.["boundsPeriod"]);
  return { start: toInstant(bounds?.["start"]), end: toInstant(bounds?.["end"]) };
}

function routeOf(resource: JsonObject): string | null {
  const route = codings(asObject(resource["dosage"])?.["route"]);
  return (route.find((c) => c.system === SYSTEM.snomed) ?? route[0])?.code ?? null;
}

/**
 * Procedure, Task, MedicationAdministration, Device or DeviceUseStatement → a care event, classified by the
 * configured code lists (escalation, clinical review, emergency review, oxygen, antibiotic, scale-2 decision,
 * end-of-life care decision; else "other") — the record's code (a medication's substance, a device's type)
 * first, then its category. A DeviceUseStatement takes the kind of a contained Device, or — through
 * `deviceRef` — of the stored Device it names. R4 Devices carry no time of use: they are classified for the
 * statements that name them and never set `onOxygen` themselves.
 */
export function mapCareEvent(
  resource: JsonObject,
  resourceType: string,
  fhirId: string,
  codes: CompiledCodes,
  scope: ReferenceScope,
): CareEventRow {
  const shape = SHAPES[resourceType];
  if (shape === undefined)
    throw new MappingProblem("unsupported-type", `${resourceType} is not a care event`);
  const patientRef = referenceTo(resource[shape.patient], "Patient", scope);
  if (patientRef === undefined) {
    throw new MappingProblem("missing-subject", `${resourceType} has no reference to a Patient`);
  }
  let deviceRef: string | null = null;
  let classified: ReturnType<typeof classify>;
  if (resourceType === "DeviceUseStatement") {
    const device = asObject(resource["device"]);
    const reference = asString(device?.["reference"]);
    const contained =
      reference?.startsWith("#") === true
        ? asArray(resource["contained"]).find(
            (c): c is JsonObject =>
              isObject(c) && c["resourceType"] === "Device" && c["id"] === reference.slice(1),
          )
        : undefined;
    if (contained !== undefined) classified = classifyDevice(contained, codes);
    else {
      deviceRef = referenceTo(device, "Device", scope) ?? null;
      classified = { kind: "other", coding: undefined, all: [] };
    }
  } else {
    // R4 has one category per record; later versions allow several.
    const category = shape.category === undefined ? undefined : resource[shape.category];
    classified = classify(
      [resource[shape.code], ...(Array.isArray(category) ? (category as unknown[]) : [category])],
      codes,
    );
  }
  const chosen = classified.coding ?? preferred(classified.all);
  const time =
    shape.timing === undefined
      ? { start: null, end: null }
      : shape.timing === "timing"
        ? useTiming(resource)
        : timing(resource, shape.timing);
  const occurredAt =
    time.start ?? (shape.fallbackTime === undefined ? null : toInstant(resource[shape.fallbackTime]));
  return {
    resourceType,
    fhirId,
    patientRef,
    encounterRef:
      shape.encounter === undefined
        ? null
        : (referenceTo(resource[shape.encounter], "Encounter", scope, {
            onlyTarget: shape.encounterOnly === true,
          }) ?? null),
    kind: classified.kind,
    codeSystem: chosen?.system ?? null,
    code: chosen?.code ?? asString(asObject(resource[shape.code])?.["text"]) ?? null,
    status: asString(resource["status"]) ?? null,
    occurredAt,
    endedAt: time.end,
    route: resourceType === "MedicationAdministration" ? routeOf(resource) : null,
    deviceRef,
  };
}

/**
 * Device → its kind (by type), kept whether or not it names a patient so DeviceUseStatements can be
 * classified by it; and, when it names a patient, a care event without a time (drill-down only).
 */
export function mapDevice(
  resource: JsonObject,
  fhirId: string,
  codes: CompiledCodes,
  scope: ReferenceScope,
): DeviceRow {
  const classified = classifyDevice(resource, codes);
  const chosen = classified.coding ?? preferred(classified.all);
  const patientRef = referenceTo(resource["patient"], "Patient", scope) ?? null;
  return {
    fhirId,
    kind: classified.kind,
    codeSystem: chosen?.system ?? null,
    code: chosen?.code ?? null,
    patientRef,
    careEvent: patientRef === null ? null : mapCareEvent(resource, "Device", fhirId, codes, scope),
  };
}
