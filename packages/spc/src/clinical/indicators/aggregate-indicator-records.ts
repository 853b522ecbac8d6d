import { SpcError } from "../../core/spc-error.js";
import { calendarFor, DEFAULT_TIME_ZONE } from "../time/calendar.js";
import { toEpochMsOrNull } from "../time/instant.js";
import type {
  IndicatorChart,
  IndicatorPoint,
  IndicatorRecord,
  IndicatorSeries,
  PeriodOptions,
} from "./indicator.type.js";

interface Cell {
  numeratorIds: string[];
  denominatorIds: string[];
  values: number[];
}

/**
 * Rolls indicator records up to numerator and denominator per period, for the hospital and per ward,
 * keeping the ids in each so every point can be drilled into. Periods are cut in the reporting time zone
 * (a record's period is that of its `atMs`), and every period between the first and the last appears —
 * an SPC chart must show an empty period as a gap (value `null`), not skip it.
 *
 * @example
 * aggregateIndicatorRecords("D1", "p", [
 *   { id: "s1", atMs: Date.parse("2024-01-03T10:00Z"), wardName: "A", inNumerator: true },
 *   { id: "s2", atMs: Date.parse("2024-03-09T10:00Z"), wardName: "A", inNumerator: false },
 * ]).overall.map((p) => [p.period, p.numerator, p.denominator]);
 * // [["2024-01-01", 1, 1], ["2024-02-01", 0, 0], ["2024-03-01", 0, 1]]
 */
export function aggregateIndicatorRecords(
  indicatorId: string,
  chart: IndicatorChart,
  records: readonly IndicatorRecord[],
  options: PeriodOptions = {},
): IndicatorSeries {
  const granularity = options.granularity ?? "month";
  if (granularity !== "day" && granularity !== "week" && granularity !== "month") {
    throw new SpcError(
      "INVALID_OPTION",
      `granularity must be day, week or month, got ${String(granularity)}`,
      "granularity",
    );
  }
  const timeZone = options.timeZone ?? DEFAULT_TIME_ZONE;
  const calendar = calendarFor(timeZone);
  const fromMs = toEpochMsOrNull(options.from, "from");
  const toMs = toEpochMsOrNull(options.to, "to");

  // Without a window every record is kept: reuse the caller's array rather than copying millions of entries.
  const kept: IndicatorRecord[] | null = fromMs === null && toMs === null ? null : [];
  const overall = new Map<number, Cell>();
  const wards = new Map<string, Map<number, Cell>>();
  let firstDay = Number.POSITIVE_INFINITY;
  let lastDay = Number.NEGATIVE_INFINITY;
  for (const record of records) {
    if ((fromMs !== null && record.atMs < fromMs) || (toMs !== null && record.atMs >= toMs)) continue;
    kept?.push(record);
    const day = calendar.periodStartDay(calendar.dayNumber(record.atMs), granularity);
    if (day < firstDay) firstDay = day;
    if (day > lastDay) lastDay = day;
    add(cellOf(overall, day), record);
    let wardCells = wards.get(record.wardName);
    if (wardCells === undefined) {
      wardCells = new Map();
      wards.set(record.wardName, wardCells);
    }
    add(cellOf(wardCells, day), record);
  }
  if (fromMs !== null) firstDay = calendar.periodStartDay(calendar.dayNumber(fromMs), granularity);
  if (toMs !== null) lastDay = calendar.periodStartDay(calendar.dayNumber(toMs - 1), granularity);

  const periods: number[] = [];
  for (let day = firstDay; day <= lastDay; day = calendar.nextPeriodStartDay(day, granularity))
    periods.push(day);

  const toPoints = (cells: Map<number, Cell>, wardName: string | null): IndicatorPoint[] =>
    periods.map((day) => point(calendar.dayKey(day), wardName, cells.get(day)));
  const byWard: IndicatorPoint[] = [];
  for (const wardName of [...wards.keys()].sort()) byWard.push(...toPoints(wards.get(wardName)!, wardName));
  return {
    indicatorId,
    chart,
    granularity,
    timeZone,
    overall: toPoints(overall, null),
    byWard,
    records: kept ?? records,
  };
}

function cellOf(cells: Map<number, Cell>, day: number): Cell {
  let cell = cells.get(day);
  if (cell === undefined) {
    cell = { numeratorIds: [], denominatorIds: [], values: [] };
    cells.set(day, cell);
  }
  return cell;
}

function add(cell: Cell, record: IndicatorRecord): void {
  cell.denominatorIds.push(record.id);
  if (record.inNumerator) cell.numeratorIds.push(record.id);
  const value = record.value;
  if (value !== null && value !== undefined) cell.values.push(value);
}

const NO_IDS: readonly string[] = Object.freeze([]);

function point(period: string, wardName: string | null, cell: Cell | undefined): IndicatorPoint {
  if (cell === undefined) {
    return {
      period,
      wardName,
      numerator: 0,
      denominator: 0,
      value: null,
      numeratorIds: NO_IDS,
      denominatorIds: NO_IDS,
      median: null,
      valueSum: 0,
    };
  }
  const numerator = cell.numeratorIds.length;
  const denominator = cell.denominatorIds.length;
  return {
    period,
    wardName,
    numerator,
    denominator,
    value: numerator / denominator,
    numeratorIds: cell.numeratorIds,
    denominatorIds: cell.denominatorIds,
    median: median(cell.values),
    valueSum: cell.values.reduce((sum, v) => sum + v, 0),
  };
}

/** Median (mean of the two middle values for an even count); `null` for no values. */
function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  // A typed array sorts numerically without a comparator call per comparison.
  const sorted = Float64Array.from(values).sort();
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
