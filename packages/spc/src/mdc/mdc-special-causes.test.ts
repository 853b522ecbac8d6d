import { describe, expect, it } from "vitest";
import { MdcSpecialCause, type MdcSpecialCauseCode } from "./mdc.type.js";
import { LGL_NA, SIGN_NA, type MdcPointFlags } from "./mdc-point-flags.js";
import { mdcSpecialCauseLabel } from "./mdc-point-type.js";
import { mdcSpecialCauses, RuleBit, type MdcSpecialCauseOptions } from "./mdc-special-causes.js";

// The cases below translate NHSRplotthedots 0.2.2 tests/testthat/test-ptd_calculate_point_type.R, which feeds the
// rule helpers relative_to_mean / close_to_limits / y vectors directly. "NA" is written null here.

interface Case {
  y?: readonly (number | null)[];
  rtm?: readonly (number | null)[];
  close?: readonly (number | null)[];
  outside?: readonly (number | null)[];
  starts?: readonly number[];
  options?: Partial<MdcSpecialCauseOptions>;
}

function evaluate(c: Case): { codes: MdcSpecialCauseCode[]; labels: string[]; mask: number[] } {
  const n = (c.y ?? c.rtm ?? c.close ?? c.outside ?? []).length;
  const lgl = (v: readonly (number | null)[] | undefined) =>
    Int8Array.from(v ?? new Array<number>(n).fill(0), (x) => (x === null ? LGL_NA : x));
  const flags: MdcPointFlags = {
    outside: lgl(c.outside),
    close: lgl(c.close),
    relativeToMean: Int8Array.from(c.rtm ?? new Array<number>(n).fill(0), (x) => (x === null ? SIGN_NA : x)),
  };
  // A constant y has only ties, so it can never make a trend.
  const y = Float64Array.from(c.y ?? new Array<number>(n).fill(0), (x) => (x === null ? NaN : x));
  const codes = new Int8Array(n);
  const mask = new Uint8Array(n);
  const options = { shiftLength: 7, trendLength: 7, undecidableTrend: "error" as const, ...c.options };
  mdcSpecialCauses(y, flags, c.starts ?? [0], options, codes, mask);
  const list = [...codes] as MdcSpecialCauseCode[];
  return { codes: list, labels: list.map((k) => mdcSpecialCauseLabel(k, options)), mask: [...mask] };
}

const rep = <T>(v: T, n: number): T[] => new Array<T>(n).fill(v);
const range = (a: number, b: number): number[] =>
  Array.from({ length: Math.abs(b - a) + 1 }, (_, i) => (a < b ? a + i : a - i));

describe("shift rule (ptd_seven_point_one_side_mean)", () => {
  it("does not flag six points on one side", () => {
    expect(evaluate({ rtm: rep(1, 6) }).codes).toEqual(rep(0, 6));
  });

  it("does not flag six points above then one below", () => {
    expect(evaluate({ rtm: [...rep(1, 6), -1] }).codes).toEqual(rep(0, 7));
  });

  it("flags every point of eight above the mean, and not the point after", () => {
    expect(evaluate({ rtm: [...rep(1, 8), -1] }).labels).toEqual([
      ...rep("7 Points Above CL", 8),
      "Common Cause",
    ]);
  });

  it("flags every point of eight below the mean", () => {
    expect(evaluate({ rtm: [...rep(-1, 8), 1] }).labels).toEqual([
      ...rep("7 Points Below CL", 8),
      "Common Cause",
    ]);
  });

  it("is broken by a point on the mean (SPC-REFERENCE.md §3.4: ties break a shift)", () => {
    expect(evaluate({ rtm: [1, 1, 1, 1, 0, 1, 1, 1, 1] }).codes).toEqual(rep(0, 9));
  });

  it("is broken by a missing value (NA breaks a shift in NHSRplotthedots, not in qicharts2)", () => {
    expect(evaluate({ rtm: [1, 1, 1, 1, null, 1, 1, 1, 1] }).codes).toEqual(rep(0, 9));
  });

  it("never spans two groups (rules are evaluated within a rebase group)", () => {
    expect(evaluate({ rtm: rep(1, 10), starts: [0, 5] }).codes).toEqual(rep(0, 10));
    expect(evaluate({ rtm: rep(1, 14), starts: [0, 7] }).codes).toEqual(rep(MdcSpecialCause.ShiftAbove, 14));
  });

  it("follows a configured length", () => {
    expect(evaluate({ rtm: rep(-1, 6), options: { shiftLength: 6 } }).labels).toEqual(
      rep("6 Points Below CL", 6),
    );
    expect(evaluate({ rtm: rep(-1, 7), options: { shiftLength: 8 } }).codes).toEqual(rep(0, 7));
  });
});

