import { randomUUID } from "node:crypto";
import { isResourceType } from "@medplum/core";
import type { IndexedMemoryRepository } from "./indexed.repository.js";

interface ExportFile {
  readonly type: string;
  readonly name: string;
  readonly lines: readonly string[];
}

export interface ExportJob {
  readonly id: string;
  readonly request: string;
  readonly transactionTime: string;
  readonly readyAt: number;
  readonly createdAt: number;
  readonly output: readonly ExportFile[];
  readonly errors: readonly ExportFile[];
}

export interface BulkExportOptions {
  /** How long a job stays "in progress" before its manifest is ready (default 300 ms). */
  readonly processingMs?: number;
  /** Retry-After sent while in progress, in seconds (default 1). */
  readonly retryAfterSeconds?: number;
  /** Resource types whose export "fails": reported in the manifest's error file (tests). */
  readonly failTypes?: readonly string[];
  /** Lines an output file is written in at a time (default 1,000). */
  readonly fileLinesPerChunk?: number;
  /** Pause between chunks of an output file (default 0), as a slow file server or network gives. */
  readonly fileChunkDelayMs?: number;
}

const PATIENT_REFERENCE_FIELDS = ["subject", "patient", "for"] as const;

function referencesMember(resource: Record<string, unknown>, members: ReadonlySet<string>): boolean {
  for (const field of PATIENT_REFERENCE_FIELDS) {
    const ref = (resource[field] as { reference?: unknown } | undefined)?.reference;
    if (typeof ref === "string" && members.has(ref)) return true;
  }
  return false;
}

function outcomeLine(message: string): string {
  return JSON.stringify({
    resourceType: "OperationOutcome",
    issue: [{ severity: "error", code: "processing", diagnostics: message }],
  });
}

/**
 * Bulk Data `$export` (FHIR Bulk Data Access 2.0, system and Group level) over the indexed repository: a
 * kick-off snapshots the matching resources into NDJSON files, the status endpoint answers 202 with
 * `X-Progress` and `Retry-After` until the job is "done", then the manifest. `_since` includes resources
 * updated at or after the instant, so a client resuming from the previous `transactionTime` misses nothing
 * written in that same millisecond.
 */
export class BulkExportHandler {
  private readonly jobs = new Map<string, ExportJob>();

  constructor(
    private readonly repo: IndexedMemoryRepository,
    private readonly options: BulkExportOptions = {},
  ) {}

  kickOff(
    requestUrl: string,
    query: URLSearchParams,
    groupId: string | undefined,
  ): { job?: ExportJob; error?: string; status: number } {
    const since = query.get("_since");
    const sinceMs = since === null ? Number.NEGATIVE_INFINITY : Date.parse(since);
    if (Number.isNaN(sinceMs)) return { status: 400, error: `_since "${since}" is not an instant` };
    const requested = query
      .get("_type")
      ?.split(",")
      .map((t) => t.trim())
      .filter((t) => t !== "");
    const types = requested ?? this.repo.resourceTypes().filter((t) => t !== "Group");
    let members: Set<string> | undefined;
    if (groupId !== undefined) {
      const group = this.repo.entries("Group").find((e) => e.id === groupId);
      if (group === undefined) return { status: 404, error: `Group/${groupId} not found` };
      members = new Set(
        ((group.resource as { member?: { entity?: { reference?: string } }[] }).member ?? [])
          .map((m) => m.entity?.reference)
          .filter((r): r is string => typeof r === "string"),
      );
    }
    const now = Date.now();
    const output: ExportFile[] = [];
    const errorLines: string[] = [];
    for (const type of types) {
      if (!isResourceType(type)) {
        errorLines.push(outcomeLine(`${type} is not a FHIR resource type`));
        continue;
      }
      if (this.options.failTypes?.includes(type)) {
        errorLines.push(outcomeLine(`Export of ${type} failed on the server`));
        continue;
      }
      const lines: string[] = [];
      for (const entry of this.repo.entries(type)) {
        if (entry.lastUpdated < sinceMs || entry.lastUpdated > now) continue;
        if (members !== undefined) {
          const isMember =
            type === "Patient"
              ? members.has(`Patient/${entry.id}`)
              : referencesMember(entry.resource as unknown as Record<string, unknown>, members);
          if (!isMember) continue;
        }
        lines.push(entry.json);
      }
      if (lines.length > 0) output.push({ type, name: `${type}.ndjson`, lines });
    }
    const job: ExportJob = {
      id: randomUUID(),
      request: requestUrl,
      transactionTime: new Date(now).toISOString(),
      createdAt: now,
      readyAt: now + (this.options.processingMs ?? 300),
      output,
      errors:
        errorLines.length > 0 ? [{ type: "OperationOutcome", name: "errors.ndjson", lines: errorLines }] : [],
    };
    this.jobs.set(job.id, job);
    return { status: 202, job };
  }

  job(id: string): ExportJob | undefined {
    return this.jobs.get(id);
  }

  cancel(id: string): boolean {
    return this.jobs.delete(id);
  }

  /** How output files are streamed: lines per chunk and the pause before each. */
  fileStreaming(): { readonly linesPerChunk: number; readonly delayMs: number } {
    return {
      linesPerChunk: this.options.fileLinesPerChunk ?? 1_000,
      delayMs: this.options.fileChunkDelayMs ?? 0,
    };
  }

  retryAfterSeconds(): number {
    return this.options.retryAfterSeconds ?? 1;
  }

  manifest(job: ExportJob, baseUrl: string, requiresAccessToken: boolean): string {
    const file = (f: ExportFile) => ({
      type: f.type,
      url: `${baseUrl}/$export-file/${job.id}/${f.name}`,
      count: f.lines.length,
    });
    return JSON.stringify({
      transactionTime: job.transactionTime,
      request: job.request,
      requiresAccessToken,
      output: job.output.map(file),
      error: job.errors.map(file),
    });
  }

  file(jobId: string, name: string): ExportFile | undefined {
    const job = this.jobs.get(jobId);
    return job?.output.find((f) => f.name === name) ?? job?.errors.find((f) => f.name === name);
  }
}
