import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openTestDatabase, type TestDatabase, type TestDatabaseKind } from "@vigil/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ingestNdjson, vital } from "./support/fixtures.js";

const NHS = "https://fhir.nhs.uk/Id/nhs-number";
const VISIT = "https://trust.example/visit";
const patient = { resourceType: "Patient", id: "p-nhs", identifier: [{ system: NHS, value: "9000000017" }] };
const encounter = (id: string, identifier: object[], subject: object = { reference: "Patient/p-nhs" }) => ({
  resourceType: "Encounter",
  id,
  identifier,
  status: "in-progress",
  class: { code: "IMP" },
  subject,
});
/** The same visit number, V123, under the trust's visit system, another system, and no system at all. */
const byVisit = encounter("e-visit", [{ system: VISIT, value: "V123" }]);
const byOther = encounter("e-other", [{ system: "urn:other", value: "V123" }]);
const bySystemless = encounter("e-bare", [{ value: "V123" }]);

/** Every row that reads an encounter reference: a vital sign, a Condition and the three care-event types. */
const referring = (encounterRef: object, subject: object = { reference: "Patient/p-nhs" }, suffix = "") => [
  { ...vital(`o-ref${suffix}`, "unused", "8867-4", 88, "/min"), subject, encounter: encounterRef },
  {
    resourceType: "Condition",
    id: `c-ref${suffix}`,
    subject,
    encounter: encounterRef,
    code: { coding: [{ system: "http://snomed.info/sct", code: "233604007" }] },
  },
  {
    resourceType: "Procedure",
    id: `pr-ref${suffix}`,
    status: "completed",
    subject,
    encounter: encounterRef,
    code: { coding: [{ system: "http://snomed.info/sct", code: "57485005" }] },
    performedDateTime: "2025-01-06T10:00:00Z",
  },
  {
    resourceType: "Task",
    id: `t-ref${suffix}`,
    status: "completed",
    intent: "order",
    for: subject,
    encounter: encounterRef,
    code: { text: "review" },
    authoredOn: "2025-01-06T10:00:00Z",
  },
  {
    resourceType: "MedicationAdministration",
    id: `ma-ref${suffix}`,
    status: "completed",
    subject,
    context: encounterRef,
    medicationCodeableConcept: { coding: [{ system: "http://snomed.info/sct", code: "24099007" }] },
    effectiveDateTime: "2025-01-06T10:00:00Z",
  },
];
const ROWS = [
  "vital_sign o-ref",
  "condition c-ref",
  "Procedure pr-ref",
  "Task t-ref",
  "MedicationAdministration ma-ref",
];

interface Case {
  readonly name: string;
  readonly reference: object;
  readonly encounters: readonly object[];
  /** The encounter it links to. */
  readonly linksTo: string;
}

const CASES: readonly Case[] = [
  {
    name: "system|value: that system only",
    reference: { reference: `Encounter?identifier=${VISIT}|V123` },
    encounters: [byVisit, byOther],
    linksTo: "e-visit",
  },
  {
    name: "a Reference.identifier with a system: that system only",
    reference: { type: "Encounter", identifier: { system: VISIT, value: "V123" } },
    encounters: [byVisit, byOther],
    linksTo: "e-visit",
  },
  {
    name: "|value: only an identifier without a system",
    reference: { reference: "Encounter?identifier=|V123" },
    encounters: [byVisit, bySystemless],
    linksTo: "e-bare",
  },
  {
    name: "value: the value in any system",
    reference: { reference: "Encounter?identifier=V123" },
    encounters: [byVisit],
    linksTo: "e-visit",
  },
  {
    name: "a Reference.identifier without a system: the value in any system",
    reference: { type: "Encounter", identifier: { value: "V123" } },
    encounters: [byVisit],
    linksTo: "e-visit",
  },
];

const ORDERS = ["references first", "encounters first", "one batch"] as const;

