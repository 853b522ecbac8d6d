import { readFile } from "node:fs/promises";
import { isAbsolute, resolve } from "node:path";
import { parseArgs } from "node:util";
import { openDatabase } from "@vigil/db";
import type { AuthOptions } from "../auth/auth.type.js";
import { IngestError } from "../errors.js";
import { createEventBus } from "../events/event-bus.factory.js";
import { loadCodeConfig } from "../terminology/code-config.js";
import type { SyncResult } from "../sync/sync.worker.js";
import { followServer, ingestFiles, ingestFromServer, remapSource } from "../sync/ingest.service.js";
import type { IngestCliIo } from "./cli-io.type.js";

export const INGEST_USAGE = [
  "vigil ingest --fhir-base-url URL [--once] [--interval SECONDS] [--bulk [--group ID]] [--types T1,T2]",
  "             [--page-size N] [--source NAME] [--codes FILE]",
  "             [--auth bearer | --auth smart --client-id ID [--private-key FILE] [--key-id KID]",
  "              [--algorithm RS384|ES384] [--token-url URL] [--scope SCOPE]]",
  "vigil ingest --files DIR [--source NAME] [--codes FILE]",
  "vigil ingest --remap --source NAME [--codes FILE]   (re-run the mappings over the stored raw JSON)",
  "Secrets come from the environment: VIGIL_FHIR_BEARER_TOKEN, VIGIL_FHIR_PRIVATE_KEY (or --private-key FILE).",
].join("\n");

const OPTIONS = {
  "fhir-base-url": { type: "string" },
  files: { type: "string" },
  remap: { type: "boolean", default: false },
  once: { type: "boolean", default: false },
  interval: { type: "string" },
  bulk: { type: "boolean", default: false },
  group: { type: "string" },
  types: { type: "string" },
  "page-size": { type: "string" },
  source: { type: "string" },
  codes: { type: "string" },
  auth: { type: "string" },
  "client-id": { type: "string" },
  "private-key": { type: "string" },
  "key-id": { type: "string" },
  algorithm: { type: "string" },
  "token-url": { type: "string" },
  scope: { type: "string" },
} as const;

function invalid(message: string): IngestError {
  return new IngestError("INVALID_OPTIONS", message);
}

function positive(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw invalid(`--${name} must be a positive number, got "${value}"`);
  return n;
}

async function authOptions(
  values: Record<string, string | boolean | undefined>,
  io: IngestCliIo,
): Promise<AuthOptions> {
  const kind = values["auth"] as string | undefined;
  if (kind === undefined || kind === "none") return { type: "none" };
  if (kind === "bearer") {
    const token = io.config.fhirAuth.bearerToken;
    if (token === undefined) throw invalid("--auth bearer needs VIGIL_FHIR_BEARER_TOKEN in the environment");
    return { type: "bearer", token };
  }
  if (kind !== "smart") throw invalid(`--auth must be bearer or smart, got "${kind}"`);
  const clientId = values["client-id"] as string | undefined;
  if (clientId === undefined) throw invalid("--auth smart needs --client-id");
  const keyFile = values["private-key"] as string | undefined;
  let privateKey = io.config.fhirAuth.privateKey;
  if (keyFile !== undefined) {
    try {
      privateKey = await readFile(isAbsolute(keyFile) ? keyFile : resolve(io.cwd, keyFile), "utf8");
    } catch (error) {
      throw new IngestError("INVALID_OPTIONS", `Cannot read --private-key ${keyFile}`, { cause: error });
    }
  }
  if (privateKey === undefined)
    throw invalid("--auth smart needs --private-key FILE or VIGIL_FHIR_PRIVATE_KEY");
  const algorithm = (values["algorithm"] as string | undefined) ?? "RS384";
  if (algorithm !== "RS384" && algorithm !== "ES384")
    throw invalid(`--algorithm must be RS384 or ES384, got "${algorithm}"`);
  const optional = (key: string) => values[key] as string | undefined;
  return {
    type: "smart-backend",
    clientId,
    privateKey,
    algorithm,
    ...(optional("key-id") === undefined ? {} : { keyId: optional("key-id")! }),
    ...(optional("token-url") === undefined ? {} : { tokenUrl: optional("token-url")! }),
    ...(optional("scope") === undefined ? {} : { scope: optional("scope")! }),
  };
}

/** " (invalid-date 9, unsupported-unit 3)": why resources were quarantined, most frequent first. */
function quarantineCodes(byCode: Readonly<Record<string, number>>): string {
  const entries = Object.entries(byCode).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  return entries.length === 0 ? "" : ` (${entries.map(([code, n]) => `${code} ${n}`).join(", ")})`;
}

