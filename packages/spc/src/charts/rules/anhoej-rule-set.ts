import type {
  ChartFrame,
  RuleSet,
  RuleSetResult,
  SegmentStatistics,
  TypedChartFrame,
} from "../../core/chart-frame.type.js";
import { SignalBit, SignalMask } from "../../core/signal-bits.js";
import { segmentRanges } from "./no-signals.js";
import { runsAnalysis } from "./runs-analysis.js";
import type { RunsMethod } from "./runs-signal-method.js";
import { pointsOfFlags } from "./signal-flags.js";
import { typedFrameOf } from "./typed-frame.js";

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

// Module-local copies: bundlers that compile imports to getters would otherwise call one per point.
const RUN = SignalBit.AnhoejRuns;
const RUN_HIGH = SignalBit.AnhoejRuns | SignalBit.AnhoejRunsHigh;
const CROSSING = SignalBit.AnhoejCrossings;
const CROSSING_HIGH = SignalBit.AnhoejCrossings | SignalBit.AnhoejCrossingsHigh;

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
 * The rules are evaluated once, on typed columns (`evaluateTyped`, which `spcChart` calls); `evaluate` reads
 * a ChartFrame into typed columns and turns the flags back into `PointSignal` lists.
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
  const evaluateTyped = (frame: TypedChartFrame, flags: Uint16Array): SegmentStatistics[] =>
    anhoejSignals(frame, flags, method, signalling);
  return {
    id: "anhoej",
    signalMask: SignalMask.anhoej,
    evaluate(frame: ChartFrame): RuleSetResult {
      const flags = new Uint16Array(frame.y.length);
      const segments = evaluateTyped(typedFrameOf(frame), flags);
      return { points: pointsOfFlags(flags, SignalMask.anhoej), segments };
    },
    evaluateTyped,
  };
}

/** The Anhøj rule set with qicharts2's default method. */
export const anhoejRuleSet: RuleSet = createAnhoejRuleSet();

function anhoejSignals(
  frame: TypedChartFrame,
  flags: Uint16Array,
  method: RunsMethod,
  signalling: boolean,
): SegmentStatistics[] {
  const segments: SegmentStatistics[] = [];
  const { starts, ids } = segmentRanges(frame.segment);
  const length = frame.y.length;
  for (let k = 0; k < starts.length; k++) {
    const from = starts[k]!;
    const to = k + 1 < starts.length ? starts[k + 1]! : length;
    const stats = runsAnalysis(frame.y, frame.cl, frame.include, from, to, method);
    const longRun = stats.longestRun !== null && stats.longestRun > stats.longestRunMax!;
    const fewCrossings = stats.nCrossings !== null && stats.nCrossings < stats.nCrossingsMin!;
    // Written out rather than spread: a spread copies through a slow generic path, once per chart.
    segments[ids[k]!] = {
      nObs: stats.nObs,
      nUseful: stats.nUseful,
      longestRun: stats.longestRun,
      longestRunMax: stats.longestRunMax,
      nCrossings: stats.nCrossings,
      nCrossingsMin: stats.nCrossingsMin,
      runsSignal: signalling && stats.runsSignal,
      longestRunSignal: signalling && longRun,
      crossingsSignal: signalling && fewCrossings,
    };
    if (!signalling || !stats.runsSignal) continue;
    if (longRun) flagLongRuns(frame, from, to, stats.longestRunMax!, flags);
    if (fewCrossings) flagUsefulPoints(frame, from, to, flags);
  }
  return segments;
}

/** sign(y − cl) of a typed frame: 1 above, −1 below, 0 on the line or when either is missing (NaN). */
function side(y: number, cl: number): number {
  const d = y - cl;
  return d > 0 ? 1 : d < 0 ? -1 : 0;
}

/** Flags the useful points of every run longer than `max` (points on the line or missing are skipped). */
function flagLongRuns(
  frame: TypedChartFrame,
  from: number,
  to: number,
  max: number,
  flags: Uint16Array,
): void {
  const { y, cl, include } = frame;
  let runStart = -1;
  let runSign = 0;
  let runLength = 0;
  for (let i = from; i <= to; i++) {
    // i === to closes the last run.
    const sign = i === to ? 2 : include[i] === 1 ? side(y[i]!, cl[i]!) : 0;
    if (sign === 0 || sign === runSign) {
      if (sign !== 0) runLength++;
      continue;
    }
    if (runLength > max) {
      const bits = runSign > 0 ? RUN_HIGH : RUN;
      for (let j = runStart; j < i; j++) {
        if (include[j] === 1 && side(y[j]!, cl[j]!) === runSign) flags[j]! |= bits;
      }
    }
    runStart = i;
    runSign = sign;
    runLength = 1;
  }
}

function flagUsefulPoints(frame: TypedChartFrame, from: number, to: number, flags: Uint16Array): void {
  const { y, cl, include } = frame;
  for (let i = from; i < to; i++) {
    if (include[i] !== 1) continue;
    const sign = side(y[i]!, cl[i]!);
    if (sign !== 0) flags[i]! |= sign > 0 ? CROSSING_HIGH : CROSSING;
  }
}
