import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { Database } from "@vigil/db";
import { from as copyFrom } from "pg-copy-streams";

/** One statement runner bound to an open transaction. */
export interface SqlTx {
  query<T extends Record<string, unknown> = Record<string, unknown>>(
    sql: string,
    params?: readonly unknown[],
  ): Promise<T[]>;
  /**
   * Loads rows encoded by `BinaryCopyEncoder` (binary-copy.encoder.ts) into `table` with `COPY ... (FORMAT binary)`: from STDIN
   * on PostgreSQL, from PGlite's `/dev/blob` device on PGlite.
   */
  copyFrom(table: string, columns: readonly string[], chunks: Iterable<Buffer>): Promise<void>;
}

export interface TransactionOptions {
  /**
   * `SET LOCAL synchronous_commit = off`: COMMIT returns before its WAL reaches the disk. Safe only for a
   * transaction that records its own progress — an ingest batch commits its checkpoint, a rebuild chunk its
   * dequeue — because a crash can then lose only the last few hundred milliseconds of commits, and losing a
   * commit loses its checkpoint with it: the next run simply fetches (or rebuilds) that work again. The
   * database itself stays consistent (no torn writes); only durability of the newest commits is traded.
   */
  readonly asynchronousCommit?: boolean;
  /**
   * `false`: `SET LOCAL jit = off`. The ingest's statements touch rows by key; during a load the planner's
   * statistics lag far behind the tables, its cost estimates run into the millions, and PostgreSQL then spends
   * more time compiling a statement with LLVM (measured: 0.65 s) than running it.
   */
  readonly jit?: boolean;
  /** `SET LOCAL lock_timeout`: a statement waiting longer than this for a lock fails (SQLSTATE 55P03). */
  readonly lockTimeoutMs?: number;
  /**
   * `SET LOCAL default_toast_compression = lz4` where the server was built with LZ4 (PostgreSQL ≥ 14; PGlite
   * is not): raw JSON too large to store inline is compressed several times faster than with the default
   * pglz, and read back faster too. Values compressed either way read the same.
   */
  readonly lz4?: boolean;
}

function transactionSettings(options: TransactionOptions, lz4: boolean): string {
  return [
    options.asynchronousCommit === true ? "SET LOCAL synchronous_commit = off;" : "",
    options.jit === false ? "SET LOCAL jit = off;" : "",
    options.lockTimeoutMs === undefined
      ? ""
      : `SET LOCAL lock_timeout = ${Math.max(1, Math.round(options.lockTimeoutMs))};`,
    lz4 ? "SET LOCAL default_toast_compression = lz4;" : "",
  ].join("");
}

/** Whether each PostgreSQL pool's server offers LZ4 TOAST compression (asked once per pool). */
const lz4Support = new WeakMap<object, Promise<boolean>>();

function hasLz4(pool: { query: (sql: string) => Promise<{ rows: { ok?: boolean }[] }> }): Promise<boolean> {
  let known = lz4Support.get(pool);
  if (known === undefined) {
    known = pool
      .query(`SELECT 'lz4' = ANY(enumvals) AS ok FROM pg_settings WHERE name = 'default_toast_compression'`)
      .then((result) => result.rows[0]?.ok === true)
      .catch(() => false);
    lz4Support.set(pool, known);
  }
  return known;
}

function copyStatement(table: string, columns: readonly string[], from: string): string {
  return `COPY ${table} (${columns.join(", ")}) FROM ${from} WITH (FORMAT binary)`;
}

/**
 * Runs `fn` in one transaction on the driver under Prisma: the ingest hot path sends set-based statements
 * and binary COPY straight to `pg` or PGlite, because Prisma's client runtime costs more than the database on
 * bulk writes (STACK.md). Commits when `fn` resolves, rolls back when it throws.
 */
export async function withTransaction<T>(
  db: Database,
  fn: (tx: SqlTx) => Promise<T>,
  options: TransactionOptions = {},
): Promise<T> {
  const driver = db.driver;
  if (driver.kind === "pglite") {
    // PGlite's transaction() holds its mutex, so no other caller's statement can run inside ours.
    return driver.pglite.transaction(async (tx) => {
      const settings = transactionSettings(options, false);
      if (settings !== "") await tx.exec(settings);
      return fn({
        async query<R extends Record<string, unknown>>(sql: string, params: readonly unknown[] = []) {
          return (await tx.query<R>(sql, params as unknown[])).rows;
        },
        async copyFrom(table, columns, chunks) {
          await tx.query(copyStatement(table, columns, "'/dev/blob'"), [], {
            blob: new Blob([...chunks]),
          });
        },
      });
    });
  }
  const lz4 = options.lz4 === true && (await hasLz4(driver.pool));
  const client = await driver.pool.connect();
  let broken: Error | undefined;
  try {
    await client.query("BEGIN");
    const settings = transactionSettings(options, lz4);
    if (settings !== "") await client.query(settings);
    const result = await fn({
      async query<R extends Record<string, unknown>>(sql: string, params: readonly unknown[] = []) {
        return (await client.query<R>(sql, params as unknown[])).rows;
      },
      async copyFrom(table, columns, chunks) {
        await pipeline(Readable.from(chunks), client.query(copyFrom(copyStatement(table, columns, "STDIN"))));
      },
    });
    await client.query("COMMIT");
    return result;
  } catch (error) {
    try {
      await client.query("ROLLBACK");
    } catch (rollbackError) {
      // The connection itself failed: hand it back to the pool as broken so it is discarded.
      broken = rollbackError as Error;
    }
    throw error;
  } finally {
    client.release(broken);
  }
}

/** Runs one statement outside a transaction. */
export async function query<T extends Record<string, unknown> = Record<string, unknown>>(
  db: Database,
  sql: string,
  params: readonly unknown[] = [],
): Promise<T[]> {
  return db.driver.withConnection((connection) => connection.query<T>(sql, params));
}
