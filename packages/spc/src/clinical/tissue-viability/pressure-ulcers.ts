import { SpcError } from "../../core/spc-error.js";
import { booleanOption, nonNegativeOption } from "../indicators/option-checks.js";
import { indexSpells, type Spell, type SpellIndex, spellAt, wardAt } from "../spells/spell-index.js";
import type { RecordId, SpellRecord } from "../spells/spell.type.js";
import { calendarFor, DEFAULT_TIME_ZONE } from "../time/calendar.js";
import { HOUR_MS, type Instant, toEpochMsOrNull } from "../time/instant.js";
import { type OccupiedBedDaysOptions, occupiedBedDays } from "./occupied-bed-days.js";

/** A pressure ulcer: a `condition` row flagged as one by the ingest. */
export interface PressureUlcerRecord {
  readonly id: RecordId;
  readonly patientFhirId: string;
  readonly encounterId?: RecordId | null | undefined;
  /** 1–4 for categorised ulcers; 5 unstageable; 6 suspected deep tissue injury; `null` not stated. */
  readonly pressureUlcerCategory?: number | null | undefined;
  /** As coded by the source; `null` when not stated. */
  readonly presentOnAdmission?: boolean | null | undefined;
  /** When the ulcer was found (onset, else recorded). */
  readonly onsetAt?: Instant | null | undefined;
  readonly recordedAt?: Instant | null | undefined;
  /** Medical-device-related ulcers are counted like others (NHS Improvement 2018). */
  readonly deviceRelated?: boolean | null | undefined;
}

export interface HospitalAcquiredOptions {
  /**
   * Without an explicit present-on-admission flag, an ulcer first found within this many hours of admission
   * is taken as present on admission. Default 72 — a common local rule; NHS Improvement (2018) does not fix
   * one in the material Vigil holds (INDICATORS.md §6, [unverified]).
   */
  readonly presentOnAdmissionHours?: number;
  /** Count ulcers whose category was not recorded. Default false: only category 2+ can be counted as such. */
  readonly includeUncategorised?: boolean;
}

/** A pressure ulcer that counts as acquired in hospital, placed on its spell, ward and time. */
export interface HospitalAcquiredUlcer {
  readonly id: string;
  readonly spellId: string;
  readonly atMs: number;
  readonly wardName: string;
  readonly category: number | null;
  readonly record: PressureUlcerRecord;
}

/**
 * Hospital-acquired pressure ulcers (INDICATORS.md §6; NHS Improvement, *Pressure ulcers: revised definition
 * and measurement*, 2018): category 2 and above, unstageable and suspected deep tissue injury (categories
 * 2–6 here), found during an inpatient spell and not present on admission. An explicit present-on-admission
 * flag decides; without one, an ulcer found within `presentOnAdmissionHours` of admission was present on
 * admission. Each is placed on the ward the patient was on when it was found.
 *
 * @example
 * hospitalAcquiredUlcers(spells, ulcers, { presentOnAdmissionHours: 48 }).map((u) => [u.id, u.wardName]);
 */
export function hospitalAcquiredUlcers(
  spells: readonly SpellRecord[] | SpellIndex,
  ulcers: readonly PressureUlcerRecord[],
  options: HospitalAcquiredOptions = {},
): HospitalAcquiredUlcer[] {
  const index = "byId" in spells ? spells : indexSpells(spells);
  const poaMs = nonNegativeOption(options.presentOnAdmissionHours, 72, "presentOnAdmissionHours") * HOUR_MS;
  const includeUncategorised = booleanOption(options.includeUncategorised, false, "includeUncategorised");
  const out: HospitalAcquiredUlcer[] = [];
  for (const ulcer of ulcers) {
    const category = ulcer.pressureUlcerCategory ?? null;
    if (category === null ? !includeUncategorised : !(category >= 2 && category <= 6)) continue;
    if (ulcer.presentOnAdmission === true) continue;
    const atMs = toEpochMsOrNull(ulcer.onsetAt ?? ulcer.recordedAt ?? null, "onsetAt");
    if (atMs === null) continue;
    const encounterId =
      ulcer.encounterId === null || ulcer.encounterId === undefined ? null : String(ulcer.encounterId);
    const spell: Spell | null = spellAt(index, ulcer.patientFhirId, atMs, encounterId);
    if (spell === null || atMs < spell.startMs) continue;
    if (ulcer.presentOnAdmission !== false && atMs - spell.startMs <= poaMs) continue;
    out.push({
      id: String(ulcer.id),
      spellId: spell.id,
      atMs,
      wardName: wardAt(spell, atMs),
      category,
      record: ulcer,
    });
  }
  return out.sort((a, b) => a.atMs - b.atMs);
}

