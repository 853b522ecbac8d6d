import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { crossingsLimit, longestRunLimit } from "./anhoej-limits.js";
import { runsAnalysis } from "./runs-analysis.js";
import { runsSignal } from "./runs-signal-method.js";

const all = (n: number): boolean[] => Array<boolean>(n).fill(true);
const flat = (n: number, v: number): number[] => Array<number>(n).fill(v);

describe("runsAnalysis (Anhøj rules, qicharts2 runs.analysis)", () => {
  it("counts runs and crossings of the signs of y − cl", () => {
    // signs: + + − + − − − +  → runs [2, 1, 1, 3, 1]: longest 3, crossings 4
    const y = [2, 3, -1, 1, -2, -1, -3, 4];
    const stats = runsAnalysis(y, flat(8, 0), all(8), 0, 8);
    expect(stats).toMatchObject({ nObs: 8, nUseful: 8, longestRun: 3, nCrossings: 4 });
    expect(stats.longestRunMax).toBe(Math.round(Math.log2(8)) + 3);
    expect(stats.nCrossingsMin).toBe(1);
  });

  it("drops points on the centre line and missing values, so a run continues across them", () => {
    const y = [1, 0, 1, null, 1, Number.NaN, -1];
    const stats = runsAnalysis(y, flat(7, 0), all(7), 0, 7);
    expect(stats).toMatchObject({ nObs: 7, nUseful: 4, longestRun: 3, nCrossings: 1 });
  });

  it("leaves excluded points out of n.obs and the runs", () => {
    const y = [1, 1, -1, 1, 1];
    const include = [true, true, false, true, true];
    expect(runsAnalysis(y, flat(5, 0), include, 0, 5)).toMatchObject({
      nObs: 4,
      nUseful: 4,
      longestRun: 4,
      nCrossings: 0,
    });
  });

  it("reports NA statistics and no signal when no point is useful", () => {
    expect(runsAnalysis([5, 5, null], [5, 5, 5], all(3), 0, 3)).toEqual({
      nObs: 3,
      nUseful: 0,
      longestRun: null,
      longestRunMax: null,
      nCrossings: null,
      nCrossingsMin: null,
      runsSignal: false,
    });
  });

  it("signals a run longer than round(log2 n) + 3: 9 in a row of 24 does, 8 does not (Anhøj & Olesen 2014)", () => {
    const alternating = (k: number): number[] => Array.from({ length: k }, (_, i) => (i % 2 === 0 ? 1 : -1));
    const run = (length: number): number[] => [
      ...flat(length, 1),
      ...alternating(24 - length).map((v) => -v),
    ];
    expect(runsAnalysis(run(8), flat(24, 0), all(24), 0, 24)).toMatchObject({
      longestRun: 8,
      runsSignal: false,
    });
    expect(runsAnalysis(run(9), flat(24, 0), all(24), 0, 24)).toMatchObject({
      longestRun: 9,
      runsSignal: true,
    });
  });

  it("signals fewer crossings than qbinom(0.05, n − 1, 0.5): 7 of 24 does, 8 does not", () => {
    // Runs of 3 make 7 crossings in 24 points; lengths 3,3,3,3,3,3,2,2,2 make 8.
    const fromRuns = (lengths: number[]): number[] =>
      lengths.flatMap((l, k) => flat(l, k % 2 === 0 ? 1 : -1));
    const seven = runsAnalysis(fromRuns([3, 3, 3, 3, 3, 3, 3, 3]), flat(24, 0), all(24), 0, 24);
    expect(seven).toMatchObject({ nCrossings: 7, nCrossingsMin: 8, runsSignal: true });
    const eight = runsAnalysis(fromRuns([3, 3, 3, 3, 3, 3, 2, 2, 2]), flat(24, 0), all(24), 0, 24);
    expect(eight).toMatchObject({ nCrossings: 8, runsSignal: false });
  });

  it("analyses only [from, to)", () => {
    const y = [1, 1, 1, -1, -1, 1];
    expect(runsAnalysis(y, flat(6, 0), all(6), 3, 6)).toMatchObject({
      nObs: 3,
      longestRun: 2,
      nCrossings: 1,
    });
  });

  it("is unchanged by reversing the series (property)", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -3, max: 3 }), { minLength: 1, maxLength: 80 }), (values) => {
        const forward = runsAnalysis(values, flat(values.length, 0), all(values.length), 0, values.length);
        const reversed = [...values].reverse();
        const backward = runsAnalysis(reversed, flat(values.length, 0), all(values.length), 0, values.length);
        expect(backward).toEqual(forward);
      }),
    );
  });

  it("never has more crossings than useful points − 1, nor a run longer than the useful points (property)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.option(fc.double({ min: -5, max: 5, noNaN: true })), { maxLength: 100 }),
        (values) => {
          const s = runsAnalysis(values, flat(values.length, 0), all(values.length), 0, values.length);
          if (s.nUseful === 0) return;
          expect(s.nCrossings!).toBeLessThanOrEqual(s.nUseful - 1);
          expect(s.longestRun!).toBeLessThanOrEqual(s.nUseful);
          expect(s.longestRun! * (s.nCrossings! + 1)).toBeGreaterThanOrEqual(s.nUseful);
        },
      ),
    );
  });
});

describe("Anhøj limits", () => {
  it("longest-run limit round(log2 n) + 3: 8 for 24 points, 10 for 100 (Schilling 2012)", () => {
    expect(longestRunLimit(24)).toBe(8);
    expect(longestRunLimit(100)).toBe(10);
    expect(longestRunLimit(10)).toBe(6);
    expect(longestRunLimit(45)).toBe(8);
    expect(longestRunLimit(46)).toBe(9);
  });

  it("crossings limit qbinom(0.05, n − 1, 0.5): 8 for 24, 41 for 100; 0 for one point", () => {
    expect(crossingsLimit(24)).toBe(8);
    expect(crossingsLimit(100)).toBe(41);
    expect(crossingsLimit(1)).toBe(0);
    expect(crossingsLimit(5000)).toBe(crossingsLimit(5000));
  });
});

describe("runsSignal methods (qicharts2 crsignal)", () => {
  it("anhoej: !(crossings ≥ limit and longest ≤ limit)", () => {
    expect(runsSignal(24, 8, 8)).toBe(false);
    expect(runsSignal(24, 7, 8)).toBe(true);
    expect(runsSignal(24, 8, 9)).toBe(true);
  });

  it("bestbox uses the tabulated box (n = 10: crossings ≥ 2 and longest ≤ 6)", () => {
    expect(runsSignal(10, 2, 6, "bestbox")).toBe(false);
    expect(runsSignal(10, 1, 6, "bestbox")).toBe(true);
    expect(runsSignal(10, 2, 7, "bestbox")).toBe(true);
  });

  it("cutbox trims the box's corner (n = 10: crossings 2 needs longest ≤ 5)", () => {
    expect(runsSignal(10, 2, 6, "cutbox")).toBe(true);
    expect(runsSignal(10, 2, 5, "cutbox")).toBe(false);
    expect(runsSignal(10, 3, 6, "cutbox")).toBe(false);
    // n = 12 has no border cell: the cut box is the best box.
    expect(runsSignal(12, 3, 6, "cutbox")).toBe(runsSignal(12, 3, 6, "bestbox"));
  });

  it("falls back to anhoej outside 10..100 useful points", () => {
    expect(runsSignal(9, 1, 4, "bestbox")).toBe(runsSignal(9, 1, 4));
    expect(runsSignal(120, 50, 9, "cutbox")).toBe(runsSignal(120, 50, 9));
  });
});
