// Property: whatever a server or file sends, a batch never fails. Synthea and sandbox-hospital resources, each
// with one value somewhere replaced by something malformed or hostile, are ingested into PostgreSQL: every resource either
// lands or is quarantined with a reason, and the run succeeds. Each kind of value here once failed, or could
// fail, a whole batch (an impossible date, half a surrogate pair, an index entry too large, a NUL quoted in a
// quarantine reason, nesting too deep for jsonb's parser). FUZZ_RUNS and FUZZ_SEED explore further than the
// 25 runs CI makes.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase, type TestDatabase, type TestDatabaseKind } from "@vigil/db/testing";
import { MAPPED_RESOURCE_TYPES } from "../src/mapping/resource.mapper.js";
import { generateSandboxDataset } from "../src/sandbox/generator/index.js";
import { ingestFiles } from "../src/sync/ingest.service.js";
import type { SyncResult } from "../src/sync/sync.worker.js";
import { incompressible } from "./support/fixtures.js";
import { syntheaBundles } from "./support/sandbox-data.js";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const deep = (depth: number): Json => (depth === 0 ? "leaf" : { nested: deep(depth - 1) });

/** Values that are wrong in type, range or encoding for some field somewhere. */
const HOSTILE: readonly Json[] = [
  null,
  true,
  0,
  -1,
  1.5,
  1e308,
  -1e308,
  2 ** 31,
  2 ** 53 + 2,
  "",
  " ",
  "x",
  incompressible("n", 3_000),
  "2023-02-30",
  "0000-01-01T00:00:00Z",
  "2024-01-01T24:00:00Z",
  "yesterday",
  "a\u0000b",
  "\ud800",
  "😀",
  "Patient/",
  "Patient/../x",
  "urn:uuid:",
  "Patient?identifier=",
  "http://elsewhere.example/fhir/Patient/1",
  [],
  {},
  [null],
  [{}],
  { reference: 5 },
  { coding: "not a list" },
  deep(60),
  deep(1_500),
  { reference: `Patient?identifier=urn:x|${incompressible("n", 3_000)}` },
  { type: "Patient", identifier: { system: "urn:x", value: incompressible("n", 3_000) } },
  { system: "urn:x", value: incompressible("n", 3_000) },
];

/** Every path into a resource (objects, arrays and leaves), except the resource itself. */
function paths(value: Json, prefix: (string | number)[] = []): (string | number)[][] {
  const out: (string | number)[][] = [];
  if (Array.isArray(value)) {
    value.forEach((item, i) => out.push([...prefix, i], ...paths(item, [...prefix, i])));
  } else if (value !== null && typeof value === "object") {
    for (const [key, item] of Object.entries(value))
      out.push([...prefix, key], ...paths(item, [...prefix, key]));
  }
  return out;
}

function replaceAt(root: Json, path: readonly (string | number)[], value: Json | undefined): Json {
  const copy = structuredClone(root) as { [key: string]: Json };
  let parent: Json = copy;
  for (const step of path.slice(0, -1)) parent = (parent as Record<string | number, Json>)[step]!;
  const last = path.at(-1)!;
  if (value === undefined) {
    if (Array.isArray(parent)) parent.splice(last as number, 1);
    else delete (parent as Record<string, Json>)[last];
  } else {
    (parent as Record<string | number, Json>)[last] = value;
  }
  return copy;
}

/** One value of one resource replaced (or, for undefined, removed): indexes wrap around. */
const mutation = {
  resource: fc.nat(),
  path: fc.nat(),
  value: fc.oneof(fc.constantFrom(...HOSTILE), fc.constant(undefined)),
};
const FUZZ = {
  numRuns: Number(process.env.FUZZ_RUNS ?? 25),
  seed: Number(process.env.FUZZ_SEED ?? 20261126),
};

/** Every line or entry is received (stored, unchanged, superseded by a newer copy, or quarantined) or skipped. */
function expectEveryOneAccountedFor(counts: SyncResult["counts"], sent: number): void {
  const { received, inserted, updated, unchanged, quarantined, skipped } = counts;
  expect(received + skipped).toBe(sent);
  expect(inserted + updated + unchanged + quarantined).toBe(received);
}

