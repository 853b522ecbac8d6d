import { describe, expect, it } from "vitest";
import { completeSetsIndicator } from "./d1-complete-sets.js";
import { correctScoreIndicator } from "./d2-correct-score.js";
import { repeatObservationsIndicator } from "./d3-repeat-observations.js";
import { urgentResponseIndicator } from "./d4-urgent-response.js";
import { emergencyResponseIndicator } from "./d5-emergency-response.js";
import { redScoreEscalationIndicator } from "./d6-red-score-escalation.js";
import { timeToAntibioticsIndicator } from "./d7-time-to-antibiotics.js";
import { scale2GovernanceIndicator } from "./d8-scale2-governance.js";
import { deteriorationIndicators } from "./deterioration-indicators.js";
import type { CareEventRecord, DeteriorationData, ObservationSetRecord } from "./deterioration.type.js";

// Hand-built admissions. Times are winter (GMT = UTC) unless a test says otherwise, so "23:59Z" is 23:59 on
// the ward clock. Rules under test are INDICATORS.md §3 (D1–D8) with the RCP Chart 2/4 bands of §1.2–1.3.

function obs(
  id: string,
  patientFhirId: string,
  effectiveAt: string,
  news2Total: number | null,
  extra: Partial<ObservationSetRecord> = {},
): ObservationSetRecord {
  return {
    id,
    patientFhirId,
    effectiveAt,
    complete: news2Total !== null,
    news2Total,
    redScore: false,
    ...extra,
  };
}

let eventCounter = 0;
function event(patientFhirId: string, kind: string, occurredAt: string): CareEventRecord {
  eventCounter += 1;
  return { id: `e${eventCounter}`, patientFhirId, kind, occurredAt };
}

/** Patient p1: admitted to AMU 10 Jan, transferred to Ward 7 on 16 Jan 00:30, discharged 3 Feb (spans months). */
const p1Spell = {
  id: 1,
  patientFhirId: "p1",
  periodStart: "2024-01-10T08:00:00Z",
  periodEnd: "2024-02-03T12:00:00Z",
  wardStays: [
    { wardName: "AMU", start: "2024-01-10T08:00:00Z", end: "2024-01-16T00:30:00Z" },
    { wardName: "Ward 7", start: "2024-01-16T00:30:00Z", end: null },
  ],
};

describe("D1 complete sets", () => {
  it("counts only sets with all seven items recorded and scorable", () => {
    const data: DeteriorationData = {
      spells: [p1Spell],
      observationSets: [
        obs("s1", "p1", "2024-01-10T09:00:00Z", 2),
        obs("s2", "p1", "2024-01-10T13:00:00Z", null),
        // Complete but with an implausible value, so unscored: not a valid NEWS2 set.
        obs("s3", "p1", "2024-01-10T17:00:00Z", null, { complete: true }),
      ],
    };
    const [point] = completeSetsIndicator(data).overall;
    expect(point).toMatchObject({ period: "2024-01-01", numerator: 1, denominator: 3, numeratorIds: ["s1"] });
  });

  it("counts a stay spanning months in the month of each set", () => {
    const data: DeteriorationData = {
      spells: [p1Spell],
      observationSets: [obs("a", "p1", "2024-01-31T23:00:00Z", 1), obs("b", "p1", "2024-02-01T01:00:00Z", 1)],
    };
    expect(completeSetsIndicator(data).overall.map((p) => [p.period, p.denominator])).toEqual([
      ["2024-01-01", 1],
      ["2024-02-01", 1],
    ]);
  });

  it("ignores sets outside any inpatient spell and sets of excluded spells", () => {
    const data: DeteriorationData = {
      spells: [
        p1Spell,
        { id: 2, patientFhirId: "child", periodStart: "2024-01-01T00:00:00Z", periodEnd: null },
      ],
      observationSets: [
        obs("before", "p1", "2024-01-09T09:00:00Z", 0),
        obs("in", "p1", "2024-01-11T09:00:00Z", 0),
        obs("child", "child", "2024-01-11T09:00:00Z", 0),
      ],
      excludedSpellIds: [2],
    };
    expect(completeSetsIndicator(data).records.map((r) => r.id)).toEqual(["in"]);
  });
});