describe.each<TestDatabaseKind>(["postgres", "pglite"])("encounter references, on %s", (kind) => {
  let db: TestDatabase;
  let dir: string;
  let sources = 0;
  beforeAll(async () => {
    db = await openTestDatabase(kind);
    dir = await mkdtemp(join(tmpdir(), "vigil-encounter-refs-"));
  });
  afterAll(async () => {
    await db?.dispose();
    await rm(dir, { recursive: true, force: true });
  });

  const newSource = () => `encounter-refs-${++sources}`;
  /** One run (and one batch) of `resources` into `sourceName`; returns the source's id. */
  const ingest = async (sourceName: string, resources: readonly object[]): Promise<number> => {
    await ingestNdjson(db, join(dir, `${sourceName}.ndjson`), resources, { sourceName });
    return (await db.prisma.fhirSource.findUniqueOrThrow({ where: { name: sourceName } })).id;
  };
  const ingestRuns = async (...runs: (readonly object[])[]): Promise<number> => {
    const sourceName = newSource();
    let sourceId = 0;
    for (const resources of runs) sourceId = await ingest(sourceName, resources);
    return sourceId;
  };

  /**
   * What each referring row holds, in {@link ROWS} order: the encounter's FHIR id (or the reference text) and
   * whose key it has, and the same for its patient.
   */
  const links = async (sourceId: number, suffix = "") => {
    const encounters = await db.prisma.encounter.findMany({ where: { sourceId } });
    const patients = await db.prisma.patient.findMany({ where: { sourceId } });
    const encounterOf = new Map(encounters.map((e) => [e.id, e.fhirId]));
    const patientOf = new Map(patients.map((p) => [p.id, p.fhirId]));
    const careEvent = (resourceType: string, fhirId: string) =>
      db.prisma.careEvent.findFirstOrThrow({
        where: { sourceId, resourceType, fhirId: `${fhirId}${suffix}` },
      });
    const rows = [
      await db.prisma.vitalSign.findFirstOrThrow({ where: { sourceId, fhirId: `o-ref${suffix}` } }),
      await db.prisma.condition.findFirstOrThrow({ where: { sourceId, fhirId: `c-ref${suffix}` } }),
      await careEvent("Procedure", "pr-ref"),
      await careEvent("Task", "t-ref"),
      await careEvent("MedicationAdministration", "ma-ref"),
    ];
    return rows.map((r, i) => ({
      row: ROWS[i],
      encounterFhirId: r.encounterFhirId,
      encounterKeyOf: r.encounterId === null ? null : (encounterOf.get(r.encounterId) ?? "unknown"),
      patientFhirId: r.patientFhirId,
      patientKeyOf: r.patientId === null ? null : (patientOf.get(r.patientId) ?? "unknown"),
    }));
  };
  const expectRows = (
    encounterFhirId: string | null | undefined,
    encounterKeyOf: string | null,
    patientFhirId: string,
    patientKeyOf: string | null,
  ) => ROWS.map((row) => ({ row, encounterFhirId, encounterKeyOf, patientFhirId, patientKeyOf }));

  describe("conditional references to encounters", () => {
    for (const c of CASES) {
      it(`resolves ${c.name}, whichever arrives first`, async () => {
        const expected = expectRows(c.linksTo, c.linksTo, "p-nhs", "p-nhs");
        const targets = [patient, ...c.encounters];
        for (const order of ORDERS) {
          const sourceId =
            order === "references first"
              ? await ingestRuns(referring(c.reference), targets)
              : order === "encounters first"
                ? await ingestRuns(targets, referring(c.reference))
                : await ingestRuns([...referring(c.reference), ...targets]);
          expect({ order, links: await links(sourceId) }).toEqual({ order, links: expected });
        }
      });
    }

    it("leaves a bare value held by two encounters (under two systems) unlinked, and links one held by one", async () => {
      // Beside the ambiguous V123, a second set of rows names W9, which only e-w holds.
      const byW9 = encounter("e-w", [{ system: VISIT, value: "W9" }]);
      const rows = [
        ...referring({ reference: "Encounter?identifier=V123" }),
        ...referring({ reference: "Encounter?identifier=W9" }, undefined, "-w"),
      ];
      const targets = [patient, byVisit, byOther, byW9];
      for (const order of ORDERS) {
        const sourceId =
          order === "references first"
            ? await ingestRuns(rows, targets)
            : order === "encounters first"
              ? await ingestRuns(targets, rows)
              : await ingestRuns([...rows, ...targets]);
        expect({ order, ambiguous: await links(sourceId), unique: await links(sourceId, "-w") }).toEqual({
          order,
          ambiguous: expectRows("?identifier=V123", null, "p-nhs", "p-nhs"),
          unique: expectRows("e-w", "e-w", "p-nhs", "p-nhs"),
        });
      }
    });

    it("resolves a Reference.identifier without a type where the element can only name an Encounter", async () => {
      const reference = { identifier: { system: VISIT, value: "V123" } };
      const targets = [patient, byVisit];
      // MedicationAdministration.context may name an EpisodeOfCare too: there an identifier alone names nothing.
      const expected = expectRows("e-visit", "e-visit", "p-nhs", "p-nhs").map((row) =>
        row.row.startsWith("MedicationAdministration")
          ? { ...row, encounterFhirId: null, encounterKeyOf: null }
          : row,
      );
      for (const order of ORDERS) {
        const sourceId =
          order === "references first"
            ? await ingestRuns(referring(reference), targets)
            : order === "encounters first"
              ? await ingestRuns(targets, referring(reference))
              : await ingestRuns([...referring(reference), ...targets]);
        expect({ order, links: await links(sourceId) }).toEqual({ order, links: expected });
      }
    });

    it("links rows to a stored encounter whose later version gains the identifier, with its key", async () => {
      const sourceId = await ingestRuns(
        [patient, { ...encounter("e-visit", []), meta: { lastUpdated: "2025-01-01T00:00:00Z" } }],
        referring({ reference: `Encounter?identifier=${VISIT}|V123` }),
        [{ ...byVisit, meta: { lastUpdated: "2025-01-02T00:00:00Z" } }],
      );
      expect(await links(sourceId)).toEqual(expectRows("e-visit", "e-visit", "p-nhs", "p-nhs"));
    });
  });

  describe("encounter keys of rows whose patient is linked later", () => {
    const conditional = { reference: `Patient?identifier=${NHS}|9000000017` };
    const bareConditional = { reference: "Patient?identifier=9000000017" };
    const plain = { reference: "Patient/p-nhs" };
    /** Subjects of the Encounter and of the rows that name it: the patient named by id or by identifier. */
    const SUBJECTS = [
      { name: "rows name their patient by identifier", encounter: plain, rows: conditional },
      { name: "the encounter names its patient by identifier", encounter: conditional, rows: plain },
      { name: "both by identifier, in two token forms", encounter: conditional, rows: bareConditional },
    ] as const;
    const ARRIVALS = [
      ["encounter", "rows", "patient"],
      ["encounter", "patient", "rows"],
      ["rows", "encounter", "patient"],
      ["rows", "patient", "encounter"],
      ["patient", "encounter", "rows"],
      ["patient", "rows", "encounter"],
      ["one batch"],
    ] as const;

    for (const subjects of SUBJECTS) {
      it(`sets the encounter key as soon as the Encounter is stored (${subjects.name}), in every arrival order`, async () => {
        const resources = {
          encounter: [encounter("e1", [], subjects.encounter)],
          rows: referring({ reference: "Encounter/e1" }, subjects.rows),
          patient: [patient],
          "one batch": [] as object[],
        };
        resources["one batch"] = [...resources.rows, ...resources.encounter, ...resources.patient];
        // Every step of every arrival order, compared at once so a failure shows all the steps that miss a key.
        const observed: object[] = [];
        const expected: object[] = [];
        for (const arrival of ARRIVALS) {
          const sourceName = newSource();
          const seen: string[] = [];
          for (const step of arrival) {
            const sourceId = await ingest(sourceName, resources[step]);
            seen.push(step);
            const has = (what: string) => seen.includes(what) || seen.includes("one batch");
            if (!has("rows")) continue;
            const rowsPatient =
              subjects.rows === plain || has("patient")
                ? "p-nhs"
                : `?identifier=${subjects.rows.reference.slice("Patient?identifier=".length)}`;
            const after = seen.join(", ");
            observed.push({ after, links: await links(sourceId) });
            expected.push({
              after,
              links: expectRows(
                "e1",
                has("encounter") ? "e1" : null,
                rowsPatient,
                has("patient") ? "p-nhs" : null,
              ),
            });
          }
        }
        expect(observed).toEqual(expected);
      });
    }
  });
});
