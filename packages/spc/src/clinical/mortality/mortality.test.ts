import { describe, expect, it } from "vitest";
import { shmiBanding } from "../../funnel/shmi-banding.js";
import { cohortSpells, completedYears } from "./cohort-spells.js";
import { CHEST_INFECTION_COHORT } from "./cohort.js";
import { crudeMortalityIndicator } from "./crude-mortality.js";
import { fitMortalityRiskModel, predictMortality } from "./mortality-risk-model.js";
import type { MortalityData, MortalitySpellRecord, PatientRecord } from "./mortality.type.js";
import { observedExpectedMortality } from "./observed-expected.js";
import { bandLabels, designRow, riskDesign, riskProfile } from "./risk-factors.js";
import type { ConditionRecord } from "./coded-condition.js";

// Hand-built admissions; rules under test are INDICATORS.md §4.1 (SHMI deaths: in hospital or within 30 days
// inclusive of discharge; O/E; banding) and §4.3 (crude mortality, p-chart by period of discharge).

const pneumonia = (patientFhirId: string, onsetAt: string, encounterId?: number): ConditionRecord => ({
  patientFhirId,
  codeSystem: "http://snomed.info/sct",
  code: "233604007",
  onsetAt,
  ...(encounterId === undefined ? {} : { encounterId }),
});

const spell = (
  id: number,
  patientFhirId: string,
  periodStart: string,
  periodEnd: string | null,
  extra: Partial<MortalitySpellRecord> = {},
): MortalitySpellRecord => ({ id, patientFhirId, periodStart, periodEnd, wardName: "Ward 1", ...extra });

const patients: PatientRecord[] = [
  { fhirId: "A", birthDate: "1940-06-01", sex: "female" },
  { fhirId: "B", birthDate: "1935-01-01", sex: "male", deceasedAt: "2024-02-03T06:00:00Z" },
  // Discharged 5 Feb, dies 6 Mar: 30 days after discharge in calendar days (2024 is a leap year).
  { fhirId: "C", birthDate: "1950-03-15", sex: "female", deceasedAt: "2024-03-06T22:00:00Z" },
  // Discharged 15 Feb, dies 18 Mar: 32 days, outside the window.
  { fhirId: "D", birthDate: "1960-03-15", sex: "male", deceasedAt: "2024-03-18T10:00:00Z" },
  { fhirId: "E", birthDate: "1960-03-15", sex: "male" },
  // Two pneumonia spells; dies 1 April, within 30 days of both discharges: counted once, on the later spell.
  { fhirId: "F", birthDate: "1930-01-01", sex: "female", deceasedAt: "2024-04-01T10:00:00Z" },
  { fhirId: "G", birthDate: "1970-01-01", sex: "male" },
  { fhirId: "H", birthDate: "1980-01-01", sex: "female" },
];

