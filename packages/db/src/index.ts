export { loadConfig, describePostgresUrl, type VigilConfig, type DatabaseConfig } from "./config.js";
export { DbError, ConfigError, type DbErrorCode } from "./errors.js";
export {
  openDriver,
  openPostgresDriver,
  openPgliteDriver,
  type AnyDriver,
  type SqlDriver,
  type SqlConnection,
  type PostgresDriver,
  type PgliteDriver,
} from "./driver.js";
export { openDatabase, type Database, type OpenDatabaseOptions } from "./database.js";
export { readMigrations, defaultMigrationsDir, type MigrationFile } from "./migrate/migration-files.js";
export { deployMigrations, migrationStatus, type MigrationStatus } from "./migrate/migration-runner.js";
export {
  bulkInsert,
  type BulkColumn,
  type BulkColumnType,
  type BulkConflict,
  type BulkInsertOptions,
  type RawExecutor,
} from "./bulk.js";
export { Prisma, PrismaClient } from "./generated/prisma/client.ts";
export type * from "./generated/prisma/models.ts";
export { readDataStats, INPATIENT_CLASS_CODES, type DataStats } from "./stats.js";
