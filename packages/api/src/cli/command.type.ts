import type { Writable } from "node:stream";
import type { VigilConfig } from "@vigil/db";

/** What a command gets from the process: nothing else reads the environment or writes to the terminal. */
export interface CliContext {
  readonly config: VigilConfig;
  /** Working directory: relative paths in options resolve against it. */
  readonly cwd: string;
  readonly stdout: Writable;
  readonly stderr: Writable;
  /** `--no-migrate`: do not bring the database up to date first (INTERFACES.md C4). */
  readonly migrate: boolean;
  /** Aborted on SIGINT/SIGTERM: long-running commands stop after their current batch. */
  readonly signal: AbortSignal;
}

export interface CliCommand {
  readonly name: string;
  /** One line for `vigil --help`. */
  readonly summary: string;
  readonly usage: string;
  /** Resolves to the process exit code. */
  run(args: readonly string[], context: CliContext): Promise<number>;
}

/** A usage mistake: printed with the command's usage, exit code 2. */
export class UsageError extends Error {
  override readonly name = "UsageError";
}
