import { describe, expect, it } from "vitest";
import { runCli } from "./run-cli.js";
import { captureOutput } from "../../test/support/capture-output.js";

describe("vigil CLI", () => {
  it("prints C4's stats object on an empty embedded database", async () => {
    const io = captureOutput();
    const code = await runCli(["stats", "--json"], { env: { VIGIL_DATA_DIR: "memory://" }, cwd: "/", ...io });
    expect(io.err()).toBe("");
    expect(code).toBe(0);
    expect(JSON.parse(io.out())).toEqual({
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

  it("reports a malformed DATABASE_URL in one line naming the variable", async () => {
    const io = captureOutput();
    const code = await runCli(["stats", "--json"], {
      env: { DATABASE_URL: "mysql://db/vigil" },
      cwd: "/",
      ...io,
    });
    expect(code).toBe(1);
    expect(io.err()).toBe(
      'vigil: Invalid DATABASE_URL: has protocol "mysql:" (expected postgresql://user@host:5432/database).\n',
    );
  });

  it("reports an unreachable database in one line naming DATABASE_URL and the host", async () => {
    const io = captureOutput();
    const code = await runCli(["stats"], {
      env: { DATABASE_URL: "postgresql://postgres@127.0.0.1:1/vigil" },
      cwd: "/",
      ...io,
    });
    expect(code).toBe(1);
    expect(io.err()).toBe(
      "vigil: Cannot connect to PostgreSQL at 127.0.0.1:1/vigil (DATABASE_URL): connection refused. Is the server running?\n",
    );
    expect(io.out()).toBe("");
  });

  it("rejects an unknown command with usage and exit code 2", async () => {
    const io = captureOutput();
    expect(await runCli(["frobnicate"], { env: {}, cwd: "/", ...io })).toBe(2);
    expect(io.err()).toMatch(/^vigil: unknown command "frobnicate"/);
    expect(io.err()).toContain("stats");
  });
});
