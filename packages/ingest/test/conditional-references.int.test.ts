import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openTestDatabase, type TestDatabase, type TestDatabaseKind } from "@vigil/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ingestNdjson, vital } from "./support/fixtures.js";

const NHS = "https://fhir.nhs.uk/Id/nhs-number";
const MRN = "urn:trust:mrn";
const byNhsNumber = {
  resourceType: "Patient",
  id: "p-nhs",
  identifier: [{ system: NHS, value: "9000000017" }],
};
/** The same value, 4444, under a trust's MRN system and under no system at all. */
const byMrn = { resourceType: "Patient", id: "p-mrn", identifier: [{ system: MRN, value: "4444" }] };
const bySystemless = { resourceType: "Patient", id: "p-bare", identifier: [{ value: "4444" }] };

interface Case {
  readonly name: string;
  /** Observation.subject and Encounter.subject. */
  readonly subject: object;
  readonly patients: readonly object[];
  /** The patient it links to; null: not linked, the conditional reference kept as `stored`. */
  readonly linksTo: string | null;
  readonly stored?: string;
}

const CASES: readonly Case[] = [
  {
    name: "value: the value in any system",
    subject: { reference: "Patient?identifier=9000000017" },
    patients: [byNhsNumber],
    linksTo: "p-nhs",
  },
  {
    name: "a Reference.identifier without a system: the value in any system",
    subject: { type: "Patient", identifier: { value: "9000000017" } },
    patients: [byNhsNumber],
    linksTo: "p-nhs",
  },
  {
    name: "|value: only an identifier without a system",
    subject: { reference: "Patient?identifier=|4444" },
    patients: [byMrn, bySystemless],
    linksTo: "p-bare",
  },
  {
    name: "|value: never an identifier with a system",
    subject: { reference: "Patient?identifier=|9000000017" },
    patients: [byNhsNumber],
    linksTo: null,
    stored: "?identifier=|9000000017",
  },
  {
    name: "system|value: that system only",
    subject: { reference: `Patient?identifier=${MRN}|4444` },
    patients: [byMrn, bySystemless],
    linksTo: "p-mrn",
  },
  {
    name: "value held by two patients (under two systems): ambiguous, not linked",
    subject: { reference: "Patient?identifier=4444" },
    patients: [byMrn, bySystemless],
    linksTo: null,
    stored: "?identifier=4444",
  },
];

/** How the referring resources and their targets arrive: in separate runs either way round, or in one batch. */
const ORDERS = ["references first", "patients first", "one batch"] as const;

describe.each<TestDatabaseKind>(["postgres", "pglite"])("conditional references, on %s", (kind) => {
  let db: TestDatabase;
  let dir: string;
  let sources = 0;
  beforeAll(async () => {
    db = await openTestDatabase(kind);
    dir = await mkdtemp(join(tmpdir(), "vigil-conditional-"));
  });
  afterAll(async () => {
    await db?.dispose();
    await rm(dir, { recursive: true, force: true });
  });

  /** Each list of resources is one run (and one batch) of a fresh source; returns the source's id. */
  const ingestRuns = async (...runs: (readonly object[])[]): Promise<number> => {
    const sourceName = `conditional-${++sources}`;
    const file = join(dir, `${sourceName}.ndjson`);
    for (const resources of runs) await ingestNdjson(db, file, resources, { sourceName });
    return (await db.prisma.fhirSource.findUniqueOrThrow({ where: { name: sourceName } })).id;
  };

  /** What the referring rows hold: the patient's FHIR id (or the reference text) and whether the key is set. */
  const links = async (sourceId: number) => {
    const patients = await db.prisma.patient.findMany({ where: { sourceId } });
    const idOf = new Map(patients.map((p) => [p.id, p.fhirId]));
    const rows = [
      await db.prisma.vitalSign.findFirstOrThrow({ where: { sourceId, fhirId: "o-ref" } }),
      await db.prisma.encounter.findFirstOrThrow({ where: { sourceId, fhirId: "e-ref" } }),
    ];
    return rows.map((r) => ({
      patientFhirId: r.patientFhirId,
      keyOf: r.patientId === null ? null : (idOf.get(r.patientId) ?? "unknown"),
    }));
  };

  for (const c of CASES) {
    it(`resolves ${c.name}, whichever arrives first`, async () => {
      const referring = [
        { ...vital("o-ref", "unused", "8867-4", 88, "/min"), subject: c.subject },
        {
          resourceType: "Encounter",
          id: "e-ref",
          status: "in-progress",
          class: { code: "IMP" },
          subject: c.subject,
        },
      ];
      const expected =
        c.linksTo === null
          ? { patientFhirId: c.stored, keyOf: null }
          : { patientFhirId: c.linksTo, keyOf: c.linksTo };
      for (const order of ORDERS) {
        const sourceId =
          order === "references first"
            ? await ingestRuns(referring, c.patients)
            : order === "patients first"
              ? await ingestRuns(c.patients, referring)
              : await ingestRuns([...referring, ...c.patients]);
        expect({ order, links: await links(sourceId) }).toEqual({ order, links: [expected, expected] });
      }
    });
  }

  it("links rows to a stored patient whose later version gains the identifier, with its key", async () => {
    const subject = { reference: `Patient?identifier=${NHS}|9000000017` };
    const sourceId = await ingestRuns(
      [{ resourceType: "Patient", id: "p-nhs", meta: { lastUpdated: "2025-01-01T00:00:00Z" } }],
      [
        { ...vital("o-ref", "unused", "8867-4", 88, "/min"), subject },
        { resourceType: "Encounter", id: "e-ref", status: "in-progress", class: { code: "IMP" }, subject },
      ],
      [{ ...byNhsNumber, meta: { lastUpdated: "2025-01-02T00:00:00Z" } }],
    );
    const expected = { patientFhirId: "p-nhs", keyOf: "p-nhs" };
    expect(await links(sourceId)).toEqual([expected, expected]);
  });
});
