import { randomUUID } from "node:crypto";
import type { SqlConnection, SqlDriver } from "../driver.js";
import { DbError } from "../errors.js";
import type { MigrationFile } from "./migration-files.js";

/** Prisma's own bookkeeping table, so a standard Prisma install can take over the database later. */
const MIGRATIONS_TABLE_DDL = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
);`;

/** Arbitrary constant: every Vigil process migrating the same database queues on this advisory lock. */
const MIGRATION_LOCK_KEY = 72_707_301;

interface AppliedRow extends Record<string, unknown> {
  migration_name: string;
  checksum: string;
  finished_at: Date | string | null;
  rolled_back_at: Date | string | null;
}

export interface MigrationStatus {
  readonly applied: readonly string[];
  readonly pending: readonly string[];
  /** Applied migrations whose file changed since. */
  readonly modified: readonly string[];
  /** Started but never finished (a crash mid-migration on a database without transactional DDL). */
  readonly failed: readonly string[];
  /** Recorded in the database but missing on disk (the database is newer than this code). */
  readonly unknown: readonly string[];
}

async function readApplied(connection: SqlConnection): Promise<AppliedRow[]> {
  const exists = await connection.query<{ present: boolean }>(
    `SELECT to_regclass('"_prisma_migrations"') IS NOT NULL AS present`,
  );
  if (exists[0]?.present !== true) return [];
  return connection.query<AppliedRow>(
    `SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations"
     WHERE rolled_back_at IS NULL ORDER BY started_at, migration_name`,
  );
}

function compare(files: readonly MigrationFile[], rows: readonly AppliedRow[]): MigrationStatus {
  const byName = new Map(rows.map((row) => [row.migration_name, row]));
  const onDisk = new Set(files.map((file) => file.name));
  const applied: string[] = [];
  const pending: string[] = [];
  const modified: string[] = [];
  const failed: string[] = [];
  for (const file of files) {
    const row = byName.get(file.name);
    if (row === undefined) pending.push(file.name);
    else if (row.finished_at === null) failed.push(file.name);
    else {
      applied.push(file.name);
      if (row.checksum !== file.checksum) modified.push(file.name);
    }
  }
  const unknown = rows.map((row) => row.migration_name).filter((name) => !onDisk.has(name));
  return { applied, pending, modified, failed, unknown };
}

export async function migrationStatus(
  driver: SqlDriver,
  files: readonly MigrationFile[],
): Promise<MigrationStatus> {
  return driver.withConnection(async (connection) => compare(files, await readApplied(connection)));
}

/**
 * Applies pending migrations in order, each in its own transaction with its bookkeeping row, under a
 * session advisory lock so several processes starting at once apply each migration exactly once.
 * A second call is a no-op.
 *
 * @returns the names of the migrations applied by this call.
 */
export async function deployMigrations(
  driver: SqlDriver,
  files: readonly MigrationFile[],
): Promise<string[]> {
  return driver.withConnection(async (connection) => {
    await connection.query(`SELECT pg_advisory_lock($1)`, [MIGRATION_LOCK_KEY]);
    try {
      await connection.exec(MIGRATIONS_TABLE_DDL);
      const status = compare(files, await readApplied(connection));
      if (status.failed.length > 0) {
        throw new DbError(
          "MIGRATION_DIRTY",
          `Migration ${status.failed[0]} started but never finished on ${driver.location}; inspect the database, then mark it rolled back in _prisma_migrations.`,
        );
      }
      if (status.modified.length > 0) {
        throw new DbError(
          "MIGRATION_CHECKSUM_MISMATCH",
          `Migration ${status.modified[0]} was changed after it was applied to ${driver.location}; add a new migration instead of editing an applied one.`,
        );
      }
      const applied: string[] = [];
      for (const file of files) {
        if (!status.pending.includes(file.name)) continue;
        await connection.exec("BEGIN");
        try {
          const id = randomUUID();
          await connection.query(
            `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at) VALUES ($1, $2, $3, now())`,
            [id, file.checksum, file.name],
          );
          await connection.exec(file.sql);
          await connection.query(
            `UPDATE "_prisma_migrations" SET finished_at = now(), applied_steps_count = 1 WHERE id = $1`,
            [id],
          );
          await connection.exec("COMMIT");
        } catch (error) {
          await connection.exec("ROLLBACK").catch(() => undefined);
          const detail = error instanceof Error ? error.message : String(error);
          throw new DbError(
            "MIGRATION_FAILED",
            `Migration ${file.name} failed on ${driver.location}: ${detail}`,
            {
              cause: error,
            },
          );
        }
        applied.push(file.name);
      }
      return applied;
    } finally {
      await connection.query(`SELECT pg_advisory_unlock($1)`, [MIGRATION_LOCK_KEY]).catch(() => undefined);
    }
  });
}
