import { SpcError } from "../../core/spc-error.js";

/** Calendar units of qicharts2's `x.period` (R's `cut.POSIXt` breaks). */
export type PeriodUnit =
  "secs" | "mins" | "hours" | "days" | "weeks" | "months" | "years" | "DSTdays" | "quarters";

/** A parsed `x.period`: a unit and a whole number of units per bin. */
export interface PeriodSpec {
  readonly unit: PeriodUnit;
  readonly step: number;
}

const UNITS: readonly PeriodUnit[] = [
  "secs",
  "mins",
  "hours",
  "days",
  "weeks",
  "months",
  "years",
  "DSTdays",
  "quarters",
];

/**
 * Parses an `x.period` such as "month", "week", "2 weeks" or "quarter", matching the unit by unique
 * prefix as R's `pmatch` does ("month" → "months").
 *
 * @example
 * parsePeriodSpec("2 weeks"); // { unit: "weeks", step: 2 }
 */
export function parsePeriodSpec(spec: string): PeriodSpec {
  const parts = spec.trim().split(" ");
  const word = parts[parts.length - 1] ?? "";
  const exact = UNITS.find((u) => u === word);
  const partial = UNITS.filter((u) => word.length > 0 && u.startsWith(word));
  const unit = exact ?? (partial.length === 1 ? partial[0] : undefined);
  const step = parts.length === 2 ? Number(parts[0]) : 1;
  if (unit === undefined || parts.length > 2 || !Number.isInteger(step) || step < 1) {
    throw new SpcError("INVALID_ARGUMENT", `x.period: invalid specification "${spec}"`, "x.period");
  }
  return { unit, step };
}

const SECOND = 1000;
const DAY = 86400 * SECOND;

/**
 * Assigns each instant to the start of its period, as qicharts2 does with
 * `as.POSIXct(cut(x, breaks = x.period))` before aggregating: bins start at the period containing the
 * earliest instant (its second, minute, hour, midnight, Monday, first of the month, first month of the
 * quarter, or 1 January, all in UTC) and step by `step` units. Missing instants (NaN) stay NaN.
 *
 * Source: R 4.2 `cut.POSIXt` (`start.on.monday = TRUE`); qicharts2 0.8.1 `qic` (`x.period`). Where R's
 * week start for a Sunday would fall after the earliest date, this uses the Monday before it.
 *
 * @example
 * cutPeriods([Date.UTC(2024, 0, 15), Date.UTC(2024, 1, 3)], parsePeriodSpec("month"));
 * // [Date.UTC(2024, 0, 1), Date.UTC(2024, 1, 1)]
 */
export function cutPeriods(times: readonly number[], spec: PeriodSpec): number[] {
  let min = Infinity;
  for (const t of times) if (t < min) min = t;
  if (min === Infinity) return times.map(() => Number.NaN);
  const start = new Date(min);
  const y0 = start.getUTCFullYear();
  const m0 = start.getUTCMonth();
  const { unit, step } = spec;
  if (unit === "months" || unit === "quarters" || unit === "years") {
    const firstMonth = unit === "years" ? 0 : unit === "quarters" ? m0 - (m0 % 3) : m0;
    const monthsPerBin = unit === "years" ? 12 * step : unit === "quarters" ? 3 * step : step;
    return times.map((t) => {
      if (t !== t) return Number.NaN;
      const d = new Date(t);
      const offset = (d.getUTCFullYear() - y0) * 12 + d.getUTCMonth() - firstMonth;
      const bin = Math.floor(offset / monthsPerBin);
      return Date.UTC(y0, firstMonth + bin * monthsPerBin, 1);
    });
  }
  let origin: number;
  let width: number;
  switch (unit) {
    case "secs":
      origin = Math.floor(min / SECOND) * SECOND;
      width = SECOND;
      break;
    case "mins":
      origin = Math.floor(min / 60000) * 60000;
      width = 60000;
      break;
    case "hours":
      origin = Math.floor(min / 3600000) * 3600000;
      width = 3600000;
      break;
    case "days":
      origin = Math.floor(min / DAY) * DAY;
      width = DAY;
      break;
    case "DSTdays":
      // R uses 25-hour steps for DST days and then labels by date; in UTC a day is always 24 hours.
      origin = Math.floor(min / DAY) * DAY;
      width = DAY;
      break;
    case "weeks": {
      const midnight = Math.floor(min / DAY) * DAY;
      const daysSinceMonday = (new Date(midnight).getUTCDay() + 6) % 7;
      origin = midnight - daysSinceMonday * DAY;
      width = 7 * DAY;
      break;
    }
  }
  const binWidth = width * step;
  return times.map((t) => (t !== t ? Number.NaN : origin + Math.floor((t - origin) / binWidth) * binWidth));
}
