import type { Database } from "@vigil/db";
import {
  isLockTimeout,
  rebuildObservationSets,
  type RebuildResult,
} from "../store/observation-set.builder.js";

export interface BackgroundRebuildOptions {
  readonly db: Database;
  readonly sourceId: number;
  readonly windowMinutes: number;
  /** Patients per rebuild transaction (default 500); a chunk starts once this many are ready. */
  readonly patientsPerChunk?: number;
  readonly log?: (line: string) => void;
}

/**
 * Rebuilds observation sets while a load is still running, on a connection of its own, so the rebuild at
 * the end of a run has little left to do. A patient becomes ready once a batch that queued it is followed
 * by a committed batch that did not: data grouped by patient (as Bulk Data exports and the sandbox's NDJSON
 * are) then finishes most patients long before the end, while data that touches every patient in every
 * batch leaves nothing ready, so nothing is rebuilt twice for nothing.
 *
 * Correctness does not depend on the guess: a patient queued again after its rebuild (an oxygen Procedure
 * arriving later) stays queued — the rebuild dequeues only marks it has seen — and is rebuilt again at the
 * end. A chunk never waits for a lock a batch holds (lock_timeout), because that batch may be waiting for
 * the chunk's queue rows; it gives up instead and leaves its patients for the end of the run.
 */
export class BackgroundRebuild {
  private readonly perChunk: number;
  /** Queued by the latest committed batch: it may still have more readings coming. */
  private latest = new Set<string>();
  /** Queued earlier and not touched by the latest batch. */
  private readonly ready = new Set<string>();
  private running: Promise<void> | undefined;
  private stopped = false;
  private readonly results: RebuildResult[] = [];

  constructor(private readonly options: BackgroundRebuildOptions) {
    this.perChunk = options.patientsPerChunk ?? 500;
  }

  /** Call after each committed batch with the patients it queued. */
  committed(dirtyPatients: readonly string[]): void {
    const touched = new Set(dirtyPatients);
    for (const patient of this.latest) if (!touched.has(patient)) this.ready.add(patient);
    for (const patient of touched) this.ready.delete(patient);
    this.latest = touched;
    this.startIfReady();
  }

  /** Waits for the chunk in progress and starts no more; resolves to what was rebuilt. */
  async stop(): Promise<RebuildResult[]> {
    this.stopped = true;
    if (this.running !== undefined) await this.running;
    return this.results;
  }

  private startIfReady(): void {
    if (this.stopped || this.running !== undefined || this.ready.size < this.perChunk) return;
    const patients: string[] = [];
    for (const patient of this.ready) {
      patients.push(patient);
      this.ready.delete(patient);
      if (patients.length === this.perChunk) break;
    }
    this.running = rebuildObservationSets(this.options.db, this.options.sourceId, {
      windowMinutes: this.options.windowMinutes,
      patients,
      patientsPerBatch: this.perChunk,
      concurrency: 1,
      lockTimeoutMs: 200,
    })
      .then(
        (result) => {
          this.results.push(result);
        },
        (error: unknown) => {
          // The patients stay queued; the rebuild at the end of the run takes them (and reports any real
          // error from there).
          if (!isLockTimeout(error))
            this.options.log?.(`warning: background rebuild: ${(error as Error).message}`);
        },
      )
      .finally(() => {
        this.running = undefined;
        this.startIfReady();
      });
  }
}

/** The rebuilds of a run as one result: each patient counted once, with the sets of its latest rebuild. */
export function combineRebuilds(results: readonly RebuildResult[]): RebuildResult {
  const setsByPatient = new Map<string, number>();
  const wards = new Set<string>();
  let from: string | null = null;
  let to: string | null = null;
  for (const result of results) {
    for (const [patient, sets] of result.setsByPatient) setsByPatient.set(patient, sets);
    for (const ward of result.wards) wards.add(ward);
    if (result.from !== null && (from === null || result.from < from)) from = result.from;
    if (result.to !== null && (to === null || result.to > to)) to = result.to;
  }
  let sets = 0;
  for (const n of setsByPatient.values()) sets += n;
  return { patients: setsByPatient.size, sets, setsByPatient, wards: [...wards].sort(), from, to };
}
