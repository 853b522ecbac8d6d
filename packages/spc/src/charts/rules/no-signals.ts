import type { PointSignal } from "../../core/chart-frame.type.js";

/** The one shared, frozen "no signal" entry, so a million quiet points allocate nothing. */
export const NO_SIGNALS: readonly PointSignal[] = Object.freeze([]);

/** A frozen signal per rule and side, shared by every point that carries it. */
export function signalConstants(rule: string): { readonly high: PointSignal; readonly low: PointSignal } {
  return {
    high: Object.freeze({ rule, side: "high" as const }),
    low: Object.freeze({ rule, side: "low" as const }),
  };
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
