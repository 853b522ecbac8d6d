import { SpcError } from "../../core/spc-error.js";
import { aggregateIndicatorRecords } from "../indicators/aggregate-indicator-records.js";
import type { IndicatorRecord, IndicatorSeries, PeriodOptions } from "../indicators/indicator.type.js";
import { kindsOption, news2TotalOption, nonNegativeOption } from "../indicators/option-checks.js";
import { HOUR_MS, MINUTE_MS, toEpochMs } from "../time/instant.js";
import type { DeteriorationData, InfectionRecord } from "./deterioration.type.js";
import { deteriorationTimeline, firstEventBetween, type SpellTimeline } from "./deterioration-timeline.js";

export interface TimeToAntibioticsOptions extends PeriodOptions {
  /** Lowest qualifying NEWS2 total. Default 7 (NICE NG51 high risk). Use 5 with `maxTotal` 6 for moderate risk. */
  readonly minTotal?: number;
  /** Highest qualifying NEWS2 total. Default 20. */
  readonly maxTotal?: number;
  /** Minutes from time-zero. Default 60 (high risk: antimicrobials within 1 hour; 180 for moderate risk). */
  readonly targetMinutes?: number;
  /** Care-event kinds that record an (IV) antimicrobial given. Default `["antibiotic"]`. */
  readonly antibioticKinds?: readonly string[];
  /**
   * An antimicrobial given up to this many minutes before time-zero counts as given at time-zero (already
   * treated). Default 0: only doses at or after the qualifying set count.
   */
  readonly antibioticLookbackMinutes?: number;
  /**
   * When set, only a qualifying set within this many hours of a dated infection record (before or after) can
   * be time-zero; an undated record linked to the spell imposes no window. Default: any qualifying set in a
   * spell with an infection record.
   */
  readonly infectionWindowHours?: number;
}

/**
 * D7 — time to antibiotics in suspected sepsis, INDICATORS.md §3 (NICE NG51 2024: NEWS2 ≥ 7 with suspected
 * infection, antimicrobials within 1 hour; 5–6 within 3 hours). One record per spell with a suspected or
 * confirmed infection and a qualifying NEWS2: time-zero is the first qualifying scored set (inpatients).
 * Numerator: the first antimicrobial at or after time-zero (less the look-back) is within the target.
 * Value: minutes from time-zero to that dose (0 if given in the look-back), `null` if none was given in the
 * spell — such patients are in the denominator, not the numerator, and outside the median.
 * Period and ward: those of time-zero. Chart: p for the proportion; the `value`s and per-period `median`
 * are plotted on an XmR (i) chart (INDICATORS.md §3: "XmR of per-patient minutes or monthly medians").
 *
 * @example
 * timeToAntibioticsIndicator(data).records; // [{ id: "<spell id>", value: 42, inNumerator: true, ... }]
 */
export function timeToAntibioticsIndicator(
  data: DeteriorationData,
  options: TimeToAntibioticsOptions = {},
): IndicatorSeries {
  const minTotal = news2TotalOption(options.minTotal, 7, "minTotal");
  const maxTotal = news2TotalOption(options.maxTotal, 20, "maxTotal");
  const targetMinutes = nonNegativeOption(options.targetMinutes, 60, "targetMinutes");
  const lookbackMs =
    nonNegativeOption(options.antibioticLookbackMinutes, 0, "antibioticLookbackMinutes") * MINUTE_MS;
  if (minTotal > maxTotal) {
    throw new SpcError("INVALID_OPTION", `minTotal ${minTotal} is above maxTotal ${maxTotal}`, "minTotal");
  }
  const windowMs =
    options.infectionWindowHours === undefined
      ? null
      : nonNegativeOption(options.infectionWindowHours, 0, "infectionWindowHours") * HOUR_MS;
  const kinds = kindsOption(options.antibioticKinds, ["antibiotic"], "antibioticKinds");
  const timeline = deteriorationTimeline(data);
  const infections = infectionTimesBySpell(timeline.timelines, data.infections ?? []);
  const records: IndicatorRecord[] = [];
  for (const spellTimeline of timeline.timelines) {
    const { spell, scored } = spellTimeline;
    const infectionTimes = infections.get(spell.id);
    if (infectionTimes === undefined) continue;
    const timeZero = scored.find(
      (set) =>
        set.total !== null &&
        set.total >= minTotal &&
        set.total <= maxTotal &&
        (windowMs === null || infectionTimes.some((ms) => ms === null || Math.abs(ms - set.ms) <= windowMs)),
    );
    if (timeZero === undefined) continue;
    const events = timeline.eventsByPatient.get(spell.patientFhirId);
    const dose = firstEventBetween(events, kinds, timeZero.ms - lookbackMs, spell.endMs);
    const minutes = dose === null ? null : Math.max(0, dose.ms - timeZero.ms) / MINUTE_MS;
    records.push({
      id: spell.id,
      atMs: timeZero.ms,
      wardName: timeZero.wardName,
      inNumerator: minutes !== null && minutes <= targetMinutes,
      value: minutes,
    });
  }
  return aggregateIndicatorRecords("sepsis-antibiotics-within-hour", "p", records, options);
}

/** Infection times per spell (`null`: undated): records linked by encounter, or dated within the spell. */
function infectionTimesBySpell(
  timelines: readonly SpellTimeline[],
  infections: readonly InfectionRecord[],
): Map<string, (number | null)[]> {
  const bySpell = new Map<string, (number | null)[]>();
  const spellsByPatient = new Map<string, SpellTimeline[]>();
  for (const timeline of timelines) {
    const list = spellsByPatient.get(timeline.spell.patientFhirId) ?? [];
    list.push(timeline);
    spellsByPatient.set(timeline.spell.patientFhirId, list);
  }
  for (const infection of infections) {
    const when = infection.onsetAt ?? infection.recordedAt ?? null;
    const ms = when === null ? null : toEpochMs(when, "onsetAt");
    const encounterId =
      infection.encounterId === null || infection.encounterId === undefined
        ? null
        : String(infection.encounterId);
    for (const { spell } of spellsByPatient.get(infection.patientFhirId) ?? []) {
      const linked =
        encounterId !== null
          ? encounterId === spell.id
          : ms !== null && ms >= spell.startMs && ms <= spell.endMs;
      if (!linked) continue;
      const list = bySpell.get(spell.id) ?? [];
      // An undated infection linked by encounter qualifies the spell, and no window can exclude it.
      list.push(ms);
      bySpell.set(spell.id, list);
    }
  }
  return bySpell;
}
