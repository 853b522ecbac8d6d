import type { Writable } from "node:stream";
import { ConfigError, DbError, loadConfig } from "@vigil/db";
import { UsageError, type CliCommand } from "./command.type.js";
import { ingestCommand } from "./commands/ingest.command.js";
import { migrateCommand } from "./commands/migrate.command.js";
import { sandboxCommand } from "./commands/sandbox.command.js";
import { startCommand } from "./commands/start.command.js";
import { statsCommand } from "./commands/stats.command.js";

/** Every `vigil` command; add a command by adding its file to this list. */
export const commands: readonly CliCommand[] = [
  startCommand,
  statsCommand,
  migrateCommand,
  ingestCommand,
  sandboxCommand,
];

export interface CliIo {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  readonly stdout: Writable;
  readonly stderr: Writable;
  readonly signal?: AbortSignal;
}

function help(): string {
  const width = Math.max(...commands.map((command) => command.name.length));
  return [
    "Usage: vigil <command> [options] [--no-migrate]",
    "",
    "Commands:",
    ...commands.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`),
    "",
    "Database: DATABASE_URL (PostgreSQL) or, when unset, embedded PGlite in VIGIL_DATA_DIR (default .vigil/).",
    "",
  ].join("\n");
}

/**
 * Runs one `vigil` command and resolves to its exit code. Expected failures (bad configuration, an
 * unreachable database, a usage mistake) print one clear line, never a stack trace.
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const migrate = !argv.includes("--no-migrate");
  const [name, ...args] = argv.filter((arg) => arg !== "--no-migrate");
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    io.stdout.write(help());
    return name === undefined ? 2 : 0;
  }
  const command = commands.find((candidate) => candidate.name === name);
  if (command === undefined) {
    io.stderr.write(`vigil: unknown command "${name}"\n\n${help()}`);
    return 2;
  }
  try {
    const config = loadConfig(io.env, io.cwd);
    return await command.run(args, {
      config,
      cwd: io.cwd,
      stdout: io.stdout,
      stderr: io.stderr,
      migrate,
      signal: io.signal ?? new AbortController().signal,
    });
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`vigil ${name}: ${error.message}\nUsage: ${command.usage}\n`);
      return 2;
    }
    if (error instanceof ConfigError || error instanceof DbError) {
      io.stderr.write(`vigil: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
}
