import type { Prng } from "./prng.js";
import { dayOfWeek, HOUR, hourOfDay, MINUTE } from "./time.js";

export type AdmissionType = "emergency" | "elective";

export interface Arrival {
  /** Sequence number of the admission: names its random stream and its resource ids. */
  readonly index: number;
  readonly at: number;
  readonly type: AdmissionType;
}

/**
 * Emergency admissions per staffed bed per day, and elective admissions per bed per weekday. With the case mix's
 * lengths of stay these keep general wards around 90% occupied, as English acute trusts typically are.
 */
export const EMERGENCY_ADMISSIONS_PER_BED_DAY = 0.128;
export const ELECTIVE_ADMISSIONS_PER_BED_WEEKDAY = 0.032;

/** Decisions to admit from the emergency department peak in the afternoon and evening. */
const EMERGENCY_HOUR_WEIGHTS = [
  2, 1.5, 1.2, 1, 0.8, 0.8, 1, 1.5, 2.5, 3.5, 4.5, 5, 5.5, 5.8, 6, 6, 6, 5.8, 5.5, 5, 4.5, 4, 3.2, 2.5,
] as const;
const EMERGENCY_HOUR_TOTAL = EMERGENCY_HOUR_WEIGHTS.reduce((sum, weight) => sum + weight, 0);
/** Mondays are busiest, weekends quietest (Sunday = 0). */
const DAY_OF_WEEK_FACTOR = [0.9, 1.12, 1.05, 1, 1, 1, 0.88] as const;

/**
 * A non-homogeneous Poisson process of admissions, generated an hour at a time so it can run without end (live
 * mode) and in bounded memory. Elective patients arrive on weekday mornings.
 */
export class ArrivalStream {
  private nextHour: number;
  private nextIndex = 0;
  private readonly buffer: Arrival[] = [];

  constructor(
    private readonly prng: Prng,
    private readonly beds: number,
    from: number,
  ) {
    this.nextHour = Math.floor(from / HOUR) * HOUR;
  }

  /** Returns, in time order, the arrivals before `until` not returned yet. */
  takeUntil(until: number): Arrival[] {
    while (this.nextHour < until) this.generateHour();
    const taken: Arrival[] = [];
    while (this.buffer.length > 0 && (this.buffer[0]?.at ?? Infinity) < until) {
      const arrival = this.buffer.shift();
      if (arrival !== undefined) taken.push(arrival);
    }
    return taken;
  }

  private generateHour(): void {
    const hourStart = this.nextHour;
    this.nextHour += HOUR;
    const hour = hourOfDay(hourStart);
    const weekday = dayOfWeek(hourStart);
    const emergencyMean =
      ((EMERGENCY_ADMISSIONS_PER_BED_DAY * this.beds * (EMERGENCY_HOUR_WEIGHTS[hour] ?? 1)) /
        EMERGENCY_HOUR_TOTAL) *
      (DAY_OF_WEEK_FACTOR[weekday] ?? 1);
    const times: { at: number; type: AdmissionType }[] = [];
    for (let i = this.prng.poisson(emergencyMean); i > 0; i -= 1) {
      times.push({ at: hourStart + this.prng.int(0, 59) * MINUTE, type: "emergency" });
    }
    if (weekday >= 1 && weekday <= 5 && (hour === 7 || hour === 8)) {
      const electiveMean = (ELECTIVE_ADMISSIONS_PER_BED_WEEKDAY * this.beds) / 2;
      for (let i = this.prng.poisson(electiveMean); i > 0; i -= 1) {
        times.push({ at: hourStart + this.prng.int(0, 59) * MINUTE, type: "elective" });
      }
    }
    times.sort((a, b) => a.at - b.at);
    for (const { at, type } of times) {
      this.buffer.push({ index: this.nextIndex, at, type });
      this.nextIndex += 1;
    }
  }
}
