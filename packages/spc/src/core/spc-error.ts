/**
 * The one error class of @vigil/spc. `code` is stable and machine-readable; `argument` names the input
 * at fault, so a caller (the GraphQL edge, an analyst's notebook) can say exactly what to fix.
 */
export class SpcError extends Error {
  override readonly name = "SpcError";
  constructor(
    readonly code: string,
    message: string,
    readonly argument?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
