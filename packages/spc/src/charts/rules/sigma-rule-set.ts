import type {
  ChartFrame,
  RuleSet,
  RuleSetResult,
  SegmentStatistics,
  TypedChartFrame,
} from "../../core/chart-frame.type.js";
import { SignalBit, SignalMask } from "../../core/signal-bits.js";
import { segmentRanges } from "./no-signals.js";
import { pointsOfFlags } from "./signal-flags.js";
import { typedFrameOf } from "./typed-frame.js";

// Module-local copies: bundlers that compile imports to getters would otherwise call one per point.
const LOW = SignalBit.Sigma;
const HIGH = SignalBit.Sigma | SignalBit.SigmaHigh;

/**
 * Shewhart's 3-sigma rule as a {@link RuleSet}: a point strictly above its upper or below its lower 3σ
 * limit signals ("sigma", side high or low); a point or limit that is null never does. Segment statistics
 * give the count (`sigmaSignals`), qicharts2's summary `sigma.signal`.
 *
 * The rule is evaluated once, on typed columns (`evaluateTyped`, which `spcChart` calls); `evaluate` reads a
 * ChartFrame into typed columns and turns the flags back into `PointSignal` lists.
 *
 * Source: qicharts2 0.8.1 `qic.agg` (`d$y > d$ucl | d$y < d$lcl`, NA → FALSE); Shewhart (1931);
 * Mohammed, Worthington & Woodall (2008), "Plotting basic control charts", QSHC 17:137–145.
 *
 * @example
 * sigmaRuleSet.evaluate(frame).points[21]; // [{ rule: "sigma", side: "high" }] for a point above the UCL
 */
export const sigmaRuleSet: RuleSet = {
  id: "sigma",
  signalMask: SignalMask.sigma,
  evaluate(frame: ChartFrame): RuleSetResult {
    const flags = new Uint16Array(frame.y.length);
    const segments = sigmaSignals(typedFrameOf(frame), flags);
    return { points: pointsOfFlags(flags, SignalMask.sigma), segments };
  },
  evaluateTyped: sigmaSignals,
};

function sigmaSignals(frame: TypedChartFrame, flags: Uint16Array): SegmentStatistics[] {
  const segments: SegmentStatistics[] = [];
  const { starts, ids } = segmentRanges(frame.segment);
  const length = frame.y.length;
  for (let k = 0; k < starts.length; k++) {
    const to = k + 1 < starts.length ? starts[k + 1]! : length;
    segments[ids[k]!] = { sigmaSignals: flagOutside(frame, starts[k]!, to, flags) };
  }
  return segments;
}

/** Flags the points of [from, to) beyond their 3σ limits; NaN (missing) compares false, so never signals. */
function flagOutside(frame: TypedChartFrame, from: number, to: number, flags: Uint16Array): number {
  const { y, lcl, ucl } = frame;
  let count = 0;
  for (let i = from; i < to; i++) {
    const v = y[i]!;
    if (v > ucl[i]!) {
      flags[i]! |= HIGH;
      count++;
    } else if (v < lcl[i]!) {
      flags[i]! |= LOW;
      count++;
    }
  }
  return count;
}
