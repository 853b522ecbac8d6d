import { readFile } from "node:fs/promises";
import { IngestError } from "../errors.js";
import {
  ACVPU_SNOMED,
  ACVPU_TEXT,
  ADMISSION_METHOD,
  BLOOD_PRESSURE_PANEL_LOINC_EXTRA,
  CARE_EVENT_CODES,
  CHEST_INFECTION_ICD10_PREFIXES,
  CHEST_INFECTION_SNOMED,
  DIED_DISCHARGE_CODES,
  ICD10_SYSTEMS,
  INPATIENT_CLASS_CODES,
  NEWS2_EXCLUDED_LOCATIONS,
  NEWS2_METHOD_CODES,
  NEWS2_SNOMED,
  PNEUMONIA_ICD10_PREFIXES,
  PNEUMONIA_SNOMED,
  PRESENT_ON_ADMISSION_EXTENSIONS,
  PRESSURE_ULCER_ICD10_PREFIX,
  PRESSURE_ULCER_SNOMED,
  SYSTEM,
  VITAL_SIGN_CODES,
} from "./default-codes.js";

/** A code in a code system. */
export interface Coding {
  readonly system: string;
  readonly code: string;
}

/**
 * Kinds of care event a Procedure, Task, MedicationAdministration, Device or DeviceUseStatement can be
 * classified as. `end-of-life`: a recorded decision to stop routine observations, whose patients indicators
 * exclude (INDICATORS.md §3).
 */
export type CareEventKind =
  | "escalation"
  | "clinical-review"
  | "emergency-review"
  | "oxygen"
  | "antibiotic"
  | "scale2-decision"
  | "end-of-life";

export const CARE_EVENT_KINDS: readonly CareEventKind[] = [
  "escalation",
  "clinical-review",
  "emergency-review",
  "oxygen",
  "antibiotic",
  "scale2-decision",
  "end-of-life",
];

/** How a documented NEWS2 total was produced (indicator D2 counts hand-entered totals only). */
export type News2Method = "hand-entered" | "calculated";

export type VitalSignCodeKey = keyof typeof VITAL_SIGN_CODES;

/** LOINC and SNOMED codes of one vital-sign concept. */
export interface LoincSnomed {
  readonly loinc: readonly string[];
  readonly snomed: readonly string[];
}

/**
 * Everything the mappers recognise, as plain JSON so a site can override it from a file
 * (`vigil ingest --codes FILE`). Defaults: {@link DEFAULT_CODE_CONFIG}, built from `default-codes.ts`.
 */
export interface CodeConfig {
  readonly vitalSigns: Readonly<Record<VitalSignCodeKey, LoincSnomed>>;
  /** SNOMED ACVPU value → letter. */
  readonly acvpu: Readonly<Record<string, "A" | "C" | "V" | "P" | "U">>;
  /** NEWS2 total codes (SNOMED) and the SpO2 scale-2 sub-score component code. */
  readonly news2Total: readonly string[];
  readonly spo2Scale2Score: readonly string[];
  readonly spo2Scale1Score: readonly string[];
  readonly pneumonia: { readonly snomed: readonly string[]; readonly icd10Prefixes: readonly string[] };
  readonly chestInfection: { readonly snomed: readonly string[]; readonly icd10Prefixes: readonly string[] };
  readonly pressureUlcer: { readonly snomed: readonly string[]; readonly icd10Prefixes: readonly string[] };
  readonly icd10Systems: readonly string[];
  readonly careEvents: Readonly<Record<CareEventKind, readonly Coding[]>>;
  readonly inpatientClassCodes: readonly string[];
  readonly diedDischargeCodes: readonly string[];
  readonly admissionMethod: {
    readonly extensionUrls: readonly string[];
    readonly electiveCodes: readonly string[];
    readonly emergencyCodes: readonly string[];
    readonly electivePriorities: readonly string[];
    readonly emergencyPriorities: readonly string[];
    readonly emergencyAdmitSources: readonly string[];
  };
  readonly presentOnAdmissionExtensions: readonly string[];
  /** `Observation.method` codings of a documented NEWS2 total. */
  readonly news2Method: {
    readonly handEntered: readonly Coding[];
    readonly calculated: readonly Coding[];
  };
  /** Wards where NEWS2 indicators do not apply: `Location.type` codings, or name regular expressions. */
  readonly news2ExcludedLocations: {
    readonly typeCodes: readonly Coding[];
    readonly namePatterns: readonly string[];
  };
}

