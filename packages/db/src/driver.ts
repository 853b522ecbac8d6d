import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { describePostgresUrl, type DatabaseConfig } from "./config.js";
import { DbError } from "./errors.js";
import { acquireDataDirLock, type DataDirLock } from "./data-dir-lock.js";

/** One connection: scripts without parameters, and parameterised queries. */
export interface SqlConnection {
  /** Runs a script of one or more statements (no parameters). */
  exec(sql: string): Promise<void>;
  query<T extends Record<string, unknown> = Record<string, unknown>>(
    sql: string,
    params?: readonly unknown[],
  ): Promise<T[]>;
}

/**
 * The raw driver under Prisma: used for migrations (multi-statement scripts on one session, advisory locks)
 * and for the few statements Prisma cannot express. Everything else goes through Prisma.
 */
export interface SqlDriver {
  readonly kind: "postgres" | "pglite";
  /** Human description of where the data lives (host:port/db or the data folder), without secrets. */
  readonly location: string;
  /** Runs `fn` on one dedicated connection (a session), released afterwards. */
  withConnection<T>(fn: (connection: SqlConnection) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface PostgresDriver extends SqlDriver {
  readonly kind: "postgres";
  readonly pool: pg.Pool;
}

export interface PgliteDriver extends SqlDriver {
  readonly kind: "pglite";
  readonly pglite: PGlite;
}

/** Maps a pg connection failure to one clear line naming DATABASE_URL and the host. */
export function describeConnectionError(error: unknown, url: string): DbError {
  const where = describePostgresUrl(url);
  const code = (error as { code?: string } | undefined)?.code;
  const detail = error instanceof Error ? error.message : String(error);
  switch (code ?? "") {
    case "ECONNREFUSED":
      return new DbError(
        "DATABASE_UNREACHABLE",
        `Cannot connect to PostgreSQL at ${where} (DATABASE_URL): connection refused. Is the server running?`,
        { cause: error },
      );
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return new DbError(
        "DATABASE_UNREACHABLE",
        `Cannot connect to PostgreSQL at ${where} (DATABASE_URL): host not found.`,
        { cause: error },
      );
    case "ETIMEDOUT":
    case "ECONNRESET":
      return new DbError(
        "DATABASE_UNREACHABLE",
        `Cannot connect to PostgreSQL at ${where} (DATABASE_URL): ${code === "ETIMEDOUT" ? "timed out" : "connection reset"}.`,
        { cause: error },
      );
    case "28P01":
    case "28000":
      return new DbError(
        "DATABASE_AUTH_FAILED",
        `PostgreSQL at ${where} (DATABASE_URL) refused the credentials: ${detail}.`,
        { cause: error },
      );
    case "3D000":
      return new DbError(
        "DATABASE_NOT_FOUND",
        `PostgreSQL at ${where} (DATABASE_URL) has no such database: ${detail}.`,
        { cause: error },
      );
    default:
      return new DbError(
        "DATABASE_UNREACHABLE",
        `Cannot connect to PostgreSQL at ${where} (DATABASE_URL): ${detail}.`,
        { cause: error },
      );
  }
}

function pgConnection(client: pg.PoolClient | pg.Client): SqlConnection {
  return {
    async exec(sql) {
      // Without parameters pg uses the simple protocol, which accepts several statements.
      await client.query(sql);
    },
    async query<T extends Record<string, unknown>>(sql: string, params: readonly unknown[] = []) {
      const result = await client.query<T>(sql, params as unknown[]);
      return result.rows;
    },
  };
}

/** Opens a pooled PostgreSQL driver and checks the connection, so a bad URL fails here with one clear line. */
export async function openPostgresDriver(
  url: string,
  options: { max?: number } = {},
): Promise<PostgresDriver> {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.max ?? 10,
    connectionTimeoutMillis: 10_000,
  });
  // An idle client dropped by the server must not crash the process; the pool replaces it.
  pool.on("error", () => undefined);
  try {
    const client = await pool.connect();
    client.release();
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw describeConnectionError(error, url);
  }
  return {
    kind: "postgres",
    location: describePostgresUrl(url),
    pool,
    async withConnection(fn) {
      const client = await pool.connect();
      try {
        return await fn(pgConnection(client));
      } finally {
        client.release();
      }
    },
    async close() {
      await pool.end();
    },
  };
}

/**
 * Opens the embedded database. `dataDir` "memory://" keeps it in memory (tests); otherwise PGlite stores
 * its files in `<dataDir>/pglite`, guarded by a lock file because PGlite allows one process per folder.
 */
export async function openPgliteDriver(dataDir: string): Promise<PgliteDriver> {
  const inMemory = dataDir.startsWith("memory://");
  let lock: DataDirLock | undefined;
  let pglite: PGlite;
  if (inMemory) {
    pglite = new PGlite();
  } else {
    await mkdir(dataDir, { recursive: true });
    lock = await acquireDataDirLock(dataDir);
    try {
      pglite = new PGlite(join(dataDir, "pglite"));
      await pglite.waitReady;
    } catch (error) {
      await lock.release();
      throw error;
    }
  }
  await pglite.waitReady;
  // PGlite is a single connection; serialise sessions so one caller's BEGIN/COMMIT never interleaves
  // with another's statements.
  let queue: Promise<unknown> = Promise.resolve();
  const connection: SqlConnection = {
    async exec(sql) {
      await pglite.exec(sql);
    },
    async query<T extends Record<string, unknown>>(sql: string, params: readonly unknown[] = []) {
      const result = await pglite.query<T>(sql, params as unknown[]);
      return result.rows;
    },
  };
  return {
    kind: "pglite",
    location: inMemory ? "memory" : join(dataDir, "pglite"),
    pglite,
    withConnection<T>(fn: (c: SqlConnection) => Promise<T>): Promise<T> {
      const run = queue.then(() => fn(connection));
      queue = run.catch(() => undefined);
      return run;
    },
    async close() {
      await pglite.close();
      await lock?.release();
    },
  };
}

export type AnyDriver = PostgresDriver | PgliteDriver;

export async function openDriver(config: DatabaseConfig): Promise<AnyDriver> {
  return config.kind === "postgres" && config.url !== undefined
    ? openPostgresDriver(config.url)
    : openPgliteDriver(config.dataDir);
}
