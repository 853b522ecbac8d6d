import { SpcError } from "../../core/spc-error.js";
import { calendarFor, DEFAULT_TIME_ZONE } from "../time/calendar.js";
import { DAY_MS, type Instant, toEpochMs, toEpochMsOrNull } from "../time/instant.js";
import type { OccupiedBedDays } from "./occupied-bed-days.js";

/** An event to chart the gaps between (a hospital-acquired ulcer, a fall). */
export interface TimedEventRecord {
  readonly id: string;
  readonly at: Instant;
}

/** The gap before one event, from the previous event. */
export interface EventInterval {
  readonly fromEventId: string;
  /** `null` for the open interval from the last event to `asOf`. */
  readonly toEventId: string | null;
  readonly fromMs: number;
  readonly toMs: number;
  /** Elapsed days (24 h), for a t-chart. Never 0: a zero gap is replaced by `minimumIntervalHours`. */
  readonly days: number;
  /** Whole local calendar days between the two events' dates, for a g-chart (0 for the same day). */
  readonly calendarDays: number;
  /** Occupied bed days between the events, when daily bed days were given; `null` otherwise. */
  readonly bedDays: number | null;
  /** The elapsed time was 0 and `days` is the substitute. */
  readonly zeroReplaced: boolean;
}

export interface DaysBetweenOptions {
  readonly timeZone?: string;
  /**
   * A t-chart transforms t^(1/3.6), and a zero gap (two events recorded at the same instant) breaks it;
   * such gaps become this many hours (INDICATORS.md §6: "record hours or add 0.5"). Default 1.
   */
  readonly minimumIntervalHours?: number;
  /** Occupied bed days by day (`occupiedBedDays` with granularity "day"), to measure gaps in bed days. */
  readonly bedDays?: OccupiedBedDays;
  /** The ward whose bed days count (its events' ward); absent or `null`: the whole hospital. */
  readonly wardName?: string | null;
  /** Also report the open interval from the last event to this instant (a g-chart's current run). */
  readonly asOf?: Instant;
}

/**
 * Gaps between successive events, for the rare-event charts of INDICATORS.md §6: calendar days (or bed days)
 * between events for a g-chart (Benneyan 2001), elapsed time for a t-chart. On both, a point above the upper
 * limit — a longer gap — is the improvement signal. Events are sorted by time; give one ward's events for a
 * ward chart.
 *
 * @example
 * daysBetweenEvents([{ id: "u1", at: "2024-01-03T10:00Z" }, { id: "u2", at: "2024-01-17T22:00Z" }], { timeZone: "UTC" });
 * // [{ fromEventId: "u1", toEventId: "u2", days: 14.5, calendarDays: 14, ... }]
 */
export function daysBetweenEvents(
  events: readonly TimedEventRecord[],
  options: DaysBetweenOptions = {},
): EventInterval[] {
  const calendar = calendarFor(options.timeZone ?? DEFAULT_TIME_ZONE);
  const minimumDays = (options.minimumIntervalHours ?? 1) / 24;
  if (!(minimumDays > 0))
    throw new SpcError("INVALID_OPTION", "minimumIntervalHours must be > 0", "minimumIntervalHours");
  const sorted = events
    .map((e) => ({ id: e.id, ms: toEpochMs(e.at, "at") }))
    .sort((a, b) => a.ms - b.ms || (a.id < b.id ? -1 : 1));
  const beds =
    options.bedDays === undefined
      ? null
      : dailyBedDayIndex(options.bedDays, options.wardName ?? null, calendar.timeZone);
  const bedDaysBetween = (fromMs: number, toMs: number): number | null => {
    if (beds === null) return null;
    // Bed days of each local day, prorated by the share of that day inside the gap.
    let total = 0;
    for (let day = calendar.dayNumber(fromMs); day <= calendar.dayNumber(toMs); day++) {
      const dayStart = calendar.startOfDayMs(day);
      const dayEnd = calendar.startOfDayMs(day + 1);
      const overlap = Math.min(dayEnd, toMs) - Math.max(dayStart, fromMs);
      if (overlap > 0) total += ((beds.get(calendar.dayKey(day)) ?? 0) * overlap) / (dayEnd - dayStart);
    }
    return total;
  };
  const interval = (
    from: { id: string; ms: number },
    to: { id: string | null; ms: number },
  ): EventInterval => {
    const elapsed = (to.ms - from.ms) / DAY_MS;
    return {
      fromEventId: from.id,
      toEventId: to.id,
      fromMs: from.ms,
      toMs: to.ms,
      days: elapsed > 0 ? elapsed : minimumDays,
      calendarDays: calendar.dayNumber(to.ms) - calendar.dayNumber(from.ms),
      bedDays: bedDaysBetween(from.ms, to.ms),
      zeroReplaced: !(elapsed > 0),
    };
  };
  const out: EventInterval[] = [];
  for (let i = 1; i < sorted.length; i++) out.push(interval(sorted[i - 1]!, sorted[i]!));
  const asOfMs = toEpochMsOrNull(options.asOf, "asOf");
  const last = sorted.at(-1);
  if (asOfMs !== null && last !== undefined && asOfMs > last.ms)
    out.push(interval(last, { id: null, ms: asOfMs }));
  return out;
}

function dailyBedDayIndex(
  bedDays: OccupiedBedDays,
  wardName: string | null,
  timeZone: string,
): Map<string, number> {
  if (bedDays.granularity !== "day" || bedDays.timeZone !== timeZone) {
    throw new SpcError(
      "INVALID_OPTION",
      "bedDays must be daily occupied bed days in the same time zone as the events",
      "bedDays",
    );
  }
  const points = wardName === null ? bedDays.overall : bedDays.byWard.filter((p) => p.wardName === wardName);
  return new Map(points.map((p) => [p.period, p.bedDays]));
}
