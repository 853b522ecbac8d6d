import { INGEST_USAGE, runIngestCli } from "@vigil/ingest";
import type { CliCommand } from "../command.type.js";
import { runIngestCommand } from "./ingest-error.js";

/** `vigil ingest`: sync from a FHIR server (search or Bulk Data) or load Bundle/NDJSON files (INTERFACES.md C4). */
export const ingestCommand: CliCommand = {
  name: "ingest",
  summary: "Sync from a FHIR R4 server (--fhir-base-url URL [--once]) or load files (--files DIR)",
  usage: INGEST_USAGE,
  run(args, context) {
    return runIngestCommand("ingest", context, () => runIngestCli(args, context));
  },
};
