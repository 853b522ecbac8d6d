import type { Database } from "@vigil/db";
import { query } from "./sql.js";

export type SourceKind = "search" | "bulk" | "files";

export interface SourceRecord {
  readonly id: number;
  readonly name: string;
  readonly kind: SourceKind;
  readonly baseUrl: string;
}

// The run's bookkeeping is plain SQL like the hot path: Prisma Client's first query in a process costs
// 0.4–0.8 s of start-up (docs/benchmarks/ingest.md), which a short incremental sync would pay every time.

/** Finds or creates the `fhir_source` row for a name; the kind and URL follow the latest run. */
export async function ensureSource(
  db: Database,
  source: { name: string; kind: SourceKind; baseUrl: string; auth?: Record<string, string> | undefined },
): Promise<SourceRecord> {
  const [row] = await query<{ id: number; name: string; kind: string; base_url: string }>(
    db,
    `INSERT INTO fhir_source (name, kind, base_url, auth, updated_at) VALUES ($1, $2, $3, $4::jsonb, now())
     ON CONFLICT (name) DO UPDATE SET kind = EXCLUDED.kind, base_url = EXCLUDED.base_url,
       auth = COALESCE(EXCLUDED.auth, fhir_source.auth), updated_at = now()
     RETURNING id, name, kind, base_url`,
    [source.name, source.kind, source.baseUrl, source.auth ? JSON.stringify(source.auth) : null],
  );
  return { id: row!.id, name: row!.name, kind: row!.kind as SourceKind, baseUrl: row!.base_url };
}

export interface Checkpoint {
  readonly resourceType: string;
  readonly highWater: Date | null;
  readonly cursor: string | null;
  readonly status: string;
}

export async function readCheckpoints(db: Database, sourceId: number): Promise<Map<string, Checkpoint>> {
  const rows = await query<{
    resource_type: string;
    high_water: Date | null;
    cursor: string | null;
    status: string;
  }>(
    db,
    `SELECT resource_type, high_water, cursor, status FROM sync_checkpoint WHERE source_id = $1 ORDER BY id`,
    [sourceId],
  );
  return new Map(
    rows.map((r) => [
      r.resource_type,
      { resourceType: r.resource_type, highWater: r.high_water, cursor: r.cursor, status: r.status },
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
  await query(
    db,
    `INSERT INTO sync_checkpoint (source_id, resource_type, status, cursor, updated_at) VALUES ($1, $2, $3, $4, now())
     ON CONFLICT (source_id, resource_type) DO UPDATE SET status = EXCLUDED.status, cursor = EXCLUDED.cursor,
       updated_at = now()`,
    [sourceId, resourceType, status, cursor],
  );
}

/** Sets the status of a source's checkpoints (all, or only those in `from`) and clears their cursors or not. */
export async function setCheckpointsStatus(
  db: Database,
  sourceId: number,
  status: "idle" | "failed",
  options: { readonly from?: string; readonly clearCursor: boolean },
): Promise<void> {
  await query(
    db,
    `UPDATE sync_checkpoint SET status = $2, cursor = CASE WHEN $3::boolean THEN NULL ELSE cursor END,
            updated_at = now()
      WHERE source_id = $1 AND ($4::text IS NULL OR status = $4::text)`,
    [sourceId, status, options.clearCursor, options.from ?? null],
  );
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
  await query(
    db,
    `UPDATE ingest_run SET status = 'interrupted', finished_at = now() WHERE source_id = $1 AND status = 'running'`,
    [sourceId],
  );
  const [run] = await query<{ id: number }>(
    db,
    `INSERT INTO ingest_run (source_id) VALUES ($1) RETURNING id`,
    [sourceId],
  );
  return run!.id;
}

export async function finishRun(
  db: Database,
  runId: number,
  outcome: { status: "succeeded" | "failed" | "cancelled"; error?: string; issues?: readonly RunIssue[] },
): Promise<void> {
  await query(
    db,
    `UPDATE ingest_run SET status = $2, finished_at = now(), error = $3, issues = $4::jsonb WHERE id = $1`,
    [runId, outcome.status, outcome.error ?? null, JSON.stringify(outcome.issues ?? [])],
  );
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