export const DEFAULT_CODE_CONFIG: CodeConfig = {
  vitalSigns: {
    ...VITAL_SIGN_CODES,
    bloodPressurePanel: {
      loinc: [...VITAL_SIGN_CODES.bloodPressurePanel.loinc, ...BLOOD_PRESSURE_PANEL_LOINC_EXTRA],
      snomed: VITAL_SIGN_CODES.bloodPressurePanel.snomed,
    },
  },
  acvpu: ACVPU_SNOMED,
  news2Total: [NEWS2_SNOMED.total],
  spo2Scale2Score: [NEWS2_SNOMED.spo2Scale2Score],
  spo2Scale1Score: [NEWS2_SNOMED.spo2Scale1Score],
  pneumonia: { snomed: PNEUMONIA_SNOMED, icd10Prefixes: PNEUMONIA_ICD10_PREFIXES },
  chestInfection: {
    snomed: [...PNEUMONIA_SNOMED, ...CHEST_INFECTION_SNOMED],
    icd10Prefixes: [...PNEUMONIA_ICD10_PREFIXES, ...CHEST_INFECTION_ICD10_PREFIXES],
  },
  pressureUlcer: { snomed: PRESSURE_ULCER_SNOMED, icd10Prefixes: [PRESSURE_ULCER_ICD10_PREFIX] },
  icd10Systems: ICD10_SYSTEMS,
  careEvents: CARE_EVENT_CODES,
  inpatientClassCodes: INPATIENT_CLASS_CODES,
  diedDischargeCodes: DIED_DISCHARGE_CODES,
  admissionMethod: {
    extensionUrls: [ADMISSION_METHOD.ukCoreExtension],
    electiveCodes: ADMISSION_METHOD.electiveCodes,
    emergencyCodes: ADMISSION_METHOD.emergencyCodes,
    electivePriorities: ADMISSION_METHOD.electivePriorities,
    emergencyPriorities: ADMISSION_METHOD.emergencyPriorities,
    emergencyAdmitSources: ADMISSION_METHOD.emergencyAdmitSources,
  },
  presentOnAdmissionExtensions: PRESENT_ON_ADMISSION_EXTENSIONS,
  news2Method: NEWS2_METHOD_CODES,
  news2ExcludedLocations: NEWS2_EXCLUDED_LOCATIONS,
};

/**
 * The config compiled for lookups on the hot path: every list becomes a Set keyed `system|code` (or the
 * bare code where the system is implied).
 */
export interface CompiledCodes {
  readonly config: CodeConfig;
  /** `system|code` → vital-sign concept. */
  readonly vitalByCoding: ReadonlyMap<string, VitalSignCodeKey>;
  readonly acvpu: ReadonlyMap<string, "A" | "C" | "V" | "P" | "U">;
  readonly acvpuText: ReadonlyMap<string, "A" | "C" | "V" | "P" | "U">;
  readonly news2Total: ReadonlySet<string>;
  readonly spo2Scale2Score: ReadonlySet<string>;
  readonly spo2Scale1Score: ReadonlySet<string>;
  readonly pneumoniaSnomed: ReadonlySet<string>;
  readonly chestInfectionSnomed: ReadonlySet<string>;
  readonly pressureUlcerSnomed: ReadonlySet<string>;
  readonly icd10Systems: ReadonlySet<string>;
  /** `system|code` → care-event kind (first kind listing it wins, in {@link CARE_EVENT_KINDS} order). */
  readonly careEventByCoding: ReadonlyMap<string, CareEventKind>;
  readonly diedDischargeCodes: ReadonlySet<string>;
  /** `system|code` → how a NEWS2 total was produced. */
  readonly news2MethodByCoding: ReadonlyMap<string, News2Method>;
  /** `system|code` of Location types whose wards are excluded from NEWS2 indicators. */
  readonly news2ExcludedLocationTypes: ReadonlySet<string>;
  readonly news2ExcludedLocationNames: readonly RegExp[];
}

export function codingKey(system: string | undefined, code: string | undefined): string {
  return `${system ?? ""}|${code ?? ""}`;
}

