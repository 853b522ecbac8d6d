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
  const bin = periodBinner(min, spec);
  return times.map((t) => (t !== t ? Number.NaN : bin(t)));
}

/**
 * The bin function of {@link cutPeriods} for bins anchored at the period containing `origin`, so other
 * instants (a freeze date, a phase start) fall into the same bins as the data.
 *
 * @example
 * periodBinner(Date.UTC(2024, 0, 15), parsePeriodSpec("quarter"))(Date.UTC(2024, 4, 2)); // Date.UTC(2024, 3, 1)
 */
export function periodBinner(origin: number, spec: PeriodSpec): (t: number) => number {
  const start = new Date(origin);
  const y0 = start.getUTCFullYear();
  const m0 = start.getUTCMonth();
  const { unit, step } = spec;
  if (unit === "months" || unit === "quarters" || unit === "years") {
    const firstMonth = unit === "years" ? 0 : unit === "quarters" ? m0 - (m0 % 3) : m0;
    const monthsPerBin = unit === "years" ? 12 * step : unit === "quarters" ? 3 * step : step;
    return (t) => {
      const d = new Date(t);
      const offset = (d.getUTCFullYear() - y0) * 12 + d.getUTCMonth() - firstMonth;
      const bin = Math.floor(offset / monthsPerBin);
      return Date.UTC(y0, firstMonth + bin * monthsPerBin, 1);
    };
  }
  let anchor: number;
  let width: number;
  switch (unit) {
    case "secs":
      anchor = Math.floor(origin / SECOND) * SECOND;
      width = SECOND;
      break;
    case "mins":
      anchor = Math.floor(origin / 60000) * 60000;
      width = 60000;
      break;
    case "hours":
      anchor = Math.floor(origin / 3600000) * 3600000;
      width = 3600000;
      break;
    case "days":
    case "DSTdays":
      // R steps DST days by 25 hours and labels by date; in UTC every day is 24 hours.
      anchor = Math.floor(origin / DAY) * DAY;
      width = DAY;
      break;
    case "weeks": {
      const midnight = Math.floor(origin / DAY) * DAY;
      const daysSinceMonday = (new Date(midnight).getUTCDay() + 6) % 7;
      anchor = midnight - daysSinceMonday * DAY;
      width = 7 * DAY;
      break;
    }
  }
  const binWidth = width * step;
  return (t) => anchor + Math.floor((t - anchor) / binWidth) * binWidth;
}
