import {
  runSandboxGenerate,
  runSandboxServeCli,
  SANDBOX_GENERATE_USAGE,
  SANDBOX_SERVE_USAGE,
} from "@vigil/ingest";
import { UsageError, type CliCommand } from "../command.type.js";
import { runIngestCommand } from "./ingest-error.js";

/** `vigil sandbox <subcommand>`: the sandbox hospital. One file, one dispatch per subcommand. */
export const sandboxCommand: CliCommand = {
  name: "sandbox",
  summary: "The sandbox hospital: `sandbox serve` (local FHIR server), `sandbox generate` (FHIR files)",
  usage: `${SANDBOX_SERVE_USAGE}\n       ${SANDBOX_GENERATE_USAGE}`,
  async run(args, context) {
    const [subcommand, ...rest] = args;
    switch (subcommand) {
      case "serve":
        return runIngestCommand("sandbox serve", context, () => runSandboxServeCli(rest, context));

      // ─── `sandbox generate`: the sandbox hospital generator's own command logic ───
      case "generate":
        return runSandboxGenerate(rest, {
          cwd: context.cwd,
          stdout: context.stdout,
          stderr: context.stderr,
          signal: context.signal,
        });

      default:
        throw new UsageError(
          subcommand === undefined
            ? "Missing subcommand (serve or generate)"
            : `Unknown subcommand "${subcommand}"`,
        );
    }
  },
};