export function compileCodes(config: CodeConfig = DEFAULT_CODE_CONFIG): CompiledCodes {
  const vitalByCoding = new Map<string, VitalSignCodeKey>();
  for (const [key, codes] of Object.entries(config.vitalSigns) as [VitalSignCodeKey, LoincSnomed][]) {
    for (const code of codes.loinc) vitalByCoding.set(codingKey(SYSTEM.loinc, code), key);
    for (const code of codes.snomed) vitalByCoding.set(codingKey(SYSTEM.snomed, code), key);
  }
  const careEventByCoding = new Map<string, CareEventKind>();
  for (const kind of CARE_EVENT_KINDS) {
    for (const coding of config.careEvents[kind] ?? []) {
      const key = codingKey(coding.system, coding.code);
      if (!careEventByCoding.has(key)) careEventByCoding.set(key, kind);
    }
  }
  return {
    config,
    vitalByCoding,
    acvpu: new Map(Object.entries(config.acvpu)),
    acvpuText: new Map(Object.entries(ACVPU_TEXT)),
    news2Total: new Set(config.news2Total),
    spo2Scale2Score: new Set(config.spo2Scale2Score),
    spo2Scale1Score: new Set(config.spo2Scale1Score),
    pneumoniaSnomed: new Set(config.pneumonia.snomed),
    chestInfectionSnomed: new Set(config.chestInfection.snomed),
    pressureUlcerSnomed: new Set(config.pressureUlcer.snomed),
    icd10Systems: new Set(config.icd10Systems),
    careEventByCoding,
    diedDischargeCodes: new Set(config.diedDischargeCodes),
    news2MethodByCoding: new Map([
      ...config.news2Method.calculated.map((c) => [codingKey(c.system, c.code), "calculated"] as const),
      ...config.news2Method.handEntered.map((c) => [codingKey(c.system, c.code), "hand-entered"] as const),
    ]),
    news2ExcludedLocationTypes: new Set(
      config.news2ExcludedLocations.typeCodes.map((c) => codingKey(c.system, c.code)),
    ),
    news2ExcludedLocationNames: config.news2ExcludedLocations.namePatterns.map((pattern) =>
      compilePattern(pattern),
    ),
  };
}

function compilePattern(pattern: string): RegExp {
  try {
    return new RegExp(pattern, "iu");
  } catch (error) {
    throw new IngestError(
      "CODE_CONFIG_INVALID",
      `Code configuration "news2ExcludedLocations.namePatterns" has an invalid regular expression: ${pattern}`,
      { cause: error },
    );
  }
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Overlays a site's overrides on a config. Objects merge key by key; a list in `overrides` replaces the
 * default list; a list under the top-level `"add"` key is appended to it instead:
 * `{ "careEvents": { "escalation": [...] }, "add": { "pneumonia": { "snomed": ["123"] } } }`.
 */
export function mergeCodeConfig(base: CodeConfig, overrides: unknown): CodeConfig {
  if (!isObject(overrides)) {
    throw new IngestError("CODE_CONFIG_INVALID", "A code configuration must be a JSON object.");
  }
  const { add, ...replace } = overrides;
  let merged = overlay(base as unknown as Json, replace as Json, "replace", "");
  if (add !== undefined) merged = overlay(merged, add as Json, "append", "add");
  return merged as unknown as CodeConfig;
}

function overlay(base: Json, patch: Json, lists: "replace" | "append", path: string): Json {
  if (Array.isArray(base)) {
    if (!Array.isArray(patch)) throw invalid(path, "a list");
    return lists === "replace" ? patch : [...base, ...patch];
  }
  if (isObject(base)) {
    if (!isObject(patch)) throw invalid(path, "an object");
    const out: Record<string, Json> = { ...base };
    for (const [key, value] of Object.entries(patch)) {
      const child = path === "" ? key : `${path}.${key}`;
      if (!(key in base)) {
        // Unknown keys are errors, except new care-event kinds' codings and ACVPU values, which are open maps.
        if (path === "acvpu") {
          out[key] = value;
          continue;
        }
        throw new IngestError("CODE_CONFIG_INVALID", `Unknown code configuration key "${child}".`);
      }
      out[key] = overlay(base[key] as Json, value, lists, child);
    }
    return out;
  }
  if (typeof patch !== typeof base) throw invalid(path, typeof base);
  return patch;
}

function invalid(path: string, expected: string): IngestError {
  return new IngestError("CODE_CONFIG_INVALID", `Code configuration "${path}" must be ${expected}.`);
}

/** Reads a JSON file of overrides and merges it over the defaults. */
export async function loadCodeConfig(path: string): Promise<CodeConfig> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    throw new IngestError("CODE_CONFIG_INVALID", `Cannot read code configuration ${path}.`, { cause: error });
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new IngestError("CODE_CONFIG_INVALID", `Code configuration ${path} is not valid JSON.`, {
      cause: error,
    });
  }
  return mergeCodeConfig(DEFAULT_CODE_CONFIG, parsed);
}
