import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openTestDatabase, type TestDatabase } from "@vigil/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeSandboxFiles } from "../src/sandbox/generator/sandbox-files.writer.js";
import { ingestFiles } from "../src/sync/ingest.service.js";

/** Every stored observation set of a source, keyed by what it is, not by surrogate keys. */
const SETS = `
  SELECT s.patient_fhir_id, e.fhir_id AS encounter, s.ward_name, s.effective_at, s.respiratory_rate, s.spo2,
         s.spo2_scale, s.on_oxygen, s.systolic_bp, s.pulse, s.consciousness, s.temperature, s.complete,
         s.subscores, s.news2_total, s.clinical_risk, s.red_score, s.documented_total, s.documented_total_method,
         s.score_error, s.reading_fhir_ids, s.patient_id IS NOT NULL AS linked
    FROM observation_set s JOIN fhir_source f ON f.id = s.source_id LEFT JOIN encounter e ON e.id = s.encounter_id
   WHERE f.name = $1
   ORDER BY s.patient_fhir_id, s.effective_at`;

describe("rebuilding observation sets while loading (PostgreSQL)", () => {
  let db: TestDatabase;
  let dir: string;
  beforeAll(async () => {
    db = await openTestDatabase("postgres");
    dir = await mkdtemp(join(tmpdir(), "vigil-background-"));
  });
  afterAll(async () => {
    await db?.dispose();
    await rm(dir, { recursive: true, force: true });
  });

  it("stores exactly the sets of a rebuild at the end, oxygen records arriving after the vital signs included", async () => {
    // Observations come before the Procedures and DeviceUseStatements that put some patients on oxygen, so
    // patients rebuilt early are queued again and rebuilt once more at the end.
    const out = join(dir, "hospital");
    await writeSandboxFiles({ seed: 1, days: 4, beds: 16, out, format: "ndjson" });
    const atEnd = await ingestFiles({
      db,
      path: out,
      sourceName: "at-end",
      batchSize: 100,
      rebuildWhileLoading: false,
    });
    const whileLoading = await ingestFiles({
      db,
      path: out,
      sourceName: "while-loading",
      batchSize: 100,
      rebuildWhileLoading: { patientsPerChunk: 3 },
    });
    const rows = (name: string) => db.prisma.$queryRawUnsafe<Record<string, unknown>[]>(SETS, name);
    const expected = await rows("at-end");
    expect(expected.length).toBeGreaterThan(100);
    expect(await rows("while-loading")).toEqual(expected);
    expect(whileLoading.observationSets).toEqual(atEnd.observationSets);
    const queued = await db.prisma.observationSetDirty.count();
    expect(queued).toBe(0);
  });
});
