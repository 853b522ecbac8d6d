import type { WardKind } from "./case-mix.js";
import type { Hospital, Ward } from "./hospital.generator.js";

interface Booking {
  readonly start: number;
  readonly end: number;
}

/**
 * Bed bookings per ward, so each admission or transfer goes to the least-occupied ward of the right specialty,
 * and to another ward ("outlier") when that specialty is full. Stays are planned in full at admission, so
 * bookings may lie in the future; bookings that ended before the earliest time still asked about are dropped,
 * which keeps memory bounded by the number of patients in hospital.
 */
export class WardCensus {
  private readonly bookings = new Map<string, Booking[]>();

  constructor(private readonly hospital: Hospital) {
    for (const ward of hospital.wards) this.bookings.set(ward.id, []);
  }

  occupancy(ward: Ward, at: number): number {
    let count = 0;
    for (const booking of this.bookings.get(ward.id) ?? []) {
      if (booking.start <= at && at < booking.end) count += 1;
    }
    return count;
  }

  /** Chooses a ward for a stay starting at `at`; `fallbacks` are tried in order when every `kind` ward is full. */
  choose(kind: WardKind, at: number, fallbacks: readonly WardKind[]): Ward {
    for (const candidateKind of [kind, ...fallbacks]) {
      const ward = this.leastOccupied(candidateKind, at);
      if (ward !== undefined && this.occupancy(ward, at) < ward.beds) return ward;
    }
    // Everything is full: the hospital opens escalation beds on the right specialty's ward.
    const ward = this.leastOccupied(kind, at);
    if (ward === undefined) throw new RangeError(`the hospital has no ${kind} ward`);
    return ward;
  }

  book(ward: Ward, start: number, end: number): void {
    this.bookings.get(ward.id)?.push({ start, end });
  }

  /** Forgets bookings that ended before `time`; call with the (non-decreasing) time of each new admission. */
  prune(time: number): void {
    for (const [wardId, list] of this.bookings) {
      if (list.some((booking) => booking.end < time)) {
        this.bookings.set(
          wardId,
          list.filter((booking) => booking.end >= time),
        );
      }
    }
  }

  private leastOccupied(kind: WardKind, at: number): Ward | undefined {
    let best: Ward | undefined;
    let bestFree = -Infinity;
    for (const ward of this.hospital.wards) {
      if (ward.kind !== kind) continue;
      const free = ward.beds - this.occupancy(ward, at);
      if (free > bestFree) {
        best = ward;
        bestFree = free;
      }
    }
    return best;
  }
}
