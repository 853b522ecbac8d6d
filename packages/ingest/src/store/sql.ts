import type { Database } from "@vigil/db";

/** One statement runner bound to an open transaction. */
export interface SqlTx {
  query<T extends Record<string, unknown> = Record<string, unknown>>(
    sql: string,
    params?: readonly unknown[],
  ): Promise<T[]>;
}

/**
 * Runs `fn` in one transaction on the driver under Prisma: the ingest hot path sends set-based statements
 * straight to `pg` or PGlite, because Prisma's client runtime costs more than the database on bulk writes
 * (STACK.md). Commits when `fn` resolves, rolls back when it throws.
 */
export async function withTransaction<T>(db: Database, fn: (tx: SqlTx) => Promise<T>): Promise<T> {
  const driver = db.driver;
  if (driver.kind === "pglite") {
    // PGlite's transaction() holds its mutex, so no other caller's statement can run inside ours.
    return driver.pglite.transaction(async (tx) =>
      fn({
        async query<R extends Record<string, unknown>>(sql: string, params: readonly unknown[] = []) {
          return (await tx.query<R>(sql, params as unknown[])).rows;
        },
      }),
    );
  }
  const client = await driver.pool.connect();
  let broken: Error | undefined;
  try {
    await client.query("BEGIN");
    const result = await fn({
      async query<R extends Record<string, unknown>>(sql: string, params: readonly unknown[] = []) {
        return (await client.query<R>(sql, params as unknown[])).rows;
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
