import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MdcSpecialCause, type MdcSpecialCauseCode } from "./mdc.type.js";
import { mdcSpecialCauseLabel } from "./mdc-point-type.js";
import { makingDataCountRules } from "./mdc-rule-set.js";
import { mdcXmr } from "./mdc-xmr.js";

const deviations = [1, 2, 1, 2, 10, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1];

/**
 * NHSRplotthedots tests/testthat/_snaps/integration_tests.md (commit 0c096d8), "ae_all performance spc returns
 * expected values" with fix_after_n_points = 12, decoded from the serialised R object. That snapshot predates
 * 0.2.2's trend colouring fix, which cannot matter here: the series has no 7-point trend.
 */
const PERFORMANCE = [
  0.9003512724457525, 0.9027555860390081, 0.9055994429248081, 0.9028524786030435, 0.909763097023593,
  0.9064786853944554, 0.8905308979446662, 0.8837903610883545, 0.8617594559611471, 0.851413411900772,
  0.8753090395991286, 0.9000949482943537, 0.9051525263083392, 0.8970035160821932, 0.9072518525056468,
  0.9034785895858326, 0.9029928875860346, 0.8966609396555797, 0.8994186788850258, 0.8876655246839736,
  0.8498503458662225, 0.8529918213516818, 0.8504476893558943, 0.8462121637147311, 0.8857248828216929,
  0.9039011151983545, 0.9076297242234981, 0.8931949047110505, 0.8972702710007838, 0.8894368286304747,
  0.8900933497219513, 0.8760446687116353, 0.8644632183941728, 0.843525141560121, 0.8422525009629417,
  0.8660427671795345,
];
const C = "common_cause";
const I = "special_cause_improvement";
const K = "special_cause_concern";
const PERFORMANCE_POINT_TYPE = [
  C,
  C,
  C,
  C,
  C,
  C,
  C,
  C,
  C,
  K,
  C,
  I,
  I,
  I,
  I,
  I,
  I,
  I,
  I,
  C,
  K,
  K,
  K,
  K,
  C,
  C,
  C,
  C,
  C,
  K,
  K,
  K,
  K,
  K,
  K,
  K,
];
const PERFORMANCE_CLOSE = [
  0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 1,
];
const PERFORMANCE_OUTSIDE = [
  0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 0,
];

/** A series with long monotone runs and no two consecutive equal values (so trends exist and never tie). */
const walk = fc
  .array(fc.tuple(fc.integer({ min: 1, max: 9 }), fc.boolean(), fc.integer({ min: 1, max: 1000 })), {
    minLength: 1,
    maxLength: 12,
  })
  .map((runs) => {
    const y = [0];
    for (const [length, up, size] of runs) {
      for (let k = 0; k < length; k++)
        y.push((y[y.length - 1] as number) + (up ? size : -size) * (1 + k / 7));
    }
    return y;
  });

