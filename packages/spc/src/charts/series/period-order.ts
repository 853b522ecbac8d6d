import { SpcError } from "../../core/spc-error.js";
import { formatIsoDate, parseIsoDate } from "../time/iso-date.js";
import type { SpcPeriod } from "../spc-chart.type.js";

/** How the periods of a series are ordered. */
export type PeriodKind = "number" | "time" | "label";

/** Periods turned into sort keys, with how they compare. */
export interface PeriodKeys {
  readonly kind: PeriodKind;
  /** A number per observation: the value, UTC milliseconds, or the label's first-appearance rank. */
  readonly keys: Float64Array;
  /** The key of any period (for freeze, phases and exclude), or NaN when it cannot be read. */
  readonly keyOf: (period: SpcPeriod) => number;
}

/**
 * Orders periods (writing the keys into `out` when given): all numbers → numerically; all dates or ISO date strings → in time (UTC); all other
 * strings → labels in order of first appearance. Mixed kinds, non-finite numbers and invalid dates throw
 * `SpcError` `INVALID_PERIOD`.
 *
 * @example
 * periodKeys(["2024-02-01", "2024-01-01"]).keys; // [1706745600000, 1704067200000], kind "time"
 * periodKeys(["Q1", "Q2"]).keys; // [0, 1], kind "label"
 */
export function periodKeys(periods: readonly SpcPeriod[], out?: Float64Array): PeriodKeys {
  const first = periods[0];
  const kind: PeriodKind =
    typeof first === "number"
      ? "number"
      : first instanceof Date || (typeof first === "string" && !Number.isNaN(parseIsoDate(first)))
        ? "time"
        : "label";
  const keys = out ?? new Float64Array(periods.length);
  if (kind === "label") {
    const rank = new Map<string, number>();
    periods.forEach((p, i) => {
      if (typeof p !== "string") throw mixed(p, i);
      let r = rank.get(p);
      if (r === undefined) {
        r = rank.size;
        rank.set(p, r);
      }
      keys[i] = r;
    });
    return { kind, keys, keyOf: (p) => (typeof p === "string" ? (rank.get(p) ?? Number.NaN) : Number.NaN) };
  }
  const read = kind === "number" ? numberKey : timeKey;
  if (kind === "number") fillNumberKeys(periods, keys);
  else fillTimeKeys(periods, keys);
  return { kind, keys, keyOf: read };
}

// Separate loops per kind keep each one monomorphic and optimised on its own.
function fillNumberKeys(periods: readonly SpcPeriod[], keys: Float64Array): void {
  for (let i = 0; i < periods.length; i++) {
    const p = periods[i]!;
    if (typeof p !== "number" || p - p !== 0) throw mixed(p, i);
    keys[i] = p;
  }
}

function fillTimeKeys(periods: readonly SpcPeriod[], keys: Float64Array): void {
  for (let i = 0; i < periods.length; i++) {
    const k = timeKey(periods[i]!);
    if (Number.isNaN(k)) throw mixed(periods[i]!, i);
    keys[i] = k;
  }
}

/** A period as reported on its point: the input value, or an ISO date for aggregated periods. */
export function periodLabel(kind: PeriodKind, key: number): SpcPeriod {
  return kind === "time" ? formatIsoDate(key, key % 86400000 !== 0) : key;
}

/** The keys of numeric periods (the numbers themselves, already in `keys`), as periodKeys gives them. */
export function numberPeriodKeys(keys: Float64Array): PeriodKeys {
  return { kind: "number", keys, keyOf: numberKey };
}

function numberKey(p: SpcPeriod): number {
  return typeof p === "number" && Number.isFinite(p) ? p : Number.NaN;
}

function timeKey(p: SpcPeriod): number {
  if (p instanceof Date) return p.getTime();
  return typeof p === "string" ? parseIsoDate(p) : Number.NaN;
}

/** The error for period `p` of observation `i`, which is not of the kind of the first period. */
export function mixed(p: SpcPeriod, i: number): SpcError {
  return new SpcError(
    "INVALID_PERIOD",
    `observations[${i}].period: ${String(p)} does not match the other periods (all numbers, all dates, or all labels)`,
    "period",
  );
}
