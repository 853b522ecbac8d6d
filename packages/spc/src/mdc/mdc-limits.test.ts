import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { SpcError } from "../core/spc-error.js";
import { mdcXmrLimits } from "./mdc-limits.js";
import { rMean } from "./r-mean.js";

/** README tolerance of the reference examples: 1e-6 relative, absolute below 1. */
function near(actual: number | null, expected: number, tolerance = 1e-6): void {
  expect(actual).not.toBeNull();
  expect(Math.abs((actual as number) - expected)).toBeLessThanOrEqual(
    tolerance * Math.max(1, Math.abs(expected)),
  );
}

/** A value R printed (in a tibble or a vignette) with `digits` significant digits. */
function printedAs(actual: number | null, printed: string, digits = 3): void {
  expect(actual).not.toBeNull();
  expect(Number((actual as number).toPrecision(digits))).toBe(Number(printed));
}

/** `set.seed(123); rnorm(20)` in R, as R prints it: the data of NHSRplotthedots' own tests. */
const RNORM_SEED_123 = [
  -0.56047565, -0.23017749, 1.55870831, 0.07050839, 0.12928774, 1.71506499, 0.46091621, -1.26506123,
  -0.68685285, -0.44566197, 1.2240818, 0.35981383, 0.40077145, 0.11068272, -0.55584113, 1.78691314,
  0.49785048, -1.96661716, 0.7013559, -0.47279141,
];

/**
 * NHSRplotthedots tests/testthat/_snaps/integration_tests.md (commit 0c096d8), "ae_all attendances spc returns
 * expected values": the R-serialised `ptd_spc_df` decoded. y is the monthly sum of NHSRdatasets::ae_attendances.
 */
const AE_ALL_ATTENDANCES = [
  1867781, 2070340, 1958802, 2079034, 1932901, 1952464, 2001816, 1907871, 1944567, 1895272, 1735619, 2015834,
  1949762, 2066789, 1994056, 2073944, 1924663, 1925961, 2044137, 1976971, 2003954, 2000086, 1820012, 2049785,
  1984369, 2164458, 2093942, 2179896, 1997854, 2005695, 2079492, 2037847, 2047518, 2113413, 1954947, 2167550,
];

/** Same snapshot file, "ae_all performance spc returns expected values" (fix_after_n_points = 12). */
const AE_ALL_PERFORMANCE = [
  0.9003512724457525, 0.9027555860390081, 0.9055994429248081, 0.9028524786030435, 0.909763097023593,
  0.9064786853944554, 0.8905308979446662, 0.8837903610883545, 0.8617594559611471, 0.851413411900772,
  0.8753090395991286, 0.9000949482943537, 0.9051525263083392, 0.8970035160821932, 0.9072518525056468,
  0.9034785895858326, 0.9029928875860346, 0.8966609396555797, 0.8994186788850258, 0.8876655246839736,
  0.8498503458662225, 0.8529918213516818, 0.8504476893558943, 0.8462121637147311, 0.8857248828216929,
  0.9039011151983545, 0.9076297242234981, 0.8931949047110505, 0.8972702710007838, 0.8894368286304747,
  0.8900933497219513, 0.8760446687116353, 0.8644632183941728, 0.843525141560121, 0.8422525009629417,
  0.8660427671795345,
];

