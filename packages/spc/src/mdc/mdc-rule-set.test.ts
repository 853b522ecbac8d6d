import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { ChartFrame } from "../core/chart-frame.type.js";
import { MdcSpecialCause } from "./mdc.type.js";
import { mdcPointType } from "./mdc-point-type.js";
import { makingDataCountRules, mdcPointTypeOfSignals } from "./mdc-rule-set.js";
import { mdcXmr } from "./mdc-xmr.js";
import { variationIcon } from "./variation-icon.js";

/** A frame with constant limits around `cl` (3σ at ±3, 2σ at ±2), one segment unless given. */
function frame(y: readonly (number | null)[], extra: Partial<ChartFrame> = {}): ChartFrame {
  const n = y.length;
  return {
    y,
    cl: new Array<number>(n).fill(0),
    lcl: new Array<number>(n).fill(-3),
    ucl: new Array<number>(n).fill(3),
    lcl95: new Array<number>(n).fill(-2),
    ucl95: new Array<number>(n).fill(2),
    segment: new Array<number>(n).fill(0),
    include: new Array<boolean>(n).fill(true),
    ...extra,
  };
}

const rules = makingDataCountRules();

describe("makingDataCountRules", () => {
  it("has the id 'making-data-count'", () => {
    expect(rules.id).toBe("making-data-count");
  });

  it("agrees with mdcXmr's highest-priority finding on every point of an MDC XmR frame (property)", () => {
    const side = (code: number) =>
      (
        [
          MdcSpecialCause.AboveUcl,
          MdcSpecialCause.TrendIncreasing,
          MdcSpecialCause.TwoInThreeAbove,
          MdcSpecialCause.ShiftAbove,
        ] as number[]
      ).includes(code)
        ? "high"
        : "low";
    const rule: Record<number, string> = {
      [MdcSpecialCause.AboveUcl]: "mdc-outside",
      [MdcSpecialCause.BelowLcl]: "mdc-outside",
      [MdcSpecialCause.TrendIncreasing]: "mdc-trend",
      [MdcSpecialCause.TrendDecreasing]: "mdc-trend",
      [MdcSpecialCause.TwoInThreeAbove]: "mdc-two-of-three",
      [MdcSpecialCause.TwoInThreeBelow]: "mdc-two-of-three",
      [MdcSpecialCause.ShiftAbove]: "mdc-shift",
      [MdcSpecialCause.ShiftBelow]: "mdc-shift",
    };
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 30 }), { minLength: 1, maxLength: 60 }),
        fc.nat(),
        (y, cut) => {
          const chart = mdcXmr(
            y,
            cut % 3 === 0 || y.length < 2 ? {} : { rebaseAt: [1 + (cut % (y.length - 1))] },
          );
          const result = rules.evaluate(chart);
          chart.specialCause.forEach((code, i) => {
            const first = result.points[i]?.[0];
            if (code === MdcSpecialCause.CommonCause) expect(first).toBeUndefined();
            else expect(first).toEqual({ rule: rule[code], side: side(code) });
          });
        },
      ),
    );
  });

  it("lists every rule that hit a point, highest priority first", () => {
    // 0.5 .. 3.5 rising by 0.5 for 7 points, all above the centre line; the last is beyond the 3σ limit.
    const result = rules.evaluate(frame([0.5, 1, 1.5, 2.1, 2.5, 2.9, 3.5]));
    // A point beyond the limits is never "close to limits" (close = !outside & ...), so no 2-of-3 on it.
    expect(result.points[6]).toEqual([
      { rule: "mdc-outside", side: "high" },
      { rule: "mdc-trend", side: "high" },
      { rule: "mdc-shift", side: "high" },
    ]);
    expect(result.points[5]).toEqual([
      { rule: "mdc-trend", side: "high" },
      { rule: "mdc-two-of-three", side: "high" },
      { rule: "mdc-shift", side: "high" },
    ]);
    expect(result.points[0]).toEqual([
      { rule: "mdc-trend", side: "high" },
      { rule: "mdc-shift", side: "high" },
    ]);
  });

  it("judges each point against its own limits on a chart with varying limits", () => {
    // A p-chart-like frame: the same value 0.30 is outside where the limits are narrow and inside where wide.
    const result = rules.evaluate(
      frame([0.3, 0.3, 0.2, 0.2], {
        cl: [0.2, 0.2, 0.2, 0.2],
        lcl: [0.15, 0.05, 0.15, 0.05],
        ucl: [0.25, 0.35, 0.25, 0.35],
        lcl95: [0.17, 0.1, 0.17, 0.1],
        ucl95: [0.23, 0.3, 0.23, 0.3],
      }),
    );
    expect(result.points.map((p) => p[0]?.rule ?? null)).toEqual(["mdc-outside", null, null, null]);
  });

  it("uses the frame's 2σ band for 2 of 3 and skips it when the band is missing", () => {
    const y = [2.5, -1, 2.5, 0.1, -0.1];
    expect(rules.evaluate(frame(y)).points[0]).toEqual([]);
    const sameSide = [2.5, 0.5, 2.5, 0.1, -0.1];
    expect(rules.evaluate(frame(sameSide)).points[0]).toEqual([{ rule: "mdc-two-of-three", side: "high" }]);
    const noBand = frame(sameSide, { lcl95: new Array(5).fill(null), ucl95: new Array(5).fill(null) });
    expect(rules.evaluate(noBand).points[0]).toEqual([]);
  });

  it("skips excluded and missing points and lets them break a shift", () => {
    const y = [1, 1, 1, 1, 1, 1, 1, 1];
    expect(rules.evaluate(frame(y)).points.every((p) => p.length === 1)).toBe(true);
    const include = [true, true, true, false, true, true, true, true];
    expect(rules.evaluate(frame(y, { include })).points.every((p) => p.length === 0)).toBe(true);
    const gap = [1, 1, 1, null, 1, 1, 1, 1];
    expect(rules.evaluate(frame(gap)).points.every((p) => p.length === 0)).toBe(true);
    // An excluded point beyond the limits is not flagged either.
    expect(rules.evaluate(frame([9, 0, 0], { include: [false, true, true] })).points[0]).toEqual([]);
  });

  it("never lets a run cross a segment boundary, and reports per-segment statistics", () => {
    const y = [1, 1, 1, 1, 1, 1, 1, 1, 1, 1];
    const segment = [0, 0, 0, 0, 0, 1, 1, 1, 1, 1];
    const result = rules.evaluate(frame(y, { segment }));
    expect(result.points.every((p) => p.length === 0)).toBe(true);
    expect(result.segments).toEqual([
      { points: 5, specialCausePoints: 0, shortGroupWarning: true },
      { points: 5, specialCausePoints: 0, shortGroupWarning: true },
    ]);
    const long = makingDataCountRules({ shortGroupThreshold: 5 }).evaluate(
      frame([...y, 9], { segment: [...segment, 1] }),
    );
    expect(long.segments[1]).toEqual({ points: 6, specialCausePoints: 1, shortGroupWarning: false });
  });

  it("follows configured shift and trend lengths", () => {
    const y = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6];
    expect(rules.evaluate(frame(y)).points.every((p) => p.length === 0)).toBe(true);
    const six = makingDataCountRules({ shiftLength: 6, trendLength: 6 }).evaluate(frame(y));
    expect(six.points[0]).toEqual([
      { rule: "mdc-trend", side: "high" },
      { rule: "mdc-shift", side: "high" },
    ]);
  });

  it("rejects a frame with mismatched columns or unordered segments, and bad rule lengths", () => {
    expect(() => rules.evaluate(frame([1, 2], { cl: [0] }))).toThrow(
      expect.objectContaining({ code: "FRAME_LENGTH_MISMATCH", argument: "frame.cl" }),
    );
    expect(() => rules.evaluate(frame([1, 2, 3], { segment: [0, 1, 0] }))).toThrow(
      expect.objectContaining({ code: "SEGMENT_NOT_ORDERED", argument: "frame.segment" }),
    );
    expect(() => makingDataCountRules({ trendLength: 0 })).toThrow(
      expect.objectContaining({ code: "INVALID_RULE_LENGTH" }),
    );
  });

  it("returns nothing for an empty frame", () => {
    expect(rules.evaluate(frame([]))).toEqual({ points: [], segments: [] });
  });
});