describe("mdcXmr", () => {
  it("flags the 10 in the INDICATORS.md §5 example as above the UPL", () => {
    const chart = mdcXmr(deviations);
    expect(chart.specialCause[4]).toBe(MdcSpecialCause.AboveUcl);
    expect(chart.pointType[4]).toBe("special_cause_improvement");
    expect(chart.specialCause.filter((c) => c !== 0)).toHaveLength(1);
    expect(chart.variation).toBe("common_cause");
  });

  it("reproduces the point types, close and outside flags of NHSRplotthedots' performance integration test", () => {
    const chart = mdcXmr(PERFORMANCE, { fixAfterNPoints: 12 });
    expect(chart.pointType).toEqual(PERFORMANCE_POINT_TYPE);
    expect(chart.closeToLimits.map(Number)).toEqual(PERFORMANCE_CLOSE);
    expect(chart.outsideLimits.map(Number)).toEqual(PERFORMANCE_OUTSIDE);
    expect(chart.variation).toBe("concern_low");
  });

  it("reports 2 of 3 only for points on the same side: ±5.5 at the end of symmetric data is common cause", () => {
    // test-ptd_spc_standard.R: rep(c(1, -1), 8) with points 15 and 16 set to 5.5 and -5.5.
    const y = Array.from({ length: 16 }, (_, i): number => (i % 2 === 0 ? 1 : -1));
    y[14] = 5.5;
    y[15] = -5.5;
    expect(mdcXmr(y).pointType.slice(-2)).toEqual(["common_cause", "common_cause"]);
  });

  it("classifies by improvement direction, and neutral by side", () => {
    const y = [5, 6, 5, 6, 5, 6, 5, 6, 5, 6, 5, 6, 20];
    expect(mdcXmr(y).pointType[12]).toBe("special_cause_improvement");
    expect(mdcXmr(y, { improvementDirection: "decrease" }).pointType[12]).toBe("special_cause_concern");
    expect(mdcXmr(y, { improvementDirection: "neutral" }).pointType[12]).toBe("special_cause_neutral_high");
    expect(mdcXmr(y, { improvementDirection: "neutral" }).variation).toBe("neutral_high");
    expect(mdcXmr(y, { improvementDirection: "decrease" }).variation).toBe("concern_high");
  });

  it("gives the assurance icon against the last segment's limits", () => {
    // Last segment 10, 11, 10, 11, ...: mean 10.5, AMR 1, limits 7.84 / 13.16.
    const y = [1, 2, 1, 2, 1, 2, 10, 11, 10, 11, 10, 11];
    expect(mdcXmr(y, { rebaseAt: [6], target: 5 }).assurance).toBe("consistent_pass");
    expect(mdcXmr(y, { rebaseAt: [6], target: 5, improvementDirection: "decrease" }).assurance).toBe(
      "consistent_fail",
    );
    expect(mdcXmr(y, { rebaseAt: [6], target: 10 }).assurance).toBe("inconsistent");
    expect(mdcXmr(y, { rebaseAt: [6] }).assurance).toBeNull();
  });

  it("rebases at dates and at indices alike, and warns for short segments", () => {
    const dates = Array.from({ length: 18 }, (_, i) =>
      new Date(Date.UTC(2024, i, 1)).toISOString().slice(0, 10),
    );
    const byDate = mdcXmr(deviations, { dates, rebase: ["2025-01-01"] });
    const byIndex = mdcXmr(deviations, { rebaseAt: [12] });
    expect(byDate).toEqual(byIndex);
    expect(byIndex.segments.map((s) => [s.start, s.end, s.shortGroupWarning])).toEqual([
      [0, 12, true],
      [12, 18, true],
    ]);
    expect(byIndex.segment).toEqual([...new Array<number>(12).fill(0), ...new Array<number>(6).fill(1)]);
  });

  it("keeps missing values as rows that take no part", () => {
    const chart = mdcXmr([1, 2, null, 2, 1]);
    expect(chart.y[2]).toBeNull();
    expect(chart.outsideLimits[2]).toBeNull();
    expect(chart.relativeToMean[2]).toBeNull();
    expect(chart.closeToLimits[2]).toBeNull();
    expect(chart.specialCause[2]).toBe(MdcSpecialCause.CommonCause);
  });

  it("reads an undecidable trend window as no trend instead of stopping", () => {
    // The limits are 4 ± 2.66 (AMR 1), so the ends are outside; none of the seven is part of a trend.
    const codes = mdcXmr([1, 2, 3, null, 5, 6, 7]).specialCause;
    expect(codes).toEqual([MdcSpecialCause.BelowLcl, 0, 0, 0, 0, 0, MdcSpecialCause.AboveUcl]);
  });

  it("rejects bad input with a code and the argument", () => {
    const reject = (f: () => unknown, code: string, argument: string) =>
      expect(f).toThrow(expect.objectContaining({ name: "SpcError", code, argument }));
    reject(() => mdcXmr([]), "EMPTY", "values");
    reject(() => mdcXmr([1, NaN]), "NON_FINITE_VALUE", "values");
    reject(() => mdcXmr([1, 2], { fixAfterNPoints: 5 }), "INVALID_FIX_AFTER_N_POINTS", "fixAfterNPoints");
    reject(() => mdcXmr([1, 2], { shiftLength: 1 }), "INVALID_RULE_LENGTH", "shiftLength");
    reject(() => mdcXmr([1, 2], { trendLength: 6.5 }), "INVALID_RULE_LENGTH", "trendLength");
    reject(() => mdcXmr([1, 2], { rebaseAt: [2] }), "INVALID_REBASE", "rebaseAt");
    reject(() => mdcXmr([1, 2], { rebase: ["2024-01-01"] }), "INVALID_REBASE", "rebase");
    reject(
      () => mdcXmr([1, 2], { dates: ["2024-01-01", "2024-03-01"], rebase: ["2024-02-01"] }),
      "INVALID_REBASE",
      "rebase",
    );
    reject(() => mdcXmr([1, 2], { target: Number.NaN }), "INVALID_TARGET", "target");
    // A string would be truthy and screen silently: "false" must not mean true.
    reject(
      () => mdcXmr([1, 2], { screenOutliers: "false" as unknown as boolean }),
      "INVALID_SCREEN_OUTLIERS",
      "screenOutliers",
    );
    reject(() => mdcXmr([1, 2], { dates: ["2024-02-01", "2024-01-01"] }), "UNSORTED_DATES", "dates");
    reject(() => mdcXmr([1, 2], { dates: ["2024-01-01", "2024-01-01"] }), "DUPLICATE_DATE", "dates");
    reject(() => mdcXmr([1, 2], { dates: ["2024-01-01", "2024-02-30"] }), "INVALID_DATE", "dates");
    reject(() => mdcXmr([1, 2], { dates: ["2024-01-01"] }), "INVALID_DATE", "dates");
    reject(
      () => mdcXmr([1, 2], { improvementDirection: "up" as unknown as "increase" }),
      "INVALID_IMPROVEMENT_DIRECTION",
      "improvementDirection",
    );
  });
});