describe("D2 correct score", () => {
  it("compares documented with recomputed totals where a total was documented", () => {
    const data: DeteriorationData = {
      spells: [p1Spell],
      observationSets: [
        obs("ok", "p1", "2024-01-10T09:00:00Z", 5, { documentedTotal: 5 }),
        // UK Core example pattern: documented 6 for a set that scores 5 (INDICATORS.md §1.6).
        obs("over", "p1", "2024-01-10T10:00:00Z", 5, { documentedTotal: 6 }),
        obs("none", "p1", "2024-01-10T11:00:00Z", 5),
      ],
    };
    const series = correctScoreIndicator(data);
    expect(series.overall[0]).toMatchObject({ numerator: 1, denominator: 2, numeratorIds: ["ok"] });
    expect(series.records.find((r) => r.id === "over")?.value).toBe(1);
  });
});

describe("D3 repeat observations on time", () => {
  const sets = [
    obs("t0", "p1", "2024-01-10T08:00:00Z", 0), // 12 h allowed: next at 19:00 (11 h) on time
    obs("t1", "p1", "2024-01-10T19:00:00Z", 3), // 6 h allowed: next at 01:30 (6.5 h) late
    obs("t2", "p1", "2024-01-11T01:30:00Z", 3, { redScore: true }), // red: 1 h allowed, next 02:30 on time
    obs("t3", "p1", "2024-01-11T02:30:00Z", 6), // 1 h allowed, next 03:31 late
    obs("t4", "p1", "2024-01-11T03:31:00Z", 8), // ≥ 7: held to 1 h, next 04:31 on time
    obs("t5", "p1", "2024-01-11T04:31:00Z", 2), // last set before discharge: no interval
  ];
  const data: DeteriorationData = { spells: [p1Spell], observationSets: sets };

  it("judges each interval by the trigger of its first set (RCP Chart 4)", () => {
    const series = repeatObservationsIndicator(data, { granularity: "day" });
    expect(series.records.map((r) => [r.id, r.inNumerator, r.value])).toEqual([
      ["t0", true, 660],
      ["t1", false, 390],
      ["t2", true, 60],
      ["t3", false, 61],
      ["t4", true, 60],
    ]);
    // The 19:00 → 01:30 interval crosses midnight and counts on the day of its first set.
    expect(series.overall.map((p) => [p.period, p.numerator, p.denominator])).toEqual([
      ["2024-01-10", 1, 2],
      ["2024-01-11", 2, 3],
    ]);
  });

  it("applies configured limits and grace", () => {
    const strict = repeatObservationsIndicator(data, { limitsMinutes: { total1to4: 240 } });
    expect(strict.records.find((r) => r.id === "t1")?.inNumerator).toBe(false);
    const graced = repeatObservationsIndicator(data, { graceMinutes: 30 });
    expect(graced.records.filter((r) => r.inNumerator).map((r) => r.id)).toEqual([
      "t0",
      "t1",
      "t2",
      "t3",
      "t4",
    ]);
  });

  it("leaves out intervals after a set ≥ 7 when continuous monitoring is documented elsewhere", () => {
    const series = repeatObservationsIndicator(data, { emergencyIntervals: "exclude" });
    expect(series.records.map((r) => r.id)).not.toContain("t4");
  });

  it("counts an overdue last set of a spell still open at asOf, and leaves out one not yet due", () => {
    const open: DeteriorationData = {
      spells: [{ id: 9, patientFhirId: "p9", periodStart: "2024-01-10T08:00:00Z", periodEnd: null }],
      observationSets: [obs("x", "p9", "2024-01-10T09:00:00Z", 6)],
    };
    expect(repeatObservationsIndicator(open, { asOf: "2024-01-10T09:59:00Z" }).records).toEqual([]);
    expect(repeatObservationsIndicator(open, { asOf: "2024-01-10T10:30:00Z" }).records).toMatchObject([
      { id: "x", inNumerator: false, value: 90 },
    ]);
    expect(repeatObservationsIndicator(open).records).toEqual([]);
  });
});

