import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "./config.js";
import { openDatabase } from "./database.js";

describe("embedded PGlite on disk (the default without DATABASE_URL)", () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), "vigil-data-"));
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it("migrates on first open, keeps rows across restarts, and migrates nothing the second time", async () => {
    const config = loadConfig({ VIGIL_DATA_DIR: dataDir });
    expect(config.database.kind).toBe("pglite");

    const first = await openDatabase(config.database);
    expect(first.migrationsApplied.length).toBeGreaterThan(0);
    await first.prisma.fhirSource.create({
      data: { name: "sandbox", kind: "search", baseUrl: "http://localhost" },
    });
    await first.close();

    const second = await openDatabase(config.database);
    try {
      expect(second.migrationsApplied).toEqual([]);
      expect(second.location).toBe(join(dataDir, "pglite"));
      expect(await second.prisma.fhirSource.count()).toBe(1);
    } finally {
      await second.close();
    }
  });
});
