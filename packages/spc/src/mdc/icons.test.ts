import { describe, expect, it } from "vitest";
import { assuranceIcon } from "./assurance-icon.js";
import { shortGroupWarning } from "./short-group-warning.js";
import { variationIcon } from "./variation-icon.js";

describe("variationIcon (NHSRplotthedots 0.2.2 R/geom_ptd_icon.R, ptd_get_icons)", () => {
  it("shows common cause for a common-cause last point whatever the direction", () => {
    for (const d of ["increase", "decrease", "neutral"] as const)
      expect(variationIcon("common_cause", d)).toBe("common_cause");
  });

  it("shows improvement high when increase is better and low when decrease is better", () => {
    expect(variationIcon("special_cause_improvement", "increase")).toBe("improvement_high");
    expect(variationIcon("special_cause_improvement", "decrease")).toBe("improvement_low");
  });

  it("shows concern low when increase is better and high when decrease is better", () => {
    expect(variationIcon("special_cause_concern", "increase")).toBe("concern_low");
    // ptd_ae_rrk_rebase.json: decrease, last point special_cause_concern → concern_high.svg.
    expect(variationIcon("special_cause_concern", "decrease")).toBe("concern_high");
  });

  it("shows neutral high or low from the point type", () => {
    expect(variationIcon("special_cause_neutral_high", "neutral")).toBe("neutral_high");
    expect(variationIcon("special_cause_neutral_low", "neutral")).toBe("neutral_low");
  });
});

describe("assuranceIcon (NHSRplotthedots 0.2.2 R/ptd_calculate_assurance_type.R)", () => {
  // tests/testthat/test-ptd_calculate_assurance_type.R: facets a, b, c with lpl 1/5/1, upl 3/7/5 and target 4.
  const facets = [
    { lpl: 1, upl: 3 },
    { lpl: 5, upl: 7 },
    { lpl: 1, upl: 5 },
  ];

  it("fails, passes and is inconsistent when increase is better", () => {
    expect(facets.map((l) => assuranceIcon({ target: 4, ...l, improvementDirection: "increase" }))).toEqual([
      "consistent_fail",
      "consistent_pass",
      "inconsistent",
    ]);
  });

  it("passes, fails and is inconsistent when decrease is better", () => {
    expect(facets.map((l) => assuranceIcon({ target: 4, ...l, improvementDirection: "decrease" }))).toEqual([
      "consistent_pass",
      "consistent_fail",
      "inconsistent",
    ]);
  });

  it("has no icon when the direction is neutral or there is no target", () => {
    expect(assuranceIcon({ target: 4, lpl: 1, upl: 3, improvementDirection: "neutral" })).toBeNull();
    expect(assuranceIcon({ target: null, lpl: 1, upl: 3, improvementDirection: "increase" })).toBeNull();
    expect(assuranceIcon({ target: undefined, lpl: 1, upl: 3, improvementDirection: "decrease" })).toBeNull();
  });

  it("is inconsistent for a target on a limit (the comparisons are strict)", () => {
    expect(assuranceIcon({ target: 3, lpl: 1, upl: 3, improvementDirection: "increase" })).toBe(
      "inconsistent",
    );
    expect(assuranceIcon({ target: 1, lpl: 1, upl: 3, improvementDirection: "increase" })).toBe(
      "inconsistent",
    );
  });

  it("is inconsistent when the limits do not exist (R's NA comparisons fall through)", () => {
    expect(assuranceIcon({ target: 4, lpl: null, upl: null, improvementDirection: "increase" })).toBe(
      "inconsistent",
    );
  });
});

describe("shortGroupWarning (R/ptd_add_short_group_warnings.R)", () => {
  it("warns below 13 points by default and not at 13", () => {
    expect(shortGroupWarning(12)).toBe(true);
    expect(shortGroupWarning(13)).toBe(false);
  });

  it("follows a given threshold: 11 < 12 warns, 12 does not (test-ptd_add_short_group_warnings.R)", () => {
    expect(shortGroupWarning(11, 12)).toBe(true);
    expect(shortGroupWarning(12, 12)).toBe(false);
    expect(shortGroupWarning(5, 12)).toBe(true);
  });
});