describe("D4 escalation and review within 60 minutes for NEWS2 ≥ 5", () => {
  it("counts a trigger at 23:59 answered after midnight as met, on the trigger's day", () => {
    const data: DeteriorationData = {
      spells: [p1Spell],
      observationSets: [obs("late", "p1", "2024-01-15T23:59:00Z", 6)],
      careEvents: [
        event("p1", "escalation", "2024-01-16T00:05:00Z"),
        event("p1", "clinical-review", "2024-01-16T00:40:00Z"),
      ],
    };
    const series = urgentResponseIndicator(data, { granularity: "day" });
    expect(series.records).toMatchObject([{ id: "late", inNumerator: true, value: 41 }]);
    expect(series.overall).toMatchObject([{ period: "2024-01-15", numerator: 1, denominator: 1 }]);
  });

  it("attributes a trigger on AMU answered after transfer to Ward 7 to AMU, the ward at the trigger", () => {
    const data: DeteriorationData = {
      spells: [p1Spell],
      observationSets: [obs("amu", "p1", "2024-01-16T00:10:00Z", 5)],
      careEvents: [
        event("p1", "escalation", "2024-01-16T00:20:00Z"),
        event("p1", "clinical-review", "2024-01-16T00:50:00Z"),
      ],
    };
    const series = urgentResponseIndicator(data);
    expect(series.records[0]).toMatchObject({ wardName: "AMU", inNumerator: true });
    expect(series.byWard.map((p) => [p.wardName, p.numerator, p.denominator])).toEqual([["AMU", 1, 1]]);
  });

  it("starts an episode at the first set ≥ 5 after a set < 5, or the first set of the spell", () => {
    const data: DeteriorationData = {
      spells: [p1Spell],
      observationSets: [
        obs("a", "p1", "2024-01-11T08:00:00Z", 5),
        obs("b", "p1", "2024-01-11T09:00:00Z", 6),
        obs("c", "p1", "2024-01-11T10:00:00Z", 4),
        obs("d", "p1", "2024-01-11T11:00:00Z", 5),
        obs("e", "p1", "2024-01-11T12:00:00Z", null),
        obs("f", "p1", "2024-01-11T13:00:00Z", 7),
      ],
    };
    expect(urgentResponseIndicator(data).records.map((r) => r.id)).toEqual(["a", "d"]);
  });

  it("needs both the escalation and the review, within the target", () => {
    const base = { spells: [p1Spell], observationSets: [obs("t", "p1", "2024-01-11T08:00:00Z", 5)] };
    const escalatedOnly = { ...base, careEvents: [event("p1", "escalation", "2024-01-11T08:10:00Z")] };
    expect(urgentResponseIndicator(escalatedOnly).records[0]).toMatchObject({
      inNumerator: false,
      value: null,
    });
    const lateReview = {
      ...base,
      careEvents: [
        event("p1", "escalation", "2024-01-11T08:10:00Z"),
        event("p1", "clinical-review", "2024-01-11T09:01:00Z"),
      ],
    };
    expect(urgentResponseIndicator(lateReview).records[0]).toMatchObject({ inNumerator: false, value: 61 });
    expect(urgentResponseIndicator(lateReview, { targetMinutes: 90 }).records[0]!.inNumerator).toBe(true);
    expect(urgentResponseIndicator(escalatedOnly, { require: "review" }).records[0]!.inNumerator).toBe(false);
  });

  it("accepts an emergency review as the clinical review, and ignores another patient's events", () => {
    const data: DeteriorationData = {
      spells: [p1Spell],
      observationSets: [obs("t", "p1", "2024-01-11T08:00:00Z", 5)],
      careEvents: [
        event("p2", "escalation", "2024-01-11T08:05:00Z"),
        event("p1", "escalation", "2024-01-11T08:06:00Z"),
        event("p1", "emergency-review", "2024-01-11T08:20:00Z"),
      ],
    };
    expect(urgentResponseIndicator(data).records[0]).toMatchObject({ inNumerator: true, value: 20 });
  });

  it("counts events documented shortly before the set only with a look-back", () => {
    const data: DeteriorationData = {
      spells: [p1Spell],
      observationSets: [obs("t", "p1", "2024-01-11T08:00:00Z", 5)],
      careEvents: [
        event("p1", "escalation", "2024-01-11T07:58:00Z"),
        event("p1", "clinical-review", "2024-01-11T08:30:00Z"),
      ],
    };
    expect(urgentResponseIndicator(data).records[0]!.inNumerator).toBe(false);
    expect(urgentResponseIndicator(data, { lookbackMinutes: 5 }).records[0]!.inNumerator).toBe(true);
  });
});

