import { describe, expect, it } from "vitest";
import { SpcError } from "../../core/spc-error.js";
import { logisticRegression } from "./logistic-regression.js";
import { twoSidedNormalTail } from "./normal-tail.js";

// Reference values are R `glm(family = binomial)` output published by third parties, each named at its test.
// `glm-reference.R` beside this file refits every model in R and prints these numbers at full precision.
// A published value printed to d decimals is matched to within half a unit in its last printed digit.

/**
 * |actual − printed| ≤ half a unit in the last printed digit of `printed` (given as a string), or 1e-12
 * relative for values printed to more digits than a sum of doubles can reproduce (R's 15-digit deviances).
 */
function expectPrinted(actual: number, printed: string): void {
  const decimals = printed.includes(".") ? printed.split(".")[1]!.length : 0;
  const tolerance = Math.max(0.5 * 10 ** -decimals, 1e-12 * Math.abs(Number(printed)));
  expect(Math.abs(actual - Number(printed))).toBeLessThanOrEqual(tolerance);
}

// Hosmer & Lemeshow low birth weight data (189 births; R MASS::birthwt, Stata lbw.dta):
// low, age, lwt, race (1 white, 2 black, 3 other), smoke, ptl, ht, ui.
const BIRTHWT = `
0,19,182,2,0,0,0,1 0,33,155,3,0,0,0,0 0,20,105,1,1,0,0,0 0,21,108,1,1,0,0,1 0,18,107,1,1,0,0,1
0,21,124,3,0,0,0,0 0,22,118,1,0,0,0,0 0,17,103,3,0,0,0,0 0,29,123,1,1,0,0,0 0,26,113,1,1,0,0,0
0,19,95,3,0,0,0,0 0,19,150,3,0,0,0,0 0,22,95,3,0,0,1,0 0,30,107,3,0,1,0,1 0,18,100,1,1,0,0,0
0,18,100,1,1,0,0,0 0,15,98,2,0,0,0,0 0,25,118,1,1,0,0,0 0,20,120,3,0,0,0,1 0,28,120,1,1,0,0,0
0,32,121,3,0,0,0,0 0,31,100,1,0,0,0,1 0,36,202,1,0,0,0,0 0,28,120,3,0,0,0,0 0,25,120,3,0,0,0,1
0,28,167,1,0,0,0,0 0,17,122,1,1,0,0,0 0,29,150,1,0,0,0,0 0,26,168,2,1,0,0,0 0,17,113,2,0,0,0,0
0,17,113,2,0,0,0,0 0,24,90,1,1,1,0,0 0,35,121,2,1,1,0,0 0,25,155,1,0,0,0,0 0,25,125,2,0,0,0,0
0,29,140,1,1,0,0,0 0,19,138,1,1,0,0,0 0,27,124,1,1,0,0,0 0,31,215,1,1,0,0,0 0,33,109,1,1,0,0,0
0,21,185,2,1,0,0,0 0,19,189,1,0,0,0,0 0,23,130,2,0,0,0,0 0,21,160,1,0,0,0,0 0,18,90,1,1,0,0,1
0,18,90,1,1,0,0,1 0,32,132,1,0,0,0,0 0,19,132,3,0,0,0,0 0,24,115,1,0,0,0,0 0,22,85,3,1,0,0,0
0,22,120,1,0,0,1,0 0,23,128,3,0,0,0,0 0,22,130,1,1,0,0,0 0,30,95,1,1,0,0,0 0,19,115,3,0,0,0,0
0,16,110,3,0,0,0,0 0,21,110,3,1,0,0,1 0,30,153,3,0,0,0,0 0,20,103,3,0,0,0,0 0,17,119,3,0,0,0,0
0,17,119,3,0,0,0,0 0,23,119,3,0,0,0,0 0,24,110,3,0,0,0,0 0,28,140,1,0,0,0,0 0,26,133,3,1,2,0,0
0,20,169,3,0,1,0,1 0,24,115,3,0,0,0,0 0,28,250,3,1,0,0,0 0,20,141,1,0,2,0,1 0,22,158,2,0,1,0,0
0,22,112,1,1,2,0,0 0,31,150,3,1,0,0,0 0,23,115,3,1,0,0,0 0,16,112,2,0,0,0,0 0,16,135,1,1,0,0,0
0,18,229,2,0,0,0,0 0,25,140,1,0,0,0,0 0,32,134,1,1,1,0,0 0,20,121,2,1,0,0,0 0,23,190,1,0,0,0,0
0,22,131,1,0,0,0,0 0,32,170,1,0,0,0,0 0,30,110,3,0,0,0,0 0,20,127,3,0,0,0,0 0,23,123,3,0,0,0,0
0,17,120,3,1,0,0,0 0,19,105,3,0,0,0,0 0,23,130,1,0,0,0,0 0,36,175,1,0,0,0,0 0,22,125,1,0,0,0,0
0,24,133,1,0,0,0,0 0,21,134,3,0,0,0,0 0,19,235,1,1,0,1,0 0,25,95,1,1,3,0,1 0,16,135,1,1,0,0,0
0,29,135,1,0,0,0,0 0,29,154,1,0,0,0,0 0,19,147,1,1,0,0,0 0,19,147,1,1,0,0,0 0,30,137,1,0,0,0,0
0,24,110,1,0,0,0,0 0,19,184,1,1,0,1,0 0,24,110,3,0,1,0,0 0,23,110,1,0,0,0,0 0,20,120,3,0,0,0,0
0,25,241,2,0,0,1,0 0,30,112,1,0,0,0,0 0,22,169,1,0,0,0,0 0,18,120,1,1,0,0,0 0,16,170,2,0,0,0,0
0,32,186,1,0,0,0,0 0,18,120,3,0,0,0,0 0,29,130,1,1,0,0,0 0,33,117,1,0,0,0,1 0,20,170,1,1,0,0,0
0,28,134,3,0,0,0,0 0,14,135,1,0,0,0,0 0,28,130,3,0,0,0,0 0,25,120,1,0,0,0,0 0,16,95,3,0,0,0,0
0,20,158,1,0,0,0,0 0,26,160,3,0,0,0,0 0,21,115,1,0,0,0,0 0,22,129,1,0,0,0,0 0,25,130,1,0,0,0,0
0,31,120,1,0,0,0,0 0,35,170,1,0,1,0,0 0,19,120,1,1,0,0,0 0,24,116,1,0,0,0,0 0,45,123,1,0,0,0,0
1,28,120,3,1,1,0,1 1,29,130,1,0,0,0,1 1,34,187,2,1,0,1,0 1,25,105,3,0,1,1,0 1,25,85,3,0,0,0,1
1,27,150,3,0,0,0,0 1,23,97,3,0,0,0,1 1,24,128,2,0,1,0,0 1,24,132,3,0,0,1,0 1,21,165,1,1,0,1,0
1,32,105,1,1,0,0,0 1,19,91,1,1,2,0,1 1,25,115,3,0,0,0,0 1,16,130,3,0,0,0,0 1,25,92,1,1,0,0,0
1,20,150,1,1,0,0,0 1,21,200,2,0,0,0,1 1,24,155,1,1,1,0,0 1,21,103,3,0,0,0,0 1,20,125,3,0,0,0,1
1,25,89,3,0,2,0,0 1,19,102,1,0,0,0,0 1,19,112,1,1,0,0,1 1,26,117,1,1,1,0,0 1,24,138,1,0,0,0,0
1,17,130,3,1,1,0,1 1,20,120,2,1,0,0,0 1,22,130,1,1,1,0,1 1,27,130,2,0,0,0,1 1,20,80,3,1,0,0,1
1,17,110,1,1,0,0,0 1,25,105,3,0,1,0,0 1,20,109,3,0,0,0,0 1,18,148,3,0,0,0,0 1,18,110,2,1,1,0,0
1,20,121,1,1,1,0,1 1,21,100,3,0,1,0,0 1,26,96,3,0,0,0,0 1,31,102,1,1,1,0,0 1,15,110,1,0,0,0,0
1,23,187,2,1,0,0,0 1,20,122,2,1,0,0,0 1,24,105,2,1,0,0,0 1,15,115,3,0,0,0,1 1,23,120,3,0,0,0,0
1,30,142,1,1,1,0,0 1,22,130,1,1,0,0,0 1,17,120,1,1,0,0,0 1,23,110,1,1,1,0,0 1,17,120,2,0,0,0,0
1,26,154,3,0,1,1,0 1,20,106,3,0,0,0,0 1,26,190,1,1,0,0,0 1,14,101,3,1,1,0,0 1,28,95,1,1,0,0,0
1,14,100,3,0,0,0,0 1,23,94,3,1,0,0,0 1,17,142,2,0,0,1,0 1,21,130,1,1,0,1,0`;

