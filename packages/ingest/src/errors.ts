/**
 * The ingest error vocabulary. Every error has a stable `code`, a one-line message meant for a person at a
 * terminal, and the underlying `cause` when there is one.
 */
export type IngestErrorCode =
  | "INVALID_OPTIONS"
  | "SOURCE_UNAVAILABLE"
  | "HTTP_ERROR"
  | "INVALID_RESPONSE"
  | "FOREIGN_LINK"
  | "AUTH_FAILED"
  | "EXPORT_FAILED"
  | "FILES_NOT_FOUND"
  | "ABORTED"
  | "CODE_CONFIG_INVALID"
  | "EVENT_BUS_FAILED"
  | "SANDBOX_FAILED";

export class IngestError extends Error {
  override readonly name = "IngestError";
  constructor(
    readonly code: IngestErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** True for an AbortSignal-triggered stop (ours or fetch's), which callers treat as a clean shutdown. */
export function isAbortError(error: unknown): boolean {
  if (error instanceof IngestError) return error.code === "ABORTED";
  return (
    error instanceof Error &&
    (error.name === "AbortError" || (error as { code?: string }).code === "ABORT_ERR")
  );
}