describe("D5 emergency response within 30 minutes for NEWS2 ≥ 7", () => {
  it("needs an emergency review within 30 minutes", () => {
    const data: DeteriorationData = {
      spells: [p1Spell, { id: 2, patientFhirId: "p2", periodStart: "2024-01-10T08:00:00Z", periodEnd: null }],
      observationSets: [obs("a", "p1", "2024-01-11T08:00:00Z", 8), obs("b", "p2", "2024-01-11T08:00:00Z", 7)],
      careEvents: [
        event("p1", "emergency-review", "2024-01-11T08:25:00Z"),
        event("p2", "clinical-review", "2024-01-11T08:10:00Z"),
        event("p2", "emergency-review", "2024-01-11T08:35:00Z"),
      ],
    };
    const series = emergencyResponseIndicator(data);
    expect(series.records.map((r) => [r.id, r.inNumerator, r.value])).toEqual([
      ["a", true, 25],
      ["b", false, 35],
    ]);
    expect(series.overall[0]).toMatchObject({ numerator: 1, denominator: 2, numeratorIds: ["a"] });
  });
});

describe("D6 red-score escalation", () => {
  it("takes red scores with total ≤ 4 only; a red score with total 5 is D4's (RCP Chart 2 precedence)", () => {
    const data: DeteriorationData = {
      spells: [p1Spell],
      observationSets: [
        obs("red3", "p1", "2024-01-11T08:00:00Z", 3, { redScore: true }),
        obs("red3b", "p1", "2024-01-11T09:00:00Z", 4, { redScore: true }),
        obs("low", "p1", "2024-01-11T10:00:00Z", 2),
        obs("red5", "p1", "2024-01-11T11:00:00Z", 5, { redScore: true }),
      ],
      careEvents: [event("p1", "escalation", "2024-01-11T08:50:00Z")],
    };
    const series = redScoreEscalationIndicator(data);
    expect(series.records.map((r) => [r.id, r.inNumerator])).toEqual([["red3", true]]);
  });
});