const data: MortalityData = {
  patients,
  spells: [
    spell(1, "A", "2024-01-05T10:00:00Z", "2024-01-10T12:00:00Z", {
      wardStays: [
        { wardName: "AMU", start: "2024-01-05T10:00:00Z", end: "2024-01-06T10:00:00Z" },
        { wardName: "Ward 7", start: "2024-01-06T10:00:00Z", end: null },
      ],
    }),
    spell(2, "B", "2024-01-20T10:00:00Z", "2024-02-03T06:00:00Z", {
      diedInHospital: true,
      wardName: "Ward 7",
    }),
    spell(3, "C", "2024-02-01T10:00:00Z", "2024-02-05T12:00:00Z"),
    spell(4, "D", "2024-02-10T10:00:00Z", "2024-02-15T12:00:00Z"),
    spell(5, "E", "2024-02-10T10:00:00Z", "2024-02-15T12:00:00Z"),
    spell(6, "F", "2024-03-01T10:00:00Z", "2024-03-05T12:00:00Z"),
    spell(7, "F", "2024-03-20T10:00:00Z", "2024-03-25T12:00:00Z"),
    spell(8, "G", "2024-03-10T10:00:00Z", "2024-03-12T12:00:00Z"),
    spell(9, "H", "2024-03-10T10:00:00Z", "2024-03-14T12:00:00Z"),
    spell(10, "A", "2024-04-01T10:00:00Z", null),
  ],
  conditions: [
    pneumonia("A", "2024-01-05T11:00:00Z"),
    pneumonia("B", "2024-01-20T11:00:00Z"),
    { patientFhirId: "C", codeSystem: "icd10", code: "J18.9", recordedAt: "2024-02-01T12:00:00Z" },
    pneumonia("D", "2024-02-10T11:00:00Z"),
    { patientFhirId: "E", codeSystem: "icd10", code: "I50.0", onsetAt: "2024-02-10T11:00:00Z" },
    pneumonia("F", "2024-03-01T11:00:00Z"),
    pneumonia("F", "2024-03-20T11:00:00Z"),
    // Diagnosed in the emergency department three hours before the inpatient encounter began.
    pneumonia("G", "2024-03-10T07:00:00Z"),
    // Undated, but linked to the encounter.
    { patientFhirId: "H", codeSystem: "snomed", code: "385093006", encounterId: 9 },
    pneumonia("A", "2024-04-01T11:00:00Z"),
    // Comorbidities: chronic heart failure recorded years before (problem list), lung cancer in spell 2.
    { patientFhirId: "A", codeSystem: "snomed", code: "88805009", onsetAt: "2019-05-01T00:00:00Z" },
    { patientFhirId: "B", codeSystem: "icd10", code: "C34.9", encounterId: 2 },
  ],
};

describe("cohortSpells", () => {
  const spells = cohortSpells(data);
  const byId = new Map(spells.map((s) => [s.spell.id, s]));

  it("takes finished spells with a cohort diagnosis in the spell, by date or by encounter", () => {
    expect([...byId.keys()].sort()).toEqual(["1", "2", "3", "4", "6", "7", "8", "9"]);
  });

  it("counts a diagnosis made within the look-back before admission, and not with no look-back", () => {
    expect(cohortSpells(data, { cohortLookbackHours: 0 }).map((s) => s.spell.id)).not.toContain("8");
  });

  it("counts a death after discharge within 30 days inclusive, and not one on day 32", () => {
    expect(byId.get("3")).toMatchObject({ diedInHospital: false, diedWithinWindow: true });
    expect(byId.get("4")).toMatchObject({ diedInHospital: false, diedWithinWindow: false });
  });

  it("counts a death once, against the latest spell admitted before it", () => {
    expect(byId.get("6")!.diedWithinWindow).toBe(false);
    expect(byId.get("7")!.diedWithinWindow).toBe(true);
  });

  it("attributes a spell to its ward of discharge after a transfer", () => {
    expect(byId.get("1")!.wardName).toBe("Ward 7");
  });

  it("collects comorbidities from the spell and from the recorded history", () => {
    expect(byId.get("1")!.comorbidities.map((c) => c.code)).toContain("88805009");
    expect(byId.get("2")!.comorbidities.map((c) => c.code)).toContain("C34.9");
    expect(
      cohortSpells(data, { comorbidityLookbackDays: 365 })
        .find((s) => s.spell.id === "1")!
        .comorbidities.map((c) => c.code),
    ).not.toContain("88805009");
  });

  it("measures the window from admission on request", () => {
    // C admitted 1 Feb, died 6 Mar: 34 days after admission.
    expect(
      cohortSpells(data, { windowFrom: "admission" }).find((s) => s.spell.id === "3")!.diedWithinWindow,
    ).toBe(false);
  });

  it("uses a broader cohort when asked", () => {
    const bronchitis: MortalityData = {
      ...data,
      conditions: [
        ...data.conditions,
        { patientFhirId: "E", codeSystem: "icd10", code: "J20.9", onsetAt: "2024-02-10T12:00:00Z" },
      ],
    };
    expect(cohortSpells(bronchitis, { cohort: CHEST_INFECTION_COHORT }).map((s) => s.spell.id)).toContain(
      "5",
    );
    expect(cohortSpells(bronchitis).map((s) => s.spell.id)).not.toContain("5");
  });
});

