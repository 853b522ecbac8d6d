import type { Writable } from "node:stream";
import type { Database } from "@vigil/db";
import { IngestError, isAbortError } from "../errors.js";
import type { EventBus, IngestTopics } from "../events/event-bus.type.js";
import {
  isNewer,
  prepareBatchInSlices,
  type PreparedBatch,
  type PreparedResource,
} from "../mapping/prepare.js";
import { ProgressReporter } from "../progress/progress.reporter.js";
import { compileCodes, type CompiledCodes } from "../terminology/code-config.js";
import { SurrogateKeys, writeBatch, type BatchCounts, type BatchWriteResult } from "../store/batch.writer.js";
import { rebuildObservationSets } from "../store/observation-set.builder.js";
import { BackgroundRebuild, combineRebuilds } from "./background-rebuild.js";
import {
  ensureSource,
  finishRun,
  lockSource,
  readCheckpoints,
  setCheckpointsStatus,
  startRun,
  type Checkpoint,
  type RunIssue,
  type SourceKind,
  type SourceRecord,
} from "../store/source.store.js";
import { withTransaction } from "../store/sql.js";
import type { SourceBatch } from "../sources/source.type.js";

export interface SourceContext {
  readonly source: SourceRecord;
  readonly runId: number;
  readonly checkpoints: ReadonlyMap<string, Checkpoint>;
  readonly signal: AbortSignal;
  /** Record a problem that does not stop the run (it lands in `ingest_run.issues`). */
  issue(issue: RunIssue): void;
  /** Record a retry or other notable event for the log. */
  log(line: string): void;
}

export interface SyncRunOptions {
  readonly db: Database;
  readonly source: {
    readonly name: string;
    readonly kind: SourceKind;
    readonly baseUrl: string;
    readonly auth?: Record<string, string>;
  };
  /** The batches to write, in order; created once the run (and its checkpoints) are known. */
  readonly batches: (context: SourceContext) => AsyncIterable<SourceBatch>;
  readonly codes?: CompiledCodes;
  /** Observation-set window (VIGIL_OBS_SET_WINDOW_MINUTES). */
  readonly windowMinutes: number;
  /** Resource types stored; others are skipped (files carry Claims and the like). Default: all. */
  readonly resourceTypes?: ReadonlySet<string>;
  readonly bus?: EventBus<IngestTopics>;
  /** Progress display (bars on a TTY, lines otherwise). */
  readonly progressOutput?: Writable & { isTTY?: boolean; columns?: number };
  readonly log?: (line: string) => void;
  readonly signal?: AbortSignal;
  /** Re-map stored raw JSON (the batches come from `raw_resource`): rows are replaced, raw rows untouched. */
  readonly remap?: boolean;
  /** Largest transaction when batches are merged while a write is in flight (default 10,000 resources). */
  readonly maxBatchResources?: number;
  /**
   * Rebuild observation sets of patients the load has finished with while it goes on (PostgreSQL only;
   * default true, 500 patients per chunk). See {@link BackgroundRebuild}.
   */
  readonly rebuildWhileLoading?: boolean | { readonly patientsPerChunk: number };
  /**
   * Transactions written at once (PostgreSQL only; default 2, PGlite always 1). With two, a batch's raw JSON
   * is COPYed on a second connection while the batch before it finishes; the rest of it waits for that one's
   * commit (see `WriteOptions.afterRaw`), so commits, checkpoints and everything shared stay in order. Batches
   * holding a resource in common are never written at once.
   */
  readonly writeConnections?: number;
}

export interface SyncResult {
  readonly runId: number;
  readonly sourceId: number;
  readonly status: "succeeded" | "cancelled";
  readonly counts: BatchCounts;
  readonly perType: Readonly<Record<string, BatchCounts>>;
  /** Quarantine entries of this run by code (`invalid-date`, `unsupported-unit`, …), for a summary saying why. */
  readonly quarantinedByCode: Readonly<Record<string, number>>;
  readonly observationSets: { readonly patients: number; readonly sets: number };
  readonly issues: readonly RunIssue[];
  readonly batches: number;
  readonly durationMs: number;
}

/** A source batch and what preparing it gave. */
interface Prepared {
  readonly batch: SourceBatch;
  readonly prepared: PreparedBatch;
}

/**
 * Consecutive prepared batches of one type as one transaction: all their resources (a resource in two of them
 * keeps the newer copy, as within one batch), the last checkpoint and the latest progress figures.
 */
