import { randomBytes } from "node:crypto";
import pg from "pg";
import { loadTestConfig, type DatabaseConfig } from "../config.js";
import { openDatabase, type Database, type OpenDatabaseOptions } from "../database.js";
import { describeConnectionError } from "../driver.js";

export type TestDatabaseKind = "postgres" | "pglite";

export interface TestPostgres {
  /** URL of a freshly created, empty database. */
  readonly url: string;
  readonly name: string;
  /** Drops the database (terminating leftover connections). */
  drop(): Promise<void>;
}

async function withAdmin<T>(adminUrl: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  try {
    await client.connect();
  } catch (error) {
    throw describeConnectionError(error, adminUrl);
  }
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/**
 * Creates an empty database on the test PostgreSQL server (VIGIL_TEST_ADMIN_URL), so test runs never see
 * each other's rows. Call `drop()` in `afterAll`.
 */
export async function createTestPostgres(prefix = "vigil_test"): Promise<TestPostgres> {
  const { adminUrl } = loadTestConfig();
  const name = `${prefix}_${Date.now().toString(36)}_${randomBytes(4).toString("hex")}`;
  await withAdmin(adminUrl, (client) => client.query(`CREATE DATABASE "${name}"`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    async drop() {
      await withAdmin(adminUrl, (client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
    },
  };
}

export interface TestDatabase extends Database {
  /** Closes the database and, for PostgreSQL, drops it. */
  dispose(): Promise<void>;
}

/**
 * A migrated, empty database of the given kind: a fresh PostgreSQL database, or an in-memory PGlite.
 */
export async function openTestDatabase(
  kind: TestDatabaseKind,
  options: OpenDatabaseOptions = {},
): Promise<TestDatabase> {
  if (kind === "pglite") {
    const config: DatabaseConfig = {
      kind: "pglite",
      url: undefined,
      dataDir: "memory://",
      autoMigrate: true,
    };
    const database = await openDatabase(config, options);
    return { ...database, dispose: () => database.close() };
  }
  const server = await createTestPostgres();
  const config: DatabaseConfig = {
    kind: "postgres",
    url: server.url,
    dataDir: "memory://",
    autoMigrate: true,
  };
  try {
    const database = await openDatabase(config, options);
    return {
      ...database,
      async dispose() {
        await database.close();
        await server.drop();
      },
    };
  } catch (error) {
    await server.drop();
    throw error;
  }
}
