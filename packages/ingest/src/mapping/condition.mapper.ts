import { charlsonGroup } from "../terminology/charlson.js";
import type { CompiledCodes } from "../terminology/code-config.js";
import { SYSTEM } from "../terminology/default-codes.js";
import {
  asArray,
  asObject,
  asString,
  codings,
  isObject,
  toInstant,
  type CodingValue,
  type JsonObject,
} from "./fhir-values.js";
import { MappingProblem, type ConditionRow } from "./mapped.type.js";
import { referenceTo, type ReferenceScope } from "./reference.js";

function normaliseIcd10(code: string): string {
  return code.replace(/[.\s]/g, "").toUpperCase();
}

function matchesIcd10(code: string, prefixes: readonly string[]): boolean {
  const normalised = normaliseIcd10(code);
  return prefixes.some((prefix) => normalised.startsWith(normaliseIcd10(prefix)));
}

/**
 * Condition → row with cohort flags (INDICATORS.md §4.1 pneumonia and chest infection, §6 pressure ulcers)
 * from the configured code lists. A refuted or entered-in-error Condition keeps its row but joins no cohort.
 */
export function mapCondition(
  resource: JsonObject,
  fhirId: string,
  codes: CompiledCodes,
  scope: ReferenceScope,
): ConditionRow {
  const patientRef = referenceTo(resource["subject"], "Patient", scope);
  if (patientRef === undefined) {
    throw new MappingProblem("missing-subject", "Condition has no subject reference to a Patient");
  }
  const all = codings(resource["code"]);
  const snomed = all.filter((c) => c.system === SYSTEM.snomed);
  const icd10 = all.filter((c) => c.system !== undefined && codes.icd10Systems.has(c.system));
  const primary: CodingValue | undefined = snomed[0] ?? icd10[0] ?? all[0];
  if (primary === undefined) throw new MappingProblem("missing-code", "Condition has no coded code");
  const verification = codings(resource["verificationStatus"])[0]?.code ?? null;
  const counts = verification !== "refuted" && verification !== "entered-in-error";
  const config = codes.config;
  const isPneumonia =
    counts &&
    (snomed.some((c) => codes.pneumoniaSnomed.has(c.code)) ||
      icd10.some((c) => matchesIcd10(c.code, config.pneumonia.icd10Prefixes)));
  const isChestInfection =
    counts &&
    (snomed.some((c) => codes.chestInfectionSnomed.has(c.code)) ||
      icd10.some((c) => matchesIcd10(c.code, config.chestInfection.icd10Prefixes)));
  const ulcerIcd = icd10.find((c) => matchesIcd10(c.code, config.pressureUlcer.icd10Prefixes));
  const isPressureUlcer =
    counts && (ulcerIcd !== undefined || snomed.some((c) => codes.pressureUlcerSnomed.has(c.code)));
  const onset = asObject(resource["onsetPeriod"])?.["start"] ?? resource["onsetDateTime"];
  const charlson = icd10.map((c) => charlsonGroup(c.code)).find((group) => group !== null) ?? null;
  return {
    fhirId,
    patientRef,
    encounterRef: referenceTo(resource["encounter"], "Encounter", scope, { onlyTarget: true }) ?? null,
    codeSystem:
      primary.system === SYSTEM.snomed
        ? "snomed"
        : icd10.includes(primary)
          ? "icd10"
          : (primary.system ?? "unknown"),
    code: primary.code,
    display: primary.display ?? asString(asObject(resource["code"])?.["text"]) ?? null,
    clinicalStatus: codings(resource["clinicalStatus"])[0]?.code ?? null,
    verificationStatus: verification,
    onsetAt: toInstant(onset),
    recordedAt: toInstant(resource["recordedDate"]),
    isPneumonia,
    isChestInfection,
    isPressureUlcer,
    pressureUlcerCategory: isPressureUlcer ? ulcerCategory(ulcerIcd?.code, resource) : null,
    presentOnAdmission: presentOnAdmission(resource, codes),
    charlsonGroup: charlson,
  };
}

/** ICD-10 L89.0–L89.3 are categories 1–4; otherwise a numeric `stage.summary` code 1–6. */
function ulcerCategory(icd10: string | undefined, resource: JsonObject): number | null {
  if (icd10 !== undefined) {
    const digit = /^L89(\d)/.exec(normaliseIcd10(icd10))?.[1];
    if (digit !== undefined && Number(digit) <= 3) return Number(digit) + 1;
  }
  for (const stage of asArray(resource["stage"])) {
    if (!isObject(stage)) continue;
    for (const coding of codings(stage["summary"])) {
      const n = Number(coding.code);
      if (Number.isInteger(n) && n >= 1 && n <= 6) return n;
    }
  }
  return null;
}

function presentOnAdmission(resource: JsonObject, codes: CompiledCodes): boolean | null {
  for (const extension of asArray(resource["extension"])) {
    if (!isObject(extension)) continue;
    if (!codes.config.presentOnAdmissionExtensions.includes(String(extension["url"]))) continue;
    if (typeof extension["valueBoolean"] === "boolean") return extension["valueBoolean"];
    const code = (
      codings(extension["valueCodeableConcept"])[0]?.code ??
      asString(asObject(extension["valueCoding"])?.["code"])
    )?.toUpperCase();
    if (code === "Y" || code === "TRUE") return true;
    if (code === "N" || code === "FALSE") return false;
  }
  return null;
}