function mergePrepared(parts: readonly Prepared[]): Prepared {
  if (parts.length === 1) return parts[0]!;
  const last = parts[parts.length - 1]!.batch;
  const checkpoint = parts
    .map((p) => p.batch.checkpoint)
    .filter((c) => c !== undefined)
    .at(-1);
  const { checkpoint: _checkpoint, ...rest } = last;
  const byKey = new Map<string, PreparedResource>();
  let superseded = 0;
  for (const part of parts) {
    superseded += part.prepared.superseded ?? 0;
    for (const resource of part.prepared.resources) {
      const key = `${resource.resourceType}/${resource.fhirId}`;
      const existing = byKey.get(key);
      if (existing !== undefined) superseded++;
      if (existing === undefined || isNewer(resource, existing)) byKey.set(key, resource);
    }
  }
  return {
    batch: {
      ...rest,
      incoming: [],
      ...(checkpoint === undefined ? {} : { checkpoint }),
    },
    prepared: {
      resources: [...byKey.values()],
      quarantined: parts.flatMap((p) => p.prepared.quarantined),
      skipped: parts.reduce((sum, p) => sum + p.prepared.skipped, 0),
      superseded,
    },
  };
}

/** PostgreSQL unique_violation (pg and PGlite errors both carry the SQLSTATE as `code`). */
function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === "23505";
}

function emptyCounts(): BatchCounts {
  return { received: 0, inserted: 0, updated: 0, unchanged: 0, quarantined: 0, skipped: 0 };
}

function add(into: BatchCounts, from: BatchCounts): void {
  into.received += from.received;
  into.inserted += from.inserted;
  into.updated += from.updated;
  into.unchanged += from.unchanged;
  into.quarantined += from.quarantined;
  into.skipped += from.skipped;
}

/**
 * Runs one sync of one source: every batch is prepared (mapped, hashed) while the previous one is being
 * written, written in one transaction together with its checkpoint, then announced (`DataChanged`,
 * `IngestProgress`). Observation sets of the patients touched are rebuilt at the end, from the queue the
 * batches filled, so a run killed at any point leaves either committed work or queued work — never a gap.
 *
 * When the source stays down the run is recorded as failed and an `IngestError` says what was kept.
 */
