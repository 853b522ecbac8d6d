import { aggregateIndicatorRecords } from "../indicators/aggregate-indicator-records.js";
import type { IndicatorRecord, IndicatorSeries, PeriodOptions } from "../indicators/indicator.type.js";
import { choiceOption, nonNegativeOption } from "../indicators/option-checks.js";
import { type Instant, MINUTE_MS, toEpochMsOrNull } from "../time/instant.js";
import type { DeteriorationData } from "./deterioration.type.js";
import { deteriorationTimeline, type TimelineSet } from "./deterioration-timeline.js";

/** Maximum minutes to the next set, by the trigger of the current set (RCP NEWS2 Chart 4). */
export interface RepeatIntervalLimits {
  /** Total 0: 12-hourly. Default 720. */
  readonly total0: number;
  /** Total 1–4: RCP says 4–6-hourly; the maximum 6 h is the default (360), 240 for a stricter local policy. */
  readonly total1to4: number;
  /** A red score or total 5–6: hourly. Default 60. */
  readonly redOrUrgent: number;
  /** Total ≥ 7: continuous monitoring; charted data are held to hourly. Default 60. */
  readonly emergency: number;
}

export const DEFAULT_REPEAT_INTERVAL_LIMITS: RepeatIntervalLimits = Object.freeze({
  total0: 720,
  total1to4: 360,
  redOrUrgent: 60,
  emergency: 60,
});

export interface RepeatObservationsOptions extends PeriodOptions {
  readonly limitsMinutes?: Partial<RepeatIntervalLimits>;
  /** Minutes of tolerance added to every limit. Default 0. */
  readonly graceMinutes?: number;
  /**
   * Intervals after a set with total ≥ 7: `"hourly"` (default) holds them to `limits.emergency`;
   * `"exclude"` leaves them out where continuous monitoring is documented outside the charted sets.
   */
  readonly emergencyIntervals?: "hourly" | "exclude";
  /**
   * For spells still open: the last set's interval is judged at this instant — overdue if the limit has
   * already passed, left out while it has not. Without it, the last set of every spell is left out.
   */
  readonly asOf?: Instant;
}

/** The interval limit that applies after a set, by RCP Chart 4 trigger. */
export function repeatIntervalLimit(
  set: Pick<TimelineSet, "total" | "redScore">,
  limits: RepeatIntervalLimits,
): number {
  const total = set.total ?? 0;
  if (total >= 7) return limits.emergency;
  if (total >= 5 || set.redScore) return limits.redOrUrgent;
  return total === 0 ? limits.total0 : limits.total1to4;
}

/**
 * D3 — repeat observations on time (%), INDICATORS.md §3. Denominator: intervals between consecutive scored
 * sets of a spell (the last set before discharge, death or transfer out has no interval and is left out).
 * Numerator: intervals no longer than the limit implied by the first set of the pair plus grace. The record
 * is the first set of the pair (its time, its ward); value: the interval in minutes. Chart: p.
 *
 * @example
 * // A set with total 6 at 23:30 and the next at 00:20: 50 minutes ≤ 60, on time, counted on the 23:30 day.
 * repeatObservationsIndicator(data, { granularity: "day" });
 */
export function repeatObservationsIndicator(
  data: DeteriorationData,
  options: RepeatObservationsOptions = {},
): IndicatorSeries {
  const given = options.limitsMinutes ?? {};
  const limits: RepeatIntervalLimits = {
    total0: nonNegativeOption(given.total0, DEFAULT_REPEAT_INTERVAL_LIMITS.total0, "limitsMinutes.total0"),
    total1to4: nonNegativeOption(
      given.total1to4,
      DEFAULT_REPEAT_INTERVAL_LIMITS.total1to4,
      "limitsMinutes.total1to4",
    ),
    redOrUrgent: nonNegativeOption(
      given.redOrUrgent,
      DEFAULT_REPEAT_INTERVAL_LIMITS.redOrUrgent,
      "limitsMinutes.redOrUrgent",
    ),
    emergency: nonNegativeOption(
      given.emergency,
      DEFAULT_REPEAT_INTERVAL_LIMITS.emergency,
      "limitsMinutes.emergency",
    ),
  };
  const graceMs = nonNegativeOption(options.graceMinutes, 0, "graceMinutes") * MINUTE_MS;
  const asOfMs = toEpochMsOrNull(options.asOf, "asOf");
  const excludeEmergency =
    choiceOption(options.emergencyIntervals, ["hourly", "exclude"], "emergencyIntervals") === "exclude";
  const records: IndicatorRecord[] = [];
  for (const { spell, scored } of deteriorationTimeline(data).timelines) {
    for (let i = 0; i < scored.length; i++) {
      const set = scored[i]!;
      if (excludeEmergency && (set.total ?? 0) >= 7) continue;
      const limitMs = repeatIntervalLimit(set, limits) * MINUTE_MS + graceMs;
      const next = scored[i + 1];
      if (next !== undefined) {
        const interval = next.ms - set.ms;
        records.push({
          id: set.id,
          atMs: set.ms,
          wardName: set.wardName,
          inNumerator: interval <= limitMs,
          value: interval / MINUTE_MS,
        });
      } else if (spell.open && asOfMs !== null && asOfMs - set.ms > limitMs) {
        records.push({
          id: set.id,
          atMs: set.ms,
          wardName: set.wardName,
          inNumerator: false,
          value: (asOfMs - set.ms) / MINUTE_MS,
        });
      }
    }
  }
  return aggregateIndicatorRecords("news2-repeat-observations-on-time", "p", records, options);
}