const births = BIRTHWT.trim()
  .split(/\s+/)
  .map((row) => row.split(",").map(Number));

// R datasets::mtcars (Motor Trend 1974), the columns the published models use: mpg, disp, hp, wt, vs, am.
const MTCARS: readonly (readonly [string, number, number, number, number, number, number])[] = [
  ["Mazda RX4", 21, 160, 110, 2.62, 0, 1],
  ["Mazda RX4 Wag", 21, 160, 110, 2.875, 0, 1],
  ["Datsun 710", 22.8, 108, 93, 2.32, 1, 1],
  ["Hornet 4 Drive", 21.4, 258, 110, 3.215, 1, 0],
  ["Hornet Sportabout", 18.7, 360, 175, 3.44, 0, 0],
  ["Valiant", 18.1, 225, 105, 3.46, 1, 0],
  ["Duster 360", 14.3, 360, 245, 3.57, 0, 0],
  ["Merc 240D", 24.4, 146.7, 62, 3.19, 1, 0],
  ["Merc 230", 22.8, 140.8, 95, 3.15, 1, 0],
  ["Merc 280", 19.2, 167.6, 123, 3.44, 1, 0],
  ["Merc 280C", 17.8, 167.6, 123, 3.44, 1, 0],
  ["Merc 450SE", 16.4, 275.8, 180, 4.07, 0, 0],
  ["Merc 450SL", 17.3, 275.8, 180, 3.73, 0, 0],
  ["Merc 450SLC", 15.2, 275.8, 180, 3.78, 0, 0],
  ["Cadillac Fleetwood", 10.4, 472, 205, 5.25, 0, 0],
  ["Lincoln Continental", 10.4, 460, 215, 5.424, 0, 0],
  ["Chrysler Imperial", 14.7, 440, 230, 5.345, 0, 0],
  ["Fiat 128", 32.4, 78.7, 66, 2.2, 1, 1],
  ["Honda Civic", 30.4, 75.7, 52, 1.615, 1, 1],
  ["Toyota Corolla", 33.9, 71.1, 65, 1.835, 1, 1],
  ["Toyota Corona", 21.5, 120.1, 97, 2.465, 1, 0],
  ["Dodge Challenger", 15.5, 318, 150, 3.52, 0, 0],
  ["AMC Javelin", 15.2, 304, 150, 3.435, 0, 0],
  ["Camaro Z28", 13.3, 350, 245, 3.84, 0, 0],
  ["Pontiac Firebird", 19.2, 400, 175, 3.845, 0, 0],
  ["Fiat X1-9", 27.3, 79, 66, 1.935, 1, 1],
  ["Porsche 914-2", 26, 120.3, 91, 2.14, 0, 1],
  ["Lotus Europa", 30.4, 95.1, 113, 1.513, 1, 1],
  ["Ford Pantera L", 15.8, 351, 264, 3.17, 0, 1],
  ["Ferrari Dino", 19.7, 145, 175, 2.77, 0, 1],
  ["Maserati Bora", 15, 301, 335, 3.57, 0, 1],
  ["Volvo 142E", 21.4, 121, 109, 2.78, 1, 1],
];
const cars = MTCARS.map(([, mpg, disp, hp, wt, vs, am]) => ({ mpg, disp, hp, wt, vs, am }));

