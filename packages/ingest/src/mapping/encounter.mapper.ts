import type { CompiledCodes } from "../terminology/code-config.js";
import { SYSTEM } from "../terminology/default-codes.js";
import {
  asArray,
  asObject,
  asString,
  codings,
  identifiersOf,
  indexedText,
  isObject,
  toInstant,
  type JsonObject,
} from "./fhir-values.js";
import { MappingProblem, type EncounterRow, type WardStayRow } from "./mapped.type.js";
import { referenceTo, type ReferenceScope } from "./reference.js";

/**
 * Encounter → row and its ward stays (every `Encounter.location` entry, in order). The encounter's ward is
 * the last entry whose physical type is a ward ("wa"), else the last entry.
 */
export function mapEncounter(
  resource: JsonObject,
  fhirId: string,
  codes: CompiledCodes,
  scope: ReferenceScope,
): EncounterRow & { wardFhirId: string | null; wardDisplay: string | null } {
  const patientRef = referenceTo(resource["subject"], "Patient", scope);
  if (patientRef === undefined) {
    throw new MappingProblem("missing-subject", "Encounter has no subject reference to a Patient");
  }
  const period = asObject(resource["period"]);
  const hospitalization = asObject(resource["hospitalization"]);
  const stays: (WardStayRow & { physicalType: string | undefined })[] = [];
  for (const [position, entry] of asArray(resource["location"]).entries()) {
    if (!isObject(entry)) continue;
    const location = asObject(entry["location"]);
    const entryPeriod = asObject(entry["period"]);
    stays.push({
      position,
      wardFhirId: referenceTo(location, "Location", scope) ?? null,
      display: indexedText(asString(location?.["display"]) ?? null, "Encounter.location.display"),
      start: toInstant(entryPeriod?.["start"]),
      end: toInstant(entryPeriod?.["end"]),
      physicalType: codings(entry["physicalType"])[0]?.code,
    });
  }
  const wards = stays.filter((stay) => stay.physicalType === "wa");
  const ward = (wards.length > 0 ? wards : stays).at(-1);
  const disposition =
    codings(hospitalization?.["dischargeDisposition"])[0]?.code ?? dischargeMethod(hospitalization);
  const serviceType = codings(resource["serviceType"])[0];
  return {
    fhirId,
    identifiers: identifiersOf(resource),
    patientRef,
    classCode: asString(asObject(resource["class"])?.["code"]) ?? null,
    status: asString(resource["status"]) ?? "unknown",
    periodStart: toInstant(period?.["start"]),
    periodEnd: toInstant(period?.["end"]),
    specialty: serviceType?.display ?? serviceType?.code ?? null,
    admissionMethod: admissionMethod(resource, hospitalization, codes),
    dischargeDisposition: disposition ?? null,
    diedInHospital: disposition !== undefined && codes.diedDischargeCodes.has(disposition),
    stays: stays.map(({ physicalType: _physicalType, ...stay }) => stay),
    wardFhirId: ward?.wardFhirId ?? null,
    wardDisplay: ward?.display ?? null,
  };
}

/** UK Core carries the discharge method in an extension (code 4: patient died). */
function dischargeMethod(hospitalization: JsonObject | undefined): string | undefined {
  for (const extension of asArray(hospitalization?.["extension"])) {
    if (!isObject(extension)) continue;
    if (!(asString(extension["url"]) ?? "").includes("DischargeMethod")) continue;
    return codings(extension["valueCodeableConcept"])[0]?.code;
  }
  return undefined;
}

function admissionMethod(
  resource: JsonObject,
  hospitalization: JsonObject | undefined,
  codes: CompiledCodes,
): "elective" | "emergency" | "other" | null {
  const config = codes.config.admissionMethod;
  for (const extension of [...asArray(resource["extension"]), ...asArray(hospitalization?.["extension"])]) {
    if (!isObject(extension) || !config.extensionUrls.includes(String(extension["url"]))) continue;
    const code =
      codings(extension["valueCodeableConcept"])[0]?.code ??
      asString(asObject(extension["valueCoding"])?.["code"]);
    if (code === undefined) continue;
    if (config.electiveCodes.includes(code)) return "elective";
    if (config.emergencyCodes.includes(code)) return "emergency";
    return "other";
  }
  const priority = codings(resource["priority"]).find(
    (c) => c.system === undefined || c.system === SYSTEM.actPriority,
  );
  if (priority !== undefined) {
    if (config.electivePriorities.includes(priority.code)) return "elective";
    if (config.emergencyPriorities.includes(priority.code)) return "emergency";
  }
  const admitSource = codings(hospitalization?.["admitSource"])[0]?.code;
  if (admitSource !== undefined)
    return config.emergencyAdmitSources.includes(admitSource) ? "emergency" : "other";
  return null;
}
