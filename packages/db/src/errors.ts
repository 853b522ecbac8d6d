/**
 * The data layer's error vocabulary. Each error has a stable `code` and a message meant for a person at a
 * terminal: one line, naming the setting or host involved, never a stack trace or SQL.
 */
export type DbErrorCode =
  | "CONFIG_INVALID"
  | "DATABASE_UNREACHABLE"
  | "DATABASE_AUTH_FAILED"
  | "DATABASE_NOT_FOUND"
  | "MIGRATION_FAILED"
  | "MIGRATION_CHECKSUM_MISMATCH"
  | "MIGRATION_DIRTY";

export class DbError extends Error {
  override readonly name = "DbError";
  constructor(
    readonly code: DbErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Invalid or missing environment variable; the message names the variable. */
export class ConfigError extends DbError {
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super("CONFIG_INVALID", message);
  }
}
