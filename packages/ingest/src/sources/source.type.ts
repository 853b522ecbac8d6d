import type { IncomingResource, NdjsonLine, UnparsedPayload } from "../mapping/prepare.js";
import type { CheckpointAdvance } from "../store/batch.writer.js";
import type { RunIssue } from "../store/source.store.js";

/** One batch from a source: written in one transaction, with the checkpoint it earns once committed. */
export interface SourceBatch {
  /** The resource type the batch belongs to (progress and checkpoints), or "*" for mixed files. */
  readonly resourceType: string;
  readonly incoming: readonly IncomingResource[];
  /** NDJSON lines still unparsed (parsed when the batch is prepared). */
  readonly lines?: readonly NdjsonLine[];
  readonly unparsed?: readonly UnparsedPayload[];
  readonly checkpoint?: CheckpointAdvance;
  /** Total resources of this type the source reports (Bundle.total, Bulk Data counts), when known. */
  readonly total?: number;
  /** Bytes or resources fetched so far, for progress of sources that cannot count ahead. */
  readonly fetched?: number;
}

/** Reported alongside batches: problems that do not stop the run (Bulk Data error files, skipped types). */
export interface SourceIssueSink {
  issue(issue: RunIssue): void;
}
