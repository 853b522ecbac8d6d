import type { Writable } from "node:stream";
import type { EventBus, IngestProgress, IngestTopics } from "../events/event-bus.type.js";

interface TypeProgress {
  resourceType: string;
  fetched: number;
  stored: number;
  quarantined: number;
  total: number | undefined;
  /** When the type's work began (see `ProgressReporter.committed`). */
  startedAt: number;
  /** When its latest batch was committed: a finished type's rate ends there. */
  lastUpdate: number;
  done: boolean;
  lastPublished: number;
}

/**
 * The shortest time over which a rate is reported. A type's first commits can land milliseconds after its
 * clock starts (a prefetched page; batches merged and written back to back), and a count over so short a time
 * says nothing of the throughput — 500 resources in 1 ms read as 500,000/s and an ETA of 0. A number of
 * batches is no guard, for the same reason, so the rule is time: until a type has run for a second its events
 * carry `ratePerSecond: 0` and no `etaSeconds` (the event type requires a rate), and its line shows `--/s`.
 */
const MIN_RATE_MS = 1_000;

export interface ProgressReporterOptions {
  readonly sourceName: string;
  readonly runId: number;
  /** Where to draw: bars on a TTY, one log line per type every few seconds otherwise; none when absent. */
  readonly output?: Writable & { isTTY?: boolean; columns?: number };
  readonly bus?: EventBus<IngestTopics>;
  /** Minimum interval between events (and redraws) per type. */
  readonly intervalMs?: number;
  readonly now?: () => number;
  /** Where log lines go (see {@link ProgressReporter.log}); they are dropped when absent. */
  readonly log?: (line: string) => void;
}

function formatNumber(n: number): string {
  return Math.round(n).toLocaleString("en-GB");
}

function formatEta(seconds: number | undefined): string {
  if (seconds === undefined || !Number.isFinite(seconds)) return "--:--";
  const s = Math.max(0, Math.round(seconds));
  const m = Math.floor(s / 60);
  return m >= 60
    ? `${Math.floor(m / 60)}h${String(m % 60).padStart(2, "0")}m`
    : `${String(m).padStart(2, "0")}:${String(s % 60).padStart(2, "0")}`;
}

/**
 * Tracks progress per resource type, publishes `IngestProgress` events (throttled, plus a final `done`),
 * and shows it: live bars with count, rate and ETA on a terminal, plain log lines otherwise.
 */
export class ProgressReporter {
  private readonly types = new Map<string, TypeProgress>();
  private readonly intervalMs: number;
  private readonly now: () => number;
  private drawnLines = 0;
  private lastLog = 0;
  private readonly printedDone = new Set<string>();
  /** The run start, then the end of each committed batch: where a type first seen after it starts its clock. */
  private lastCommitted: number;

  constructor(private readonly options: ProgressReporterOptions) {
    this.intervalMs = options.intervalMs ?? 250;
    this.now = options.now ?? (() => Date.now());
    this.lastCommitted = this.now();
  }

  private entry(resourceType: string): TypeProgress {
    let entry = this.types.get(resourceType);
    if (entry === undefined) {
      entry = {
        resourceType,
        fetched: 0,
        stored: 0,
        quarantined: 0,
        total: undefined,
        startedAt: this.lastCommitted,
        lastUpdate: this.lastCommitted,
        done: false,
        lastPublished: 0,
      };
      this.types.set(resourceType, entry);
    }
    return entry;
  }

  /** Records a committed batch. `fetched` is cumulative for the type when the source reports it. */
  async update(
    resourceType: string,
    delta: { fetched?: number; fetchedTotal?: number; stored: number; quarantined: number; total?: number },
  ): Promise<void> {
    const entry = this.entry(resourceType);
    if (delta.fetchedTotal !== undefined) entry.fetched = Math.max(entry.fetched, delta.fetchedTotal);
    else entry.fetched += delta.fetched ?? delta.stored + delta.quarantined;
    entry.stored += delta.stored;
    entry.quarantined += delta.quarantined;
    if (delta.total !== undefined) entry.total = delta.total;
    const now = this.now();
    entry.lastUpdate = now;
    if (now - entry.lastPublished >= this.intervalMs) {
      entry.lastPublished = now;
      await this.emit(entry);
    }
  }

  /**
   * Marks the end of one committed batch (after its `update`s). A type first heard of in a later batch starts
   * its clock here; the types of the first batch start at the run start (when the reporter was made). Batches
   * commit one after another, so this splits the run's time between types: a type is charged from the commit
   * before its first batch — the part of its first fetch the writes before it did not hide, none of the earlier
   * types' time, and never zero for its first batch.
   */
  committed(): void {
    this.lastCommitted = this.now();
  }

