import { openDatabase, readDataStats } from "@vigil/db";
import { createEventBus } from "../events/event-bus.factory.js";
import { startSandbox } from "../sandbox/server/sandbox.service.js";
import { ingestFromServer } from "../sync/ingest.service.js";
import type { IngestCliIo } from "./cli-io.type.js";
import { describeSync } from "./ingest.cli.js";
import { generatedData } from "./sandbox-serve.cli.js";

/** The `fhir_source` name `vigil start` syncs the sandbox into. */
export const SANDBOX_SOURCE_NAME = "sandbox";

/**
 * The sandbox part of `vigil start`: the sandbox FHIR server with generated data on a free port, one full
 * ingest of it into the configured (embedded by default) database, then the stats of INTERFACES.md C4.
 * The API server joins this when it lands.
 */
export async function runStartSandboxIngest(
  io: IngestCliIo,
  options: { demo?: boolean } = {},
): Promise<number> {
  const db = await openDatabase(io.config.database, { migrate: io.migrate });
  const bus = createEventBus(io.config);
  const sandbox = await startSandbox({ data: generatedData(options) }).catch(async (error: unknown) => {
    await bus.close();
    await db.close();
    throw error;
  });
  try {
    const applied = db.migrationsApplied.length;
    io.stdout.write(
      `Vigil database ready: ${db.kind} at ${db.location}${applied > 0 ? ` (${applied} migrations applied)` : ""}\n`,
    );
    io.stdout.write(`Sandbox FHIR server at ${sandbox.baseUrl} (${sandbox.loaded} resources)\n`);
    const result = await ingestFromServer({
      db,
      baseUrl: sandbox.baseUrl,
      sourceName: SANDBOX_SOURCE_NAME,
      windowMinutes: io.config.observationSetWindowMinutes,
      bus,
      progressOutput: io.stderr,
      signal: io.signal,
    });
    io.stdout.write(`${describeSync(SANDBOX_SOURCE_NAME, result)}\n`);
    io.stdout.write(`${JSON.stringify(await readDataStats(db.prisma))}\n`);
    return 0;
  } finally {
    await sandbox.close();
    await bus.close();
    await db.close();
  }
}
