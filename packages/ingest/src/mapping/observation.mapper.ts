import type { CompiledCodes, VitalSignCodeKey } from "../terminology/code-config.js";
import { codingKey } from "../terminology/code-config.js";
import {
  BREATHING_ROOM_AIR_SNOMED,
  ON_OXYGEN_SNOMED,
  SYSTEM,
  VITAL_SIGNS_CATEGORY,
} from "../terminology/default-codes.js";
import {
  asArray,
  asNumber,
  asObject,
  asString,
  codings,
  isObject,
  timing,
  toInstant,
  type CodingValue,
  type JsonObject,
} from "./fhir-values.js";
import {
  MappingProblem,
  type ObservationRows,
  type VitalParameter,
  type VitalSignRow,
} from "./mapped.type.js";
import { referenceTo, type ReferenceScope } from "./reference.js";
import { normaliseQuantity, type UnitKind } from "./units.js";

const UNIT_KIND: Partial<Record<VitalParameter, UnitKind>> = {
  respiratoryRate: "rate",
  pulse: "rate",
  spo2: "percent",
  systolicBP: "pressure",
  temperature: "temperature",
};

const IGNORED_STATUSES = new Set(["entered-in-error", "cancelled"]);

function vitalKey(
  concept: unknown,
  codes: CompiledCodes,
): { key: VitalSignCodeKey; coding: CodingValue } | undefined {
  for (const coding of codings(concept)) {
    const key = codes.vitalByCoding.get(codingKey(coding.system, coding.code));
    if (key !== undefined) return { key, coding };
  }
  return undefined;
}

function isNews2Total(concept: unknown, codes: CompiledCodes): boolean {
  return codings(concept).some((c) => c.system === SYSTEM.snomed && codes.news2Total.has(c.code));
}

function news2Method(concept: unknown, codes: CompiledCodes): string | null {
  for (const coding of codings(concept)) {
    const method = codes.news2MethodByCoding.get(codingKey(coding.system, coding.code));
    if (method !== undefined) return method;
  }
  return null;
}

interface ValueHolder {
  readonly valueQuantity?: unknown;
  readonly valueCodeableConcept?: unknown;
  readonly valueString?: unknown;
  readonly valueInteger?: unknown;
  readonly valueBoolean?: unknown;
}

function quantity(holder: ValueHolder): { value: number; unit: string | undefined } | undefined {
  const q = asObject(holder.valueQuantity);
  const value = asNumber(q?.["value"]) ?? asNumber(holder.valueInteger);
  if (value === undefined) return undefined;
  return { value, unit: asString(q?.["code"]) ?? asString(q?.["unit"]) };
}

function numericRow(
  parameter: VitalParameter,
  holder: ValueHolder,
  fhirId: string,
): VitalSignRow | undefined {
  const q = quantity(holder);
  if (q === undefined) return undefined;
  const kind = UNIT_KIND[parameter];
  const value = kind === undefined ? q.value : normaliseQuantity(kind, q.value, q.unit);
  if (value === undefined) {
    throw new MappingProblem(
      "unsupported-unit",
      `Observation ${fhirId}: ${parameter} in unit "${q.unit ?? ""}" cannot be converted`,
    );
  }
  return { parameter, value, valueCode: null, unit: q.unit ?? null, spo2Scale: null };
}

function acvpuRow(holder: ValueHolder, codes: CompiledCodes): VitalSignRow | undefined {
  for (const coding of codings(holder.valueCodeableConcept)) {
    const letter = codes.acvpu.get(coding.code) ?? codes.acvpuText.get((coding.display ?? "").toLowerCase());
    if (letter !== undefined)
      return { parameter: "consciousness", value: null, valueCode: letter, unit: null, spo2Scale: null };
  }
  const text = asString(holder.valueString) ?? asString(asObject(holder.valueCodeableConcept)?.["text"]);
  const letter = text === undefined ? undefined : codes.acvpuText.get(text.trim().toLowerCase());
  return letter === undefined
    ? undefined
    : { parameter: "consciousness", value: null, valueCode: letter, unit: null, spo2Scale: null };
}

/** Air or oxygen from a coded value (722742002 room air / 371825009 on oxygen), FiO2 (3150-0) or O2 flow (3151-8). */
function oxygenRow(holder: ValueHolder, code: CodingValue | undefined): VitalSignRow | undefined {
  const onOxygen = (flag: boolean, unit: string | null = null): VitalSignRow => ({
    parameter: "onOxygen",
    value: flag ? 1 : 0,
    valueCode: null,
    unit,
    spo2Scale: null,
  });
  if (code?.code === ON_OXYGEN_SNOMED) return onOxygen(true);
  if (code?.code === BREATHING_ROOM_AIR_SNOMED) {
    return holder.valueBoolean === false ? onOxygen(true) : onOxygen(false);
  }
  for (const coding of codings(holder.valueCodeableConcept)) {
    if (coding.code === ON_OXYGEN_SNOMED) return onOxygen(true);
    if (coding.code === BREATHING_ROOM_AIR_SNOMED) return onOxygen(false);
  }
  const q = quantity(holder);
  if (q === undefined)
    return typeof holder.valueBoolean === "boolean" ? onOxygen(holder.valueBoolean) : undefined;
  if (code?.code === "3150-0") {
    const percent = normaliseQuantity("percent", q.value, q.unit);
    return percent === undefined ? undefined : onOxygen(percent > 21, q.unit ?? null);
  }
  const flow = normaliseQuantity("flow", q.value, q.unit);
  return flow === undefined ? undefined : onOxygen(flow > 0, q.unit ?? null);
}

