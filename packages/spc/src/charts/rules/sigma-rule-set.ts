import type {
  ChartFrame,
  PointSignal,
  RuleSet,
  RuleSetResult,
  SegmentStatistics,
} from "../../core/chart-frame.type.js";
import { filledArray } from "../limits/buffers.js";
import { NO_SIGNALS, segmentRanges, signalConstants } from "./no-signals.js";

const SIGMA = signalConstants("sigma");

/**
 * Shewhart's 3-sigma rule as a {@link RuleSet}: a point strictly above its upper or below its lower 3σ
 * limit signals ("sigma", side high or low); a point or limit that is null never does. Segment statistics
 * give the count (`sigmaSignals`), qicharts2's summary `sigma.signal`.
 *
 * Source: qicharts2 0.8.1 `qic.agg` (`d$y > d$ucl | d$y < d$lcl`, NA → FALSE); Shewhart (1931);
 * Mohammed, Worthington & Woodall (2008), "Plotting basic control charts", QSHC 17:137–145.
 *
 * @example
 * sigmaRuleSet.evaluate(frame).points[21]; // [{ rule: "sigma", side: "high" }] for a point above the UCL
 */
export const sigmaRuleSet: RuleSet = {
  id: "sigma",
  evaluate(frame: ChartFrame): RuleSetResult {
    const { y, lcl, ucl } = frame;
    const length = y.length;
    const points: (readonly PointSignal[])[] = filledArray<readonly PointSignal[]>(length, NO_SIGNALS);
    const segments: SegmentStatistics[] = [];
    const { starts, ids } = segmentRanges(frame.segment);
    for (let k = 0; k < starts.length; k++) {
      const from = starts[k]!;
      const to = k + 1 < starts.length ? starts[k + 1]! : length;
      let count = 0;
      for (let i = from; i < to; i++) {
        const v = y[i];
        if (v == null) continue;
        const u = ucl[i];
        const l = lcl[i];
        if (u != null && v > u) {
          points[i] = SIGMA.onlyHigh;
          count++;
        } else if (l != null && v < l) {
          points[i] = SIGMA.onlyLow;
          count++;
        }
      }
      segments[ids[k]!] = { sigmaSignals: count };
    }
    return { points, segments };
  },
};
