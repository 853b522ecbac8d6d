import { SpcError } from "../../core/spc-error.js";

/**
 * A point in time as the platform's rows carry it: a `Date` (Prisma rows), epoch milliseconds (hot paths,
 * benchmarks) or an ISO 8601 string with an offset (FHIR `dateTime`/`instant`).
 */
export type Instant = Date | number | string;

/** Milliseconds in one minute, hour and day; named so time arithmetic reads as what it means. */
export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

/**
 * Converts an {@link Instant} to epoch milliseconds. Invalid dates throw `INVALID_INSTANT` rather than
 * becoming NaN, because a NaN time silently drops a record from every window comparison.
 *
 * @example
 * toEpochMs("2024-03-01T00:00:00Z"); // 1709251200000
 */
export function toEpochMs(value: Instant, argument = "time"): number {
  const ms =
    typeof value === "number" ? value : typeof value === "string" ? Date.parse(value) : value.getTime();
  if (!Number.isFinite(ms)) {
    throw new SpcError(
      "INVALID_INSTANT",
      `${argument} is not a valid point in time: ${String(value)}`,
      argument,
    );
  }
  return ms;
}

/** {@link toEpochMs} for optional fields: `null`/`undefined` stay `null` (an open interval, an unknown time). */
export function toEpochMsOrNull(value: Instant | null | undefined, argument = "time"): number | null {
  return value === null || value === undefined ? null : toEpochMs(value, argument);
}