function rowFor(
  key: VitalSignCodeKey,
  coding: CodingValue,
  holder: ValueHolder,
  codes: CompiledCodes,
  fhirId: string,
): VitalSignRow | undefined {
  switch (key) {
    case "respiratoryRate":
    case "pulse":
    case "spo2":
    case "systolicBP":
    case "temperature":
      return numericRow(key, holder, fhirId);
    case "consciousness":
      return acvpuRow(holder, codes);
    case "inspiredOxygen":
      return oxygenRow(holder, coding);
    case "bloodPressurePanel":
    case "diastolicBP":
      return undefined;
  }
}

/**
 * Observation → the NEWS2 readings it carries, by LOINC and UK Core SNOMED codes (INDICATORS.md §1.6):
 * single vital signs, blood-pressure panels (systolic component), SpO2 with FiO2/flow components, ACVPU,
 * air/oxygen, and documented NEWS2 totals (with the SpO2 scale from a scale-1/2 sub-score component, and how
 * the total was produced — hand-entered or calculated, from `Observation.method` — as the row's value code).
 * Units are normalised (°F → °C, kPa → mmHg, fraction → %). Entered-in-error and cancelled Observations
 * give no readings. Observations that are not NEWS2 parameters give an empty list and are kept as raw JSON.
 */
export function mapObservation(
  resource: JsonObject,
  fhirId: string,
  codes: CompiledCodes,
  scope: ReferenceScope,
): ObservationRows | null {
  const isVitalSignsCategory = asArray(resource["category"]).some((category) =>
    codings(category).some((c) => c.code === VITAL_SIGNS_CATEGORY),
  );
  const vitals: VitalSignRow[] = [];
  const status = asString(resource["status"]);
  const main = vitalKey(resource["code"], codes);
  const news2Total = main === undefined && isNews2Total(resource["code"], codes);
  if (main === undefined && !news2Total) return null;
  if (status !== undefined && IGNORED_STATUSES.has(status)) return null;

  if (news2Total) {
    const q = quantity(resource);
    let scale: number | null = null;
    for (const component of asArray(resource["component"])) {
      if (!isObject(component)) continue;
      for (const c of codings(component["code"])) {
        if (codes.spo2Scale2Score.has(c.code)) scale = 2;
        else if (codes.spo2Scale1Score.has(c.code) && scale === null) scale = 1;
      }
    }
    // A NEWS2 total is a whole number from 0 to 20 (RCP 2017); anything else is a recording error, and an
    // observation set stores the documented total as an integer.
    if (q !== undefined && !(Number.isInteger(q.value) && q.value >= 0 && q.value <= 20)) {
      throw new MappingProblem(
        "implausible-value",
        `Observation ${fhirId}: a NEWS2 total of ${q.value} is not a whole number from 0 to 20`,
      );
    }
    if (q !== undefined || scale !== null) {
      vitals.push({
        parameter: "news2Total",
        value: q?.value ?? null,
        // How the total was produced (hand-entered or calculated), for indicator D2.
        valueCode: news2Method(resource["method"], codes),
        unit: q?.unit ?? null,
        spo2Scale: scale,
      });
    }
  } else if (main !== undefined) {
    const own = rowFor(main.key, main.coding, resource, codes, fhirId);
    if (own !== undefined) vitals.push(own);
    for (const component of asArray(resource["component"])) {
      if (!isObject(component)) continue;
      const key = vitalKey(component["code"], codes);
      if (key === undefined || key.key === main.key) continue;
      const row = rowFor(key.key, key.coding, component, codes, fhirId);
      if (row !== undefined && !vitals.some((v) => v.parameter === row.parameter)) vitals.push(row);
    }
  }
  if (vitals.length === 0) return null;

  const patientRef = referenceTo(resource["subject"], "Patient", scope);
  if (patientRef === undefined) {
    throw new MappingProblem("missing-subject", "Observation has no subject reference to a Patient");
  }
  const effective = timing(resource, "effective").start ?? toInstant(resource["issued"]);
  if (effective === null) throw new MappingProblem("missing-effective", "Observation has no effective time");
  return {
    fhirId,
    patientRef,
    encounterRef: referenceTo(resource["encounter"], "Encounter", scope, { onlyTarget: true }) ?? null,
    effectiveAt: effective,
    isVitalSignsCategory,
    vitals,
  };
}
