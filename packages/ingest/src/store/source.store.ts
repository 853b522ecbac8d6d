import type { Database } from "@vigil/db";
import { query } from "./sql.js";

export type SourceKind = "search" | "bulk" | "files";

export interface SourceRecord {
  readonly id: number;
  readonly name: string;
  readonly kind: SourceKind;
  readonly baseUrl: string;
}

/** Finds or creates the `fhir_source` row for a name; the kind and URL follow the latest run. */
export async function ensureSource(
  db: Database,
  source: { name: string; kind: SourceKind; baseUrl: string; auth?: Record<string, string> | undefined },
): Promise<SourceRecord> {
  const row = await db.prisma.fhirSource.upsert({
    where: { name: source.name },
    create: {
      name: source.name,
      kind: source.kind,
      baseUrl: source.baseUrl,
      ...(source.auth ? { auth: source.auth } : {}),
    },
    update: { kind: source.kind, baseUrl: source.baseUrl, ...(source.auth ? { auth: source.auth } : {}) },
  });
  return { id: row.id, name: row.name, kind: row.kind as SourceKind, baseUrl: row.baseUrl };
}

export interface Checkpoint {
  readonly resourceType: string;
  readonly highWater: Date | null;
  readonly cursor: string | null;
  readonly status: string;
}

export async function readCheckpoints(db: Database, sourceId: number): Promise<Map<string, Checkpoint>> {
  const rows = await db.prisma.syncCheckpoint.findMany({ where: { sourceId } });
  return new Map(
    rows.map((r) => [
      r.resourceType,
      { resourceType: r.resourceType, highWater: r.highWater, cursor: r.cursor, status: r.status },
    ]),
  );
}

export async function setCheckpointStatus(
  db: Database,
  sourceId: number,
  resourceType: string,
  status: "idle" | "running" | "failed",
  cursor: string | null = null,
): Promise<void> {
  await db.prisma.syncCheckpoint.upsert({
    where: { sourceId_resourceType: { sourceId, resourceType } },
    create: { sourceId, resourceType, status, cursor },
    update: { status, cursor },
  });
}

export interface RunIssue {
  readonly severity: "error" | "warning" | "information";
  readonly code: string;
  readonly message: string;
  readonly resourceType?: string;
}

/**
 * Starts a run. Runs of this source still marked "running" belong to a process that died (the caller
 * holds the source's lock), so they are closed as "interrupted" first.
 */
export async function startRun(db: Database, sourceId: number): Promise<number> {
  await db.prisma.ingestRun.updateMany({
    where: { sourceId, status: "running" },
    data: { status: "interrupted", finishedAt: new Date() },
  });
  const run = await db.prisma.ingestRun.create({ data: { sourceId } });
  return run.id;
}

export async function finishRun(
  db: Database,
  runId: number,
  outcome: { status: "succeeded" | "failed" | "cancelled"; error?: string; issues?: readonly RunIssue[] },
): Promise<void> {
  await db.prisma.ingestRun.update({
    where: { id: runId },
    data: {
      status: outcome.status,
      finishedAt: new Date(),
      error: outcome.error ?? null,
      issues: (outcome.issues ?? []) as unknown as object[],
    },
  });
}

/**
 * One worker per source at a time: a PostgreSQL advisory lock held on a dedicated session for the whole
 * sync (PGlite is one process by construction). Resolves to a release function, or null when another
 * worker holds it.
 */
export async function lockSource(db: Database, sourceId: number): Promise<(() => Promise<void>) | null> {
  if (db.driver.kind === "pglite") return () => Promise.resolve();
  const client = await db.driver.pool.connect();
  try {
    const rows = await client.query<{ locked: boolean }>("SELECT pg_try_advisory_lock($1, $2) AS locked", [
      0x76_69_67,
      sourceId,
    ]);
    if (rows.rows[0]?.locked !== true) {
      client.release();
      return null;
    }
  } catch (error) {
    client.release(error as Error);
    throw error;
  }
  return async () => {
    try {
      await client.query("SELECT pg_advisory_unlock($1, $2)", [0x76_69_67, sourceId]);
      client.release();
    } catch (error) {
      client.release(error as Error);
    }
  };
}

export { query };
