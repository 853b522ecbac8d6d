import type { IndicatorRecord } from "../indicators/indicator.type.js";
import { nonNegativeOption } from "../indicators/option-checks.js";
import { MINUTE_MS } from "../time/instant.js";
import {
  type DeteriorationTimeline,
  firstEventBetween,
  type TimelineSet,
  triggerEpisodeStarts,
} from "./deterioration-timeline.js";

export interface ResponseRule {
  /** Which scored sets trigger (an episode starts at the first of a run). */
  readonly meets: (set: TimelineSet) => boolean;
  /** Every group must have an event (any kind in the group) within the target. */
  readonly required: readonly (readonly string[])[];
  readonly targetMinutes: number;
  /** Events documented up to this many minutes before the triggering set still count. */
  readonly lookbackMinutes: number;
}

/**
 * Records for a "response within target" indicator (D4, D5, D6): one per trigger episode, in the numerator
 * when every required kind of event happened between the triggering set (less the look-back) and the target.
 * Value: minutes from the triggering set until the whole response was documented (the latest of the first
 * event of each group, searched to the end of the spell), `null` if it never was. Period and ward: those of
 * the triggering set — a trigger at 23:59 answered at 00:20 counts on the day of the trigger, as met.
 */
export function responseWithinTargetRecords(
  timeline: DeteriorationTimeline,
  rule: ResponseRule,
): IndicatorRecord[] {
  const targetMs = nonNegativeOption(rule.targetMinutes, 0, "targetMinutes") * MINUTE_MS;
  const lookbackMs = nonNegativeOption(rule.lookbackMinutes, 0, "lookbackMinutes") * MINUTE_MS;
  const records: IndicatorRecord[] = [];
  for (const { spell, scored } of timeline.timelines) {
    const events = timeline.eventsByPatient.get(spell.patientFhirId);
    for (const start of triggerEpisodeStarts(scored, rule.meets)) {
      const set = scored[start]!;
      const from = set.ms - lookbackMs;
      let met = true;
      let completedMs: number | null = from;
      for (const kinds of rule.required) {
        const first = firstEventBetween(events, kinds, from, spell.endMs);
        if (first === null) {
          met = false;
          completedMs = null;
          break;
        }
        if (first.ms > set.ms + targetMs) met = false;
        if (completedMs !== null && first.ms > completedMs) completedMs = first.ms;
      }
      records.push({
        id: set.id,
        atMs: set.ms,
        wardName: set.wardName,
        inNumerator: met,
        value: completedMs === null ? null : Math.max(0, completedMs - set.ms) / MINUTE_MS,
      });
    }
  }
  return records;
}
