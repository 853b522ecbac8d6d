import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase, type TestDatabase } from "@vigil/db/testing";
import type { DataChanged } from "../src/events/event-bus.type.js";
import { MemoryEventBus } from "../src/events/memory.event-bus.js";
import type { Sandbox } from "../src/sandbox/server/sandbox.service.js";
import { ingestFromServer } from "../src/sync/ingest.service.js";
import { startSmallHospital, stats } from "./support/sandbox-data.js";

// The "done when" of issue 5 against a real FHIR engine: full sync, second sync, incremental sync after new
// data, and a sync through injected faults all end with the same exact counts as a fresh full sync.
const fastRetry = { baseDelayMs: 20, maxDelayMs: 2_000, retries: 8, timeoutMs: 5_000 };

describe("search sync against the sandbox server (PostgreSQL)", () => {
  let sandbox: Sandbox;
  const dbs: TestDatabase[] = [];
  const open = async () => {
    const db = await openTestDatabase("postgres");
    dbs.push(db);
    return db;
  };

  beforeAll(async () => {
    sandbox = await startSmallHospital();
  });
  afterAll(async () => {
    for (const db of dbs) await db.dispose();
    await sandbox?.close();
  });

  it("lands everything once, changes nothing on a second sync, and catches up incrementally", async () => {
    const db = await open();
    const bus = new MemoryEventBus();
    const changes: DataChanged[] = [];
    bus.subscribe("DataChanged", (event) => changes.push(event));

    const first = await ingestFromServer({
      db,
      baseUrl: sandbox.baseUrl,
      sourceName: "sandbox",
      pageSize: 200,
      bus,
    });
    expect(first.status).toBe("succeeded");
    expect(first.counts.quarantined).toBe(0);
    const full = await stats(db);
    expect(full.patients).toBeGreaterThan(8);
    expect(full.observationSets).toBeGreaterThan(100);
    expect(full.pneumoniaPatients).toBeGreaterThan(0);
    expect(full.inpatientEncounters).toBeGreaterThan(0);
    expect(changes.length).toBeGreaterThan(0);
    expect(changes.some((c) => c.wards.length > 0 && c.from !== null)).toBe(true);
    expect(changes.at(-1)?.resourceTypes).toEqual(["ObservationSet"]);

    const second = await ingestFromServer({
      db,
      baseUrl: sandbox.baseUrl,
      sourceName: "sandbox",
      pageSize: 200,
    });
    expect(second.counts.inserted + second.counts.updated).toBe(0);
    expect(second.counts.received).toBeLessThan(first.counts.received / 10);
    expect(await stats(db)).toEqual(full);

    const added = await sandbox.tick();
    expect(added).toBeGreaterThan(0);
    const third = await ingestFromServer({
      db,
      baseUrl: sandbox.baseUrl,
      sourceName: "sandbox",
      pageSize: 200,
    });
    expect(third.counts.inserted + third.counts.updated).toBeGreaterThan(0);
    const incremental = await stats(db);
    expect(incremental.vitalSignObservations).toBeGreaterThan(full.vitalSignObservations);

    // A fresh database synced once from the same server holds exactly the same.
    const fresh = await open();
    await ingestFromServer({ db: fresh, baseUrl: sandbox.baseUrl, sourceName: "sandbox", pageSize: 500 });
    expect(await stats(fresh)).toEqual(incremental);

    // Through 429s with Retry-After, 500s, slow answers, dropped connections, malformed and truncated pages.
    const faulty = await open();
    sandbox.server.faults.set([
      { kind: "status", status: 429, retryAfterSeconds: 1, every: 7, times: 2 },
      { kind: "status", status: 500, every: 5, times: 3 },
      { kind: "status", status: 503, every: 11, times: 1 },
      { kind: "slow", delayMs: 300, every: 4, times: 2 },
      { kind: "drop", every: 6, times: 2 },
      { kind: "malformed", every: 9, times: 2 },
      { kind: "truncated", every: 13, times: 2 },
    ]);
    const retried: string[] = [];
    try {
      await ingestFromServer({
        db: faulty,
        baseUrl: sandbox.baseUrl,
        sourceName: "sandbox",
        pageSize: 100,
        retry: fastRetry,
        log: (line) => retried.push(line),
      });
    } finally {
      sandbox.server.faults.clear();
    }
    expect(sandbox.server.faults.total()).toBeGreaterThanOrEqual(10);
    expect(retried.some((line) => line.includes("HTTP 429"))).toBe(true);
    expect(retried.some((line) => line.includes("malformed"))).toBe(true);
    expect(await stats(faulty)).toEqual(incremental);
  });

  it("stops with a clear error saying what was kept when the server stays down, and resumes later", async () => {
    const db = await open();
    sandbox.server.faults.set([{ kind: "status", status: 503, match: "/Encounter" }]);
    let failure: unknown;
    try {
      await ingestFromServer({
        db,
        baseUrl: sandbox.baseUrl,
        sourceName: "down",
        retry: { ...fastRetry, retries: 2 },
      });
    } catch (error) {
      failure = error;
    } finally {
      sandbox.server.faults.clear();
    }
    expect(failure).toMatchObject({ code: "SOURCE_UNAVAILABLE" });
    expect((failure as Error).message).toMatch(
      /search Encounter: still failing after 3 attempts \(last: HTTP 503\)/,
    );
    expect((failure as Error).message).toMatch(/Nothing is lost: kept \d+ resources/);
    const partial = await stats(db);
    expect(partial.patients).toBeGreaterThan(0);
    expect(partial.encounters).toBe(0);
    const run = await db.prisma.ingestRun.findFirst({ orderBy: { id: "desc" } });
    expect(run).toMatchObject({ status: "failed" });

    await ingestFromServer({ db, baseUrl: sandbox.baseUrl, sourceName: "down" });
    const reference = await open();
    await ingestFromServer({ db: reference, baseUrl: sandbox.baseUrl, sourceName: "down" });
    expect(await stats(db)).toEqual(await stats(reference));
  });

  it("refuses a next link that leaves the configured server", async () => {
    const db = await open();
    // The server names itself 127.0.0.1 in its links; a client configured for "localhost" must not follow them.
    const wrongBase = sandbox.baseUrl.replace("127.0.0.1", "localhost");
    const failure = ingestFromServer({
      db,
      baseUrl: wrongBase,
      sourceName: "foreign",
      pageSize: 5,
      resourceTypes: ["Patient"],
    });
    await expect(failure).rejects.toMatchObject({ code: "FOREIGN_LINK" });
  });
});