describe("logisticRegression matches R glm(family = binomial)", () => {
  it("reproduces low ~ age + lwt + race + smoke + ptl + ht + ui on birthwt to R's 9–10 printed digits", () => {
    // R output via rpy, hard-coded in statsmodels (statsmodels/genmod/tests/results/results_glm.py, class Lbw,
    // and the scikits.statsmodels GLM example): params, bse, deviance, null deviance and AIC.
    expect(births).toHaveLength(189);
    const X = births.map(([, age, lwt, race, smoke, ptl, ht, ui]) => [
      age!,
      lwt!,
      race === 2 ? 1 : 0,
      race === 3 ? 1 : 0,
      smoke!,
      ptl!,
      ht!,
      ui!,
    ]);
    const fit = logisticRegression(
      X,
      births.map((row) => row[0]!),
    );
    const coefficients = [
      "0.4612238834",
      "-0.0271003108",
      "-0.0151508184",
      "1.2626472825",
      "0.8620791601",
      "0.9233448207",
      "0.5418365644",
      "1.8325178019",
      "0.7585134798",
    ];
    const standardErrors = [
      "1.204574885",
      "0.036449917",
      "0.006925765",
      "0.526405169",
      "0.439146744",
      "0.400820976",
      "0.346246857",
      "0.691623875",
      "0.459373871",
    ];
    coefficients.forEach((printed, j) => expectPrinted(fit.coefficients[j]!, printed));
    standardErrors.forEach((printed, j) => expectPrinted(fit.standardErrors[j]!, printed));
    for (let j = 0; j < coefficients.length; j++) {
      expect(Math.abs(fit.coefficients[j]! / Number(coefficients[j]) - 1)).toBeLessThan(1e-6);
      expect(Math.abs(fit.standardErrors[j]! / Number(standardErrors[j]) - 1)).toBeLessThan(1e-6);
    }
    expectPrinted(fit.deviance, "201.447991133");
    expectPrinted(fit.nullDeviance, "234.671996193219");
    expectPrinted(fit.aic, "219.447991133");
    expect(fit.converged).toBe(true);
  });

  it("takes standard errors from the last IRLS step's weights, as summary.glm does, not the converged information", () => {
    // R's SE for ht is 0.691623875 (statsmodels, from R); the converged-information SE is 0.69162923
    // (Stata and Microeconometrics.jl test suites). Only the former is R.
    const X = births.map(([, age, lwt, race, smoke, ptl, ht, ui]) => [
      age!,
      lwt!,
      race === 2 ? 1 : 0,
      race === 3 ? 1 : 0,
      smoke!,
      ptl!,
      ht!,
      ui!,
    ]);
    const fit = logisticRegression(
      X,
      births.map((row) => row[0]!),
    );
    expectPrinted(fit.standardErrors[7]!, "0.691623875");
    expect(Math.abs(fit.standardErrors[7]! - 0.69162923)).toBeGreaterThan(5e-6);
  });

  it("reproduces vs ~ wt + disp on mtcars, including R's iteration count", () => {
    // theanalysisfactor.com, "R tutorial: glm 1" (D. Lillis): summary(glm(vs ~ wt + disp, binomial, mtcars)).
    const fit = logisticRegression(
      cars.map((c) => [c.wt, c.disp]),
      cars.map((c) => c.vs),
    );
    ["1.60859", "1.62635", "-0.03443"].forEach((printed, j) => expectPrinted(fit.coefficients[j]!, printed));
    ["2.43903", "1.49068", "0.01536"].forEach((printed, j) => expectPrinted(fit.standardErrors[j]!, printed));
    ["0.660", "1.091", "-2.241"].forEach((printed, j) => expectPrinted(fit.zValues[j]!, printed));
    ["0.510", "0.275", "0.025"].forEach((printed, j) => expectPrinted(fit.pValues[j]!, printed));
    expectPrinted(fit.nullDeviance, "43.86");
    expectPrinted(fit.deviance, "21.40");
    expectPrinted(fit.aic, "27.4");
    expect(fit.iterations).toBe(6);
  });

  it("reproduces am ~ disp + hp on mtcars", () => {
    // statology.org, "How to Interpret glm Output in R": summary(glm(am ~ disp + hp, binomial, mtcars)).
    const fit = logisticRegression(
      cars.map((c) => [c.disp, c.hp]),
      cars.map((c) => c.am),
    );
    ["1.40342", "-0.09518", "0.12170"].forEach((printed, j) => expectPrinted(fit.coefficients[j]!, printed));
    ["1.36757", "0.04800", "0.06777"].forEach((printed, j) => expectPrinted(fit.standardErrors[j]!, printed));
    ["1.026", "-1.983", "1.796"].forEach((printed, j) => expectPrinted(fit.zValues[j]!, printed));
    ["0.3048", "0.0474", "0.0725"].forEach((printed, j) => expectPrinted(fit.pValues[j]!, printed));
  });

  it("fits an intercept-only model to the logit of the event rate", () => {
    // Closed form: with no covariates the MLE is logit(ȳ) and SE = sqrt(1/(nȳ(1−ȳ))); 14 of 32 mtcars have vs = 1.
    // IRLS stops on R's deviance criterion (1e-8), so the estimate is within 1e-7 of the exact MLE, as in R;
    // the SE, taken like R's from the weights one step before convergence, is within 1e-4 of the closed form.
    const fit = logisticRegression(
      cars.map(() => []),
      cars.map((c) => c.vs),
    );
    expect(Math.abs(fit.coefficients[0]! / Math.log(14 / 18) - 1)).toBeLessThan(1e-7);
    expect(Math.abs(fit.standardErrors[0]! / Math.sqrt(1 / (32 * (14 / 32) * (18 / 32))) - 1)).toBeLessThan(
      1e-4,
    );
    expect(fit.deviance).toBeCloseTo(fit.nullDeviance, 10);
  });
});

