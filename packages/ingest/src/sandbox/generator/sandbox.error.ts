/** Machine-readable reasons the sandbox generator refuses to run. */
export type SandboxErrorCode = "invalid-option" | "clock-backwards" | "output-failed";

/** An error of the sandbox generator; `code` says why, `cause` keeps the underlying error. */
export class SandboxError extends Error {
  override readonly name = "SandboxError";

  constructor(
    readonly code: SandboxErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
