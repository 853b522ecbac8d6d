import type { PointSignal } from "../../core/chart-frame.type.js";

/** The one shared, frozen "no signal" entry, so a million quiet points allocate nothing. */
export const NO_SIGNALS: readonly PointSignal[] = Object.freeze([]);

/** Start index of each segment of a frame, plus its segment number (segments are contiguous runs). */
export function segmentRanges(segment: ArrayLike<number>): { starts: number[]; ids: number[] } {
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
