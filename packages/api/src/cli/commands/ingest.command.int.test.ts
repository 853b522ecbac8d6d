import { spawn, type ChildProcess } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { generatorFeed, startSandbox, type Sandbox } from "@vigil/ingest";
import { openPostgresDriver } from "@vigil/db";
import { createTestPostgres, type TestPostgres } from "@vigil/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../run-cli.js";
import { captureOutput } from "../../../test/support/capture-output.js";

// The issue-5 "done when", through the `vigil` command: a sync killed with SIGKILL at arbitrary points and
// restarted ends with exactly the `vigil stats --json` of an uninterrupted sync of the same server.
const cli = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "cli.ts");

async function statsJson(url: string): Promise<Record<string, number>> {
  const io = captureOutput();
  const code = await runCli(["stats", "--json"], { env: { DATABASE_URL: url }, cwd: "/", ...io });
  expect(io.err()).toBe("");
  expect(code).toBe(0);
  return JSON.parse(io.out()) as Record<string, number>;
}

function spawnIngest(url: string, baseUrl: string): ChildProcess {
  return spawn(
    process.execPath,
    [
      "--conditions=@vigil/source",
      "--import",
      "tsx",
      cli,
      "ingest",
      "--fhir-base-url",
      baseUrl,
      "--once",
      "--page-size",
      "20",
      "--source",
      "sandbox",
    ],
    { env: { ...process.env, DATABASE_URL: url, VIGIL_LOG_LEVEL: "silent" }, stdio: "ignore" },
  );
}

async function rawCount(url: string): Promise<number> {
  const driver = await openPostgresDriver(url, { max: 1 });
  try {
    // Before the child has migrated the database the table does not exist yet: nothing stored.
    const rows = await driver
      .withConnection((c) => c.query<{ n: number }>("SELECT count(*)::int AS n FROM raw_resource"))
      .catch(() => [{ n: 0 }]);
    return rows[0]?.n ?? 0;
  } finally {
    await driver.close();
  }
}

function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => child.once("exit", (code) => resolve(code)));
}

describe("vigil ingest killed with SIGKILL and restarted", () => {
  let sandbox: Sandbox;
  const databases: TestPostgres[] = [];

  beforeAll(async () => {
    sandbox = await startSandbox({
      data: { kind: "feed", feed: generatorFeed({ seed: 11, days: 2, beds: 6 }) },
    });
  });
  afterAll(async () => {
    await sandbox?.close();
    for (const db of databases) await db.drop();
  });

  it("ends with the exact stats of an uninterrupted sync", { timeout: 240_000 }, async () => {
    const reference = await createTestPostgres();
    databases.push(reference);
    const io = captureOutput();
    expect(
      await runCli(["ingest", "--fhir-base-url", sandbox.baseUrl, "--once", "--source", "sandbox"], {
        env: { DATABASE_URL: reference.url, VIGIL_LOG_LEVEL: "silent" },
        cwd: "/",
        ...io,
      }),
    ).toBe(0);
    const expected = await statsJson(reference.url);
    const total = await rawCount(reference.url);
    expect(expected.observationSets).toBeGreaterThan(0);

    const killed = await createTestPostgres();
    databases.push(killed);
    // Slow pages stretch the run so the kills land in the middle of it.
    sandbox.server.faults.set([{ kind: "slow", delayMs: 40 }]);
    try {
      for (const fraction of [0.25, 0.7]) {
        const child = spawnIngest(killed.url, sandbox.baseUrl);
        const done = exited(child);
        let stored = 0;
        while (stored < total * fraction && child.exitCode === null) {
          await new Promise((resolve) => setTimeout(resolve, 50));
          stored = await rawCount(killed.url);
        }
        child.kill("SIGKILL");
        await done;
        const partial = await rawCount(killed.url);
        expect(partial).toBeGreaterThan(0);
        expect(partial).toBeLessThan(total);
      }
    } finally {
      sandbox.server.faults.clear();
    }
    const restart = spawnIngest(killed.url, sandbox.baseUrl);
    expect(await exited(restart)).toBe(0);
    expect(await statsJson(killed.url)).toEqual(expected);
    expect(await rawCount(killed.url)).toBe(total);
  });

  it("reports option mistakes with the usage and exit code 2", async () => {
    const io = captureOutput();
    const code = await runCli(["ingest", "--files", "x", "--fhir-base-url", "http://h/fhir"], {
      env: { VIGIL_DATA_DIR: "memory://" },
      cwd: "/",
      ...io,
    });
    expect(code).toBe(2);
    expect(io.err()).toMatch(
      /^vigil ingest: give exactly one of --fhir-base-url URL or --files DIR \(or --remap --source NAME\)\nUsage: vigil ingest/,
    );
  });
});