/** One line summing a run up for the terminal. */
export function describeSync(source: string, result: SyncResult): string {
  const c = result.counts;
  return (
    `${source}: ${c.inserted} new, ${c.updated} updated, ${c.unchanged} unchanged, ${c.quarantined} quarantined` +
    quarantineCodes(result.quarantinedByCode) +
    `${c.skipped > 0 ? `, ${c.skipped} skipped (types not ingested)` : ""}; ` +
    `observation sets rebuilt for ${result.observationSets.patients} patients (${result.observationSets.sets} sets); ` +
    `run ${result.runId}, ${(result.durationMs / 1000).toFixed(1)} s` +
    (result.issues.length > 0 ? `; ${result.issues.length} issues recorded` : "")
  );
}

/**
 * `vigil ingest`: parses the options, opens the configured database and event bus, runs the sync with a
 * progress display on stderr, prints a summary on stdout. Resolves to the exit code; usage mistakes throw
 * `IngestError("INVALID_OPTIONS")`.
 */
export async function runIngestCli(args: readonly string[], io: IngestCliIo): Promise<number> {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({ args: [...args], options: OPTIONS, allowPositionals: false, strict: true }));
  } catch (error) {
    throw new IngestError("INVALID_OPTIONS", (error as Error).message, { cause: error });
  }
  const baseUrl = values["fhir-base-url"] as string | undefined;
  const files = values["files"] as string | undefined;
  const remap = values["remap"] === true;
  if ([baseUrl !== undefined, files !== undefined, remap].filter(Boolean).length !== 1) {
    throw invalid("give exactly one of --fhir-base-url URL or --files DIR (or --remap --source NAME)");
  }
  if (remap && values["source"] === undefined) throw invalid("--remap needs --source NAME");
  const pageSize = positive(values["page-size"] as string | undefined, "page-size");
  const interval = positive(values["interval"] as string | undefined, "interval") ?? 30;
  const codes =
    values["codes"] === undefined
      ? undefined
      : await loadCodeConfig(resolve(io.cwd, values["codes"] as string));
  const auth = baseUrl === undefined ? undefined : await authOptions(values, io);
  const types = (values["types"] as string | undefined)
    ?.split(",")
    .map((t) => t.trim())
    .filter((t) => t !== "");
  if (files !== undefined && (values["bulk"] === true || values["auth"] !== undefined))
    throw invalid("--bulk and --auth apply to --fhir-base-url only");

  const db = await openDatabase(io.config.database, { migrate: io.migrate });
  const bus = createEventBus(io.config);
  const log = (line: string) => {
    if (io.config.logLevel !== "silent" && io.config.logLevel !== "error") io.stderr.write(`${line}\n`);
  };
  const common = {
    db,
    ...(values["source"] === undefined ? {} : { sourceName: values["source"] as string }),
    windowMinutes: io.config.observationSetWindowMinutes,
    ...(codes === undefined ? {} : { codes }),
    bus,
    progressOutput: io.stderr,
    log,
    signal: io.signal,
  };
  try {
    if (remap) {
      const name = values["source"] as string;
      const result = await remapSource({ ...common, sourceName: name });
      io.stdout.write(`${describeSync(name, result)}\n`);
      return 0;
    }
    if (files !== undefined) {
      const path = resolve(io.cwd, files);
      const result = await ingestFiles({ ...common, path });
      io.stdout.write(`${describeSync(common.sourceName ?? `files:${path}`, result)}\n`);
      return 0;
    }
    const serverOptions = {
      ...common,
      baseUrl: baseUrl!,
      mode: values["bulk"] === true ? ("bulk" as const) : ("search" as const),
      ...(values["group"] === undefined ? {} : { groupId: values["group"] as string }),
      ...(types === undefined ? {} : { resourceTypes: types }),
      ...(pageSize === undefined ? {} : { pageSize }),
      ...(auth === undefined ? {} : { auth }),
    };
    const name = common.sourceName ?? baseUrl!;
    if (values["once"] === true) {
      const result = await ingestFromServer(serverOptions);
      io.stdout.write(`${describeSync(name, result)}\n`);
      return 0;
    }
    await followServer({
      ...serverOptions,
      intervalMs: interval * 1000,
      onSynced: (result) => io.stdout.write(`${describeSync(name, result)}\n`),
    });
    return 0;
  } finally {
    await bus.close();
    await db.close();
  }
}
