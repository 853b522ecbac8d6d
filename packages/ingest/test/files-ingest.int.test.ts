import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase, type TestDatabase, type TestDatabaseKind } from "@vigil/db/testing";
import { describeSync } from "../src/cli/ingest.cli.js";
import { ingestFiles, remapSource } from "../src/sync/ingest.service.js";
import { DEFAULT_CODE_CONFIG, mergeCodeConfig } from "../src/terminology/code-config.js";
import { incompressible, line, vital } from "./support/fixtures.js";
import { stats, syntheaDir } from "./support/sandbox-data.js";

const SYNTHEA_STATS = {
  patients: 4,
  deceasedPatients: 2,
  encounters: 61,
  inpatientEncounters: 4,
  vitalSignObservations: 111,
  observationSets: 22,
  conditions: 20,
  pneumoniaPatients: 1,
  quarantined: 0,
};

describe.each<TestDatabaseKind>(["postgres", "pglite"])("ingesting files into %s", (kind) => {
  let db: TestDatabase;
  let dir: string;
  beforeAll(async () => {
    db = await openTestDatabase(kind);
    dir = await mkdtemp(join(tmpdir(), "vigil-files-"));
  });
  afterAll(async () => {
    await db?.dispose();
    await rm(dir, { recursive: true, force: true });
  });

  it("lands the Synthea Bundles with urn:uuid references resolved, and a re-run is a no-op", async () => {
    const first = await ingestFiles({ db, path: syntheaDir, sourceName: "synthea" });
    expect(first.counts).toMatchObject({ inserted: 479, updated: 0, quarantined: 0, skipped: 226 });
    expect(await stats(db)).toEqual(SYNTHEA_STATS);
    const unlinked = await db.prisma.encounter.count({ where: { patientId: null } });
    expect(unlinked).toBe(0);
    const raw = await db.prisma.rawResource.findFirst({ where: { resourceType: "Patient" } });
    expect((raw?.content as { resourceType?: string }).resourceType).toBe("Patient");

    const again = await ingestFiles({ db, path: syntheaDir, sourceName: "synthea" });
    expect(again.counts).toMatchObject({ inserted: 0, updated: 0, unchanged: 479 });
    expect(await stats(db)).toEqual(SYNTHEA_STATS);
  });

  it("re-runs the mappings over the stored raw JSON when the code lists change, fetching nothing", async () => {
    const noPneumonia = mergeCodeConfig(DEFAULT_CODE_CONFIG, {
      pneumonia: { snomed: [], icd10Prefixes: [] },
    });
    const remapped = await remapSource({ db, sourceName: "synthea", codes: noPneumonia });
    expect(remapped.counts).toMatchObject({ updated: 479, inserted: 0, quarantined: 0 });
    expect(await stats(db)).toEqual({ ...SYNTHEA_STATS, pneumoniaPatients: 0 });
    await remapSource({ db, sourceName: "synthea" });
    expect(await stats(db)).toEqual(SYNTHEA_STATS);
  });

  it("collapses repeated Organization and Practitioner copies by identifier", async () => {
    const organizations = await db.prisma.organization.count();
    await writeFile(
      join(dir, "orgs.ndjson"),
      [
        line({
          resourceType: "Organization",
          id: "org-a",
          identifier: [{ system: "ods", value: "RX1" }],
          name: "Trust",
        }),
        line({
          resourceType: "Organization",
          id: "org-b",
          identifier: [{ system: "ods", value: "RX1" }],
          name: "Trust",
        }),
      ].join("\n"),
    );
    await ingestFiles({ db, path: join(dir, "orgs.ndjson"), sourceName: "orgs" });
    expect(await db.prisma.organization.count()).toBe(organizations + 1);
    await rm(join(dir, "orgs.ndjson"));
  });

  it("resolves references whatever the arrival order, including conditional references", async () => {
    const file = join(dir, "order.ndjson");
    // Observations first, their Patient last; one Observation names its patient by NHS number only.
    await writeFile(
      file,
      [
        line(vital("o-rr", "Patient/late", "9279-1", 24, "/min")),
        line(
          vital(
            "o-hr",
            "Patient?identifier=https://fhir.nhs.uk/Id/nhs-number|9000000017",
            "8867-4",
            120,
            "/min",
          ),
        ),
        line({
          resourceType: "Encounter",
          id: "enc-late",
          status: "in-progress",
          class: { code: "IMP" },
          subject: { reference: "Patient/late" },
        }),
        line({
          resourceType: "Patient",
          id: "late",
          identifier: [{ system: "https://fhir.nhs.uk/Id/nhs-number", value: "9000000017" }],
        }),
      ].join("\n"),
    );
    await ingestFiles({ db, path: file, sourceName: "order", batchSize: 1 });
    const source = await db.prisma.fhirSource.findUniqueOrThrow({ where: { name: "order" } });
    const vitals = await db.prisma.vitalSign.findMany({
      where: { sourceId: source.id },
      orderBy: { fhirId: "asc" },
    });
    expect(vitals.map((v) => [v.fhirId, v.patientFhirId, v.patientId !== null])).toEqual([
      ["o-hr", "late", true],
      ["o-rr", "late", true],
    ]);
    const encounter = await db.prisma.encounter.findFirstOrThrow({ where: { sourceId: source.id } });
    expect(encounter.patientId).not.toBeNull();
    // Both readings were charted together: one (incomplete) set for the resolved patient.
    const sets = await db.prisma.observationSet.findMany({ where: { sourceId: source.id } });
    expect(sets.map((s) => [s.patientFhirId, s.respiratoryRate, s.pulse, s.complete])).toEqual([
      ["late", 24, 120, false],
    ]);
  });

  it("quarantines what cannot be mapped with its reason and raw JSON, lands the rest, and updates newer versions", async () => {
    const file = join(dir, "mixed.ndjson");
    const v1 = {
      ...vital("o-t", "Patient/p9", "8310-5", 98.6, "[degF]"),
      meta: { versionId: "1", lastUpdated: "2025-01-06T10:05:00Z" },
    };
    await writeFile(
      file,
      [
        line({ resourceType: "Patient", id: "p9" }),
        "{ not json",
        line(vital("o-bad-unit", "Patient/p9", "8310-5", 310, "mK")),
        line(v1),
      ].join("\n"),
    );
    const before = (await stats(db)).quarantined;
    const result = await ingestFiles({ db, path: file, sourceName: "mixed" });
    expect(result.counts).toMatchObject({ inserted: 2, quarantined: 2 });
    expect((await stats(db)).quarantined).toBe(before + 2);
    const held = await db.prisma.quarantinedResource.findMany({
      where: { source: { name: "mixed" } },
      orderBy: { code: "asc" },
    });
    expect(held.map((q) => [q.code, q.fhirId])).toEqual([
      ["invalid-json", null],
      ["unsupported-unit", "o-bad-unit"],
    ]);
    expect(held[0]!.raw).toBe("{ not json");
    const temperature = await db.prisma.vitalSign.findFirstOrThrow({ where: { fhirId: "o-t" } });
    expect(temperature.value).toBe(37);

    // A newer version updates; an older one arriving late and an identical re-send change nothing.
    const v2 = {
      ...v1,
      meta: { versionId: "2", lastUpdated: "2025-01-06T11:00:00Z" },
      valueQuantity: { value: 38.2, code: "Cel" },
    };
    await writeFile(file, [line(v2), line(v1)].join("\n"));
    const update = await ingestFiles({ db, path: file, sourceName: "mixed" });
    expect(update.counts).toMatchObject({ updated: 1, inserted: 0 });
    expect((await db.prisma.vitalSign.findFirstOrThrow({ where: { fhirId: "o-t" } })).value).toBe(38.2);
    const resend = await ingestFiles({ db, path: file, sourceName: "mixed" });
    expect(resend.counts).toMatchObject({ updated: 0, inserted: 0 });
    expect((await stats(db)).quarantined).toBe(before + 2);
  });

  it("quarantines a resource PostgreSQL would refuse (a date that does not exist, half a surrogate pair) and lands the rest of its batch", async () => {
    // PostgreSQL refuses 2023-02-30 and a lone \ud800 in jsonb: before they were checked, one such resource failed
    // the whole batch on every re-run, and nothing after it ever landed.
    const file = join(dir, "dates.ndjson");
    await writeFile(
      file,
      [
        line({ resourceType: "Patient", id: "d-ok", birthDate: "1950-01-02" }),
        line({ resourceType: "Patient", id: "d-bad", birthDate: "2023-02-30" }),
        line(vital("d-o1", "Patient/d-ok", "8867-4", 80, "/min", "2025-02-29T10:00:00Z")),
        line(vital("d-o2", "Patient/d-ok", "8867-4", 82, "/min", "2025-03-01T10:00:00+01:00")),
        String.raw`{"resourceType":"Patient","id":"d-surrogate","name":[{"text":"\ud800"}]}`,
      ].join("\n"),
    );
    const result = await ingestFiles({ db, path: file, sourceName: "dates" });
    expect(result.counts).toMatchObject({ inserted: 2, quarantined: 3 });
    // The summary `vigil ingest` prints says why, most frequent first.
    expect(result.quarantinedByCode).toEqual({ "invalid-date": 2, "unsupported-character": 1 });
    expect(describeSync("dates", result)).toMatch(
      /^dates: 2 new, 0 updated, 0 unchanged, 3 quarantined \(invalid-date 2, unsupported-character 1\); /,
    );
    const held = await db.prisma.quarantinedResource.findMany({
      where: { source: { name: "dates" } },
      orderBy: { fhirId: "asc" },
    });
    expect(held.map((q) => [q.code, q.fhirId, q.reason])).toEqual([
      ["invalid-date", "d-bad", 'Patient/d-bad: "2023-02-30" is not a date or time that exists'],
      ["invalid-date", "d-o1", 'Observation/d-o1: "2025-02-29T10:00:00Z" is not a date or time that exists'],
      [
        "unsupported-character",
        "d-surrogate",
        "Patient/d-surrogate contains half a UTF-16 surrogate pair (a lone \\uD800–\\uDFFF escape)",
      ],
    ]);
    const patient = await db.prisma.patient.findFirstOrThrow({ where: { fhirId: "d-ok" } });
    expect(patient.birthDate?.toISOString().slice(0, 10)).toBe("1950-01-02");
    const pulse = await db.prisma.vitalSign.findFirstOrThrow({ where: { fhirId: "d-o2" } });
    expect(pulse.effectiveAt.toISOString()).toBe("2025-03-01T09:00:00.000Z");
  });

  it("quarantines text too long for PostgreSQL's indexes (ward names, identifiers, ids) and lands the rest of its batch", async () => {
    // A B-tree entry holds at most ~2,700 bytes: one longer ward name or identifier failed the whole batch.
    const long = incompressible("ward", 3_000);
    const file = join(dir, "long.ndjson");
    await writeFile(
      file,
      [
        line({ resourceType: "Patient", id: "l-ok" }),
        line({ resourceType: "Patient", id: incompressible("id", 5_000) }),
        line({ resourceType: "Location", id: "l-ward", name: long }),
        line({ resourceType: "Organization", id: "l-org", identifier: [{ system: "urn:x", value: long }] }),
        line({
          resourceType: "Encounter",
          id: "l-enc",
          status: "finished",
          subject: { reference: "Patient/l-ok" },
          period: { start: "2025-01-01T00:00:00Z" },
          location: [{ location: { display: long } }],
        }),
      ].join("\n"),
    );
    const result = await ingestFiles({ db, path: file, sourceName: "long" });
    expect(result.counts).toMatchObject({ inserted: 1, quarantined: 4 });
    const held = await db.prisma.quarantinedResource.findMany({
      where: { source: { name: "long" } },
      orderBy: [{ code: "asc" }, { resourceType: "asc" }],
    });
    expect(held.map((q) => [q.code, q.resourceType, q.fhirId, q.reason])).toEqual([
      ["invalid-id", "Patient", null, "Patient has no valid id"],
      [
        "value-too-long",
        "Encounter",
        "l-enc",
        "Encounter/l-enc: Encounter.location.display is 3,000 characters long; at most 500 are stored",
      ],
      [
        "value-too-long",
        "Location",
        "l-ward",
        "Location/l-ward: Location.name is 3,000 characters long; at most 500 are stored",
      ],
      [
        "value-too-long",
        "Organization",
        "l-org",
        "Organization/l-org: Organization.identifier is 3,006 characters long; at most 500 are stored",
      ],
    ]);
    expect(await db.prisma.patient.count({ where: { source: { name: "long" } } })).toBe(1);
  });

  it("lands a Bundle file that starts with a UTF-8 byte-order mark", async () => {
    // Windows tools and some EHR exports write a BOM; JSON.parse refuses it, so the whole Bundle was quarantined.
    const file = join(dir, "bom-bundle.json");
    const bundle = {
      resourceType: "Bundle",
      type: "collection",
      entry: [
        { resource: { resourceType: "Patient", id: "bom-p" } },
        { resource: vital("bom-o", "Patient/bom-p", "8867-4", 72, "/min") },
      ],
    };
    await writeFile(file, `\uFEFF${JSON.stringify(bundle)}`);
    const result = await ingestFiles({ db, path: file, sourceName: "bom-bundle" });
    expect(result.counts).toMatchObject({ inserted: 2, quarantined: 0 });
    const pulse = await db.prisma.vitalSign.findFirstOrThrow({ where: { fhirId: "bom-o" } });
    expect([pulse.patientFhirId, pulse.value]).toEqual(["bom-p", 72]);
  });

  it("lands every line of an NDJSON file that starts with a byte-order mark, the first hashed as without it", async () => {
    const lines = [
      // A U+FEFF inside a value is data, not a byte-order mark: it stays.
      line({ resourceType: "Patient", id: "bom-n1", name: [{ text: "\uFEFFZoë" }] }),
      line({ resourceType: "Patient", id: "bom-n2" }),
      line(vital("bom-n3", "Patient/bom-n1", "9279-1", 18, "/min")),
    ].join("\r\n");
    const hashes = async (name: string, content: string) => {
      const folder = join(dir, name);
      await mkdir(folder, { recursive: true });
      await writeFile(join(folder, "export.ndjson"), content);
      const result = await ingestFiles({ db, path: folder, sourceName: name });
      expect(result.counts).toMatchObject({ inserted: 3, quarantined: 0 });
      const source = await db.prisma.fhirSource.findUniqueOrThrow({ where: { name } });
      const raw = await db.prisma.rawResource.findMany({
        where: { sourceId: source.id },
        orderBy: { fhirId: "asc" },
      });
      return raw.map((r) => [r.fhirId, r.contentHash, r.content]);
    };
    const withBom = await hashes("ndjson-bom", `\uFEFF${lines}`);
    expect(withBom).toEqual(await hashes("ndjson-plain", lines));
    expect(withBom[0]![2]).toMatchObject({ name: [{ text: "\uFEFFZoë" }] });
  });

  it("lands a resource that comes twice in one first load once, with its newer version", async () => {
    // The first load of a type COPYs without looking anything up; the second copy, in a later transaction,
    // hits the primary key and that transaction is written again with look-ups.
    const folder = join(dir, "twice");
    await mkdir(folder, { recursive: true });
    const older = {
      ...vital("o-twice", "Patient/p-twice", "8867-4", 80, "/min"),
      meta: { lastUpdated: "2025-01-06T10:00:00Z" },
    };
    const newer = {
      ...older,
      meta: { lastUpdated: "2025-01-06T10:30:00Z" },
      valueQuantity: { value: 84, code: "/min" },
    };
    await writeFile(
      join(folder, "a.ndjson"),
      [
        line({ resourceType: "Patient", id: "p-twice" }),
        line(older),
        line(vital("o-a", "Patient/p-twice", "9279-1", 16, "/min")),
      ].join("\n"),
    );
    await writeFile(
      join(folder, "b.ndjson"),
      [line(vital("o-b", "Patient/p-twice", "9279-1", 18, "/min", "2025-01-06T14:00:00Z")), line(newer)].join(
        "\n",
      ),
    );
    // Both copies in one batch: the older gives way, and is counted as received and unchanged.
    const together = join(dir, "together.ndjson");
    await writeFile(
      together,
      [line({ ...newer, id: "o-together" }), line({ ...older, id: "o-together" })].join("\n"),
    );
    const both = await ingestFiles({ db, path: together, sourceName: "together" });
    expect(both.counts).toMatchObject({ received: 2, inserted: 1, unchanged: 1 });
    expect((await db.prisma.vitalSign.findFirstOrThrow({ where: { fhirId: "o-together" } })).value).toBe(84);

    const result = await ingestFiles({ db, path: folder, sourceName: "twice", batchSize: 2 });
    expect(result.counts).toMatchObject({
      received: 5,
      inserted: 4,
      updated: 1,
      unchanged: 0,
      quarantined: 0,
    });
    expect(await db.prisma.rawResource.count({ where: { fhirId: "o-twice" } })).toBe(1);
    expect((await db.prisma.vitalSign.findFirstOrThrow({ where: { fhirId: "o-twice" } })).value).toBe(84);
    const again = await ingestFiles({ db, path: folder, sourceName: "twice", batchSize: 2 });
    expect(again.counts).toMatchObject({ inserted: 0, updated: 0, unchanged: 5 });
  });
});