describe("trend rule (ptd_seven_point_trend)", () => {
  it("does not flag six rising points", () => {
    expect(evaluate({ y: range(1, 6) }).codes).toEqual(rep(0, 6));
  });

  it("is broken by a tie: 1, 2, 3, 3, 4, 5, 6", () => {
    expect(evaluate({ y: [1, 2, 3, 3, 4, 5, 6] }).codes).toEqual(rep(0, 7));
  });

  it("flags all seven of 1..7 as increasing", () => {
    expect(evaluate({ y: range(1, 7) }).labels).toEqual(rep("7 Point Trend (Increasing)", 7));
  });

  it("flags the seven rising points inside 2, 1..7, 3 and neither neighbour", () => {
    expect(evaluate({ y: [2, ...range(1, 7), 3] }).labels).toEqual([
      "Common Cause",
      ...rep("7 Point Trend (Increasing)", 7),
      "Common Cause",
    ]);
  });

  it("flags all seven of 7..1 as decreasing", () => {
    expect(evaluate({ y: range(7, 1) }).labels).toEqual(rep("7 Point Trend (Decreasing)", 7));
  });

  it("flags the seven falling points inside 2, 7..1, 3", () => {
    expect(evaluate({ y: [2, ...range(7, 1), 3] }).codes).toEqual([
      0,
      ...rep(MdcSpecialCause.TrendDecreasing, 7),
      0,
    ]);
  });

  it("labels the turning point by the next step, so a tie before a falling trend reads 'Decreasing'", () => {
    // 1..7 then 7..1: index 6 (the first 7) is in the rising trend, and the next point (the second 7) starts the
    // falling one, so the package labels it by sign(y[8] − y[7]) = 0, which is not 1: "Decreasing".
    const labels = evaluate({ y: [...range(1, 7), ...range(7, 1)] }).labels;
    expect(labels.slice(0, 6)).toEqual(rep("7 Point Trend (Increasing)", 6));
    expect(labels[6]).toBe("7 Point Trend (Decreasing)");
    expect(labels.slice(7)).toEqual(rep("7 Point Trend (Decreasing)", 7));
  });

  it("labels the peak of up-then-down trends by the step that follows it", () => {
    // 1..7..1 shares its peak: the point after the peak is in the falling trend, so the peak takes sign(6 − 7).
    const labels = evaluate({ y: [...range(1, 7), ...range(6, 1)] }).labels;
    expect(labels[6]).toBe("7 Point Trend (Decreasing)");
    expect(labels[5]).toBe("7 Point Trend (Increasing)");
  });

  it("flags a trend on either side of the mean with one direction (issue #171 fix in 0.2.2)", () => {
    const { codes } = evaluate({ y: range(1, 7), rtm: [-1, -1, -1, 0, 1, 1, 1] });
    expect(codes).toEqual(rep(MdcSpecialCause.TrendIncreasing, 7));
  });

  it("never spans two groups", () => {
    expect(evaluate({ y: range(1, 10), starts: [0, 5] }).codes).toEqual(rep(0, 10));
  });

  it("follows a configured length", () => {
    expect(evaluate({ y: range(1, 6), options: { trendLength: 6 } }).labels).toEqual(
      rep("6 Point Trend (Increasing)", 6),
    );
  });

  it("stops, as R does, when a window has a missing value and every known step goes up", () => {
    // ptd_seven_point_trend: all(d == 1) is NA, and `if (NA)` is an R error.
    expect(() => evaluate({ y: [1, 2, 3, null, 5, 6, 7] })).toThrow(
      expect.objectContaining({ code: "UNDECIDABLE_TREND" }),
    );
    expect(() => evaluate({ y: [7, 6, 5, null, 3, 2, 1] })).toThrow(
      expect.objectContaining({ code: "UNDECIDABLE_TREND" }),
    );
  });

  it("decides a window with a missing value when a known step goes the other way", () => {
    expect(evaluate({ y: [1, 2, 1, null, 5, 6, 7] }).codes).toEqual(rep(0, 7));
    expect(evaluate({ y: [1, 1, 3, null, 5, 6, 7] }).codes).toEqual(rep(0, 7));
  });

  it("never stops on a group shorter than the trend (R returns zeros below 7 points)", () => {
    expect(evaluate({ y: [1, 2, null, 4, 5, 6] }).codes).toEqual(rep(0, 6));
  });

  it("reads an undecidable window as no trend when asked to", () => {
    const { codes } = evaluate({ y: [1, 2, 3, null, 5, 6, 7], options: { undecidableTrend: "no-trend" } });
    expect(codes).toEqual(rep(0, 7));
  });
});

