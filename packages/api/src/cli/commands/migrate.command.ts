import { deployMigrations, migrationStatus, openDriver, readMigrations } from "@vigil/db";
import { UsageError, type CliCommand } from "../command.type.js";

/** `vigil migrate [status]`: apply pending migrations to the configured database, or report them. */
export const migrateCommand: CliCommand = {
  name: "migrate",
  summary: "Apply pending database migrations (or `vigil migrate status`)",
  usage: "vigil migrate [status]",
  async run(args, context) {
    if (args.length > 1 || (args[0] !== undefined && args[0] !== "status")) {
      throw new UsageError(`Unknown argument: ${args.join(" ")}`);
    }
    const driver = await openDriver(context.config.database);
    try {
      const files = await readMigrations();
      if (args[0] === "status") {
        const status = await migrationStatus(driver, files);
        context.stdout.write(`${JSON.stringify({ database: driver.location, ...status })}\n`);
        return status.pending.length + status.failed.length + status.modified.length === 0 ? 0 : 1;
      }
      const applied = await deployMigrations(driver, files);
      context.stdout.write(
        applied.length === 0
          ? `${driver.location}: up to date (${files.length} migrations)\n`
          : `${driver.location}: applied ${applied.join(", ")}\n`,
      );
      return 0;
    } finally {
      await driver.close();
    }
  },
};
