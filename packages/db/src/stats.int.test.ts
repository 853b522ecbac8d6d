import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readDataStats } from "./stats.js";
import { openTestDatabase, type TestDatabase, type TestDatabaseKind } from "./testing/index.js";

describe.each<TestDatabaseKind>(["postgres", "pglite"])("readDataStats on %s", (kind) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await openTestDatabase(kind);
  });
  afterAll(async () => {
    await db?.dispose();
  });

  it("counts zero everywhere on an empty database", async () => {
    expect(await readDataStats(db.prisma)).toEqual({
      patients: 0,
      deceasedPatients: 0,
      encounters: 0,
      inpatientEncounters: 0,
      vitalSignObservations: 0,
      observationSets: 0,
      conditions: 0,
      pneumoniaPatients: 0,
      quarantined: 0,
    });
  });

  it("counts each definition of INTERFACES.md C4", async () => {
    const { id: sourceId } = await db.prisma.fhirSource.create({
      data: { name: "s", kind: "files", baseUrl: "x" },
    });
    await db.prisma.patient.createMany({
      data: [
        { sourceId, fhirId: "p1", deceased: true },
        { sourceId, fhirId: "p2" },
        { sourceId, fhirId: "p3" },
      ],
    });
    await db.prisma.encounter.createMany({
      data: [
        { sourceId, fhirId: "e1", patientFhirId: "p1", classCode: "IMP", status: "finished" },
        { sourceId, fhirId: "e2", patientFhirId: "p1", classCode: "ACUTE", status: "finished" },
        { sourceId, fhirId: "e3", patientFhirId: "p2", classCode: "AMB", status: "finished" },
      ],
    });
    await db.prisma.condition.createMany({
      data: [
        // Two pneumonia conditions of one patient count as one pneumonia patient.
        {
          sourceId,
          fhirId: "c1",
          patientFhirId: "p1",
          codeSystem: "snomed",
          code: "233604007",
          isPneumonia: true,
        },
        {
          sourceId,
          fhirId: "c2",
          patientFhirId: "p1",
          codeSystem: "icd10",
          code: "J18.9",
          isPneumonia: true,
        },
        { sourceId, fhirId: "c3", patientFhirId: "p2", codeSystem: "snomed", code: "44054006" },
      ],
    });
    const vital = (id: string, category: string) => ({
      sourceId,
      resourceType: "Observation",
      fhirId: id,
      contentHash: id,
      content: {
        resourceType: "Observation",
        id,
        category: [
          {
            coding: [
              { system: "http://terminology.hl7.org/CodeSystem/observation-category", code: category },
            ],
          },
        ],
      },
    });
    await db.prisma.rawResource.createMany({
      data: [vital("o1", "vital-signs"), vital("o2", "vital-signs"), vital("o3", "laboratory")],
    });
    await db.prisma.observationSet.create({
      data: { sourceId, patientFhirId: "p1", effectiveAt: new Date(), complete: false },
    });
    await db.prisma.quarantinedResource.create({
      data: {
        sourceId,
        code: "invalid-json",
        reason: "Unexpected end of JSON input",
        raw: "{",
        contentHash: "h",
      },
    });

    expect(await readDataStats(db.prisma)).toEqual({
      patients: 3,
      deceasedPatients: 1,
      encounters: 3,
      inpatientEncounters: 2,
      vitalSignObservations: 2,
      observationSets: 1,
      conditions: 3,
      pneumoniaPatients: 1,
      quarantined: 1,
    });
  });
});