  /** Marks a type finished and publishes its final event. */
  async done(resourceType: string): Promise<void> {
    const entry = this.entry(resourceType);
    if (entry.done) return;
    entry.done = true;
    entry.total ??= entry.fetched;
    await this.emit(entry, true);
  }

  /** Finishes every type still open. */
  async finish(): Promise<void> {
    for (const type of this.types.keys()) await this.done(type);
  }

  snapshot(entry: TypeProgress): IngestProgress {
    // A finished type's rate is that of its own batches, not diluted by the wait until the run ends.
    const elapsedMs = (entry.done ? entry.lastUpdate : this.now()) - entry.startedAt;
    const rate = elapsedMs >= MIN_RATE_MS ? entry.fetched / (elapsedMs / 1000) : undefined;
    const remaining = entry.total === undefined ? undefined : Math.max(0, entry.total - entry.fetched);
    const eta = entry.done
      ? 0
      : remaining !== undefined && rate !== undefined && rate > 0
        ? Math.round(remaining / rate)
        : undefined;
    return {
      sourceName: this.options.sourceName,
      runId: this.options.runId,
      resourceType: entry.resourceType,
      fetched: entry.fetched,
      stored: entry.stored,
      quarantined: entry.quarantined,
      ...(entry.total === undefined ? {} : { total: entry.total }),
      ratePerSecond: rate === undefined ? 0 : Math.round(rate * 10) / 10,
      ...(eta === undefined ? {} : { etaSeconds: eta }),
      done: entry.done,
    };
  }

  private async emit(entry: TypeProgress, force = false): Promise<void> {
    const event = this.snapshot(entry);
    this.render(force);
    await this.options.bus?.publish("IngestProgress", event).catch(() => undefined);
  }

  /** One line per type: `Observation  [█████░░░░░] 51,200/100,000  8,532/s  ETA 00:05`. */
  formatLine(event: IngestProgress, width = 24): string {
    const count =
      event.total === undefined
        ? formatNumber(event.fetched)
        : `${formatNumber(event.fetched)}/${formatNumber(event.total)}`;
    let bar = "";
    if (event.total !== undefined && event.total > 0) {
      const filled = Math.min(width, Math.round((event.fetched / event.total) * width));
      bar = `[${"█".repeat(filled)}${"░".repeat(width - filled)}] `;
    }
    const quarantine = event.quarantined > 0 ? `  ${formatNumber(event.quarantined)} quarantined` : "";
    const tail = event.done ? "done" : `ETA ${formatEta(event.etaSeconds)}`;
    // A rate of 0 is one not measured yet (or nothing fetched): shown as unknown, like the ETA — and left out
    // once the type is done, since then it only means the type took under a second.
    const rate =
      event.ratePerSecond > 0 ? `${formatNumber(event.ratePerSecond)}/s  ` : event.done ? "" : "--/s  ";
    return `${event.resourceType.padEnd(24)} ${bar}${count}  ${rate}${tail}${quarantine}`;
  }

  /**
   * Writes a log line (a retry, an issue) through `options.log`. On a terminal the bars are cleared first and
   * drawn again below the line: a line written under them would be overwritten by the next redraw, which moves
   * up as many lines as it drew.
   */
  log(line: string): void {
    const write = this.options.log;
    if (write === undefined) return;
    const out = this.options.output;
    if (out?.isTTY !== true || this.drawnLines === 0) {
      write(line);
      return;
    }
    out.write(`\x1b[${this.drawnLines}F\x1b[J`);
    this.drawnLines = 0;
    write(line);
    this.render(true);
  }

  private render(force: boolean): void {
    const out = this.options.output;
    if (out === undefined) return;
    const lines = [...this.types.values()].map((entry) => this.formatLine(this.snapshot(entry)));
    if (out.isTTY === true) {
      // Redraw in place: move up over the previous block, clear each line, write the new block.
      let text = this.drawnLines > 0 ? `\x1b[${this.drawnLines}F` : "";
      for (const line of lines) text += `\x1b[2K${line.slice(0, Math.max(20, (out.columns ?? 120) - 1))}\n`;
      out.write(text);
      this.drawnLines = lines.length;
      return;
    }
    // Plain output: a line per finished type, once, and every few seconds a line per type still running.
    const now = this.now();
    const periodic = now - this.lastLog >= 5_000;
    if (periodic) this.lastLog = now;
    for (const entry of this.types.values()) {
      // A type with nothing to fetch (a follow-up sync that found no changes) is not worth a log line.
      if (entry.fetched === 0 && entry.quarantined === 0) continue;
      if (entry.done) {
        if (this.printedDone.has(entry.resourceType)) continue;
        this.printedDone.add(entry.resourceType);
      } else if (force || !periodic) {
        continue;
      }
      out.write(`${this.formatLine(this.snapshot(entry))}\n`);
    }
  }
}
