import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { loadConfig } from "../config.js";
import { openDriver } from "../driver.js";
import { DbError } from "../errors.js";
import { createMigration } from "../migrate/create-migration.js";
import { defaultMigrationsDir, readMigrations } from "../migrate/migration-files.js";
import { deployMigrations, migrationStatus } from "../migrate/migration-runner.js";

/**
 * `pnpm db:migrate --name X` (create a migration from the schema), `pnpm db:deploy` (apply pending
 * migrations to the configured database), `pnpm db:status`.
 */
const packageRoot = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

async function main(): Promise<number> {
  const [command, ...rest] = process.argv.slice(2);
  const { values } = parseArgs({ args: rest, options: { name: { type: "string" } }, allowPositionals: true });
  switch (command ?? "") {
    case "create": {
      if (values.name === undefined) {
        console.error("Usage: pnpm db:migrate --name <migration_name>");
        return 2;
      }
      const result = await createMigration({
        schemaPath: join(packageRoot, "prisma", "schema.prisma"),
        migrationsDir: defaultMigrationsDir,
        name: values.name,
      });
      console.log(
        result.created
          ? `Created prisma/migrations/${result.folder}/migration.sql`
          : "The schema matches the migrations: nothing to create.",
      );
      return 0;
    }
    case "deploy":
    case "status": {
      const config = loadConfig();
      const driver = await openDriver(config.database);
      try {
        const files = await readMigrations();
        if (command === "deploy") {
          const applied = await deployMigrations(driver, files);
          console.log(
            applied.length === 0
              ? `${driver.location}: up to date (${files.length} migrations).`
              : `${driver.location}: applied ${applied.join(", ")}.`,
          );
          return 0;
        }
        const status = await migrationStatus(driver, files);
        console.log(`Database: ${driver.location}`);
        console.log(`Applied: ${status.applied.length}/${files.length}`);
        for (const name of status.pending) console.log(`  pending   ${name}`);
        for (const name of status.failed) console.log(`  failed    ${name}`);
        for (const name of status.modified) console.log(`  modified  ${name} (changed after it was applied)`);
        for (const name of status.unknown) console.log(`  unknown   ${name} (in the database, not on disk)`);
        const clean =
          status.pending.length + status.failed.length + status.modified.length + status.unknown.length === 0;
        console.log(
          clean ? "Database schema is up to date." : "Run `pnpm db:deploy` to apply pending migrations.",
        );
        return clean ? 0 : 1;
      } finally {
        await driver.close();
      }
    }
    default:
      console.error("Usage: migrate.cli.ts create --name X | deploy | status");
      return 2;
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof DbError ? error.message : error);
    process.exit(1);
  },
);