describe("crudeMortalityIndicator", () => {
  it("counts in-hospital deaths per month of discharge: a stay spanning months counts when it ends", () => {
    const series = crudeMortalityIndicator(data, { outcome: "in-hospital" });
    expect(series.indicatorId).toBe("pneumonia-mortality-in-hospital");
    expect(series.overall.map((p) => [p.period, p.numerator, p.denominator])).toEqual([
      ["2024-01-01", 0, 1],
      ["2024-02-01", 1, 3],
      ["2024-03-01", 0, 4],
    ]);
  });

  it("adds deaths within 30 days of discharge for 30-day mortality", () => {
    const series = crudeMortalityIndicator(data, { outcome: "30-day" });
    expect(series.indicatorId).toBe("pneumonia-mortality-30-day");
    expect(series.overall.map((p) => [p.period, p.numerator, p.denominator, p.numeratorIds])).toEqual([
      ["2024-01-01", 0, 1, []],
      ["2024-02-01", 2, 3, ["2", "3"]],
      ["2024-03-01", 1, 4, ["7"]],
    ]);
  });

  it("leaves out survivors whose 30-day window is still open at asOf", () => {
    const series = crudeMortalityIndicator(data, { outcome: "30-day", asOf: "2024-04-05T00:00:00Z" });
    // Spells 8 (12 Mar) and 9 (14 Mar) survive with windows open on 5 April; spell 7's death is known.
    expect(series.overall.at(-1)).toMatchObject({ period: "2024-03-01", numerator: 1, denominator: 2 });
    expect(series.overall.at(-1)!.denominatorIds).toEqual(["6", "7"]);
  });

  it("reports per ward of discharge", () => {
    const series = crudeMortalityIndicator(data, { outcome: "in-hospital" });
    expect(
      series.byWard.filter((p) => p.denominator > 0).map((p) => [p.wardName, p.period, p.numerator]),
    ).toEqual([
      ["Ward 1", "2024-02-01", 0],
      ["Ward 1", "2024-03-01", 0],
      ["Ward 7", "2024-01-01", 0],
      ["Ward 7", "2024-02-01", 1],
    ]);
  });
});

describe("bad mortality options are refused with INVALID_OPTION naming the option", () => {
  it.each([
    [
      "an unknown outcome (it would invent an indicator id)",
      () => crudeMortalityIndicator(data, { outcome: "90-day" as unknown as "30-day" }),
      "outcome",
    ],
    ["a negative window", () => cohortSpells(data, { windowDays: -1 }), "windowDays"],
    ["a fractional window of calendar days", () => cohortSpells(data, { windowDays: 30.5 }), "windowDays"],
    ["a NaN cohort look-back", () => cohortSpells(data, { cohortLookbackHours: NaN }), "cohortLookbackHours"],
    [
      "an unknown window anchor",
      () => cohortSpells(data, { windowFrom: "death" as unknown as "admission" }),
      "windowFrom",
    ],
    [
      "a negative comorbidity look-back",
      () => cohortSpells(data, { comorbidityLookbackDays: -365 }),
      "comorbidityLookbackDays",
    ],
  ] as [string, () => unknown, string][])("%s", (_, run, argument) => {
    expect(run).toThrow(expect.objectContaining({ name: "SpcError", code: "INVALID_OPTION", argument }));
  });
});

