import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Bundle, Resource } from "@medplum/fhirtypes";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { generateHospital } from "./generate-hospital.js";
import { HOSPITAL_BUNDLE_FILE, writeSandboxFiles } from "./sandbox-files.writer.js";
import { SandboxError } from "./sandbox.error.js";

const OPTIONS = { seed: 21, beds: 12, days: 3 } as const;

function references(value: unknown, into: string[] = []): string[] {
  if (Array.isArray(value)) for (const item of value) references(item, into);
  else if (value !== null && typeof value === "object") {
    for (const [key, item] of Object.entries(value)) {
      if (key === "reference" && typeof item === "string") into.push(item);
      else references(item, into);
    }
  }
  return into;
}

let out: string;
beforeEach(async () => {
  out = await mkdtemp(join(tmpdir(), "vigil-sandbox-"));
});
afterEach(async () => {
  await rm(out, { recursive: true, force: true });
});

describe("writeSandboxFiles", () => {
  it("writes the hospital and one transaction Bundle per patient with urn:uuid references inside each", async () => {
    const summary = await writeSandboxFiles({ ...OPTIONS, out });
    const files = (await readdir(out)).sort();
    expect(files).toContain(HOSPITAL_BUNDLE_FILE);
    expect(files).toHaveLength(summary.files);
    expect(summary.patients).toBe(files.length - 1);
    const hospital = JSON.parse(await readFile(join(out, HOSPITAL_BUNDLE_FILE), "utf8")) as Bundle;
    const shared = new Set(
      hospital.entry?.map((entry) => `${entry.resource?.resourceType}/${entry.resource?.id}`),
    );
    expect(hospital.type).toBe("transaction");

    let resources = 0;
    for (const file of files.filter((name) => name !== HOSPITAL_BUNDLE_FILE)) {
      const bundle = JSON.parse(await readFile(join(out, file), "utf8")) as Bundle;
      expect(bundle.type).toBe("transaction");
      const fullUrls = new Set(bundle.entry?.map((entry) => entry.fullUrl));
      const patients = bundle.entry?.filter((entry) => entry.resource?.resourceType === "Patient") ?? [];
      expect(patients).toHaveLength(1);
      expect(file).toContain(patients[0]?.resource?.id ?? "missing");
      for (const entry of bundle.entry ?? []) {
        expect(entry.fullUrl).toBe(`urn:uuid:${entry.resource?.id}`);
        expect(entry.request).toEqual({
          method: "PUT",
          url: `${entry.resource?.resourceType}/${entry.resource?.id}`,
        });
        for (const reference of references(entry.resource)) {
          if (reference.startsWith("urn:uuid:")) expect(fullUrls.has(reference), reference).toBe(true);
          else expect(shared.has(reference), reference).toBe(true);
        }
        resources += 1;
      }
    }
    expect(resources + (hospital.entry?.length ?? 0)).toBe(
      Object.values(summary.resources).reduce((sum, count) => sum + count, 0),
    );
  });

  it("writes one NDJSON file per resource type with the same resources as the stream", async () => {
    const summary = await writeSandboxFiles({ ...OPTIONS, out, format: "ndjson" });
    const files = (await readdir(out)).sort();
    expect(files).toEqual(
      Object.keys(summary.resources)
        .map((type) => `${type}.ndjson`)
        .sort(),
    );
    const written = new Map<string, string>();
    for (const file of files) {
      const lines = (await readFile(join(out, file), "utf8")).trimEnd().split("\n");
      for (const line of lines) {
        const resource = JSON.parse(line) as Resource;
        expect(`${resource.resourceType}.ndjson`).toBe(file);
        written.set(`${resource.resourceType}/${resource.id ?? ""}`, line);
      }
    }
    const expected = [...generateHospital(OPTIONS)];
    expect(written.size).toBe(expected.length);
    for (const resource of expected) {
      expect(written.get(`${resource.resourceType}/${resource.id ?? ""}`)).toBe(JSON.stringify(resource));
    }
  });

  it("writes exactly the requested number of Observations for a benchmark dataset", async () => {
    const summary = await writeSandboxFiles({
      seed: 4,
      beds: 40,
      maxObservations: 3000,
      out,
      format: "ndjson",
    });
    expect(summary.resources["Observation"]).toBe(3000);
    const lines = (await readFile(join(out, "Observation.ndjson"), "utf8")).trimEnd().split("\n");
    expect(lines).toHaveLength(3000);
  });

  it("stops between patients when its signal is aborted", async () => {
    const controller = new AbortController();
    controller.abort();
    const summary = await writeSandboxFiles({ ...OPTIONS, out, signal: controller.signal });
    expect(summary.complete).toBe(false);
    expect(summary.patients).toBe(0);
  });

  it("rejects an unknown format with an invalid-option error", async () => {
    await expect(writeSandboxFiles({ ...OPTIONS, out, format: "csv" as "ndjson" })).rejects.toMatchObject({
      code: "invalid-option",
    });
    await expect(writeSandboxFiles({ ...OPTIONS, out, format: "csv" as "ndjson" })).rejects.toBeInstanceOf(
      SandboxError,
    );
  });
});
