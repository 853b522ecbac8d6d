// Two transactions are written at once on PostgreSQL (SyncRunOptions.writeConnections): a batch COPYs its raw
// JSON beside the batch before it and waits for that one's commit before anything else. These tests hold the
// first batch up on a lock to show the order from the outside.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase, type TestDatabase } from "@vigil/db/testing";
import { ingestFiles } from "../src/sync/ingest.service.js";
import { vital } from "./support/fixtures.js";

const observation = (id: string, at: string) => ({
  ...vital(id, "Patient/w-p", "8867-4", 72, "/min", at),
  encounter: { reference: "Encounter/w-e" },
});

describe("two write connections (postgres)", () => {
  let db: TestDatabase;
  let dir: string;
  let file: string;
  beforeAll(async () => {
    db = await openTestDatabase("postgres");
    dir = await mkdtemp(join(tmpdir(), "vigil-order-"));
    file = join(dir, "order.ndjson");
    await writeFile(
      file,
      [
        { resourceType: "Patient", id: "w-p" },
        {
          resourceType: "Encounter",
          id: "w-e",
          status: "in-progress",
          class: { code: "IMP" },
          subject: { reference: "Patient/w-p" },
          period: { start: "2025-01-06T08:00:00Z" },
        },
        ...Array.from({ length: 8 }, (_, i) => observation(`w-o${i}`, `2025-01-06T1${i}:00:00Z`)),
      ]
        .map((resource) => JSON.stringify(resource))
        .join("\n"),
    );
  });
  afterAll(async () => {
    await db?.dispose();
    await rm(dir, { recursive: true, force: true });
  });

  /** Each line its own transaction, two at a time. */
  const ingest = (sourceName: string) =>
    ingestFiles({ db, path: file, sourceName, batchSize: 1, maxBatchResources: 1, writeConnections: 2 });

  /** A connection of its own, outside the pool the ingest draws from, holding `patient` against writes. */
  async function lockPatients(): Promise<pg.Client> {
    if (db.driver.kind !== "postgres") throw new Error("PostgreSQL only");
    const client = new pg.Client(db.driver.pool.options);
    await client.connect();
    await client.query("BEGIN");
    await client.query("LOCK TABLE patient IN SHARE ROW EXCLUSIVE MODE");
    return client;
  }

  async function lockedBackend(client: pg.Client): Promise<number> {
    for (let i = 0; i < 400; i++) {
      // Inside a transaction PostgreSQL reads activity statistics once and keeps them: read afresh each time.
      await client.query("SELECT pg_stat_clear_snapshot()");
      const { rows } = await client.query<{ pid: number }>(
        `SELECT pid FROM pg_stat_activity
          WHERE wait_event_type = 'Lock' AND datname = current_database() AND query LIKE 'INSERT INTO patient%'`,
      );
      if (rows[0] !== undefined) return rows[0].pid;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error("the Patient batch never waited for the lock");
  }

  const stored = async (sourceName: string) => {
    const source = await db.prisma.fhirSource.findUniqueOrThrow({ where: { name: sourceName } });
    return {
      raw: await db.prisma.rawResource.count({ where: { sourceId: source.id } }),
      vitals: await db.prisma.vitalSign.count({ where: { sourceId: source.id } }),
    };
  };

  it("resolves references to rows the batch before created, though written beside it", async () => {
    const result = await ingest("order-ok");
    expect(result.batches).toBe(10);
    expect(result.counts).toMatchObject({ received: 10, inserted: 10, quarantined: 0 });
    const source = await db.prisma.fhirSource.findUniqueOrThrow({ where: { name: "order-ok" } });
    const rows = await db.prisma.vitalSign.findMany({ where: { sourceId: source.id } });
    expect(rows).toHaveLength(8);
    expect(rows.every((r) => r.patientId !== null && r.encounterId !== null)).toBe(true);
  });

  it("commits nothing after a batch that fails, though the next one has written its raw JSON beside it", async () => {
    const blocker = await lockPatients();
    try {
      const run = ingest("order-fail");
      run.catch(() => undefined);
      const pid = await lockedBackend(blocker);
      // The next batch has COPYed its raw JSON on the second connection and waits for this one's commit.
      for (let i = 0; i < 400; i++) {
        await blocker.query("SELECT pg_stat_clear_snapshot()");
        const { rows } = await blocker.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM pg_stat_activity
            WHERE datname = current_database() AND state = 'idle in transaction' AND query LIKE 'COPY raw_resource%'`,
        );
        if (rows[0]!.n > 0) break;
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      await blocker.query("SELECT pg_cancel_backend($1)", [pid]);
      await blocker.query("ROLLBACK");
      await expect(run).rejects.toThrow(/Sync of "order-fail" failed: .*kept 0 resources/);
    } finally {
      await blocker.end();
    }
    expect(await stored("order-fail")).toEqual({ raw: 0, vitals: 0 });
    // The next run lands everything.
    const again = await ingest("order-fail");
    expect(again.counts).toMatchObject({ received: 10, inserted: 10 });
    expect(await stored("order-fail")).toEqual({ raw: 10, vitals: 8 });
  });
});