describe("risk factors", () => {
  it("labels bands from their lower bounds", () => {
    expect(bandLabels([0, 50, 65, 75, 85])).toEqual(["<50", "50-64", "65-74", "75-84", "85+"]);
    expect(bandLabels([0, 1, 3, 5])).toEqual(["0", "1-2", "3-4", "5+"]);
  });

  it("counts completed years, turning on the birthday", () => {
    expect(completedYears(Date.parse("1950-03-15"), Date.parse("2024-03-14T23:00:00Z"))).toBe(73);
    expect(completedYears(Date.parse("1950-03-15"), Date.parse("2024-03-15T00:00:00Z"))).toBe(74);
  });

  it("profiles a spell by age band, sex, admission method and Charlson band", () => {
    const spells = cohortSpells(data);
    const a = spells.find((s) => s.spell.id === "1")!;
    // Age 83 at admission; chronic CHF scores 1 (Charlson 1987) → band 1-2; no admission method → unknown.
    expect(riskProfile(a)).toEqual({
      ageBand: "75-84",
      sex: "female",
      admissionMethod: "unknown",
      charlsonBand: "1-2",
    });
    const b = spells.find((s) => s.spell.id === "2")!;
    expect(riskProfile({ ...b, record: { ...b.record, admissionMethod: "emergency" } })).toEqual({
      ageBand: "85+",
      sex: "male",
      admissionMethod: "non-elective",
      charlsonBand: "1-2",
    });
  });

  it("codes factors against their first level, like R's treatment contrasts", () => {
    const design = riskDesign([
      { ageBand: "75-84", sex: "male", admissionMethod: "elective", charlsonBand: "0" },
      { ageBand: "<50", sex: "female", admissionMethod: "non-elective", charlsonBand: "5+" },
      { ageBand: "50-64", sex: "male", admissionMethod: "unknown", charlsonBand: "1-2" },
    ]);
    expect(design.reference).toEqual({
      ageBand: "<50",
      sex: "female",
      admissionMethod: "elective",
      charlsonBand: "0",
    });
    expect(design.columns.map((c) => `${c.factor}=${c.level}`)).toEqual([
      "ageBand=50-64",
      "ageBand=75-84",
      "sex=male",
      "admissionMethod=non-elective",
      "admissionMethod=unknown",
      "charlsonBand=1-2",
      "charlsonBand=5+",
    ]);
    expect(
      designRow(design, { ageBand: "75-84", sex: "female", admissionMethod: "unknown", charlsonBand: "0" }),
    ).toEqual([0, 1, 0, 0, 1, 0, 0]);
    expect(() =>
      designRow(design, { ageBand: "85+", sex: "female", admissionMethod: "elective", charlsonBand: "0" }),
    ).toThrow(expect.objectContaining({ code: "UNSEEN_RISK_LEVEL" }));
  });
});

/** A synthetic cohort: n spells per (ward, sex), `deaths` of them dying in hospital. */
function syntheticCohort(
  cells: readonly { ward: string; sex: string; n: number; deaths: number }[],
): MortalityData {
  const spells: MortalitySpellRecord[] = [];
  const patientsOut: PatientRecord[] = [];
  const conditions: ConditionRecord[] = [];
  let id = 0;
  for (const cell of cells) {
    for (let i = 0; i < cell.n; i++) {
      id += 1;
      const day = 1 + (id % 28);
      const start = `2024-05-${String(day).padStart(2, "0")}T10:00:00Z`;
      const end = `2024-05-${String(day).padStart(2, "0")}T20:00:00Z`;
      const died = i < cell.deaths;
      spells.push(
        spell(id, `p${id}`, start, end, {
          wardName: cell.ward,
          diedInHospital: died,
          admissionMethod: "emergency",
        }),
      );
      patientsOut.push({ fhirId: `p${id}`, birthDate: "1950-01-01", sex: cell.sex });
      conditions.push(pneumonia(`p${id}`, start, id));
    }
  }
  return { spells, patients: patientsOut, conditions };
}

