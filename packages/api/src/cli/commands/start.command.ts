import { runStartSandboxIngest } from "@vigil/ingest";
import { UsageError, type CliCommand } from "../command.type.js";
import { runIngestCommand } from "./ingest-error.js";

/**
 * `vigil start`: the platform on the embedded default. Today: the sandbox FHIR server with the generated
 * hospital, one ingest of it into the configured database, then the stats; the API server joins it when it
 * lands. `--demo` serves the small demo ward instead of the full generated hospital.
 */
export const startCommand: CliCommand = {
  name: "start",
  summary: "Run the whole platform on the embedded default",
  usage: "vigil start [--demo]",
  async run(args, context) {
    const demo = args.includes("--demo");
    const unknown = args.filter((arg) => arg !== "--demo");
    if (unknown.length > 0) throw new UsageError(`Unknown argument: ${unknown.join(" ")}`);
    return runIngestCommand("start", context, () => runStartSandboxIngest(context, { demo }));
  },
};
