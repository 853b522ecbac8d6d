import type {
  ChartFrame,
  PointSignal,
  RuleSet,
  RuleSetResult,
  SegmentStatistics,
} from "../../core/chart-frame.type.js";
import { filledArray } from "../limits/buffers.js";
import { NO_SIGNALS, segmentRanges, signalConstants, type SignalConstants } from "./no-signals.js";
import { runsAnalysis, sideOf } from "./runs-analysis.js";
import type { RunsMethod } from "./runs-signal-method.js";

/** Options of the Anhøj rule set. */
export interface AnhoejRuleSetOptions {
  /** qicharts2 `method`; default "anhoej". */
  readonly method?: RunsMethod;
  /**
   * false reports the statistics but never signals, as qicharts2 does for MR charts (successive ranges
   * share a point) and for categorical x (order carries no meaning). Default true.
   */
  readonly signal?: boolean;
}

const RUN = signalConstants("anhoej-runs");
const CROSSING = signalConstants("anhoej-crossings");

/**
 * The Anhøj runs rules as a {@link RuleSet}, per segment of the frame: an unusually long run
 * (longest run > round(log2 n) + 3) or unusually few crossings (< qbinom(0.05, n − 1, 0.5)), over the
 * included points off the centre line.
 *
 * qicharts2 only flags a whole part. To show *which* points carry the evidence, this flags every point of
 * a run longer than the limit as "anhoej-runs", and, when crossings are too few, every useful point of the
 * segment as "anhoej-crossings"; the side is the point's side of the centre line. Segment statistics carry
 * qicharts2's numbers: nObs, nUseful, longestRun, longestRunMax, nCrossings, nCrossingsMin, runsSignal,
 * plus longestRunSignal and crossingsSignal.
 *
 * Source: Anhøj & Olesen (2014), PLoS ONE 9(11):e113825; qicharts2 0.8.1 `runs.analysis`.
 *
 * @example
 * const result = createAnhoejRuleSet().evaluate(frame);
 * result.segments[0]?.runsSignal; // true when the first phase shifted
 */
export function createAnhoejRuleSet(options: AnhoejRuleSetOptions = {}): RuleSet {
  const method = options.method ?? "anhoej";
  const signalling = options.signal ?? true;
  return {
    id: "anhoej",
    evaluate(frame: ChartFrame): RuleSetResult {
      const length = frame.y.length;
      const points: (readonly PointSignal[])[] = filledArray<readonly PointSignal[]>(length, NO_SIGNALS);
      const segments: SegmentStatistics[] = [];
      const { starts, ids } = segmentRanges(frame.segment);
      for (let k = 0; k < starts.length; k++) {
        const from = starts[k]!;
        const to = k + 1 < starts.length ? starts[k + 1]! : length;
        const stats = runsAnalysis(frame.y, frame.cl, frame.include, from, to, method);
        const longRun = stats.longestRun !== null && stats.longestRun > stats.longestRunMax!;
        const fewCrossings = stats.nCrossings !== null && stats.nCrossings < stats.nCrossingsMin!;
        segments[ids[k]!] = {
          ...stats,
          runsSignal: signalling && stats.runsSignal,
          longestRunSignal: signalling && longRun,
          crossingsSignal: signalling && fewCrossings,
        };
        if (!signalling || !stats.runsSignal) continue;
        if (longRun) flagLongRuns(frame, from, to, stats.longestRunMax!, points);
        if (fewCrossings) flagUsefulPoints(frame, from, to, points);
      }
      return { points, segments };
    },
  };
}

/** The Anhøj rule set with qicharts2's default method. */
export const anhoejRuleSet: RuleSet = createAnhoejRuleSet();

function add(points: (readonly PointSignal[])[], i: number, signals: SignalConstants, high: boolean): void {
  const existing = points[i]!;
  if (existing.length === 0) points[i] = high ? signals.onlyHigh : signals.onlyLow;
  else points[i] = [...existing, high ? signals.high : signals.low];
}

/** Flags the useful points of every run longer than `max` (points on the line or missing are skipped). */
function flagLongRuns(
  frame: ChartFrame,
  from: number,
  to: number,
  max: number,
  points: (readonly PointSignal[])[],
): void {
  let runStart = -1;
  let runSign = 0;
  let runLength = 0;
  const close = (end: number): void => {
    if (runLength <= max) return;
    for (let j = runStart; j < end; j++) {
      if (frame.include[j] && sideOf(frame.y[j], frame.cl[j]) === runSign) add(points, j, RUN, runSign > 0);
    }
  };
  for (let i = from; i < to; i++) {
    if (!frame.include[i]) continue;
    const sign = sideOf(frame.y[i], frame.cl[i]);
    if (sign === 0) continue;
    if (sign !== runSign) {
      close(i);
      runStart = i;
      runSign = sign;
      runLength = 0;
    }
    runLength++;
  }
  close(to);
}

function flagUsefulPoints(
  frame: ChartFrame,
  from: number,
  to: number,
  points: (readonly PointSignal[])[],
): void {
  for (let i = from; i < to; i++) {
    if (!frame.include[i]) continue;
    const sign = sideOf(frame.y[i], frame.cl[i]);
    if (sign !== 0) add(points, i, CROSSING, sign > 0);
  }
}