describe("fitMortalityRiskModel and observedExpectedMortality", () => {
  const cohort = syntheticCohort([
    { ward: "A", sex: "female", n: 40, deaths: 4 },
    { ward: "A", sex: "male", n: 10, deaths: 3 },
    { ward: "B", sex: "female", n: 10, deaths: 1 },
    { ward: "B", sex: "male", n: 40, deaths: 12 },
    { ward: "C", sex: "female", n: 25, deaths: 2 },
    { ward: "C", sex: "male", n: 25, deaths: 8 },
  ]);

  it("predicts each sex's observed death rate from a model on sex alone (the saturated-model MLE)", () => {
    const model = fitMortalityRiskModel(cohortSpells(cohort), { outcome: "in-hospital", factors: ["sex"] });
    expect(model.terms).toEqual(["(Intercept)", "sex=male"]);
    // Female 7/75 died, male 23/75.
    const p = (sex: string) =>
      predictMortality(model, { ageBand: "", sex, admissionMethod: "", charlsonBand: "" });
    // To IRLS's convergence tolerance (R's epsilon 1e-8 on the deviance).
    expect(p("female")).toBeCloseTo(7 / 75, 7);
    expect(p("male")).toBeCloseTo(23 / 75, 7);
  });

  it("makes expected deaths equal observed deaths in total when fitted on its own data", () => {
    const oe = observedExpectedMortality(cohort, {
      outcome: "in-hospital",
      factors: ["sex"],
      granularity: "month",
    });
    const [point] = oe.overall;
    expect(point!.observed).toBe(30);
    expect(point!.expected).toBeCloseTo(30, 6);
    expect(point!.ratio).toBeCloseTo(1, 6);
  });

  it("adjusts each ward's expected deaths for its case mix", () => {
    const oe = observedExpectedMortality(cohort, { outcome: "in-hospital", factors: ["sex"] });
    const ward = (name: string) => oe.byWard.find((p) => p.wardName === name)!;
    // Ward B: 10 women × 7/75 + 40 men × 23/75 expected.
    expect(ward("B").expected).toBeCloseTo(10 * (7 / 75) + 40 * (23 / 75), 6);
    expect(ward("B").observed).toBe(13);
    expect(ward("A").deathIds).toHaveLength(7);
  });

  it("bands wards on a funnel with shmiBanding over their summed observed and expected deaths", () => {
    const oe = observedExpectedMortality(cohort, { outcome: "in-hospital", factors: ["sex"] });
    const units = oe.byWard.map((p) => ({ id: p.wardName!, observed: p.observed, expected: p.expected }));
    const direct = shmiBanding(units);
    expect(oe.funnel!.phi).toBeCloseTo(direct.phi, 12);
    expect(oe.funnel!.tau2).toBeCloseTo(direct.tau2, 12);
    const byId = (u: { id: string }) => u.id;
    expect(oe.funnel!.units.map(byId).sort()).toEqual(direct.units.map(byId).sort());
    for (const unit of direct.units) {
      const ours = oe.funnel!.units.find((u) => u.id === unit.id)!;
      expect(ours.band).toBe(unit.band);
      expect(ours.ratio).toBeCloseTo(unit.ratio, 12);
      expect(ours.upper95).toBeCloseTo(unit.upper95, 12);
    }
    expect(oe.funnelError).toBeNull();
  });

  it("reports why a funnel could not be drawn instead of failing the whole series", () => {
    const noDeathsOnC = syntheticCohort([
      { ward: "A", sex: "female", n: 30, deaths: 3 },
      { ward: "A", sex: "male", n: 30, deaths: 9 },
      { ward: "C", sex: "female", n: 30, deaths: 0 },
      { ward: "C", sex: "male", n: 30, deaths: 0 },
    ]);
    const oe = observedExpectedMortality(noDeathsOnC, { outcome: "in-hospital", factors: ["sex"] });
    expect(oe.funnel).toBeNull();
    expect(oe.funnelError?.code).toBe("ZERO_OBSERVED");
  });

  it("throws PERFECT_SEPARATION when a level has no deaths", () => {
    const separated = syntheticCohort([
      { ward: "A", sex: "female", n: 20, deaths: 0 },
      { ward: "A", sex: "male", n: 20, deaths: 5 },
    ]);
    expect(() =>
      fitMortalityRiskModel(cohortSpells(separated), { outcome: "in-hospital", factors: ["sex"] }),
    ).toThrow(expect.objectContaining({ code: "PERFECT_SEPARATION" }));
  });

  it("applies a model fitted elsewhere", () => {
    const model = fitMortalityRiskModel(cohortSpells(cohort), { outcome: "in-hospital", factors: ["sex"] });
    const other = syntheticCohort([{ ward: "Z", sex: "male", n: 10, deaths: 5 }]);
    const oe = observedExpectedMortality(other, { model });
    expect(oe.overall[0]!.expected).toBeCloseTo(10 * (23 / 75), 6);
    expect(oe.overall[0]!.ratio).toBeCloseTo(5 / (10 * (23 / 75)), 6);
  });
});
