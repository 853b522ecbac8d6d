import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { IngestError } from "../errors.js";
import { generatorFeed } from "../sandbox/server/generator.feed.js";
import { startSandbox, type Sandbox, type SandboxData } from "../sandbox/server/sandbox.service.js";
import type { IngestCliIo } from "./cli-io.type.js";

export const SANDBOX_SERVE_USAGE =
  "vigil sandbox serve [--port N] [--host H] [--files DIR | --demo] [--seed N] [--days N] [--beds N] [--live [--interval SECONDS]] [--latency MS]";

const OPTIONS = {
  port: { type: "string" },
  host: { type: "string" },
  files: { type: "string" },
  days: { type: "string" },
  beds: { type: "string" },
  demo: { type: "boolean", default: false },
  seed: { type: "string" },
  live: { type: "boolean", default: false },
  interval: { type: "string" },
  latency: { type: "string" },
} as const;

/** Generated data for the sandbox: the sandbox hospital generator (default) or the small demo ward. */
export function generatedData(options: {
  seed?: number;
  days?: number;
  beds?: number;
  demo?: boolean;
}): SandboxData {
  if (options.demo === true)
    return { kind: "demo", options: options.seed === undefined ? {} : { seed: options.seed } };
  return {
    kind: "feed",
    feed: generatorFeed({
      ...(options.seed === undefined ? {} : { seed: options.seed }),
      ...(options.days === undefined ? {} : { days: options.days }),
      ...(options.beds === undefined ? {} : { beds: options.beds }),
    }),
  };
}

function whole(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value))
    throw new IngestError("INVALID_OPTIONS", `--${name} must be a whole number, got "${value}"`);
  return Number(value);
}

/**
 * `vigil sandbox serve`: the sandbox FHIR server on a port, serving generated data (or a folder of Bundles
 * and NDJSON), optionally live, until SIGINT/SIGTERM.
 */
export async function runSandboxServeCli(args: readonly string[], io: IngestCliIo): Promise<number> {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({ args: [...args], options: OPTIONS, strict: true, allowPositionals: false }));
  } catch (error) {
    throw new IngestError("INVALID_OPTIONS", (error as Error).message, { cause: error });
  }
  const port = whole(values["port"] as string | undefined, "port") ?? 8090;
  const interval = whole(values["interval"] as string | undefined, "interval") ?? 5;
  const seed = whole(values["seed"] as string | undefined, "seed");
  const days = whole(values["days"] as string | undefined, "days");
  const beds = whole(values["beds"] as string | undefined, "beds");
  const files = values["files"] as string | undefined;
  // A remote server's round trip and query time, for trying a pipeline (or benchmarking one) as it would run.
  const latencyMs = whole(values["latency"] as string | undefined, "latency") ?? 0;
  const sandbox: Sandbox = await startSandbox({
    port,
    host: (values["host"] as string | undefined) ?? "127.0.0.1",
    data:
      files === undefined
        ? generatedData({
            ...(seed === undefined ? {} : { seed }),
            ...(days === undefined ? {} : { days }),
            ...(beds === undefined ? {} : { beds }),
            demo: values["demo"] === true,
          })
        : { kind: "files", path: resolve(io.cwd, files) },
    ...(values["live"] === true ? { live: { intervalMs: interval * 1000 } } : {}),
    ...(latencyMs > 0 ? { latencyMs } : {}),
    log: (line) => io.stderr.write(`${line}\n`),
  });
  io.stdout.write(
    `Sandbox FHIR server at ${sandbox.baseUrl} (${sandbox.loaded} resources${values["live"] === true ? `, live every ${interval} s` : ""}${latencyMs > 0 ? `, answering ${latencyMs} ms late` : ""})\n`,
  );
  try {
    await new Promise<void>((resolveStop) => {
      if (io.signal.aborted) resolveStop();
      io.signal.addEventListener("abort", () => resolveStop(), { once: true });
    });
  } finally {
    await sandbox.close();
  }
  return 0;
}
