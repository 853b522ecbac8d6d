import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bulkInsert } from "./bulk.js";
import { openDatabase } from "./database.js";
import { openPostgresDriver } from "./driver.js";
import { readMigrations } from "./migrate/migration-files.js";
import { deployMigrations, migrationStatus } from "./migrate/migration-runner.js";
import {
  createTestPostgres,
  openTestDatabase,
  type TestDatabase,
  type TestDatabaseKind,
} from "./testing/index.js";

// Every test here runs twice: against the real PostgreSQL server (a fresh database per run, dropped
// afterwards) and against embedded PGlite.
describe.each<TestDatabaseKind>(["postgres", "pglite"])("data layer on %s", (kind) => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await openTestDatabase(kind);
  });
  afterAll(async () => {
    await db?.dispose();
  });

  it("applies every migration to an empty database", async () => {
    const files = await readMigrations();
    expect(files.length).toBeGreaterThan(0);
    expect(db.kind).toBe(kind);
    expect(db.migrationsApplied).toEqual(files.map((file) => file.name));
    const status = await migrationStatus(db.driver, files);
    expect(status).toEqual({
      applied: files.map((f) => f.name),
      pending: [],
      modified: [],
      failed: [],
      unknown: [],
    });
    const tables = await db.prisma.$queryRawUnsafe<{ table_name: string }[]>(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name`,
    );
    expect(tables.map((t) => t.table_name)).toEqual(
      expect.arrayContaining([
        "_prisma_migrations",
        "annotation",
        "care_event",
        "case_review",
        "condition",
        "encounter",
        "fhir_source",
        "ingest_run",
        "observation_set",
        "patient",
        "quarantined_resource",
        "raw_resource",
        "sync_checkpoint",
        "vital_sign",
        "ward_stay",
      ]),
    );
  });

  it("treats a second deploy as a no-op", async () => {
    const files = await readMigrations();
    expect(await deployMigrations(db.driver, files)).toEqual([]);
    const rows = await db.prisma.$queryRawUnsafe<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM "_prisma_migrations"`,
    );
    expect(rows[0]?.n).toBe(files.length);
  });

  it("refuses to deploy when an applied migration was edited", async () => {
    const files = await readMigrations();
    const edited = files.map((file, index) => (index === 0 ? { ...file, checksum: "0".repeat(64) } : file));
    await expect(deployMigrations(db.driver, edited)).rejects.toMatchObject({
      code: "MIGRATION_CHECKSUM_MISMATCH",
    });
  });

  it("enforces relations and unique constraints", async () => {
    const source = await db.prisma.fhirSource.create({
      data: { name: "constraints", kind: "search", baseUrl: "http://fhir.example/r4" },
    });
    const patient = await db.prisma.patient.create({
      data: { sourceId: source.id, fhirId: "p1", sex: "female", birthDate: new Date("1950-02-03") },
    });
    await expect(
      db.prisma.patient.create({ data: { sourceId: source.id, fhirId: "p1" } }),
    ).rejects.toMatchObject({ code: "P2002" });
    // A foreign key to a patient that does not exist is refused.
    await expect(
      db.prisma.encounter.create({
        data: {
          sourceId: source.id,
          fhirId: "e0",
          patientFhirId: "p404",
          patientId: 999_999,
          status: "finished",
        },
      }),
    ).rejects.toMatchObject({ code: "P2003" });
    const encounter = await db.prisma.encounter.create({
      data: {
        sourceId: source.id,
        fhirId: "e1",
        patientFhirId: "p1",
        patientId: patient.id,
        classCode: "IMP",
        status: "finished",
        periodStart: new Date("2026-01-01T10:00:00Z"),
        wardStays: { create: [{ position: 0, wardName: "Ward 7", start: new Date("2026-01-01T10:00:00Z") }] },
      },
      include: { patient: true, wardStays: true },
    });
    expect(encounter.patient?.fhirId).toBe("p1");
    expect(encounter.wardStays.map((stay) => stay.wardName)).toEqual(["Ward 7"]);
    // raw_resource and vital_sign have no foreign-key constraints (hot path); triggers keep the actions.
    await db.prisma.rawResource.create({
      data: {
        sourceId: source.id,
        resourceType: "Patient",
        fhirId: "p1",
        contentHash: "h",
        content: { resourceType: "Patient", id: "p1" },
      },
    });
    const reading = (fhirId: string) => ({
      sourceId: source.id,
      fhirId,
      patientFhirId: "p1",
      patientId: patient.id,
      encounterFhirId: "e1",
      encounterId: encounter.id,
      parameter: "pulse",
      value: 80,
      effectiveAt: new Date("2026-01-01T11:00:00Z"),
    });
    await db.prisma.vitalSign.createMany({ data: [reading("o1"), reading("o2")] });
    await db.prisma.encounter.delete({ where: { id: encounter.id } });
    expect(
      (await db.prisma.vitalSign.findMany({ where: { sourceId: source.id } })).map((v) => v.encounterId),
    ).toEqual([null, null]);
    await db.prisma.patient.delete({ where: { id: patient.id } });
    expect(
      (await db.prisma.vitalSign.findMany({ where: { sourceId: source.id } })).map((v) => v.patientId),
    ).toEqual([null, null]);
    // Deleting the source removes everything that came from it.
    await db.prisma.fhirSource.delete({ where: { id: source.id } });
    expect(await db.prisma.patient.count({ where: { sourceId: source.id } })).toBe(0);
    expect(await db.prisma.wardStay.count({ where: { encounterId: encounter.id } })).toBe(0);
    expect(await db.prisma.rawResource.count({ where: { sourceId: source.id } })).toBe(0);
    expect(await db.prisma.vitalSign.count({ where: { sourceId: source.id } })).toBe(0);
  });

  it("bulk-inserts rows set-based and upserts only what changed", async () => {
    const source = await db.prisma.fhirSource.create({
      data: { name: "bulk", kind: "files", baseUrl: "file:///data" },
    });
    const columns = [
      { name: "source_id", type: "int4" },
      { name: "resource_type", type: "text" },
      { name: "fhir_id", type: "text" },
      { name: "version_id", type: "text" },
      { name: "last_updated", type: "timestamptz" },
      { name: "content_hash", type: "text" },
      { name: "content", type: "jsonb" },
    ] as const;
    const rows = Array.from({ length: 12_345 }, (_, i) => [
      source.id,
      "Observation",
      `obs-${i}`,
      "1",
      new Date(Date.UTC(2026, 0, 1, 0, 0, i)),
      `hash-${i}`,
      { resourceType: "Observation", id: `obs-${i}`, note: `quote " and backslash \\ ${i}` },
    ]);
    const upsert = {
      table: "raw_resource",
      columns,
      onConflict: {
        target: ["source_id", "resource_type", "fhir_id"],
        update: ["version_id", "last_updated", "content_hash", "content"],
        where: "t.content_hash IS DISTINCT FROM EXCLUDED.content_hash",
      },
    } as const;
    expect(await bulkInsert(db.prisma, { ...upsert, rows })).toBe(12_345);
    // An identical re-send changes nothing.
    expect(await bulkInsert(db.prisma, { ...upsert, rows })).toBe(0);
    // A newer version of two resources updates exactly those two.
    const changed = [rows[7]!, rows[9_000]!].map((row) => [...row.slice(0, 3), "2", row[4], "new", { v: 2 }]);
    expect(await bulkInsert(db.prisma, { ...upsert, rows: changed })).toBe(2);
    expect(await db.prisma.rawResource.count({ where: { sourceId: source.id } })).toBe(12_345);
    const stored = await db.prisma.rawResource.findUniqueOrThrow({
      where: {
        sourceId_resourceType_fhirId: { sourceId: source.id, resourceType: "Observation", fhirId: "obs-8" },
      },
    });
    expect(stored.content).toEqual({
      resourceType: "Observation",
      id: "obs-8",
      note: 'quote " and backslash \\ 8',
    });
    expect(stored.lastUpdated?.toISOString()).toBe("2026-01-01T00:00:08.000Z");
  });

  it("bulk-inserts array columns and NULLs", async () => {
    const source = await db.prisma.fhirSource.create({
      data: { name: "arrays", kind: "files", baseUrl: "x" },
    });
    const inserted = await bulkInsert(db.prisma, {
      table: "observation_set",
      columns: [
        { name: "source_id", type: "int4" },
        { name: "patient_fhir_id", type: "text" },
        { name: "effective_at", type: "timestamptz" },
        { name: "complete", type: "bool" },
        { name: "subscores", type: "int4[]" },
        { name: "reading_fhir_ids", type: "text[]" },
        { name: "news2_total", type: "int4" },
      ],
      rows: [
        [source.id, "p1", "2026-03-01T08:00:00Z", true, [0, 1, 2, 0, 0, 3, 0], ["a,b", 'c"d'], 6],
        [source.id, "p1", "2026-03-01T12:00:00Z", false, [], [], null],
      ],
    });
    expect(inserted).toBe(2);
    const sets = await db.prisma.observationSet.findMany({
      where: { sourceId: source.id },
      orderBy: { effectiveAt: "asc" },
    });
    expect(sets.map((s) => [s.subscores, s.readingFhirIds, s.news2Total])).toEqual([
      [[0, 1, 2, 0, 0, 3, 0], ["a,b", 'c"d'], 6],
      [[], [], null],
    ]);
  });

  it("rolls a bulk batch back with its transaction", async () => {
    const source = await db.prisma.fhirSource.create({
      data: { name: "rollback", kind: "files", baseUrl: "x" },
    });
    await expect(
      db.prisma.$transaction(async (tx) => {
        await bulkInsert(tx, {
          table: "patient",
          columns: [
            { name: "source_id", type: "int4" },
            { name: "fhir_id", type: "text" },
          ],
          rows: [
            [source.id, "a"],
            [source.id, "b"],
          ],
        });
        throw new Error("crash mid-batch");
      }),
    ).rejects.toThrow("crash mid-batch");
    expect(await db.prisma.patient.count({ where: { sourceId: source.id } })).toBe(0);
  });
});

