import type { PointSignal } from "../../core/chart-frame.type.js";

/** The one shared, frozen "no signal" entry, so a million quiet points allocate nothing. */
export const NO_SIGNALS: readonly PointSignal[] = Object.freeze([]);

/** A frozen signal per rule and side, shared by every point that carries it. */
export interface SignalConstants {
  readonly high: PointSignal;
  readonly low: PointSignal;
  /** Frozen one-signal lists, so a point with a single finding allocates nothing either. */
  readonly onlyHigh: readonly PointSignal[];
  readonly onlyLow: readonly PointSignal[];
}

export function signalConstants(rule: string): SignalConstants {
  const high = Object.freeze({ rule, side: "high" as const });
  const low = Object.freeze({ rule, side: "low" as const });
  return { high, low, onlyHigh: Object.freeze([high]), onlyLow: Object.freeze([low]) };
}

/** Start index of each segment of a frame, plus its segment number (segments are contiguous runs). */
export function segmentRanges(segment: readonly number[]): { starts: number[]; ids: number[] } {
  const starts: number[] = [];
  const ids: number[] = [];
  for (let i = 0; i < segment.length; i++) {
    if (i === 0 || segment[i] !== segment[i - 1]) {
      starts.push(i);
      ids.push(segment[i]!);
    }
  }
  return { starts, ids };
}
