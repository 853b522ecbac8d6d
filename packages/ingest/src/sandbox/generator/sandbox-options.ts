import { SandboxError } from "./sandbox.error.js";
import { DAY, startOfDay } from "./time.js";

/** What a caller may choose about the sandbox hospital; everything else is fixed clinical realism. */
export interface SandboxOptions {
  /** Seed of every random draw; the same seed gives byte-identical output. Default 1. */
  readonly seed?: number | string;
  /** First day of the data window (UTC midnight), `YYYY-MM-DD` or a Date. Default 2025-01-06. */
  readonly start?: string | Date;
  /** Length of the data window in days (batch output). Default 28. */
  readonly days?: number;
  /** Staffed beds across all wards; admissions scale with it. Default 60. */
  readonly beds?: number;
  /**
   * The day the deterioration-response QI intervention starts (`YYYY-MM-DD`): escalation and review delays
   * shorten from then on. Default: the middle of the data window.
   */
  readonly interventionDate?: string | Date;
  /**
   * Stop after exactly this many Observation resources (benchmark datasets). Without `days`, the window then
   * extends until the count is reached.
   */
  readonly maxObservations?: number;
}

export interface ResolvedSandboxOptions {
  readonly seed: string;
  /** Epoch ms of the window start. */
  readonly start: number;
  /** Epoch ms of the window end, or undefined when only `maxObservations` bounds the output. */
  readonly end: number | undefined;
  readonly days: number | undefined;
  readonly beds: number;
  readonly interventionAt: number;
  readonly maxObservations: number | undefined;
}

export const DEFAULT_SANDBOX_SEED = 1;
export const DEFAULT_SANDBOX_START = "2025-01-06";
export const DEFAULT_SANDBOX_DAYS = 28;
export const DEFAULT_SANDBOX_BEDS = 40;
const MAX_BEDS = 5000;
const MAX_DAYS = 3660;

function parseDay(value: string | Date, option: string): number {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime()))
      throw new SandboxError("invalid-option", `${option} is not a valid date`);
    return startOfDay(value.getTime());
  }
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    throw new SandboxError("invalid-option", `${option} must be a date as YYYY-MM-DD, got "${value}"`);
  }
  const ms = Date.parse(`${value}T00:00:00Z`);
  if (Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== value) {
    throw new SandboxError("invalid-option", `${option} is not a calendar date: "${value}"`);
  }
  return ms;
}

function positiveInteger(value: number, option: string, max: number): number {
  if (!Number.isInteger(value) || value < 1 || value > max) {
    throw new SandboxError(
      "invalid-option",
      `${option} must be a whole number from 1 to ${max}, got ${value}`,
    );
  }
  return value;
}

/** Applies defaults and validates; throws SandboxError("invalid-option") naming the option at fault. */
export function resolveSandboxOptions(options: SandboxOptions = {}): ResolvedSandboxOptions {
  const seed = String(options.seed ?? DEFAULT_SANDBOX_SEED);
  if (seed.length === 0) throw new SandboxError("invalid-option", "seed must not be empty");
  const start = parseDay(options.start ?? DEFAULT_SANDBOX_START, "start");
  const maxObservations =
    options.maxObservations === undefined
      ? undefined
      : positiveInteger(options.maxObservations, "maxObservations", Number.MAX_SAFE_INTEGER);
  const days =
    options.days !== undefined
      ? positiveInteger(options.days, "days", MAX_DAYS)
      : maxObservations === undefined
        ? DEFAULT_SANDBOX_DAYS
        : undefined;
  const beds = positiveInteger(options.beds ?? DEFAULT_SANDBOX_BEDS, "beds", MAX_BEDS);
  const interventionAt =
    options.interventionDate === undefined
      ? start + Math.floor((days ?? DEFAULT_SANDBOX_DAYS) / 2) * DAY
      : parseDay(options.interventionDate, "interventionDate");
  return {
    seed,
    start,
    end: days === undefined ? undefined : start + days * DAY,
    days,
    beds,
    interventionAt,
    maxObservations,
  };
}