describe("mdcXmrLimits", () => {
  // INDICATORS.md §5: data from NHSRplotthedots vignettes/deviations.Rmd; mean 1.944, Excel-style (unscreened)
  // limits −3.063 / 6.952, screened −0.716 / 4.604.
  const deviations = [1, 2, 1, 2, 10, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1];

  it("reproduces the INDICATORS.md §5 worked example with MR screening (AMR 1.0)", () => {
    const l = mdcXmrLimits(deviations);
    printedAs(l.mean, "1.944", 4);
    expect(l.averageMovingRange).toBe(1);
    printedAs(l.lpl, "-0.716", 3);
    printedAs(l.upl, "4.604", 4);
  });

  it("reproduces the INDICATORS.md §5 worked example without screening, as the MDC Excel tool (AMR 1.882)", () => {
    const l = mdcXmrLimits(deviations, { screenOutliers: false });
    printedAs(l.averageMovingRange, "1.882", 4);
    printedAs(l.lpl, "-3.063", 4);
    printedAs(l.upl, "6.952", 4);
  });

  it("puts the near limits at two thirds of the process half-width", () => {
    // SPC-REFERENCE.md §2: near limits = mean ∓ (2/3)·2.66·AMR = 1.77333·AMR; worked example AMR = 1.
    const l = mdcXmrLimits(deviations);
    near(l.nearUpl, 1.9444444444444444 + 1.7733333333333334);
    near(l.nearLpl, 1.9444444444444444 - 1.7733333333333334);
  });

  it("matches NHSRplotthedots' summary snapshot for set.seed(123) rnorm(20)", () => {
    // tests/testthat/_snaps/ptd_spc.md: mean_col 0.142, lpl -3.01, upl 3.29 (tibble prints 3 significant digits).
    const l = mdcXmrLimits(RNORM_SEED_123);
    printedAs(l.mean, "0.142");
    printedAs(l.lpl, "-3.01");
    printedAs(l.upl, "3.29");
  });

  it("matches the snapshot's two facets of ten points", () => {
    // tests/testthat/_snaps/ptd_spc.md, facet = rep(c(0, 1), each = 10): 0.0746 / -2.60 / 2.75 and 0.209 / -3.28 / 3.70.
    const a = mdcXmrLimits(RNORM_SEED_123.slice(0, 10));
    printedAs(a.mean, "0.0746");
    printedAs(a.lpl, "-2.60");
    printedAs(a.upl, "2.75");
    const b = mdcXmrLimits(RNORM_SEED_123.slice(10));
    printedAs(b.mean, "0.209");
    printedAs(b.lpl, "-3.28");
    printedAs(b.upl, "3.70");
  });

  it("gives the limits NHSRplotthedots serialised for the A&E attendances integration test", () => {
    // Decoded from _snaps/integration_tests.md: mean 2000538.9444444445, lpl 1731844.3644444444, upl 2269233.5244444446.
    const l = mdcXmrLimits(AE_ALL_ATTENDANCES);
    near(l.mean, 2000538.9444444445);
    near(l.lpl, 1731844.3644444444);
    near(l.upl, 2269233.5244444446);
  });

  it("fixes the limits after 12 points as in the A&E performance integration test", () => {
    // Decoded from _snaps/integration_tests.md (fix_after_n_points = 12): mean 0.8908915564349236,
    // lpl 0.8614049789074258, upl 0.9203781339624213.
    const l = mdcXmrLimits(AE_ALL_PERFORMANCE, { fixAfterNPoints: 12 });
    near(l.mean, 0.8908915564349236);
    near(l.lpl, 0.8614049789074258);
    near(l.upl, 0.9203781339624213);
    // The whole series gives different limits (test-ptd_spc_standard.R: "setting fix_after_n_points changes ...").
    expect(mdcXmrLimits(AE_ALL_PERFORMANCE).lpl).not.toBe(l.lpl);
  });

  it("takes floor(fixAfterNPoints) rows, as R's row_number() <= n does", () => {
    expect(mdcXmrLimits(AE_ALL_PERFORMANCE, { fixAfterNPoints: 12.9 })).toEqual(
      mdcXmrLimits(AE_ALL_PERFORMANCE, { fixAfterNPoints: 12 }),
    );
  });

  it("gives three different sets of limits with an outlier, screened and unscreened (test-ptd_spc_standard.R)", () => {
    const withOutlier = [...RNORM_SEED_123];
    withOutlier[14] = 10; // data$y[15] <- 10
    const r1 = mdcXmrLimits(RNORM_SEED_123);
    const r2 = mdcXmrLimits(withOutlier);
    const r3 = mdcXmrLimits(withOutlier, { screenOutliers: false });
    expect(new Set([r1.lpl, r2.lpl, r3.lpl]).size).toBe(3);
    expect(new Set([r1.upl, r2.upl, r3.upl]).size).toBe(3);
    expect((r3.upl as number) - (r3.lpl as number)).toBeGreaterThan((r2.upl as number) - (r2.lpl as number));
  });

  it("drops a moving range exactly equal to 3.267·AMR (R keeps only mr < 3.267 * amr)", () => {
    // MRs 3267, 433, 433, 433, 434: AMR is exactly 1000 and 3.267 * 1000 === 3267 in double precision, so the
    // first MR is dropped and the AMR becomes 1733 / 4.
    expect(3.267 * 1000).toBe(3267);
    const l = mdcXmrLimits([0, 3267, 2834, 3267, 2834, 3268]);
    expect(l.averageMovingRange).toBe(433.25);
  });

  it("returns no limits for all-equal data with screening, and limits on the mean without (SPC-REFERENCE.md §3.6)", () => {
    const flat = [5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5];
    const screened = mdcXmrLimits(flat);
    expect(screened.mean).toBe(5);
    expect(screened.averageMovingRange).toBeNull();
    expect(screened.lpl).toBeNull();
    expect(screened.upl).toBeNull();
    const unscreened = mdcXmrLimits(flat, { screenOutliers: false });
    expect(unscreened.lpl).toBe(5);
    expect(unscreened.upl).toBe(5);
  });

  it("skips missing values in the mean and in the moving ranges next to them", () => {
    // fix_y = 1, NA, 3, 4: mean(na.rm) = 8/3; MRs NA, NA, 1 → AMR 1 (the gap makes both neighbouring MRs NA).
    const l = mdcXmrLimits([1, null, 3, 4], { screenOutliers: false });
    near(l.mean, 8 / 3);
    expect(l.averageMovingRange).toBe(1);
  });

  it("gives a single point a mean but no limits", () => {
    const l = mdcXmrLimits([7]);
    expect(l.mean).toBe(7);
    expect(l.upl).toBeNull();
  });

  it("rejects an empty series, a non-finite value and fixAfterNPoints below 12 with coded errors", () => {
    expect(() => mdcXmrLimits([])).toThrow(expect.objectContaining({ code: "EMPTY", argument: "values" }));
    expect(() => mdcXmrLimits([1, NaN])).toThrow(expect.objectContaining({ code: "NON_FINITE_VALUE" }));
    expect(() => mdcXmrLimits([1, Infinity])).toThrow(SpcError);
    expect(() => mdcXmrLimits([1, 2], { fixAfterNPoints: 11 })).toThrow(
      expect.objectContaining({ code: "INVALID_FIX_AFTER_N_POINTS", argument: "fixAfterNPoints" }),
    );
  });

  it("moves the limits with a shift and scales them with a positive factor (property)", () => {
    const series = fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 3, maxLength: 60 });
    fc.assert(
      fc.property(
        series,
        fc.double({ min: 0.001, max: 1000, noNaN: true }),
        fc.double({ min: -1e3, max: 1e3, noNaN: true }),
        (y, a, b) => {
          const base = mdcXmrLimits(y, { screenOutliers: false });
          const moved = mdcXmrLimits(
            y.map((v) => a * v + b),
            { screenOutliers: false },
          );
          const scale = Math.max(1, ...y.map(Math.abs)) * a + Math.abs(b);
          for (const k of ["mean", "lpl", "upl", "nearLpl", "nearUpl"] as const) {
            const expected = a * (base[k] as number) + b;
            expect(Math.abs((moved[k] as number) - expected)).toBeLessThanOrEqual(1e-9 * scale);
          }
        },
      ),
    );
  });

  it("keeps the process limits symmetric about the mean (property)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -1000, max: 1000 }), { minLength: 2, maxLength: 50 }),
        fc.boolean(),
        (y, screen) => {
          const l = mdcXmrLimits(y, { screenOutliers: screen });
          if (l.upl === null) return;
          const m = l.mean as number;
          expect(Math.abs(l.upl - m - (m - (l.lpl as number)))).toBeLessThanOrEqual(
            1e-9 * Math.max(1, Math.abs(m), l.upl - m),
          );
        },
      ),
    );
  });
});

describe("rMean", () => {
  it("returns R's mean to the last bit where naive summation is one ulp off", () => {
    // R's value (decoded from the performance snapshot): 0.8908915564349236; sum/n in double gives ...237.
    const baseline = AE_ALL_PERFORMANCE.slice(0, 12);
    expect(rMean(baseline)).toBe(0.8908915564349236);
  });

  it("skips NaN and returns NaN when nothing is left, like mean(x, na.rm = TRUE)", () => {
    expect(rMean([1, NaN, 3])).toBe(2);
    expect(rMean([NaN, NaN])).toBeNaN();
    expect(rMean([])).toBeNaN();
  });

  it("averages a sub-range", () => {
    expect(rMean([100, 1, 2, 3, 100], 1, 4)).toBe(2);
  });
});
