import { describe, expect, it } from "vitest";
import type { ChartFrame } from "../../core/chart-frame.type.js";
import { anhoejRuleSet, createAnhoejRuleSet } from "./anhoej-rule-set.js";
import { sigmaRuleSet } from "./sigma-rule-set.js";

// The 3-sigma rule (qicharts2 0.8.1 sigma.signal: strictly above the UCL or below the LCL, NA counts as FALSE) and
// the Anhøj runs rules per part (SPC-REFERENCE.md §2 "qicharts2 runs analysis"), on hand-built frames.

function frame(y: (number | null)[], segment?: number[], include?: boolean[]): ChartFrame {
  const n = y.length;
  return {
    y,
    cl: Array<number>(n).fill(0),
    lcl: Array<number>(n).fill(-3),
    ucl: Array<number>(n).fill(3),
    lcl95: Array<number>(n).fill(-2),
    ucl95: Array<number>(n).fill(2),
    segment: segment ?? Array<number>(n).fill(0),
    include: include ?? Array<boolean>(n).fill(true),
  };
}

describe("sigmaRuleSet", () => {
  it("flags points strictly outside the 3σ limits, with their side, and counts them per segment", () => {
    const result = sigmaRuleSet.evaluate(frame([0, 3, 3.5, -4, null, 1], [0, 0, 0, 1, 1, 1]));
    expect(result.points.map((p) => p.map((s) => s.side))).toEqual([[], [], ["high"], ["low"], [], []]);
    expect(result.points[2]).toEqual([{ rule: "sigma", side: "high" }]);
    expect(result.segments).toEqual([{ sigmaSignals: 1 }, { sigmaSignals: 1 }]);
  });

  it("never signals against a missing limit", () => {
    const f = { ...frame([10, -10]), ucl: [null, null], lcl: [null, null] };
    expect(sigmaRuleSet.evaluate(f).segments[0]).toEqual({ sigmaSignals: 0 });
  });
});

describe("Anhøj rule set", () => {
  it("flags every point of a run longer than the limit, and reports the segment statistics", () => {
    // 12 points: a run of 8 above (limit for 12 useful points is round(log2 12) + 3 = 7).
    const y = [1, 1, 1, 1, 1, 1, 1, 1, -1, 1, -1, 1];
    const result = anhoejRuleSet.evaluate(frame(y));
    const flagged = result.points.map((p) => p.map((s) => `${s.rule}:${s.side}`).join());
    expect(flagged.slice(0, 8)).toEqual(Array(8).fill("anhoej-runs:high"));
    expect(flagged.slice(8)).toEqual(["", "", "", ""]);
    expect(result.segments[0]).toMatchObject({
      nObs: 12,
      nUseful: 12,
      longestRun: 8,
      longestRunMax: 7,
      nCrossings: 4,
      nCrossingsMin: 3,
      runsSignal: true,
      longestRunSignal: true,
      crossingsSignal: false,
    });
  });

  it("flags every useful point of a segment with too few crossings", () => {
    // 20 points in runs of 5: 3 crossings < qbinom(0.05, 19, 0.5) = 6; longest 5 ≤ 7.
    const y = [1, 1, 1, 1, 1, -1, -1, -1, -1, -1, 1, 1, 1, 1, 1, -1, -1, -1, -1, -1];
    const result = anhoejRuleSet.evaluate(frame(y));
    expect(result.segments[0]).toMatchObject({
      crossingsSignal: true,
      longestRunSignal: false,
      runsSignal: true,
    });
    expect(result.points.every((p) => p.length === 1 && p[0]!.rule === "anhoej-crossings")).toBe(true);
    expect(result.points[5]![0]!.side).toBe("low");
  });

  it("evaluates each segment on its own", () => {
    const y = [...Array<number>(10).fill(1), ...[1, -1, 1, -1, 1, -1, 1, -1, 1, -1]];
    const segment = [...Array<number>(10).fill(0), ...Array<number>(10).fill(1)];
    const result = anhoejRuleSet.evaluate(frame(y, segment));
    expect(result.segments[0]).toMatchObject({ runsSignal: true, longestRun: 10 });
    expect(result.segments[1]).toMatchObject({ runsSignal: false, longestRun: 1, nCrossings: 9 });
  });

  it("skips excluded points and points on the centre line without breaking the run", () => {
    const y = [1, 1, 0, 1, -1, 1, 1, 1, 1, 1];
    const include = [true, true, true, true, false, true, true, true, true, true];
    const result = anhoejRuleSet.evaluate(frame(y, undefined, include));
    expect(result.segments[0]).toMatchObject({ nObs: 9, nUseful: 8, longestRun: 8, nCrossings: 0 });
    expect(result.points[2]).toEqual([]);
    expect(result.points[4]).toEqual([]);
  });

  it("reports but does not signal when created with signal: false (MR charts, funnel plots)", () => {
    const y = Array<number>(12).fill(1);
    const result = createAnhoejRuleSet({ signal: false }).evaluate(frame(y));
    expect(result.segments[0]).toMatchObject({ longestRun: 12, runsSignal: false });
    expect(result.points.every((p) => p.length === 0)).toBe(true);
  });
});
