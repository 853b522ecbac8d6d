import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../run-cli.js";
import { captureOutput } from "../../../test/support/capture-output.js";

describe("vigil start", () => {
  // A data folder of its own: the embedded database lives on disk.
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), "vigil-start-"));
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it("serves the sandbox, ingests it into the embedded database and ends with the stats", async () => {
    const io = captureOutput();
    const code = await runCli(["start", "--demo"], { env: { VIGIL_DATA_DIR: dataDir }, cwd: "/", ...io });
    expect(code).toBe(0);
    const lines = io.out().trim().split("\n");
    expect(lines[0]).toMatch(/^Vigil database ready: pglite/);
    expect(lines[1]).toMatch(/^Sandbox FHIR server at http:\/\/127\.0\.0\.1:\d+\/fhir/);
    expect(JSON.parse(lines.at(-1)!)).toEqual({
      patients: 12,
      deceasedPatients: 0,
      encounters: 12,
      inpatientEncounters: 12,
      vitalSignObservations: 504,
      observationSets: 72,
      conditions: 0,
      pneumoniaPatients: 0,
      quarantined: 0,
    });
  });
});
