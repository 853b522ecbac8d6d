import type { Writable } from "node:stream";
import type { Database } from "@vigil/db";
import { createAuth } from "../auth/auth.factory.js";
import type { AuthOptions } from "../auth/auth.type.js";
import { IngestError } from "../errors.js";
import type { EventBus, IngestTopics } from "../events/event-bus.type.js";
import { DEFAULT_RETRY_POLICY, sleep, type RetryPolicy } from "../http/retry.js";
import { MAPPED_RESOURCE_TYPES } from "../mapping/resource.mapper.js";
import { BULK_CHECKPOINT, readBulkExportSource } from "../sources/bulk/bulk-export.source.js";
import { readFilesSource } from "../sources/files/files.source.js";
import { readStoredRaw } from "../sources/remap.source.js";
import { FhirSearchClient } from "../sources/search/fhir-client.js";
import {
  DEFAULT_SEARCH_FILTERS,
  DEFAULT_SEARCH_TYPES,
  readSearchSource,
} from "../sources/search/search.source.js";
import { compileCodes, DEFAULT_CODE_CONFIG, type CodeConfig } from "../terminology/code-config.js";
import { runSync, type SyncResult, type SyncRunOptions } from "./sync.worker.js";

/** Settings every ingest shares. */
export interface IngestCommonOptions {
  readonly db: Database;
  /** `fhir_source.name`; checkpoints and provenance are per source. */
  readonly sourceName?: string;
  /** Observation-set window in minutes (VIGIL_OBS_SET_WINDOW_MINUTES, default 15). */
  readonly windowMinutes?: number;
  readonly codes?: CodeConfig;
  readonly bus?: EventBus<IngestTopics>;
  readonly progressOutput?: Writable & { isTTY?: boolean; columns?: number };
  readonly log?: (line: string) => void;
  readonly signal?: AbortSignal;
  /** Rebuild observation sets while loading (default true; see `SyncRunOptions.rebuildWhileLoading`). */
  readonly rebuildWhileLoading?: boolean | { readonly patientsPerChunk: number };
  /** Transactions written at once on PostgreSQL (default 2; see `SyncRunOptions.writeConnections`). */
  readonly writeConnections?: number;
  /** Largest transaction when batches merge while the connections are busy (default 10,000 resources). */
  readonly maxBatchResources?: number;
}

export interface IngestServerOptions extends IngestCommonOptions {
  readonly baseUrl: string;
  /** "search" (default): paged `_lastUpdated` search; "bulk": Bulk Data `$export`. */
  readonly mode?: "search" | "bulk";
  /** Group-level Bulk Data export. */
  readonly groupId?: string;
  readonly resourceTypes?: readonly string[];
  readonly pageSize?: number;
  readonly filters?: Readonly<Record<string, Readonly<Record<string, string>>>>;
  readonly auth?: AuthOptions;
  readonly retry?: Partial<RetryPolicy>;
}

export interface IngestFilesOptions extends IngestCommonOptions {
  readonly path: string;
  readonly batchSize?: number;
}

function defaultSourceName(baseUrl: string): string {
  try {
    const url = new URL(baseUrl);
    return `${url.host}${url.pathname.replace(/\/$/, "")}`;
  } catch {
    return baseUrl;
  }
}

/** One incremental sync from a FHIR server (search or Bulk Data); resolves when caught up. */
export async function ingestFromServer(options: IngestServerOptions): Promise<SyncResult> {
  let base: URL;
  try {
    base = new URL(options.baseUrl);
  } catch (error) {
    throw new IngestError("INVALID_OPTIONS", `--fhir-base-url "${options.baseUrl}" is not a URL.`, {
      cause: error,
    });
  }
  if (base.protocol !== "http:" && base.protocol !== "https:") {
    throw new IngestError("INVALID_OPTIONS", `--fhir-base-url must be http(s), got "${options.baseUrl}".`);
  }
  const baseUrl = options.baseUrl.replace(/\/$/, "");
  const retry: RetryPolicy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
  const auth = createAuth(baseUrl, options.auth, retry);
  const mode = options.mode ?? "search";
  const types = options.resourceTypes ?? DEFAULT_SEARCH_TYPES;
  const log = options.log ?? (() => undefined);
  return runSync({
    db: options.db,
    source: {
      name: options.sourceName ?? defaultSourceName(baseUrl),
      kind: mode,
      baseUrl,
      ...(options.auth === undefined || options.auth.type === "none"
        ? {}
        : {
            auth: {
              type: options.auth.type,
              ...(options.auth.type === "smart-backend" ? { clientId: options.auth.clientId } : {}),
            },
          }),
    },
    ...loadOptions(options),
    resourceTypes: new Set([...MAPPED_RESOURCE_TYPES, ...types]),
    log,
    batches: (context) => {
      if (mode === "bulk") {
        return readBulkExportSource({
          baseUrl,
          ...(options.groupId === undefined ? {} : { groupId: options.groupId }),
          resourceTypes: types,
          checkpoints: context.checkpoints,
          auth,
          retry,
          signal: context.signal,
          issue: (issue) => context.issue(issue),
          // Through the run's log, which keeps lines clear of the progress bars on a terminal.
          log: (line) => context.log(line),
        });
      }
      const client = new FhirSearchClient({
        baseUrl,
        auth,
        retry,
        onRetry: (what, failure, attempt, delay) =>
          context.log(`retry ${attempt} of ${what} in ${delay} ms (${failure.description})`),
      });
      return readSearchSource({
        client,
        resourceTypes: types,
        checkpoints: context.checkpoints,
        ...(options.pageSize === undefined ? {} : { pageSize: options.pageSize }),
        filters: options.filters ?? DEFAULT_SEARCH_FILTERS,
        signal: context.signal,
      });
    },
  });
}

