import type { Writable } from "node:stream";
import type { VigilConfig } from "@vigil/db";

/** What the `vigil` command files hand to the ingest's command logic. */
export interface IngestCliIo {
  readonly config: VigilConfig;
  readonly cwd: string;
  readonly stdout: Writable & { isTTY?: boolean; columns?: number };
  readonly stderr: Writable & { isTTY?: boolean; columns?: number };
  /** Bring the database up to date first (`--no-migrate` turns it off). */
  readonly migrate: boolean;
  readonly signal: AbortSignal;
}