export async function runSync(options: SyncRunOptions): Promise<SyncResult> {
  const started = Date.now();
  const { db } = options;
  const codes = options.codes ?? compileCodes();
  const controller = new AbortController();
  const signal =
    options.signal === undefined ? controller.signal : AbortSignal.any([options.signal, controller.signal]);
  const source = await ensureSource(db, options.source);
  const release = await lockSource(db, source.id);
  if (release === null) {
    throw new IngestError(
      "INVALID_OPTIONS",
      `Another ingest worker is already syncing source "${source.name}".`,
    );
  }
  const runId = await startRun(db, source.id);
  const issues: RunIssue[] = [];
  const totals = emptyCounts();
  const perType: Record<string, BatchCounts> = {};
  const quarantinedByCode: Record<string, number> = {};
  const progress = new ProgressReporter({
    sourceName: source.name,
    runId,
    ...(options.progressOutput === undefined ? {} : { output: options.progressOutput }),
    ...(options.bus === undefined ? {} : { bus: options.bus }),
    ...(options.log === undefined ? {} : { log: options.log }),
  });
  // Log lines go through the reporter, which keeps them clear of the progress bars on a terminal.
  const log = (line: string): void => progress.log(line);
  let batches = 0;
  let lastType: string | undefined;
  // PGlite has one connection: a rebuild beside the load would only queue behind it.
  const whileLoading = options.rebuildWhileLoading ?? true;
  const background =
    db.driver.kind === "postgres" && whileLoading !== false
      ? new BackgroundRebuild({
          db,
          sourceId: source.id,
          windowMinutes: options.windowMinutes,
          log,
          ...(whileLoading === true ? {} : { patientsPerChunk: whileLoading.patientsPerChunk }),
        })
      : undefined;
  const firstLoad = new Map<string, boolean>();
  const keys = new SurrogateKeys();
  const quarantine: { mayHoldRows?: boolean } = {};
  try {
    const checkpoints = await readCheckpoints(db, source.id);
    const context: SourceContext = {
      source,
      runId,
      checkpoints,
      signal,
      issue: (issue) => {
        issues.push(issue);
        log(`${issue.severity}: ${issue.message}`);
      },
      log,
    };
    const iterator = options.batches(context)[Symbol.asyncIterator]();
    const maxMerged = options.maxBatchResources ?? 10_000;
    // PGlite has one connection: a second transaction would queue behind the first while the first waits for it.
    const lanes = db.driver.kind === "postgres" ? Math.max(1, options.writeConnections ?? 2) : 1;
    /** Transactions being written, oldest first, with the resources each holds. */
    const inflight: { done: Promise<void>; readonly keys: ReadonlySet<string> }[] = [];
    let failure: unknown;
    let queue: Prepared[] = [];
    let queued = 0;
    const writing = (): boolean => inflight.length >= lanes;
    /** Waits until at most `n` transactions are in flight; a transaction that failed fails the run. */
    const drainTo = async (n: number): Promise<void> => {
      while (inflight.length > n) await inflight[0]!.done.catch(() => undefined);
      if (failure !== undefined) throw failure as Error;
    };
    const settle = (): Promise<void> => drainTo(0);
    // Pipelined: each batch is prepared (parsed JSON mapped and hashed) as soon as it arrives, while earlier
    // transactions are being written, and its parsed JSON becomes garbage right away. Adaptive batching: what
    // arrives while every connection is busy (same resource type, up to maxMerged resources) becomes the next
    // transaction. Commits stay in order, so checkpoints still advance in order.
    const flush = async (): Promise<void> => {
      if (queue.length === 0) return;
      await drainTo(lanes - 1);
      const { batch, prepared } = mergePrepared(queue);
      queue = [];
      queued = 0;
      if (lastType !== undefined && lastType !== batch.resourceType && lastType !== "*") {
        await settle();
        await progress.done(lastType);
      }
      lastType = batch.resourceType;
      const keys = new Set(prepared.resources.map((r) => `${r.resourceType}/${r.fhirId}`));
      // Two batches holding one resource are never written at once: the later would decide "newer or not"
      // against a version the earlier is still replacing.
      const last = inflight.at(-1);
      if (last !== undefined && [...keys].some((key) => last.keys.has(key))) await settle();
      const previous = inflight.at(-1)?.done;
      const entry = { done: Promise.resolve(), keys };
      const remove = (): void => {
        inflight.splice(inflight.indexOf(entry), 1);
      };
      // Settled bookkeeping runs before anyone awaiting `done` resumes.
      entry.done = commit(batch, prepared, previous).then(remove, (error: unknown) => {
        remove();
        failure ??= error;
        throw error;
      });
      entry.done.catch(() => undefined);
      inflight.push(entry);
    };
    try {
      for (;;) {
        let next: IteratorResult<SourceBatch>;
        try {
          next = await iterator.next();
        } catch (error) {
          // The source failed (server down, auth refused): keep what was fetched before it did.
          await flush().catch(() => undefined);
          throw error;
        }
        if (next.done === true) break;
        const batch = next.value;
        if (queue.length > 0 && queue[0]!.batch.resourceType !== batch.resourceType) await flush();
        const prepared = await prepareBatchInSlices(
          batch.incoming,
          { codes },
          {
            ...(options.resourceTypes === undefined ? {} : { resourceTypes: options.resourceTypes }),
            ...(batch.unparsed === undefined ? {} : { unparsed: batch.unparsed }),
            ...(batch.lines === undefined ? {} : { lines: batch.lines }),
          },
        );
        // Only the prepared rows are kept: the parsed resources and unparsed text are garbage from here on.
        const { incoming: _incoming, unparsed: _unparsed, lines: _lines, ...meta } = batch;
        queue.push({ batch: { ...meta, incoming: [] }, prepared });
        queued += batch.incoming.length + (batch.unparsed?.length ?? 0) + (batch.lines?.length ?? 0);
        if (!writing() || queued >= maxMerged) await flush();
      }
      await flush();
      await settle();
    } catch (error) {
      // Let the batches being written finish (or fail) before the run is closed and the database released.
      await settle().catch(() => undefined);
      await iterator.return?.(undefined).catch(() => undefined);
      throw error;
    }

    const rebuildStarted = Date.now();
    const early = (await background?.stop()) ?? [];
    const rebuilt = combineRebuilds([
      ...early,
      await rebuildObservationSets(db, source.id, { windowMinutes: options.windowMinutes }),
    ]);
    if (rebuilt.patients > 0) {
      log(
        `observation sets of ${rebuilt.patients} patients rebuilt (${rebuilt.sets} sets) in ${((Date.now() - rebuildStarted) / 1000).toFixed(1)} s`,
      );
    }
    if (rebuilt.sets > 0 || rebuilt.patients > 0) {
      await publish({
        wards: rebuilt.wards,
        from: rebuilt.from,
        to: rebuilt.to,
        resourceTypes: ["ObservationSet"],
      });
    }
    await progress.finish();
    await setCheckpointsStatus(db, source.id, "idle", { clearCursor: true });
    await finishRun(db, runId, { status: "succeeded", issues });
    return {
      runId,
      sourceId: source.id,
      status: "succeeded",
      counts: totals,
      perType,
      quarantinedByCode,
      observationSets: { patients: rebuilt.patients, sets: rebuilt.sets },
      issues,
      batches,
      durationMs: Date.now() - started,
    };
  } catch (error) {
    await background?.stop().catch(() => undefined);
    const cancelled = isAbortError(error);
    const kept = `kept ${totals.inserted + totals.updated + totals.unchanged} resources and ${totals.quarantined} quarantined from ${batches} committed batches`;
    await finishRun(db, runId, {
      status: cancelled ? "cancelled" : "failed",
      error: cancelled ? "stopped" : (error as Error).message,
      issues,
    }).catch(() => undefined);
    if (!cancelled) {
      await setCheckpointsStatus(db, source.id, "failed", { from: "running", clearCursor: false }).catch(
        () => undefined,
      );
    }
    if (cancelled) {
      return {
        runId,
        sourceId: source.id,
        status: "cancelled",
        counts: totals,
        perType,
        quarantinedByCode,
        observationSets: { patients: 0, sets: 0 },
        issues,
        batches,
        durationMs: Date.now() - started,
      };
    }
    const code = error instanceof IngestError ? error.code : "SOURCE_UNAVAILABLE";
    throw new IngestError(
      code,
      `Sync of "${source.name}" failed: ${(error as Error).message}. Nothing is lost: ${kept}; the next run resumes from the last committed checkpoint.`,
      { cause: error },
    );
  } finally {
    await release();
  }

  async function commit(
    batch: SourceBatch,
    prepared: PreparedBatch,
    previous: Promise<void> | undefined,
  ): Promise<void> {
    const write = (): Promise<BatchWriteResult> =>
      // Asynchronous commit: the batch's checkpoint commits with it, so a commit lost to a crash is re-fetched.
      withTransaction(
        db,
        (tx) =>
          writeBatch(tx, source.id, runId, prepared, batch.checkpoint, {
            remap: options.remap === true,
            firstLoad,
            keys,
            quarantine,
            // The wards touched only matter to DataChanged listeners.
            wards: options.bus !== undefined,
            // Written beside the batch before: the rest waits for its commit (and bookkeeping) to be done.
            ...(previous === undefined ? {} : { afterRaw: () => previous }),
          }),
        { asynchronousCommit: true, jit: false, lz4: true },
      ).then(
        (result) => {
          keys.commit();
          return result;
        },
        (error: unknown) => {
          keys.rollback();
          throw error;
        },
      );
    let result: BatchWriteResult;
    try {
      result = await write();
    } catch (error) {
      const types = new Set(prepared.resources.map((r) => r.resourceType));
      if (!isUniqueViolation(error) || ![...types].some((t) => firstLoad.get(t) === true)) throw error;
      // A resource sent twice during a type's first load: write the batch again, looking up what is stored.
      for (const type of types) firstLoad.set(type, false);
      result = await write();
    }
    batches++;
    background?.committed(result.dirtyPatients);
    add(totals, result.counts);
    const byType = new Map<string, { stored: number; quarantined: number }>();
    for (const r of prepared.resources) {
      const entry = byType.get(r.resourceType) ?? { stored: 0, quarantined: 0 };
      entry.stored++;
      byType.set(r.resourceType, entry);
    }
    for (const q of prepared.quarantined) {
      quarantinedByCode[q.code] = (quarantinedByCode[q.code] ?? 0) + 1;
      const type = q.resourceType ?? (batch.resourceType === "*" ? "(unparsed)" : batch.resourceType);
      const entry = byType.get(type) ?? { stored: 0, quarantined: 0 };
      entry.quarantined++;
      byType.set(type, entry);
    }
    if (batch.resourceType !== "*" && byType.size === 0)
      byType.set(batch.resourceType, { stored: 0, quarantined: 0 });
    for (const [type, entry] of byType) {
      const counts = (perType[type] ??= emptyCounts());
      counts.received += entry.stored + entry.quarantined;
      counts.quarantined += entry.quarantined;
      const single = batch.resourceType !== "*";
      await progress.update(type, {
        ...(single && batch.fetched !== undefined ? { fetchedTotal: batch.fetched } : {}),
        stored: entry.stored,
        quarantined: entry.quarantined,
        ...(single && batch.total !== undefined ? { total: batch.total } : {}),
      });
    }
    progress.committed();
    if (batch.resourceType !== "*") {
      const counts = (perType[batch.resourceType] ??= emptyCounts());
      counts.inserted += result.counts.inserted;
      counts.updated += result.counts.updated;
      counts.unchanged += result.counts.unchanged;
    }
    if (result.counts.inserted + result.counts.updated > 0) {
      await publish({
        wards: result.wards,
        from: result.from,
        to: result.to,
        resourceTypes: result.resourceTypes,
      });
    }
  }

  async function publish(change: Omit<IngestTopics["DataChanged"], "sourceName" | "runId">): Promise<void> {
    if (options.bus === undefined) return;
    try {
      await options.bus.publish("DataChanged", { sourceName: source.name, runId, ...change });
    } catch (error) {
      // The data is committed; a missed event only delays the API's recomputation until the next one.
      log(`warning: ${(error as Error).message}`);
    }
  }
}
