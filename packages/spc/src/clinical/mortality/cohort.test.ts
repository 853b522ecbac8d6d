import { describe, expect, it } from "vitest";
import { normaliseIcd10, terminologyOf } from "./coded-condition.js";
import { CHEST_INFECTION_COHORT, inCohort, PNEUMONIA_COHORT } from "./cohort.js";

// Code lists: INDICATORS.md §4.1 (SHMI pneumonia group ICD-10 J12–J18; SNOMED << 233604007 members; chest
// infection adds << 50417007, J20, J22, J44.0).
describe("inCohort", () => {
  it.each(["J12.9", "J13", "J14", "J15.2", "J16.0", "J17.1", "J18.9", "j189"])(
    "puts ICD-10 %s in pneumonia",
    (code) => {
      expect(inCohort({ codeSystem: "http://hl7.org/fhir/sid/icd-10", code }, PNEUMONIA_COHORT)).toBe(true);
    },
  );

  it.each(["J11.0", "J19", "J20.9", "J22", "J44.0", "A15.0"])("keeps ICD-10 %s out of pneumonia", (code) => {
    expect(inCohort({ codeSystem: "icd10", code }, PNEUMONIA_COHORT)).toBe(false);
  });

  it.each([
    "233604007",
    "53084003",
    "75570004",
    "385093006",
    "425464007",
    "278516003",
    "312342009",
    "396285007",
  ])("puts SNOMED %s in pneumonia", (code) => {
    expect(inCohort({ codeSystem: "http://snomed.info/sct", code }, PNEUMONIA_COHORT)).toBe(true);
  });

  it("adds lower respiratory tract infection to chest infection but not to pneumonia", () => {
    for (const condition of [
      { codeSystem: "snomed", code: "50417007" },
      { codeSystem: "icd10", code: "J20.9" },
      { codeSystem: "icd10", code: "J22" },
      { codeSystem: "icd10", code: "J44.0" },
    ]) {
      expect(inCohort(condition, CHEST_INFECTION_COHORT)).toBe(true);
      expect(inCohort(condition, PNEUMONIA_COHORT)).toBe(false);
    }
    expect(inCohort({ codeSystem: "icd10", code: "J44.1" }, CHEST_INFECTION_COHORT)).toBe(false);
    expect(inCohort({ codeSystem: "icd10", code: "J18.1" }, CHEST_INFECTION_COHORT)).toBe(true);
  });

  it("does not match a code from another system", () => {
    expect(inCohort({ codeSystem: "http://loinc.org", code: "J18" }, PNEUMONIA_COHORT)).toBe(false);
    expect(inCohort({ codeSystem: "icd10", code: "233604007" }, PNEUMONIA_COHORT)).toBe(false);
  });
});

describe("terminologyOf and normaliseIcd10", () => {
  it("recognises stored short names and FHIR system URIs", () => {
    expect(terminologyOf("snomed")).toBe("snomed");
    expect(terminologyOf("http://snomed.info/sct")).toBe("snomed");
    expect(terminologyOf("http://hl7.org/fhir/sid/icd-10-uk")).toBe("icd10");
    expect(terminologyOf("ICD-10")).toBe("icd10");
    expect(terminologyOf("http://loinc.org")).toBeNull();
  });

  it("drops dots and spaces and upper-cases ICD-10 codes", () => {
    expect(normaliseIcd10(" j44.0 ")).toBe("J440");
  });
});
