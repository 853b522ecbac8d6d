import { SpcError } from "../../core/spc-error.js";
import { DAY_MS, MINUTE_MS } from "./instant.js";

/** Reporting period of an indicator point. Weeks are ISO weeks (Monday to Sunday). */
export type PeriodGranularity = "day" | "week" | "month";

/**
 * Time zone in which days, weeks and months are cut. NHS trusts report in UK civil time, so a trigger at
 * 23:59 BST belongs to that calendar day even though it is 22:59 UTC.
 */
export const DEFAULT_TIME_ZONE = "Europe/London";

/**
 * Local-calendar arithmetic for one IANA time zone, without allocating per call on the hot path.
 * Day numbers count local calendar days since 1970-01-01 (day 0).
 */
export interface Calendar {
  readonly timeZone: string;
  /** Offset of local time from UTC at `ms`, in milliseconds (BST: +3 600 000). */
  offsetMs(ms: number): number;
  /** Local calendar day of an instant. */
  dayNumber(ms: number): number;
  /** First local day of the period containing local day `day`. */
  periodStartDay(day: number, granularity: PeriodGranularity): number;
  /** First local day of the period after the one starting on `startDay`. */
  nextPeriodStartDay(startDay: number, granularity: PeriodGranularity): number;
  /** The instant (UTC ms) of local midnight at the start of local day `day`. */
  startOfDayMs(day: number): number;
  /** `YYYY-MM-DD` of local day `day`. */
  dayKey(day: number): string;
  /** `YYYY-MM-DD` of the first day of the period containing the instant: the period's chart label. */
  periodKey(ms: number, granularity: PeriodGranularity): string;
}

const calendars = new Map<string, Calendar>();

/**
 * Returns the (cached) calendar for an IANA time zone.
 *
 * Offsets are looked up with `Intl.DateTimeFormat` once per 15-minute bucket and cached: every UTC offset in
 * the tz database since 1970 is a whole number of quarter hours and transitions fall on quarter hours, so
 * one lookup per bucket is exact and keeps `Intl` (≈1 µs a call) off the per-record path.
 *
 * @example
 * const london = calendarFor("Europe/London");
 * london.periodKey(Date.parse("2024-06-30T23:30:00+01:00"), "day");   // "2024-06-30"
 * london.periodKey(Date.parse("2024-06-30T23:30:00+01:00"), "month"); // "2024-06-01"
 */
export function calendarFor(timeZone: string = DEFAULT_TIME_ZONE): Calendar {
  const cached = calendars.get(timeZone);
  if (cached !== undefined) return cached;
  const calendar = createCalendar(timeZone);
  calendars.set(timeZone, calendar);
  return calendar;
}

const QUARTER_HOUR_MS = 15 * MINUTE_MS;

function createCalendar(timeZone: string): Calendar {
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
  } catch (cause) {
    throw new SpcError("INVALID_TIME_ZONE", `Unknown IANA time zone: ${timeZone}`, "timeZone", { cause });
  }
  const isUtc = format.resolvedOptions().timeZone === "UTC";
  const offsets = new Map<number, number>();
  const keys = new Map<number, string>();

  const lookupOffset = (ms: number): number => {
    let year = 0;
    let month = 0;
    let day = 0;
    let hour = 0;
    let minute = 0;
    let second = 0;
    for (const part of format.formatToParts(new Date(ms))) {
      const value = Number(part.value);
      switch (part.type) {
        case "year":
          year = value;
          break;
        case "month":
          month = value;
          break;
        case "day":
          day = value;
          break;
        case "hour":
          hour = value;
          break;
        case "minute":
          minute = value;
          break;
        case "second":
          second = value;
          break;
        default:
          break;
      }
    }
    const local = Date.UTC(year, month - 1, day, hour, minute, second);
    return local - Math.floor(ms / 1000) * 1000;
  };

  // Per UTC day: the offset when it is the same at both ends of the day (almost every day), else NaN and the
  // day's quarter hours are looked up one by one. A small Map keyed by day keeps lookups cheap and allocation-free.
  const dayOffsets = new Map<number, number>();
  const offsetMs = (ms: number): number => {
    if (isUtc) return 0;
    const utcDay = Math.floor(ms / DAY_MS);
    let offset = dayOffsets.get(utcDay);
    if (offset === undefined) {
      const atStart = quarterOffset(utcDay * (DAY_MS / QUARTER_HOUR_MS));
      const atEnd = quarterOffset((utcDay + 1) * (DAY_MS / QUARTER_HOUR_MS) - 1);
      offset = atStart === atEnd ? atStart : Number.NaN;
      dayOffsets.set(utcDay, offset);
    }
    return Number.isNaN(offset) ? quarterOffset(Math.floor(ms / QUARTER_HOUR_MS)) : offset;
  };
  const quarterOffset = (bucket: number): number => {
    let offset = offsets.get(bucket);
    if (offset === undefined) {
      offset = lookupOffset(bucket * QUARTER_HOUR_MS);
      offsets.set(bucket, offset);
    }
    return offset;
  };

  const dayNumber = (ms: number): number => Math.floor((ms + offsetMs(ms)) / DAY_MS);

  const periodStartDay = (day: number, granularity: PeriodGranularity): number => {
    switch (granularity) {
      case "day":
        return day;
      case "week":
        // 1970-01-01 was a Thursday: (day + 3) mod 7 is the ISO weekday index with Monday = 0.
        return day - ((((day + 3) % 7) + 7) % 7);
      case "month":
        return day - dayOfMonth(day) + 1;
    }
  };

  const nextPeriodStartDay = (startDay: number, granularity: PeriodGranularity): number => {
    switch (granularity) {
      case "day":
        return startDay + 1;
      case "week":
        return startDay + 7;
      case "month": {
        // Past the longest month from the 1st, then back to that month's 1st.
        const later = startDay - dayOfMonth(startDay) + 32;
        return later - dayOfMonth(later) + 1;
      }
    }
  };

  const startOfDayMs = (day: number): number => {
    const wall = day * DAY_MS;
    // Two passes: the offset at local midnight is the offset at the instant the first guess lands on.
    const guess = wall - offsetMs(wall);
    return wall - offsetMs(guess);
  };

  const dayKey = (day: number): string => {
    let key = keys.get(day);
    if (key === undefined) {
      key = new Date(day * DAY_MS).toISOString().slice(0, 10);
      keys.set(day, key);
    }
    return key;
  };

  const periodKey = (ms: number, granularity: PeriodGranularity): string =>
    dayKey(periodStartDay(dayNumber(ms), granularity));

  return {
    timeZone,
    offsetMs,
    dayNumber,
    periodStartDay,
    nextPeriodStartDay,
    startOfDayMs,
    dayKey,
    periodKey,
  };
}

/**
 * Day of the month (1–31) of a day number (days since 1970-01-01) in the proleptic Gregorian calendar, by
 * H. Hinnant's `civil_from_days` (http://howardhinnant.github.io/date_algorithms.html): integer arithmetic,
 * so month periods need no Date objects on hot paths.
 */
function dayOfMonth(days: number): number {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  return doy - Math.floor((153 * mp + 2) / 5) + 1;
}