describe("mdcPointTypeOfSignals", () => {
  it("orients the first MDC signal by the improvement direction", () => {
    expect(mdcPointTypeOfSignals([{ rule: "mdc-shift", side: "low" }], "decrease")).toBe(
      "special_cause_improvement",
    );
    expect(mdcPointTypeOfSignals([{ rule: "mdc-outside", side: "high" }], "decrease")).toBe(
      "special_cause_concern",
    );
    expect(mdcPointTypeOfSignals([{ rule: "mdc-trend", side: "low" }], "neutral")).toBe(
      "special_cause_neutral_low",
    );
    expect(mdcPointTypeOfSignals([{ rule: "sigma", side: "high" }], "increase")).toBe("common_cause");
    expect(mdcPointTypeOfSignals([], "increase")).toBe("common_cause");
  });

  it("gives the same variation icon as mdcXmr from a rule-set result (property)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 20 }), { minLength: 1, maxLength: 40 }),
        fc.constantFrom("increase", "decrease", "neutral" as const),
        (y, direction) => {
          const chart = mdcXmr(y, { improvementDirection: direction });
          const last = rules.evaluate(chart).points[y.length - 1] ?? [];
          const viaSignals = mdcPointTypeOfSignals(last, direction);
          expect(viaSignals).toBe(mdcPointType(chart.specialCause[y.length - 1]!, direction));
          expect(variationIcon(viaSignals, direction)).toBe(chart.variation);
        },
      ),
    );
  });
});