describe("migrations on PostgreSQL", () => {
  it("are applied exactly once when several processes start at once", async () => {
    const server = await createTestPostgres();
    try {
      const files = await readMigrations();
      const drivers = await Promise.all([1, 2, 3].map(() => openPostgresDriver(server.url)));
      try {
        const results = await Promise.all(drivers.map((driver) => deployMigrations(driver, files)));
        expect(results.flat().sort()).toEqual(files.map((file) => file.name).sort());
        const rows = await drivers[0]!.withConnection((c) =>
          c.query<{ n: number }>(`SELECT count(*)::int AS n FROM "_prisma_migrations"`),
        );
        expect(rows[0]?.n).toBe(files.length);
      } finally {
        await Promise.all(drivers.map((driver) => driver.close()));
      }
    } finally {
      await server.drop();
    }
  });

  it("reports an unreachable server in one line naming DATABASE_URL and the host", async () => {
    const error = await openDatabase({
      kind: "postgres",
      url: "postgresql://postgres@127.0.0.1:1/vigil",
      dataDir: "memory://",
      autoMigrate: true,
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "DATABASE_UNREACHABLE" });
    expect((error as Error).message).toBe(
      "Cannot connect to PostgreSQL at 127.0.0.1:1/vigil (DATABASE_URL): connection refused. Is the server running?",
    );
  });

  it("reports a missing database by name", async () => {
    const error = await openDatabase({
      kind: "postgres",
      url: "postgresql://postgres@127.0.0.1:5432/vigil_no_such_database",
      dataDir: "memory://",
      autoMigrate: true,
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "DATABASE_NOT_FOUND" });
    expect((error as Error).message).toMatch(
      /^PostgreSQL at 127\.0\.0\.1:5432\/vigil_no_such_database \(DATABASE_URL\)/,
    );
  });
});