describe("logisticRegression refuses what R would only warn about", () => {
  it("throws PERFECT_SEPARATION when a covariate separates the outcome", () => {
    const X = [[1], [2], [3], [4], [5], [6]];
    expect(() => logisticRegression(X, [0, 0, 0, 1, 1, 1])).toThrow(
      expect.objectContaining({ code: "PERFECT_SEPARATION" }),
    );
  });

  it("throws PERFECT_SEPARATION for quasi-complete separation", () => {
    const X = [[1], [2], [3], [3], [4], [5], [6]];
    expect(() => logisticRegression(X, [0, 0, 0, 1, 1, 1, 1])).toThrow(
      expect.objectContaining({ code: "PERFECT_SEPARATION" }),
    );
  });

  it("throws PERFECT_SEPARATION for a category without events, where R reports a converged fit with a huge SE", () => {
    // 20 patients in a category with no deaths, 20 with 5: glm "converges" with an intercept near −20 and an
    // SE in the thousands (the MLE is −∞), no warning. Vigil refuses the fit.
    const X = Array.from({ length: 40 }, (_, i) => [i < 20 ? 0 : 1]);
    const y = Array.from({ length: 40 }, (_, i) => (i >= 20 && i < 25 ? 1 : 0));
    expect(() => logisticRegression(X, y)).toThrow(expect.objectContaining({ code: "PERFECT_SEPARATION" }));
  });

  it("throws NOT_CONVERGED when the iteration limit is reached, or returns converged false on request", () => {
    const X = cars.map((c) => [c.wt, c.disp]);
    const y = cars.map((c) => c.vs);
    expect(() => logisticRegression(X, y, { maxIterations: 3 })).toThrow(
      expect.objectContaining({ code: "NOT_CONVERGED" }),
    );
    const partial = logisticRegression(X, y, { maxIterations: 3, allowNonConvergence: true });
    expect(partial).toMatchObject({ converged: false, iterations: 3 });
  });

  it("throws SINGULAR_DESIGN for collinear columns", () => {
    const X = cars.map((c) => [c.wt, 2 * c.wt]);
    expect(() =>
      logisticRegression(
        X,
        cars.map((c) => c.vs),
      ),
    ).toThrow(expect.objectContaining({ code: "SINGULAR_DESIGN" }));
  });

  it("throws INVALID_INPUT for outcomes other than 0/1, ragged rows, non-finite values and too few rows", () => {
    const bad = (X: number[][], y: number[]) => () => logisticRegression(X, y);
    expect(bad([[1], [2]], [0, 2])).toThrow(SpcError);
    expect(bad([[1], [2, 3]], [0, 1])).toThrow(expect.objectContaining({ code: "INVALID_INPUT" }));
    expect(bad([[1], [Number.NaN]], [0, 1])).toThrow(expect.objectContaining({ code: "INVALID_INPUT" }));
    expect(bad([[1, 2]], [1])).toThrow(expect.objectContaining({ code: "INVALID_INPUT" }));
    expect(bad([[1]], [1, 0])).toThrow(expect.objectContaining({ code: "INVALID_INPUT" }));
  });
});

describe("twoSidedNormalTail", () => {
  it("gives R's 2 * pnorm(-|z|)", () => {
    // qnorm(0.975) = 1.959963984540054 and qnorm(0.995) = 2.575829303549 (R), so the tails are 0.05 and 0.01.
    expect(twoSidedNormalTail(1.959963984540054)).toBeCloseTo(0.05, 14);
    expect(twoSidedNormalTail(-2.5758293035489)).toBeCloseTo(0.01, 13);
    expect(twoSidedNormalTail(0)).toBe(1);
    // 2 * pnorm(-5) = 5.733031437583878e-07 (R).
    expect(twoSidedNormalTail(5) / 5.733031437583878e-7 - 1).toBeLessThan(1e-12);
  });
});