/** Hospital-acquired ulcers per 1,000 occupied bed days in one period, for a ward or (`null`) the hospital. */
export interface UlcerRatePoint {
  readonly period: string;
  readonly wardName: string | null;
  readonly ulcers: number;
  readonly bedDays: number;
  /** ulcers / bedDays × 1,000; `null` without bed days. */
  readonly ratePer1000: number | null;
  readonly ulcerIds: readonly string[];
}

export interface UlcerRateSeries {
  readonly indicatorId: "pressure-ulcers-per-1000-bed-days";
  readonly chart: "u";
  readonly multiplier: 1000;
  readonly overall: readonly UlcerRatePoint[];
  readonly byWard: readonly UlcerRatePoint[];
  readonly ulcers: readonly HospitalAcquiredUlcer[];
}

/**
 * Incidence of hospital-acquired pressure ulcers per 1,000 occupied bed days, per period and ward
 * (INDICATORS.md §6: new care-acquired ulcers ÷ occupied bed days × 1,000, plotted as a u-chart with
 * n = bed days and multiplier 1,000). Ulcers count in the period and on the ward where they were found;
 * bed days come from {@link occupiedBedDays} with the same options.
 *
 * @example
 * pressureUlcerRate(spells, ulcers, { granularity: "month", asOf: "2024-07-01" }).overall;
 * // [{ period: "2024-01-01", ulcers: 3, bedDays: 2874.5, ratePer1000: 1.04, ... }, ...]
 */
export function pressureUlcerRate(
  spells: readonly SpellRecord[],
  ulcers: readonly PressureUlcerRecord[],
  options: HospitalAcquiredOptions & OccupiedBedDaysOptions = {},
): UlcerRateSeries {
  const granularity = options.granularity ?? "month";
  const calendar = calendarFor(options.timeZone ?? DEFAULT_TIME_ZONE);
  const index = indexSpells(spells);
  const beds = occupiedBedDays(index.spells, options);
  const fromMs = toEpochMsOrNull(options.from, "from");
  const toMs = toEpochMsOrNull(options.to, "to");
  const acquired = hospitalAcquiredUlcers(index, ulcers, options).filter(
    (u) => (fromMs === null || u.atMs >= fromMs) && (toMs === null || u.atMs < toMs),
  );
  const counts = new Map<string, string[]>();
  const key = (period: string, ward: string | null) => `${ward ?? ""}\u0000${period}`;
  for (const ulcer of acquired) {
    const period = calendar.periodKey(ulcer.atMs, granularity);
    for (const k of [key(period, ulcer.wardName), key(period, null)]) {
      const list = counts.get(k) ?? [];
      list.push(ulcer.id);
      counts.set(k, list);
    }
  }
  const toPoint = (point: { period: string; wardName: string | null; bedDays: number }): UlcerRatePoint => {
    const ids = counts.get(key(point.period, point.wardName)) ?? [];
    counts.delete(key(point.period, point.wardName));
    return {
      period: point.period,
      wardName: point.wardName,
      ulcers: ids.length,
      bedDays: point.bedDays,
      ratePer1000: point.bedDays > 0 ? (ids.length / point.bedDays) * 1000 : null,
      ulcerIds: ids,
    };
  };
  const overall = beds.overall.map(toPoint);
  const byWard = beds.byWard.map(toPoint);
  // An ulcer found where no bed time was counted (an open spell without asOf, a period outside the bed-day
  // range) would silently vanish from the rate; say so instead.
  const stranded = [...new Set([...counts.values()].flat())];
  if (stranded.length > 0) {
    throw new SpcError(
      "ULCERS_WITHOUT_BED_DAYS",
      `Ulcers ${stranded.join(", ")} fall where no occupied bed days were counted; pass asOf for open spells`,
      "asOf",
    );
  }
  return {
    indicatorId: "pressure-ulcers-per-1000-bed-days",
    chart: "u",
    multiplier: 1000,
    overall,
    byWard,
    ulcers: acquired,
  };
}
