import { parseArgs } from "node:util";
import { openDatabase, readDataStats } from "@vigil/db";
import { UsageError, type CliCommand } from "../command.type.js";

/** `vigil stats --json`: one JSON object of what is stored now (INTERFACES.md C4). */
export const statsCommand: CliCommand = {
  name: "stats",
  summary: "Print counts of what is stored (patients, encounters, vital signs, ...)",
  usage: "vigil stats [--json]",
  async run(args, context) {
    const { values } = parseArgs({
      args: [...args],
      options: { json: { type: "boolean", default: false } },
    }).valueOf() as {
      values: { json: boolean };
    };
    if (args.some((arg) => arg !== "--json")) throw new UsageError(`Unknown argument: ${args.join(" ")}`);
    const db = await openDatabase(context.config.database, { migrate: context.migrate });
    try {
      const stats = await readDataStats(db.prisma);
      if (values.json) {
        context.stdout.write(`${JSON.stringify(stats)}\n`);
      } else {
        const width = Math.max(...Object.keys(stats).map((key) => key.length));
        for (const [key, value] of Object.entries(stats)) {
          context.stdout.write(`${key.padEnd(width)}  ${value}\n`);
        }
      }
      return 0;
    } finally {
      await db.close();
    }
  },
};
