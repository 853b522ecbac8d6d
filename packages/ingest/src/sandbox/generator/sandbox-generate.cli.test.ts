import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parseSandboxGenerateArgs, runSandboxGenerate } from "./sandbox-generate.cli.js";

function sink(): Writable & { text: () => string } {
  let text = "";
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      text += chunk.toString();
      callback();
    },
  });
  return Object.assign(stream, { text: () => text });
}

let cwd: string;
beforeEach(async () => {
  cwd = await mkdtemp(join(tmpdir(), "vigil-sandbox-cli-"));
});
afterEach(async () => {
  await rm(cwd, { recursive: true, force: true });
});

describe("vigil sandbox generate", () => {
  it("parses every option, resolving --out against the working folder", () => {
    expect(
      parseSandboxGenerateArgs(
        [
          "--out",
          "data",
          "--format",
          "ndjson",
          "--seed",
          "7",
          "--days",
          "14",
          "--beds",
          "30",
          "--start",
          "2025-05-05",
          "--intervention-date",
          "2025-05-12",
          "--observations",
          "1000",
        ],
        "/srv",
      ),
    ).toEqual({
      out: "/srv/data",
      format: "ndjson",
      seed: 7,
      days: 14,
      beds: 30,
      start: "2025-05-05",
      interventionDate: "2025-05-12",
      maxObservations: 1000,
    });
  });

  it("writes NDJSON files and prints what it wrote", async () => {
    const stdout = sink();
    const stderr = sink();
    const code = await runSandboxGenerate(
      ["--out", "out", "--format", "ndjson", "--days", "2", "--beds", "10"],
      {
        cwd,
        stdout,
        stderr,
      },
    );
    expect(code).toBe(0);
    expect(stderr.text()).toBe("");
    expect(stdout.text()).toMatch(/^Wrote \d+ resources for \d+ patients as ndjson in \d+ files to /);
    expect(await readdir(join(cwd, "out"))).toContain("Observation.ndjson");
  });

  it("exits 2 with the usage on a mistake: missing --out, a bad number, a bad date, an unknown option", async () => {
    for (const args of [
      [],
      ["--out", "x", "--days", "two"],
      ["--out", "x", "--intervention-date", "2025-02-30"],
      ["--out", "x", "--wards", "3"],
      ["--out", "x", "--format", "csv"],
      ["--out", "x", "--beds", "0"],
    ]) {
      const stderr = sink();
      expect(await runSandboxGenerate(args, { cwd, stdout: sink(), stderr }), args.join(" ")).toBe(2);
      expect(stderr.text()).toContain("Usage: vigil sandbox generate --out DIR");
    }
  });
});
