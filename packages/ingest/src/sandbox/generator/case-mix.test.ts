import { describe, expect, it } from "vitest";
import { charlsonIndex, DIAGNOSES, diagnosisProfile, inHospitalDeathProbability } from "./case-mix.js";

describe("charlsonIndex", () => {
  it("sums the Charlson weights of the groups present", () => {
    expect(charlsonIndex([])).toBe(0);
    expect(charlsonIndex(["congestiveHeartFailure", "chronicPulmonaryDisease", "renalDisease"])).toBe(4);
    expect(charlsonIndex(["metastaticSolidTumour", "hivAids"])).toBe(12);
  });

  it("counts only the more severe group of each hierarchy pair", () => {
    expect(charlsonIndex(["diabetesWithoutComplication", "diabetesWithComplication"])).toBe(2);
    expect(charlsonIndex(["mildLiverDisease", "moderateOrSevereLiverDisease"])).toBe(3);
    expect(charlsonIndex(["malignancy", "metastaticSolidTumour"])).toBe(6);
  });
});

describe("inHospitalDeathProbability", () => {
  const pneumonia = diagnosisProfile("pneumonia");
  const base = { diagnosis: pneumonia, age: 80, sex: "female", emergency: true, charlson: 2 } as const;

  it("rises with age, male sex, emergency admission and comorbidity", () => {
    const p = inHospitalDeathProbability(base);
    expect(inHospitalDeathProbability({ ...base, age: 90 })).toBeGreaterThan(p);
    expect(inHospitalDeathProbability({ ...base, sex: "male" })).toBeGreaterThan(p);
    expect(inHospitalDeathProbability({ ...base, emergency: false })).toBeLessThan(p);
    expect(inHospitalDeathProbability({ ...base, charlson: 4 })).toBeGreaterThan(p);
  });

  it("puts a typical pneumonia admission (80, Charlson 2) near the published 10–20% and chest pain near zero", () => {
    expect(inHospitalDeathProbability(base)).toBeGreaterThan(0.08);
    expect(inHospitalDeathProbability(base)).toBeLessThan(0.2);
    expect(inHospitalDeathProbability({ ...base, diagnosis: diagnosisProfile("chestPain") })).toBeLessThan(
      0.005,
    );
  });

  it("covers every diagnosis the case mix admits with", () => {
    for (const diagnosis of DIAGNOSES) {
      const p = inHospitalDeathProbability({ ...base, diagnosis });
      expect(p).toBeGreaterThan(0);
      expect(p).toBeLessThan(0.5);
    }
  });
});
