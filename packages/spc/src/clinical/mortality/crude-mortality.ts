import { aggregateIndicatorRecords } from "../indicators/aggregate-indicator-records.js";
import type { IndicatorSeries, PeriodOptions } from "../indicators/indicator.type.js";
import { choiceOption } from "../indicators/option-checks.js";
import { calendarFor, DEFAULT_TIME_ZONE } from "../time/calendar.js";
import { type Instant, toEpochMsOrNull } from "../time/instant.js";
import { type CohortSpellOptions, cohortSpells } from "./cohort-spells.js";
import { PNEUMONIA_COHORT } from "./cohort.js";
import type { MortalityData } from "./mortality.type.js";

export interface CrudeMortalityOptions extends PeriodOptions, Omit<CohortSpellOptions, "timeZone"> {
  /** `"in-hospital"` (HSMR-style) or `"30-day"` (SHMI-style: in hospital or within 30 days of discharge). */
  readonly outcome?: "in-hospital" | "30-day";
  /**
   * For 30-day mortality: leave out spells whose window has not closed by this instant unless a death is
   * already known, so recent discharges are not counted as survivors too early.
   */
  readonly asOf?: Instant;
}

/**
 * Crude mortality of a diagnosis cohort (INDICATORS.md §4.3): deaths / finished spells per period of
 * discharge and per ward of discharge, as a proportion for a p-chart. Indicator id
 * `<cohort>-mortality-in-hospital`, or `<cohort>-mortality-30-day` counting deaths in hospital or within
 * 30 days (inclusive) of discharge, as SHMI does. Crude rates
 * are for watching one organisation over time — never compare them between organisations without risk
 * adjustment.
 *
 * @example
 * crudeMortalityIndicator(data, { outcome: "30-day", granularity: "month" }).overall;
 */
export function crudeMortalityIndicator(
  data: MortalityData,
  options: CrudeMortalityOptions = {},
): IndicatorSeries {
  const outcome = choiceOption(options.outcome, ["in-hospital", "30-day"], "outcome");
  const asOfMs = toEpochMsOrNull(options.asOf, "asOf");
  const spells = cohortSpells(data, {
    ...options,
    ...(options.timeZone === undefined ? {} : { timeZone: options.timeZone }),
  });
  const windowDays = options.windowDays ?? 30;
  const calendar = calendarFor(options.timeZone ?? DEFAULT_TIME_ZONE);
  const records = [];
  for (const s of spells) {
    const died = outcome === "in-hospital" ? s.diedInHospital : s.diedWithinWindow;
    if (outcome === "30-day" && asOfMs !== null && !died) {
      const anchor = options.windowFrom === "admission" ? s.spell.startMs : s.endMs;
      // The window runs to the end of the local calendar day `windowDays` after the anchor's day.
      const closesAt = calendar.startOfDayMs(calendar.dayNumber(anchor) + windowDays + 1);
      if (closesAt > asOfMs) continue;
    }
    records.push({ id: s.spell.id, atMs: s.endMs, wardName: s.wardName, inNumerator: died });
  }
  const cohortId = (options.cohort ?? PNEUMONIA_COHORT).id;
  return aggregateIndicatorRecords(`${cohortId}-mortality-${outcome}`, "p", records, options);
}
