import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase, type TestDatabase } from "@vigil/db/testing";
import { startSandbox, type Sandbox } from "../src/sandbox/server/sandbox.service.js";
import { sendCredentialsFor } from "../src/sources/bulk/bulk-export.source.js";
import { ingestFromServer } from "../src/sync/ingest.service.js";
import { generatorFeed } from "../src/sandbox/server/generator.feed.js";
import { stats } from "./support/sandbox-data.js";

const fastRetry = { baseDelayMs: 20, maxDelayMs: 2_000, retries: 6, timeoutMs: 10_000 };

describe("Bulk Data $export against the sandbox server (PostgreSQL)", () => {
  let sandbox: Sandbox;
  const dbs: TestDatabase[] = [];
  const open = async () => {
    const db = await openTestDatabase("postgres");
    dbs.push(db);
    return db;
  };
  beforeAll(async () => {
    sandbox = await startSandbox({
      data: { kind: "feed", feed: generatorFeed({ seed: 3, days: 2, beds: 6 }) },
      bulkExport: { processingMs: 1_200, retryAfterSeconds: 1 },
    });
  });
  afterAll(async () => {
    for (const db of dbs) await db.dispose();
    await sandbox?.close();
  });

  it("kicks off, polls with Retry-After, downloads NDJSON and matches a search sync; _since catches up", async () => {
    const viaBulk = await open();
    const logs: string[] = [];
    const first = await ingestFromServer({
      db: viaBulk,
      baseUrl: sandbox.baseUrl,
      mode: "bulk",
      sourceName: "bulk",
      log: (l) => logs.push(l),
    });
    expect(first.counts.quarantined).toBe(0);
    expect(logs.some((l) => /export in progress: \d+% exported/.test(l))).toBe(true);
    const viaSearch = await open();
    await ingestFromServer({ db: viaSearch, baseUrl: sandbox.baseUrl, sourceName: "search" });
    const expected = await stats(viaSearch);
    // $export has no category filter: every Observation is stored raw, the counts of C4 are the same.
    expect(await stats(viaBulk)).toEqual(expected);
    const checkpoint = await viaBulk.prisma.syncCheckpoint.findFirstOrThrow({
      where: { resourceType: "$export" },
    });
    expect(checkpoint.highWater).not.toBeNull();

    await sandbox.tick();
    const second = await ingestFromServer({
      db: viaBulk,
      baseUrl: sandbox.baseUrl,
      mode: "bulk",
      sourceName: "bulk",
    });
    expect(second.counts.received).toBeLessThan(first.counts.received / 2);
    expect(second.counts.inserted + second.counts.updated).toBeGreaterThan(0);
    await ingestFromServer({ db: viaSearch, baseUrl: sandbox.baseUrl, sourceName: "search" });
    expect(await stats(viaBulk)).toEqual(await stats(viaSearch));
  });

  it("records the OperationOutcomes of the error file and survives faults on status and file requests", async () => {
    const db = await open();
    sandbox.server.faults.set([
      { kind: "status", status: 429, retryAfterSeconds: 1, match: "$export-status", times: 1 },
      { kind: "drop", match: "$export-file", times: 1 },
      { kind: "status", status: 500, match: "$export-file", every: 2, times: 1 },
    ]);
    try {
      const result = await ingestFromServer({
        db,
        baseUrl: sandbox.baseUrl,
        mode: "bulk",
        sourceName: "bulk-errors",
        resourceTypes: ["Patient", "Encounter", "NotAType"],
        retry: fastRetry,
      });
      expect(result.issues).toEqual([
        { severity: "error", code: "export-processing", message: "NotAType is not a FHIR resource type" },
      ]);
      const run = await db.prisma.ingestRun.findUniqueOrThrow({ where: { id: result.runId } });
      expect(run.issues).toEqual(result.issues);
    } finally {
      sandbox.server.faults.clear();
    }
    const s = await stats(db);
    expect(s.patients).toBeGreaterThan(0);
    expect(s.encounters).toBe(s.inpatientEncounters);
  });

  it("downloads a file that streams for longer than the request timeout, as long as it keeps arriving", async () => {
    // 25 lines every 30 ms: the Observation file takes well over the 250 ms request timeout in all.
    const slow = await startSandbox({
      data: { kind: "feed", feed: generatorFeed({ seed: 3, days: 1, beds: 4 }) },
      bulkExport: { processingMs: 0, fileLinesPerChunk: 25, fileChunkDelayMs: 30 },
    });
    try {
      expect(slow.server.repository.entries("Observation").length).toBeGreaterThan(20 * 25);
      const db = await open();
      const logs: string[] = [];
      const started = performance.now();
      await ingestFromServer({
        db,
        baseUrl: slow.baseUrl,
        mode: "bulk",
        sourceName: "slow-files",
        retry: { ...fastRetry, timeoutMs: 250 },
        log: (l) => logs.push(l),
      });
      expect(performance.now() - started).toBeGreaterThan(250);
      expect(logs.filter((l) => /interrupted/.test(l))).toEqual([]);
      const viaSearch = await open();
      await ingestFromServer({ db: viaSearch, baseUrl: slow.baseUrl, sourceName: "search" });
      expect(await stats(db)).toEqual(await stats(viaSearch));
    } finally {
      await slow.close();
    }
  });

  it("gives up on a file that stops arriving, saying which and why", async () => {
    const stalled = await startSandbox({
      data: { kind: "feed", feed: generatorFeed({ seed: 3, days: 1, beds: 2 }) },
      bulkExport: { processingMs: 0, fileLinesPerChunk: 2, fileChunkDelayMs: 400 },
    });
    try {
      const failing = ingestFromServer({
        db: await open(),
        baseUrl: stalled.baseUrl,
        mode: "bulk",
        sourceName: "stalled-files",
        retry: { ...fastRetry, retries: 1, timeoutMs: 150 },
      });
      await expect(failing).rejects.toThrow(
        /Bulk Data file http:\S+\$export-file\S+: still failing after 2 attempts \(last: timed out \(no data for 150 ms\)\)/,
      );
    } finally {
      await stalled.close();
    }
  });

  it("sends its access token only to the server's own files, and fetches others only when the manifest allows", () => {
    const base = "https://ehr.example/fhir";
    expect(sendCredentialsFor(`${base}/$export-file/1/Patient.ndjson`, base, true, "Export file")).toBe(true);
    expect(sendCredentialsFor("https://bucket.example/x.ndjson?sig=1", base, false, "Export file")).toBe(
      false,
    );
    expect(() => sendCredentialsFor("https://bucket.example/x.ndjson", base, true, "Export file")).toThrow(
      /Export file https:\/\/bucket.example\/x.ndjson leaves https:\/\/ehr.example\/fhir/,
    );
    // A host that merely starts with the server's is another host.
    expect(() =>
      sendCredentialsFor("https://ehr.example.evil.com/fhir/x.ndjson", base, undefined, "Export file"),
    ).toThrow(/FOREIGN_LINK|leaves/);
  });

  it("exports one Group's patients and the resources that point at them", async () => {
    const patients = sandbox.server.repository.entries("Patient").slice(0, 2);
    await sandbox.server.seed([
      {
        resourceType: "Group",
        id: "ward-round",
        type: "person",
        actual: true,
        member: patients.map((p) => ({ entity: { reference: `Patient/${p.id}` } })),
      },
    ]);
    const db = await open();
    await ingestFromServer({
      db,
      baseUrl: sandbox.baseUrl,
      mode: "bulk",
      groupId: "ward-round",
      sourceName: "group",
    });
    const s = await stats(db);
    expect(s.patients).toBe(2);
    const others = await db.prisma.vitalSign.count({
      where: { patientFhirId: { notIn: patients.map((p) => p.id) } },
    });
    expect(others).toBe(0);
  });
});
