import { describe, expect, it } from "vitest";
import {
  avoidabilityLabel,
  avoidabilityOf,
  isMoreLikelyThanNotAvoidable,
  toHoganScore,
} from "./avoidability.js";
import {
  avoidableDeathsIndicator,
  caseReviewSummary,
  deathsReviewedIndicator,
  poorCareIndicator,
  validateCaseReview,
} from "./case-review-aggregates.js";
import type { CaseReviewRecord, DeathRecord } from "./case-review.type.js";

// INDICATORS.md §4.4: RCP NMCRR structured judgement review — phase-of-care and overall scores 1 (very poor)
// to 5 (excellent); avoidability on 6 points, Hogan (BMJ 2015;351:h3239, Table 1) 1 = definitely not … 6 =
// definitely avoidable, NQB Learning from Deaths (2017) the reverse; "more likely than not avoidable" =
// Hogan 4–6 = NQB 1–3.

describe("avoidability scales", () => {
  it.each([
    [1, "Definitely not avoidable"],
    [2, "Slight evidence of avoidability"],
    [3, "Possibly avoidable but not very likely (less than 50:50)"],
    [4, "Probably avoidable (more than 50:50)"],
    [5, "Strong evidence of avoidability"],
    [6, "Definitely avoidable"],
  ])("labels Hogan %d as %s and finds it at NQB 7 − %d", (score, label) => {
    expect(avoidabilityLabel(score, "hogan-2015")).toBe(label);
    expect(avoidabilityLabel(7 - score, "nqb-2017")).toBe(label);
    expect(toHoganScore(7 - score, "nqb-2017")).toBe(score);
  });

  it("calls Hogan 4–6 and NQB 1–3 more likely than not avoidable", () => {
    expect([1, 2, 3, 4, 5, 6].map((s) => isMoreLikelyThanNotAvoidable(s, "hogan-2015"))).toEqual([
      false,
      false,
      false,
      true,
      true,
      true,
    ]);
    expect([1, 2, 3, 4, 5, 6].map((s) => isMoreLikelyThanNotAvoidable(s, "nqb-2017"))).toEqual([
      true,
      true,
      true,
      false,
      false,
      false,
    ]);
  });

  it("rejects scores outside 1–6", () => {
    expect(() => toHoganScore(0, "hogan-2015")).toThrow(
      expect.objectContaining({ code: "INVALID_AVOIDABILITY_SCORE" }),
    );
    expect(() => toHoganScore(2.5, "nqb-2017")).toThrow(
      expect.objectContaining({ code: "INVALID_AVOIDABILITY_SCORE" }),
    );
  });
});

const review = (over: Partial<CaseReviewRecord> & Pick<CaseReviewRecord, "patientId">): CaseReviewRecord => ({
  id: `r-${String(over.patientId)}`,
  reviewedAt: "2024-03-01T10:00:00Z",
  overallCare: 3,
  ...over,
});

describe("avoidabilityOf and validateCaseReview", () => {
  it("reads a score with its scale and checks the stored label", () => {
    expect(
      avoidabilityOf(
        review({
          patientId: 1,
          avoidabilityScore: 3,
          avoidabilityScale: "nqb-2017",
          avoidabilityLabel: "probably avoidable (more than 50:50)",
        }),
      ),
    ).toEqual({
      hoganScore: 4,
      label: "Probably avoidable (more than 50:50)",
      moreLikelyThanNotAvoidable: true,
    });
  });

  it("refuses a score without a scale: the same number means opposite things on the two scales", () => {
    expect(() => avoidabilityOf(review({ patientId: 1, avoidabilityScore: 2 }))).toThrow(
      expect.objectContaining({ code: "AVOIDABILITY_SCALE_REQUIRED" }),
    );
  });

  it("refuses a label that belongs to another score, as when a score was entered on the wrong scale", () => {
    expect(() =>
      avoidabilityOf(
        review({
          patientId: 1,
          avoidabilityScore: 2,
          avoidabilityScale: "hogan-2015",
          avoidabilityLabel: "Strong evidence of avoidability",
        }),
      ),
    ).toThrow(expect.objectContaining({ code: "AVOIDABILITY_LABEL_MISMATCH" }));
  });

  it("refuses care scores outside 1–5 and accepts blank phases", () => {
    expect(() => validateCaseReview(review({ patientId: 1, overallCare: 6 }))).toThrow(
      expect.objectContaining({ code: "INVALID_CARE_SCORE" }),
    );
    expect(() => validateCaseReview(review({ patientId: 1, ongoingCare: 0 }))).toThrow(
      expect.objectContaining({ code: "INVALID_CARE_SCORE", argument: "ongoingCare" }),
    );
    expect(validateCaseReview(review({ patientId: 1, procedureCare: null }))).toBeNull();
  });
});

