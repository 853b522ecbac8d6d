import { IngestError } from "@vigil/ingest";
import { UsageError, type CliContext } from "../command.type.js";

/**
 * Runs an ingest command's logic: option mistakes become usage errors (exit 2); other ingest failures print
 * their one-line message (what failed and what was kept) and exit 1.
 */
export async function runIngestCommand(
  name: string,
  context: CliContext,
  run: () => Promise<number>,
): Promise<number> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof IngestError) {
      if (error.code === "INVALID_OPTIONS") throw new UsageError(error.message);
      context.stderr.write(`vigil ${name}: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
}