/** Keeps a source in sync: one sync, then another every `intervalMs`, until the signal aborts. */
export async function followServer(
  options: IngestServerOptions & {
    readonly intervalMs: number;
    readonly onSynced?: (result: SyncResult) => void;
  },
): Promise<void> {
  for (;;) {
    const result = await ingestFromServer(options);
    options.onSynced?.(result);
    if (result.status === "cancelled" || options.signal?.aborted === true) return;
    try {
      await sleep(options.intervalMs, options.signal);
    } catch {
      return;
    }
  }
}

/** The run settings every load shares (server and files), from the caller's options. */
function loadOptions(
  options: IngestCommonOptions,
): Omit<SyncRunOptions, "db" | "source" | "batches" | "log" | "resourceTypes"> {
  return {
    codes: compileCodes(options.codes ?? DEFAULT_CODE_CONFIG),
    windowMinutes: options.windowMinutes ?? 15,
    ...(options.bus === undefined ? {} : { bus: options.bus }),
    ...(options.progressOutput === undefined ? {} : { progressOutput: options.progressOutput }),
    ...(options.signal === undefined ? {} : { signal: options.signal }),
    ...(options.rebuildWhileLoading === undefined
      ? {}
      : { rebuildWhileLoading: options.rebuildWhileLoading }),
    ...(options.writeConnections === undefined ? {} : { writeConnections: options.writeConnections }),
    ...(options.maxBatchResources === undefined ? {} : { maxBatchResources: options.maxBatchResources }),
  };
}

/** Ingests a folder of Bundles (`*.json`) and NDJSON (`*.ndjson`) files. */
export async function ingestFiles(options: IngestFilesOptions): Promise<SyncResult> {
  return runSync({
    db: options.db,
    source: { name: options.sourceName ?? `files:${options.path}`, kind: "files", baseUrl: options.path },
    ...loadOptions(options),
    resourceTypes: new Set(MAPPED_RESOURCE_TYPES),
    ...(options.log === undefined ? {} : { log: options.log }),
    batches: (context) =>
      readFilesSource(
        {
          path: options.path,
          signal: context.signal,
          ...(options.batchSize === undefined ? {} : { batchSize: options.batchSize }),
        },
        { issue: (issue) => context.issue(issue) },
      ),
  });
}

/**
 * Re-runs the mappings of an existing source over its stored raw JSON (after changing code lists, or after an
 * upgrade of the mappers): every clinical row of the source is rebuilt; nothing is fetched.
 */
export async function remapSource(
  options: IngestCommonOptions & { readonly sourceName: string },
): Promise<SyncResult> {
  const source = await options.db.prisma.fhirSource.findUnique({ where: { name: options.sourceName } });
  if (source === null)
    throw new IngestError("INVALID_OPTIONS", `No source named "${options.sourceName}" has been ingested.`);
  return runSync({
    db: options.db,
    source: { name: source.name, kind: source.kind as "search" | "bulk" | "files", baseUrl: source.baseUrl },
    codes: compileCodes(options.codes ?? DEFAULT_CODE_CONFIG),
    windowMinutes: options.windowMinutes ?? 15,
    remap: true,
    ...(options.bus === undefined ? {} : { bus: options.bus }),
    ...(options.progressOutput === undefined ? {} : { progressOutput: options.progressOutput }),
    ...(options.signal === undefined ? {} : { signal: options.signal }),
    ...(options.log === undefined ? {} : { log: options.log }),
    batches: () => readStoredRaw(options.db, source.id),
  });
}

export { BULK_CHECKPOINT };
