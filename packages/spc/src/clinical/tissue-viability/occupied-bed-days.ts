import { SpcError } from "../../core/spc-error.js";
import { normaliseSpell, type Spell } from "../spells/spell-index.js";
import type { SpellRecord } from "../spells/spell.type.js";
import { calendarFor, DEFAULT_TIME_ZONE, type PeriodGranularity } from "../time/calendar.js";
import { DAY_MS, type Instant, toEpochMsOrNull } from "../time/instant.js";

export interface OccupiedBedDaysOptions {
  readonly granularity?: PeriodGranularity;
  readonly timeZone?: string;
  /**
   * `"elapsed"` (default): time in a bed, in days of 24 hours, split exactly at local period boundaries —
   * so a stay from 20:00 on 31 January to 08:00 on 1 February gives 4/24 to January and 8/24 to February.
   * `"midnight-census"`: one bed day for each local midnight the patient spends in a bed (the KH03
   * convention of counting beds occupied overnight), credited to the day that ends at that midnight; a
   * same-day stay counts 0.
   */
  readonly method?: "elapsed" | "midnight-census";
  /** Spells still open are counted up to this instant (default: left out). */
  readonly asOf?: Instant;
  /** Only bed time at or after this instant. */
  readonly from?: Instant;
  /** Only bed time before this instant. */
  readonly to?: Instant;
}

/** Occupied bed days of one period, for one ward or (wardName `null`) the hospital. */
export interface BedDaysPoint {
  readonly period: string;
  readonly wardName: string | null;
  readonly bedDays: number;
  /** Spells contributing. */
  readonly spellIds: readonly string[];
}

export interface OccupiedBedDays {
  readonly granularity: PeriodGranularity;
  readonly timeZone: string;
  /** Hospital total per period, ordered by period. */
  readonly overall: readonly BedDaysPoint[];
  /** Per ward and period, ordered by ward then period. */
  readonly byWard: readonly BedDaysPoint[];
}

interface Cell {
  bedDays: number;
  spellIds: Set<string>;
}

/**
 * Occupied bed days from spells and their ward stays, split across period boundaries in the reporting time
 * zone and across wards at each transfer (INDICATORS.md §6: the denominator of pressure-ulcer incidence per
 * 1,000 occupied bed days). Gaps between recorded ward stays count to the ward the patient last left, as
 * in the ward attribution rule; a spell without ward stays counts to its `wardName`.
 *
 * @example
 * occupiedBedDays([{ id: 1, patientFhirId: "p", periodStart: "2024-01-31T20:00Z", periodEnd: "2024-02-01T08:00Z",
 *   wardName: "Ward 7" }], { timeZone: "UTC" }).overall;
 * // [{ period: "2024-01-01", bedDays: 0.1667, ... }, { period: "2024-02-01", bedDays: 0.3333, ... }]
 */
export function occupiedBedDays(
  spells: readonly (SpellRecord | Spell)[],
  options: OccupiedBedDaysOptions = {},
): OccupiedBedDays {
  const granularity = options.granularity ?? "month";
  const timeZone = options.timeZone ?? DEFAULT_TIME_ZONE;
  const calendar = calendarFor(timeZone);
  const asOfMs = toEpochMsOrNull(options.asOf, "asOf");
  const fromMs = toEpochMsOrNull(options.from, "from") ?? Number.NEGATIVE_INFINITY;
  const toMs = toEpochMsOrNull(options.to, "to") ?? Number.POSITIVE_INFINITY;
  const method = options.method ?? "elapsed";
  if (method !== "elapsed" && method !== "midnight-census") {
    throw new SpcError("INVALID_OPTION", `method must be "elapsed" or "midnight-census"`, "method");
  }

  const cells = new Map<string, Map<number, Cell>>();
  const add = (wardName: string, periodDay: number, days: number, spellId: string) => {
    let ward = cells.get(wardName);
    if (ward === undefined) {
      ward = new Map();
      cells.set(wardName, ward);
    }
    let cell = ward.get(periodDay);
    if (cell === undefined) {
      cell = { bedDays: 0, spellIds: new Set() };
      ward.set(periodDay, cell);
    }
    cell.bedDays += days;
    cell.spellIds.add(spellId);
  };

  for (const input of spells) {
    const spell = "wards" in input ? input : normaliseSpell(input);
    const spellEnd = spell.open ? (asOfMs ?? Number.NaN) : spell.endMs;
    if (Number.isNaN(spellEnd)) continue;
    const intervals =
      spell.wards.length > 0
        ? spell.wards.map((w, i) => ({
            wardName: w.wardName,
            startMs: w.startMs,
            // Gaps stay with the ward the patient last left; the last stay runs to discharge (or asOf).
            endMs: Math.min(spell.wards[i + 1]?.startMs ?? spellEnd, spellEnd),
          }))
        : [{ wardName: spell.dischargeWard, startMs: spell.startMs, endMs: spellEnd }];
    for (const interval of intervals) {
      const start = Math.max(interval.startMs, fromMs, spell.startMs);
      const end = Math.min(interval.endMs, toMs);
      if (!(end > start)) continue;
      if (method === "elapsed") {
        let day = calendar.periodStartDay(calendar.dayNumber(start), granularity);
        let cursor = start;
        while (cursor < end) {
          const nextDay = calendar.nextPeriodStartDay(day, granularity);
          const boundary = Math.min(calendar.startOfDayMs(nextDay), end);
          add(interval.wardName, day, (boundary - cursor) / DAY_MS, spell.id);
          cursor = boundary;
          day = nextDay;
        }
      } else {
        // Midnights m with start ≤ m < end: the patient is in a bed at m.
        for (let day = calendar.dayNumber(start); ; day++) {
          const midnight = calendar.startOfDayMs(day + 1);
          if (midnight >= end) break;
          if (midnight < start) continue;
          add(interval.wardName, calendar.periodStartDay(day, granularity), 1, spell.id);
        }
      }
    }
  }

  let first = Number.POSITIVE_INFINITY;
  let last = Number.NEGATIVE_INFINITY;
  for (const ward of cells.values()) {
    for (const day of ward.keys()) {
      if (day < first) first = day;
      if (day > last) last = day;
    }
  }
  const periods: number[] = [];
  for (let day = first; day <= last; day = calendar.nextPeriodStartDay(day, granularity)) periods.push(day);
  const byWard: BedDaysPoint[] = [];
  const totals = new Map<number, Cell>();
  for (const wardName of [...cells.keys()].sort()) {
    const ward = cells.get(wardName)!;
    for (const day of periods) {
      const cell = ward.get(day);
      byWard.push({
        period: calendar.dayKey(day),
        wardName,
        bedDays: cell?.bedDays ?? 0,
        spellIds: cell === undefined ? [] : [...cell.spellIds],
      });
      if (cell !== undefined) {
        const total = totals.get(day) ?? { bedDays: 0, spellIds: new Set<string>() };
        total.bedDays += cell.bedDays;
        for (const id of cell.spellIds) total.spellIds.add(id);
        totals.set(day, total);
      }
    }
  }
  const overall = periods.map((day) => {
    const total = totals.get(day);
    return {
      period: calendar.dayKey(day),
      wardName: null,
      bedDays: total?.bedDays ?? 0,
      spellIds: total === undefined ? [] : [...total.spellIds],
    };
  });
  return { granularity, timeZone, overall, byWard };
}