describe.each<TestDatabaseKind>(["postgres", "pglite"])(
  "malformed input never fails a batch (%s)",
  (kind) => {
    let db: TestDatabase;
    let dir: string;
    let resources: Json[];
    beforeAll(async () => {
      db = await openTestDatabase(kind);
      dir = await mkdtemp(join(tmpdir(), "vigil-fuzz-"));
      const mapped = new Set(MAPPED_RESOURCE_TYPES);
      const synthea = (await syntheaBundles()).flatMap((bundle) =>
        (bundle.entry ?? []).map((entry) => entry.resource as unknown as Json),
      );
      // The sandbox hospital adds what Synthea lacks (NEWS2 totals, ACVPU, oxygen devices, escalations, wards):
      // two of each kind, so every mapper is hit as often as any.
      const dataset = generateSandboxDataset({ seed: 3, maxObservations: 2_000 });
      const generated = [...dataset.hospital, ...[...dataset.patients].flatMap((p) => p.resources)];
      const perKind = new Map<string, number>();
      const varied = (generated as unknown as Json[]).filter((r) => {
        const resource = r as { resourceType: string; code?: { coding?: { code?: string }[] } };
        const kind = `${resource.resourceType}|${resource.code?.coding?.[0]?.code ?? ""}`;
        perKind.set(kind, (perKind.get(kind) ?? 0) + 1);
        return perKind.get(kind)! <= 2;
      });
      resources = [...synthea, ...varied].filter((r) =>
        mapped.has((r as { resourceType: string }).resourceType),
      );
    });
    afterAll(async () => {
      await db?.dispose();
      await rm(dir, { recursive: true, force: true });
    });

    const mutate = (m: { resource: number; path: number; value: Json | undefined }): Json => {
      const base = resources[m.resource % resources.length]!;
      const all = paths(base);
      return replaceAt(base, all[m.path % all.length]!, m.value);
    };

    it("lands or quarantines every resource, whatever one of its values is replaced by", async () => {
      let run = 0;
      await fc.assert(
        fc.asyncProperty(
          fc.array(fc.record(mutation), { minLength: 20, maxLength: 40 }),
          async (mutations) => {
            run++;
            const lines = mutations.map((m) => JSON.stringify(mutate(m)));
            const file = join(dir, `run-${run}.ndjson`);
            await writeFile(file, lines.join("\n"));
            // A source per run: each starts from nothing, so counts are exact.
            const result = await ingestFiles({ db, path: file, sourceName: `fuzz-${run}` });
            expectEveryOneAccountedFor(result.counts, lines.length);
            const source = await db.prisma.fhirSource.findUniqueOrThrow({ where: { name: `fuzz-${run}` } });
            expect(await db.prisma.rawResource.count({ where: { sourceId: source.id } })).toBe(
              result.counts.inserted,
            );
            const held = await db.prisma.quarantinedResource.findMany({
              where: { source: { name: `fuzz-${run}` } },
            });
            expect(held.every((q) => q.reason.length > 0 && q.code.length > 0)).toBe(true);
          },
        ),
        FUZZ,
      );
    }, 300_000);

    it("does the same for a Bundle of them, its own fullUrls mutated too", async () => {
      let run = 0;
      await fc.assert(
        fc.asyncProperty(
          fc.array(
            fc.record({ ...mutation, fullUrl: fc.oneof(fc.constant("keep"), fc.constantFrom(...HOSTILE)) }),
            { minLength: 10, maxLength: 30 },
          ),
          async (mutations) => {
            run++;
            const entry = mutations.map((m) => {
              const id = (resources[m.resource % resources.length] as { id?: string }).id ?? "";
              return { fullUrl: m.fullUrl === "keep" ? `urn:uuid:${id}` : m.fullUrl, resource: mutate(m) };
            });
            const file = join(dir, `bundle-${run}.json`);
            await writeFile(file, JSON.stringify({ resourceType: "Bundle", type: "collection", entry }));
            const result = await ingestFiles({ db, path: file, sourceName: `fuzz-bundle-${run}` });
            expectEveryOneAccountedFor(result.counts, entry.length);
          },
        ),
        FUZZ,
      );
    }, 300_000);
  },
);