describe("D7 time to antibiotics", () => {
  const spells = [
    { id: "A", patientFhirId: "pa", periodStart: "2024-01-10T08:00:00Z", periodEnd: "2024-01-20T08:00:00Z" },
    { id: "B", patientFhirId: "pb", periodStart: "2024-01-10T08:00:00Z", periodEnd: "2024-01-20T08:00:00Z" },
    { id: "C", patientFhirId: "pc", periodStart: "2024-01-10T08:00:00Z", periodEnd: "2024-01-20T08:00:00Z" },
    { id: "D", patientFhirId: "pd", periodStart: "2024-01-10T08:00:00Z", periodEnd: "2024-01-20T08:00:00Z" },
  ];
  const data: DeteriorationData = {
    spells,
    observationSets: [
      obs("a1", "pa", "2024-01-11T08:00:00Z", 5),
      obs("a2", "pa", "2024-01-11T10:00:00Z", 8),
      obs("b1", "pb", "2024-01-11T10:00:00Z", 7),
      obs("c1", "pc", "2024-01-11T10:00:00Z", 9),
      obs("d1", "pd", "2024-01-11T10:00:00Z", 9),
    ],
    infections: [
      { id: "i1", patientFhirId: "pa", onsetAt: "2024-01-11T07:00:00Z" },
      { id: "i2", patientFhirId: "pb", encounterId: "B" },
      { id: "i3", patientFhirId: "pc", recordedAt: "2024-01-10T12:00:00Z" },
    ],
    careEvents: [
      event("pa", "antibiotic", "2024-01-11T10:45:00Z"),
      event("pb", "antibiotic", "2024-01-11T11:30:00Z"),
      event("pd", "antibiotic", "2024-01-11T10:05:00Z"),
    ],
  };

  it("times antimicrobials from the first set ≥ 7 in spells with suspected infection (NICE NG51: within 1 hour)", () => {
    const series = timeToAntibioticsIndicator(data);
    expect(series.records.map((r) => [r.id, r.inNumerator, r.value])).toEqual([
      ["A", true, 45],
      ["B", false, 90],
      ["C", false, null],
    ]);
    expect(series.overall[0]).toMatchObject({ numerator: 1, denominator: 3, median: 67.5 });
  });

  it("uses the moderate-risk analogue: NEWS2 5–6 within 3 hours", () => {
    const series = timeToAntibioticsIndicator(data, { minTotal: 5, maxTotal: 6, targetMinutes: 180 });
    expect(series.records.map((r) => [r.id, r.inNumerator, r.value])).toEqual([["A", true, 165]]);
  });

  it("counts a dose given shortly before time-zero as given with a look-back", () => {
    const early: DeteriorationData = {
      ...data,
      careEvents: [event("pa", "antibiotic", "2024-01-11T09:40:00Z")],
    };
    expect(timeToAntibioticsIndicator(early).records[0]).toMatchObject({ id: "A", value: null });
    expect(timeToAntibioticsIndicator(early, { antibioticLookbackMinutes: 30 }).records[0]).toMatchObject({
      id: "A",
      value: 0,
      inNumerator: true,
    });
  });

  it("restricts time-zero to sets near an infection record with infectionWindowHours", () => {
    const series = timeToAntibioticsIndicator(data, { infectionWindowHours: 12 });
    expect(series.records.map((r) => r.id)).toEqual(["A", "B"]);
  });
});

describe("D8 Scale 2 governance", () => {
  it("asks that every set charted on scale 2 has a documented 88–92% decision in force", () => {
    const data: DeteriorationData = {
      spells: [p1Spell],
      observationSets: [
        obs("before", "p1", "2024-01-11T08:00:00Z", 1, { spo2Scale: 2 }),
        obs("after", "p1", "2024-01-11T10:00:00Z", 1, { spo2Scale: 2 }),
        obs("scale1", "p1", "2024-01-11T11:00:00Z", 1, { spo2Scale: 1 }),
      ],
      spo2ScaleDecisions: [
        {
          id: "d",
          patientFhirId: "p1",
          scale: 2,
          decidedAt: "2024-01-11T09:00:00Z",
          targetLow: 88,
          targetHigh: 92,
        },
      ],
    };
    expect(scale2GovernanceIndicator(data).overall[0]).toMatchObject({
      numerator: 1,
      denominator: 2,
      numeratorIds: ["after"],
    });
  });
});

describe("deteriorationIndicators", () => {
  it("computes all eight with shared period options and per-indicator options", () => {
    const data: DeteriorationData = {
      spells: [p1Spell],
      observationSets: [
        obs("late", "p1", "2024-01-15T23:59:00Z", 6),
        obs("next", "p1", "2024-01-16T00:30:00Z", 2),
      ],
      careEvents: [
        event("p1", "escalation", "2024-01-16T00:05:00Z"),
        event("p1", "clinical-review", "2024-01-16T00:40:00Z"),
      ],
    };
    const all = deteriorationIndicators(data, { granularity: "day", D4: { targetMinutes: 30 } });
    expect(Object.keys(all)).toEqual(["D1", "D2", "D3", "D4", "D5", "D6", "D7", "D8"]);
    expect(all.D4.records[0]!.inNumerator).toBe(false);
    expect(all.D1.granularity).toBe("day");
    expect(all.D3.records[0]).toMatchObject({ id: "late", inNumerator: true, wardName: "AMU" });
  });

  it("cuts days in UK civil time: a trigger at 23:59 BST belongs to that day", () => {
    const summer: DeteriorationData = {
      spells: [{ id: 5, patientFhirId: "s", periodStart: "2024-06-01T08:00:00Z", periodEnd: null }],
      observationSets: [obs("bst", "s", "2024-06-14T22:59:00Z", 7)],
    };
    expect(emergencyResponseIndicator(summer, { granularity: "day" }).overall[0]!.period).toBe("2024-06-14");
  });
});

