import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import type { DatabaseConfig } from "./config.js";
import { openDriver, type AnyDriver } from "./driver.js";
import { PrismaClient } from "./generated/prisma/client.ts";
import { readMigrations } from "./migrate/migration-files.js";
import { deployMigrations } from "./migrate/migration-runner.js";

export interface Database {
  readonly kind: "postgres" | "pglite";
  /** Where the data lives, without secrets (for logs and the health check). */
  readonly location: string;
  readonly prisma: PrismaClient;
  /** The driver under Prisma: migrations and multi-statement scripts. */
  readonly driver: AnyDriver;
  /** Migrations applied when this database was opened. */
  readonly migrationsApplied: readonly string[];
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  /** Apply pending migrations before returning (default: `config.autoMigrate`). */
  readonly migrate?: boolean;
  /** Folder of migrations (default: this package's `prisma/migrations`). */
  readonly migrationsDir?: string;
}

/**
 * The one client factory. PostgreSQL through `@prisma/adapter-pg` when `DATABASE_URL` is set, otherwise
 * embedded PGlite on disk in `VIGIL_DATA_DIR`; pending migrations are applied first unless told not to.
 * A wrong URL or an unreachable server fails here with a `DbError` whose message is one line naming
 * DATABASE_URL and the host.
 */
export async function openDatabase(
  config: DatabaseConfig,
  options: OpenDatabaseOptions = {},
): Promise<Database> {
  const driver = await openDriver(config);
  try {
    const migrationsApplied =
      (options.migrate ?? config.autoMigrate)
        ? await deployMigrations(driver, await readMigrations(options.migrationsDir))
        : [];
    const adapter = driver.kind === "postgres" ? new PrismaPg(driver.pool) : new PrismaPGlite(driver.pglite);
    const prisma = new PrismaClient({ adapter });
    return {
      kind: driver.kind,
      location: driver.location,
      prisma,
      driver,
      migrationsApplied,
      async close() {
        // Prisma first (it borrows the driver's pool or PGlite instance), then the driver.
        await prisma.$disconnect();
        await driver.close();
      },
    };
  } catch (error) {
    await driver.close().catch(() => undefined);
    throw error;
  }
}