describe("mdcXmr properties", () => {
  const series = fc.array(fc.integer({ min: -50, max: 50 }), { minLength: 2, maxLength: 80 });

  it("never changes earlier groups when a later rebase is added", () => {
    fc.assert(
      fc.property(series, fc.nat(), fc.boolean(), (y, at, screen) => {
        const r = 1 + (at % (y.length - 1));
        const rebased = mdcXmr(y, { rebaseAt: [r], screenOutliers: screen });
        const alone = mdcXmr(y.slice(0, r), { screenOutliers: screen });
        expect(rebased.cl.slice(0, r)).toEqual(alone.cl);
        expect(rebased.ucl.slice(0, r)).toEqual(alone.ucl);
        expect(rebased.specialCause.slice(0, r)).toEqual(alone.specialCause);
      }),
    );
  });

  it("never changes the limits when points after fixAfterNPoints change", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer(), { minLength: 40, maxLength: 60 }),
        series,
        fc.integer({ min: 12, max: 40 }),
        (y, tail, fix) => {
          const changed = [...y.slice(0, fix), ...tail];
          const a = mdcXmr(y, { fixAfterNPoints: fix });
          const b = mdcXmr(changed, { fixAfterNPoints: fix });
          expect(b.segments[0]?.lpl).toBe(a.segments[0]?.lpl);
          expect(b.segments[0]?.upl).toBe(a.segments[0]?.upl);
        },
      ),
    );
  });

  it("keeps every finding when y is multiplied by a power of two (exact in floating point)", () => {
    fc.assert(
      fc.property(series, fc.integer({ min: -8, max: 8 }), (y, k) => {
        const f = 2 ** k;
        expect(mdcXmr(y.map((v) => v * f)).specialCause).toEqual(mdcXmr(y).specialCause);
      }),
    );
  });

  it("mirrors every finding when y is negated, and swaps improvement for concern", () => {
    const mirror: Record<number, MdcSpecialCauseCode> = {
      [MdcSpecialCause.CommonCause]: MdcSpecialCause.CommonCause,
      [MdcSpecialCause.AboveUcl]: MdcSpecialCause.BelowLcl,
      [MdcSpecialCause.BelowLcl]: MdcSpecialCause.AboveUcl,
      [MdcSpecialCause.TrendIncreasing]: MdcSpecialCause.TrendDecreasing,
      [MdcSpecialCause.TrendDecreasing]: MdcSpecialCause.TrendIncreasing,
      [MdcSpecialCause.TwoInThreeAbove]: MdcSpecialCause.TwoInThreeBelow,
      [MdcSpecialCause.TwoInThreeBelow]: MdcSpecialCause.TwoInThreeAbove,
      [MdcSpecialCause.ShiftAbove]: MdcSpecialCause.ShiftBelow,
      [MdcSpecialCause.ShiftBelow]: MdcSpecialCause.ShiftAbove,
    };
    fc.assert(
      fc.property(walk, (y) => {
        const up = mdcXmr(y);
        const down = mdcXmr(
          y.map((v) => -v),
          { improvementDirection: "decrease" },
        );
        expect(down.specialCause).toEqual(up.specialCause.map((c) => mirror[c]));
        expect(down.pointType).toEqual(up.pointType);
      }),
    );
  });

  it("mirrors trend membership and direction when the series is reversed (away from turning points)", () => {
    const trendOf = (y: number[]) =>
      makingDataCountRules()
        .evaluate(mdcXmr(y))
        .points.map((signals) => signals.find((s) => s.rule === "mdc-trend")?.side ?? null);
    fc.assert(
      fc.property(walk, (y) => {
        const forward = trendOf(y);
        const backward = trendOf([...y].reverse()).reverse();
        expect(backward.map((s) => s !== null)).toEqual(forward.map((s) => s !== null));
        for (let i = 1; i + 1 < y.length; i++) {
          const turning =
            Math.sign((y[i] as number) - (y[i - 1] as number)) !==
            Math.sign((y[i + 1] as number) - (y[i] as number));
          if (forward[i] === null || turning) continue;
          expect(backward[i]).toBe(forward[i] === "high" ? "low" : "high");
        }
      }),
    );
  });

  it("never widens the limits by screening moving ranges", () => {
    fc.assert(
      fc.property(series, (y) => {
        const screened = mdcXmr(y).segments[0];
        const plain = mdcXmr(y, { screenOutliers: false }).segments[0];
        if (screened?.upl == null || plain?.upl == null) return;
        expect(screened.upl - (screened.lpl as number)).toBeLessThanOrEqual(
          plain.upl - (plain.lpl as number) + 1e-9,
        );
      }),
    );
  });

  it("labels every flagged point with one of the package's labels", () => {
    fc.assert(
      fc.property(walk, (y) => {
        for (const c of mdcXmr(y).specialCause) {
          expect(mdcSpecialCauseLabel(c)).toMatch(
            /^(Common Cause|Above UCL|Below LCL|7 Point Trend \((In|De)creasing\)|2 in 3 (Above|Below) CL|7 Points (Above|Below) CL)$/,
          );
        }
      }),
    );
  });
});