describe("bad options are refused with INVALID_OPTION naming the option, never a plausible series", () => {
  const data: DeteriorationData = {
    spells: [p1Spell],
    observationSets: [obs("a", "p1", "2024-01-12T10:00:00Z", 6)],
  };
  it.each([
    [
      "a NaN D4 target (every episode would fail)",
      () => urgentResponseIndicator(data, { targetMinutes: NaN }),
      "targetMinutes",
    ],
    ["a negative look-back", () => urgentResponseIndicator(data, { lookbackMinutes: -5 }), "lookbackMinutes"],
    [
      "a D4 threshold above the NEWS2 maximum of 20",
      () => urgentResponseIndicator(data, { threshold: 25 }),
      "threshold",
    ],
    [
      "an unknown D4 requirement",
      () => urgentResponseIndicator(data, { require: "escalation" as unknown as "review" }),
      "require",
    ],
    [
      "a D5 target given as text",
      () => emergencyResponseIndicator(data, { targetMinutes: "30" as unknown as number }),
      "targetMinutes",
    ],
    ["a fractional D5 threshold", () => emergencyResponseIndicator(data, { threshold: 6.5 }), "threshold"],
    ["a negative D6 target", () => redScoreEscalationIndicator(data, { targetMinutes: -1 }), "targetMinutes"],
    [
      // A string would be searched by substring: "escalation, clinical-review".includes("escalation") is true.
      "review kinds given as one string",
      () => urgentResponseIndicator(data, { reviewKinds: "clinical-review" as unknown as string[] }),
      "reviewKinds",
    ],
    [
      "escalation kinds given as one string",
      () => redScoreEscalationIndicator(data, { escalationKinds: "escalation" as unknown as string[] }),
      "escalationKinds",
    ],
    [
      "D5 review kinds that are not strings",
      () => emergencyResponseIndicator(data, { reviewKinds: [7] as unknown as string[] }),
      "reviewKinds",
    ],
    [
      "D7 antibiotic kinds given as one string",
      () => timeToAntibioticsIndicator(data, { antibioticKinds: "antibiotic" as unknown as string[] }),
      "antibioticKinds",
    ],
    [
      "a NaN D3 limit",
      () => repeatObservationsIndicator(data, { limitsMinutes: { total1to4: NaN } }),
      "limitsMinutes.total1to4",
    ],
    ["a negative D3 grace", () => repeatObservationsIndicator(data, { graceMinutes: -1 }), "graceMinutes"],
    [
      "an unknown D3 emergencyIntervals",
      () => repeatObservationsIndicator(data, { emergencyIntervals: "skip" as unknown as "exclude" }),
      "emergencyIntervals",
    ],
    [
      "a D7 minTotal above maxTotal",
      () => timeToAntibioticsIndicator(data, { minTotal: 7, maxTotal: 6 }),
      "minTotal",
    ],
    [
      "a negative D7 antibiotic look-back",
      () => timeToAntibioticsIndicator(data, { antibioticLookbackMinutes: -10 }),
      "antibioticLookbackMinutes",
    ],
    [
      "a NaN D7 infection window",
      () => timeToAntibioticsIndicator(data, { infectionWindowHours: NaN }),
      "infectionWindowHours",
    ],
  ] as [string, () => unknown, string][])("%s", (_, run, argument) => {
    expect(run).toThrow(expect.objectContaining({ name: "SpcError", code: "INVALID_OPTION", argument }));
    expect(run).toThrow(argument);
  });
});