describe("structured judgement review aggregates", () => {
  const deaths: DeathRecord[] = [
    { patientId: 1, diedAt: "2024-01-05T10:00:00Z", wardName: "Ward 7" },
    { patientId: 2, diedAt: "2024-01-20T23:30:00Z", wardName: "Ward 7" },
    { patientId: 3, diedAt: "2024-01-25T10:00:00Z", wardName: "AMU" },
    { patientId: 4, diedAt: "2024-02-02T10:00:00Z", wardName: "AMU" },
    { patientId: 5, diedAt: "2024-02-10T10:00:00Z" },
  ];
  const reviews: CaseReviewRecord[] = [
    review({
      patientId: 1,
      admissionCare: 2,
      ongoingCare: 2,
      endOfLifeCare: 4,
      overallCare: 2,
      avoidabilityScore: 4,
      avoidabilityScale: "hogan-2015",
      problemsInCare: ["monitoring", "assessment"],
      problemsCausedHarm: true,
    }),
    // A first-stage review superseded by a second-stage review of the same death.
    review({
      id: "r2a",
      patientId: 2,
      reviewedAt: "2024-02-01T10:00:00Z",
      overallCare: 1,
      avoidabilityScore: 2,
      avoidabilityScale: "nqb-2017",
    }),
    review({
      id: "r2b",
      patientId: 2,
      reviewedAt: "2024-02-20T10:00:00Z",
      admissionCare: 4,
      overallCare: 4,
      avoidabilityScore: 5,
      avoidabilityScale: "nqb-2017",
    }),
    review({ patientId: 4, overallCare: 5, avoidabilityScore: 1, avoidabilityScale: "hogan-2015" }),
  ];

  it("counts the share of deaths reviewed per period of death and ward of death", () => {
    const series = deathsReviewedIndicator(deaths, reviews);
    expect(series.overall.map((p) => [p.period, p.numerator, p.denominator, p.numeratorIds])).toEqual([
      ["2024-01-01", 2, 3, ["1", "2"]],
      ["2024-02-01", 1, 2, ["4"]],
    ]);
    expect(series.byWard.find((p) => p.wardName === "AMU" && p.period === "2024-01-01")).toMatchObject({
      numerator: 0,
      denominator: 1,
    });
  });

  it("uses the latest review of a death", () => {
    const series = poorCareIndicator(deaths, reviews);
    // Death 2's second-stage review scores overall care 4, so only death 1 (score 2) had poor care.
    expect(series.overall[0]).toMatchObject({ numerator: 1, denominator: 2, numeratorIds: ["1"] });
  });

  it("lists deaths judged more likely than not avoidable across both scales", () => {
    const series = avoidableDeathsIndicator(deaths, reviews);
    // Death 1: Hogan 4 (avoidable). Death 2: NQB 5 = Hogan 2 (not). Death 4: Hogan 1 (not).
    expect(series.records.map((r) => [r.id, r.inNumerator, r.value])).toEqual([
      ["1", true, 4],
      ["2", false, 2],
      ["4", false, 1],
    ]);
  });

  it("summarises care scores, avoidability, problems and harm per period", () => {
    const [january, february] = caseReviewSummary(deaths, reviews);
    expect(january).toMatchObject({
      period: "2024-01-01",
      deaths: 3,
      reviewed: 2,
      overallCare: { counts: [0, 1, 0, 1, 0], notApplicable: 0 },
      avoidability: [0, 1, 0, 1, 0, 0],
      moreLikelyThanNotAvoidable: 1,
      moreLikelyThanNotAvoidableIds: ["1"],
      problemsInCare: { monitoring: 1, assessment: 1 },
      problemsCausedHarm: 1,
    });
    expect(january!.phases.admissionCare).toEqual({ counts: [0, 1, 0, 1, 0], notApplicable: 0 });
    expect(january!.phases.procedureCare).toEqual({ counts: [0, 0, 0, 0, 0], notApplicable: 2 });
    expect(february).toMatchObject({ deaths: 2, reviewed: 1, overallCare: { counts: [0, 0, 0, 0, 1] } });
  });

  it("cuts periods in UK civil time", () => {
    const summer: DeathRecord[] = [{ patientId: 9, diedAt: "2024-06-30T23:30:00Z" }];
    expect(caseReviewSummary(summer, [], { granularity: "day" })[0]!.period).toBe("2024-07-01");
    expect(caseReviewSummary(summer, [], { granularity: "day", timeZone: "UTC" })[0]!.period).toBe(
      "2024-06-30",
    );
  });
});