describe("2-of-3 rule (ptd_two_in_three, ptd_part_of_two_in_three)", () => {
  const twoInThree = (close: (number | null)[], rtm: (number | null)[]) =>
    evaluate({ close, rtm, options: { shiftLength: 99 } }).mask.map((m) => (m & RuleBit.TwoInThree ? 1 : 0));

  it("flags the two close points of 1,0,1 / 0,1,1 / 1,1,0 on one side", () => {
    expect(twoInThree([1, 0, 1], [1, 1, 1])).toEqual([1, 0, 1]);
    expect(twoInThree([0, 1, 1], [1, 1, 1])).toEqual([0, 1, 1]);
    expect(twoInThree([1, 1, 0], [1, 1, 1])).toEqual([1, 1, 0]);
  });

  it("flags close points in a longer series", () => {
    expect(twoInThree([0, 0, 1, 0, 1, 0, 0], rep(1, 7))).toEqual([0, 0, 1, 0, 1, 0, 0]);
    expect(twoInThree([0, 0, 1, 1, 0, 0, 0], rep(1, 7))).toEqual([0, 0, 1, 1, 0, 0, 0]);
  });

  it("does not flag points on opposite sides of the mean (issue #143 fix in 0.2.2)", () => {
    expect(twoInThree([1, 0, 1], [1, -1, 1])).toEqual([0, 0, 0]);
    expect(twoInThree([0, 1, 1], [1, -1, 1])).toEqual([0, 0, 0]);
    expect(twoInThree([1, 1, 0], [1, -1, 1])).toEqual([0, 0, 0]);
    expect(twoInThree([0, 0, 1, 0, 1, 0, 0], [1, -1, 1, -1, 1, -1, 1])).toEqual(rep(0, 7));
    expect(twoInThree([0, 0, 1, 1, 0, 0, 0], [-1, 1, -1, 1, -1, 1, -1])).toEqual(rep(0, 7));
  });

  it("does not flag close points more than one apart", () => {
    expect(twoInThree([1, 0, 0, 1], [1, 1, 1, 1])).toEqual([0, 0, 0, 0]);
    expect(twoInThree([1, 0, 0, 1, 1], [1, 1, 1, 1, 1])).toEqual([0, 0, 0, 1, 1]);
  });

  it("does not count a window with a missing close flag, and still counts another window", () => {
    expect(twoInThree([1, null, 1], [1, 1, 1])).toEqual([0, 0, 0]);
    expect(twoInThree([1, 1, 0, null], [1, 1, 1, 1])).toEqual([1, 1, 0, 0]);
  });

  it("labels by the side of the mean", () => {
    expect(evaluate({ close: [1, 1, 0], rtm: [-1, -1, -1] }).labels).toEqual([
      "2 in 3 Below CL",
      "2 in 3 Below CL",
      "Common Cause",
    ]);
  });
});

describe("priority outside > trend > 2-of-3 > shift", () => {
  it("labels a point beyond the limits 'Above UCL' even inside a trend", () => {
    const { labels, mask } = evaluate({ y: range(1, 7), rtm: rep(1, 7), outside: [0, 0, 0, 0, 0, 0, 1] });
    expect(labels).toEqual([...rep("7 Point Trend (Increasing)", 6), "Above UCL"]);
    expect(mask[6]).toBe(
      RuleBit.Outside |
        RuleBit.OutsideHigh |
        RuleBit.Trend |
        RuleBit.TrendHigh |
        RuleBit.Shift |
        RuleBit.ShiftHigh,
    );
  });

  it("labels a trend above the mean as a trend, not a shift", () => {
    expect(evaluate({ y: range(1, 7), rtm: rep(1, 7) }).codes).toEqual(
      rep(MdcSpecialCause.TrendIncreasing, 7),
    );
  });

  it("labels the close points of a shift '2 in 3' and the rest of the run as the shift", () => {
    const { labels } = evaluate({ rtm: rep(-1, 7), close: [0, 0, 1, 1, 0, 0, 0] });
    expect(labels).toEqual([
      "7 Points Below CL",
      "7 Points Below CL",
      "2 in 3 Below CL",
      "2 in 3 Below CL",
      "7 Points Below CL",
      "7 Points Below CL",
      "7 Points Below CL",
    ]);
  });

  it("labels 'Below LCL' whenever relative_to_mean is not 1, as the package's ifelse does", () => {
    expect(evaluate({ outside: [1, 1], rtm: [1, -1] }).labels).toEqual(["Above UCL", "Below LCL"]);
  });
});
