import { openDatabase, readDataStats } from "@vigil/db";
import { UsageError, type CliCommand } from "../command.type.js";

/**
 * `vigil start`: the platform on the embedded default. This first cut brings the embedded database up to
 * date and reports what it holds; the sandbox FHIR server, ingest and the API join it as they land.
 */
export const startCommand: CliCommand = {
  name: "start",
  summary: "Run the whole platform on the embedded default",
  usage: "vigil start",
  async run(args, context) {
    if (args.length > 0) throw new UsageError(`Unknown argument: ${args.join(" ")}`);
    const db = await openDatabase(context.config.database, { migrate: context.migrate });
    try {
      const applied = db.migrationsApplied.length;
      context.stdout.write(
        `Vigil database ready: ${db.kind} at ${db.location}` +
          (applied > 0 ? ` (${applied} migrations applied)` : "") +
          "\n",
      );
      context.stdout.write(`${JSON.stringify(await readDataStats(db.prisma))}\n`);
      return 0;
    } finally {
      await db.close();
    }
  },
};
