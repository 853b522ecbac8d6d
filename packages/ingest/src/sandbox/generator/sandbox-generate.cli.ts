import { isAbsolute, resolve } from "node:path";
import type { Writable } from "node:stream";
import { parseArgs } from "node:util";
import {
  DEFAULT_SANDBOX_BEDS,
  DEFAULT_SANDBOX_DAYS,
  DEFAULT_SANDBOX_SEED,
  DEFAULT_SANDBOX_START,
} from "./sandbox-options.js";
import { SandboxError } from "./sandbox.error.js";
import {
  SANDBOX_FORMATS,
  type SandboxFormat,
  type WriteSandboxFilesOptions,
  writeSandboxFiles,
} from "./sandbox-files.writer.js";

export const SANDBOX_GENERATE_USAGE =
  "vigil sandbox generate --out DIR [--format bundles|ndjson] [--seed N] [--days N] [--beds N] " +
  "[--start YYYY-MM-DD] [--intervention-date YYYY-MM-DD] [--observations N]";

export interface SandboxGenerateIo {
  /** Relative `--out` folders resolve against this. */
  readonly cwd: string;
  readonly stdout: Writable;
  readonly stderr: Writable;
  readonly signal?: AbortSignal;
}

function integer(value: string | undefined, option: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value))
    throw new SandboxError("invalid-option", `--${option} must be a whole number, got "${value}"`);
  return Number(value);
}

/** Parses `vigil sandbox generate` arguments; throws SandboxError("invalid-option") on a usage mistake. */
export function parseSandboxGenerateArgs(args: readonly string[], cwd: string): WriteSandboxFilesOptions {
  let values: Record<string, string | undefined>;
  try {
    ({ values } = parseArgs({
      args: [...args],
      strict: true,
      allowPositionals: false,
      options: {
        out: { type: "string" },
        format: { type: "string" },
        seed: { type: "string" },
        days: { type: "string" },
        beds: { type: "string" },
        start: { type: "string" },
        "intervention-date": { type: "string" },
        observations: { type: "string" },
      },
    }) as { values: Record<string, string | undefined> });
  } catch (error) {
    throw new SandboxError("invalid-option", error instanceof Error ? error.message : String(error), {
      cause: error,
    });
  }
  const out = values.out;
  if (out === undefined || out === "") throw new SandboxError("invalid-option", "--out DIR is required");
  const format = values.format ?? "bundles";
  if (!SANDBOX_FORMATS.includes(format as SandboxFormat)) {
    throw new SandboxError("invalid-option", `--format must be bundles or ndjson, got "${format}"`);
  }
  const seed = values.seed;
  const days = integer(values.days, "days");
  const beds = integer(values.beds, "beds");
  const maxObservations = integer(values.observations, "observations");
  return {
    out: isAbsolute(out) ? out : resolve(cwd, out),
    format: format as SandboxFormat,
    ...(seed === undefined ? {} : { seed: /^\d+$/.test(seed) ? Number(seed) : seed }),
    ...(days === undefined ? {} : { days }),
    ...(beds === undefined ? {} : { beds }),
    ...(values.start === undefined ? {} : { start: values.start }),
    ...(values["intervention-date"] === undefined ? {} : { interventionDate: values["intervention-date"] }),
    ...(maxObservations === undefined ? {} : { maxObservations }),
  };
}

/**
 * `vigil sandbox generate`: writes the sandbox hospital to a folder and prints what it wrote. Resolves to the exit
 * code: 0 done, 2 usage mistake, 1 output failure or interrupted.
 */
export async function runSandboxGenerate(args: readonly string[], io: SandboxGenerateIo): Promise<number> {
  if (args.includes("--help") || args.includes("-h")) {
    io.stdout.write(
      `Usage: ${SANDBOX_GENERATE_USAGE}\n\nDefaults: seed ${DEFAULT_SANDBOX_SEED}, ${DEFAULT_SANDBOX_DAYS} days from ` +
        `${DEFAULT_SANDBOX_START}, ${DEFAULT_SANDBOX_BEDS} beds, intervention mid-window.\n` +
        "--observations N stops after exactly N Observations (without --days the window grows until then).\n",
    );
    return 0;
  }
  try {
    const options = parseSandboxGenerateArgs(args, io.cwd);
    const summary = await writeSandboxFiles(
      io.signal === undefined ? options : { ...options, signal: io.signal },
    );
    const total = Object.values(summary.resources).reduce((sum, value) => sum + value, 0);
    const byType = Object.entries(summary.resources)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([type, value]) => `${type} ${value}`)
      .join(", ");
    io.stdout.write(
      `${summary.complete ? "Wrote" : "Interrupted after"} ${total} resources for ${summary.patients} patients ` +
        `as ${summary.format} in ${summary.files} files to ${summary.out}\n${byType}\n`,
    );
    return summary.complete ? 0 : 1;
  } catch (error) {
    if (error instanceof SandboxError) {
      io.stderr.write(`vigil sandbox generate: ${error.message}\n`);
      if (error.code === "invalid-option") {
        io.stderr.write(`Usage: ${SANDBOX_GENERATE_USAGE}\n`);
        return 2;
      }
      return 1;
    }
    throw error;
  }
}
