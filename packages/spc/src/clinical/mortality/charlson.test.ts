import { describe, expect, it } from "vitest";
import {
  type CharlsonGroup,
  charlsonGroupOf,
  charlsonIndex,
  QUAN_2011_WEIGHTS,
  SNOMED_CHARLSON_ICD10,
} from "./charlson.js";

const icd = (code: string) => ({ codeSystem: "http://hl7.org/fhir/sid/icd-10", code });
const sct = (code: string) => ({ codeSystem: "http://snomed.info/sct", code });

// Quan H et al., Med Care 2005;43(11):1130–9, Table 1 (enhanced ICD-10 Charlson), every group at both ends of
// its code ranges, cross-checked with ropensci/coder `classcodes_charlson_icd10` regular expressions.
describe("charlsonGroupOf (Quan 2005 ICD-10)", () => {
  it.each<[string, CharlsonGroup]>([
    ["I21.0", "myocardial-infarction"],
    ["I22.9", "myocardial-infarction"],
    ["I25.2", "myocardial-infarction"],
    ["I09.9", "congestive-heart-failure"],
    ["I11.0", "congestive-heart-failure"],
    ["I13.0", "congestive-heart-failure"],
    ["I13.2", "congestive-heart-failure"],
    ["I25.5", "congestive-heart-failure"],
    ["I42.0", "congestive-heart-failure"],
    ["I42.5", "congestive-heart-failure"],
    ["I42.9", "congestive-heart-failure"],
    ["I43.1", "congestive-heart-failure"],
    ["I50.9", "congestive-heart-failure"],
    ["P29.0", "congestive-heart-failure"],
    ["I70.2", "peripheral-vascular-disease"],
    ["I71.4", "peripheral-vascular-disease"],
    ["I73.1", "peripheral-vascular-disease"],
    ["I73.8", "peripheral-vascular-disease"],
    ["I73.9", "peripheral-vascular-disease"],
    ["I77.1", "peripheral-vascular-disease"],
    ["I79.0", "peripheral-vascular-disease"],
    ["I79.2", "peripheral-vascular-disease"],
    ["K55.1", "peripheral-vascular-disease"],
    ["K55.9", "peripheral-vascular-disease"],
    ["Z95.8", "peripheral-vascular-disease"],
    ["Z95.9", "peripheral-vascular-disease"],
    ["G45.9", "cerebrovascular-disease"],
    ["G46.0", "cerebrovascular-disease"],
    ["H34.0", "cerebrovascular-disease"],
    ["I60.0", "cerebrovascular-disease"],
    ["I69.4", "cerebrovascular-disease"],
    ["F00.0", "dementia"],
    ["F03", "dementia"],
    ["F05.1", "dementia"],
    ["G30.9", "dementia"],
    ["G31.1", "dementia"],
    ["I27.8", "chronic-pulmonary-disease"],
    ["I27.9", "chronic-pulmonary-disease"],
    ["J40", "chronic-pulmonary-disease"],
    ["J44.9", "chronic-pulmonary-disease"],
    ["J47", "chronic-pulmonary-disease"],
    ["J60", "chronic-pulmonary-disease"],
    ["J67.9", "chronic-pulmonary-disease"],
    ["J68.4", "chronic-pulmonary-disease"],
    ["J70.1", "chronic-pulmonary-disease"],
    ["J70.3", "chronic-pulmonary-disease"],
    ["M05.3", "rheumatic-disease"],
    ["M06.9", "rheumatic-disease"],
    ["M31.5", "rheumatic-disease"],
    ["M32.1", "rheumatic-disease"],
    ["M34.0", "rheumatic-disease"],
    ["M35.1", "rheumatic-disease"],
    ["M35.3", "rheumatic-disease"],
    ["M36.0", "rheumatic-disease"],
    ["K25.0", "peptic-ulcer-disease"],
    ["K28.9", "peptic-ulcer-disease"],
    ["B18.2", "mild-liver-disease"],
    ["K70.0", "mild-liver-disease"],
    ["K70.3", "mild-liver-disease"],
    ["K70.9", "mild-liver-disease"],
    ["K71.3", "mild-liver-disease"],
    ["K71.5", "mild-liver-disease"],
    ["K71.7", "mild-liver-disease"],
    ["K73.9", "mild-liver-disease"],
    ["K74.6", "mild-liver-disease"],
    ["K76.0", "mild-liver-disease"],
    ["K76.2", "mild-liver-disease"],
    ["K76.4", "mild-liver-disease"],
    ["K76.8", "mild-liver-disease"],
    ["K76.9", "mild-liver-disease"],
    ["Z94.4", "mild-liver-disease"],
    ["E10.0", "diabetes-without-complication"],
    ["E11.1", "diabetes-without-complication"],
    ["E12.6", "diabetes-without-complication"],
    ["E13.8", "diabetes-without-complication"],
    ["E14.9", "diabetes-without-complication"],
    ["E10.2", "diabetes-with-complication"],
    ["E11.3", "diabetes-with-complication"],
    ["E12.4", "diabetes-with-complication"],
    ["E13.5", "diabetes-with-complication"],
    ["E14.7", "diabetes-with-complication"],
    ["G04.1", "hemiplegia-or-paraplegia"],
    ["G11.4", "hemiplegia-or-paraplegia"],
    ["G80.1", "hemiplegia-or-paraplegia"],
    ["G80.2", "hemiplegia-or-paraplegia"],
    ["G81.9", "hemiplegia-or-paraplegia"],
    ["G82.2", "hemiplegia-or-paraplegia"],
    ["G83.0", "hemiplegia-or-paraplegia"],
    ["G83.4", "hemiplegia-or-paraplegia"],
    ["G83.9", "hemiplegia-or-paraplegia"],
    ["I12.0", "renal-disease"],
    ["I13.1", "renal-disease"],
    ["N03.2", "renal-disease"],
    ["N03.7", "renal-disease"],
    ["N05.2", "renal-disease"],
    ["N05.7", "renal-disease"],
    ["N18.5", "renal-disease"],
    ["N19", "renal-disease"],
    ["N25.0", "renal-disease"],
    ["Z49.0", "renal-disease"],
    ["Z49.2", "renal-disease"],
    ["Z94.0", "renal-disease"],
    ["Z99.2", "renal-disease"],
    ["C00.0", "malignancy"],
    ["C26.9", "malignancy"],
    ["C30.0", "malignancy"],
    ["C34.9", "malignancy"],
    ["C37", "malignancy"],
    ["C41.9", "malignancy"],
    ["C43.9", "malignancy"],
    ["C45.0", "malignancy"],
    ["C58", "malignancy"],
    ["C60.9", "malignancy"],
    ["C76.0", "malignancy"],
    ["C81.9", "malignancy"],
    ["C85.9", "malignancy"],
    ["C88.0", "malignancy"],
    ["C90.0", "malignancy"],
    ["C97", "malignancy"],
    ["I85.0", "moderate-or-severe-liver-disease"],
    ["I85.9", "moderate-or-severe-liver-disease"],
    ["I86.4", "moderate-or-severe-liver-disease"],
    ["I98.2", "moderate-or-severe-liver-disease"],
    ["K70.4", "moderate-or-severe-liver-disease"],
    ["K71.1", "moderate-or-severe-liver-disease"],
    ["K72.1", "moderate-or-severe-liver-disease"],
    ["K72.9", "moderate-or-severe-liver-disease"],
    ["K76.5", "moderate-or-severe-liver-disease"],
    ["K76.7", "moderate-or-severe-liver-disease"],
    ["C77.0", "metastatic-solid-tumour"],
    ["C78.5", "metastatic-solid-tumour"],
    ["C79.3", "metastatic-solid-tumour"],
    ["C80.9", "metastatic-solid-tumour"],
    ["B20.0", "aids-hiv"],
    ["B21", "aids-hiv"],
    ["B22.7", "aids-hiv"],
    ["B24", "aids-hiv"],
  ])("puts ICD-10 %s in %s", (code, group) => {
    expect(charlsonGroupOf(icd(code))).toBe(group);
  });

  it.each([
    "I25.1", // chronic ischaemic heart disease, not a past MI
    "I42.1", // obstructive hypertrophic cardiomyopathy
    "I73.0", // Raynaud syndrome
    "K55.0", // acute vascular disorders of intestine
    "I27.0", // primary pulmonary hypertension
    "J68.0",
    "M35.0", // Sjögren
    "K71.0",
    "K76.1",
    "E16.2", // hypoglycaemia, not diabetes
    "G80.0", // spastic quadriplegic cerebral palsy is not in Quan's list
    "N17.9", // acute renal failure
    "N03.0",
    "C44.9", // other skin cancer is excluded
    "C27",
    "C35",
    "C42",
    "C59",
    "C86.0",
    "C89",
    "C98",
    "B23.0",
    "J18.9",
  ])("leaves ICD-10 %s out of every group", (code) => {
    expect(charlsonGroupOf(icd(code))).toBeNull();
  });
});

describe("charlsonGroupOf (SNOMED CT through ICD-10)", () => {
  it.each<[string, CharlsonGroup]>([
    ["22298006", "myocardial-infarction"],
    ["401303003", "myocardial-infarction"],
    ["399211009", "myocardial-infarction"],
    ["88805009", "congestive-heart-failure"],
    ["84114007", "congestive-heart-failure"],
    ["230690007", "cerebrovascular-disease"],
    ["26929004", "dementia"],
    ["13645005", "chronic-pulmonary-disease"],
    ["195967001", "chronic-pulmonary-disease"],
    ["69896004", "rheumatic-disease"],
    ["44054006", "diabetes-without-complication"],
    ["127013003", "diabetes-with-complication"],
    ["368581000119106", "diabetes-with-complication"],
    ["1551000119108", "diabetes-with-complication"],
    ["433144002", "renal-disease"],
    ["46177005", "renal-disease"],
    ["128302006", "mild-liver-disease"],
    ["254637007", "malignancy"],
    ["363406005", "malignancy"],
    ["93143009", "malignancy"],
    ["94260004", "metastatic-solid-tumour"],
    ["86406008", "aids-hiv"],
  ])("maps SNOMED %s to %s", (code, group) => {
    expect(charlsonGroupOf(sct(code))).toBe(group);
  });

  it("leaves unmapped SNOMED concepts, and neoplasms of unstated behaviour, out", () => {
    expect(charlsonGroupOf(sct("233604007"))).toBeNull(); // pneumonia
    expect(charlsonGroupOf(sct("126906006"))).toBeNull(); // neoplasm of prostate
    expect(charlsonGroupOf(sct("92691004"))).toBeNull(); // carcinoma in situ of prostate
  });

  it("maps every crosswalk entry to a Charlson group", () => {
    for (const code of Object.keys(SNOMED_CHARLSON_ICD10)) expect(charlsonGroupOf(sct(code))).not.toBeNull();
  });

  it("accepts an extended crosswalk", () => {
    expect(charlsonGroupOf(sct("399957001"), { "399957001": "I73.9" })).toBe("peripheral-vascular-disease");
  });
});

describe("charlsonIndex", () => {
  it("sums the Charlson (1987) weights of the groups present, each once", () => {
    // MI 1 + CHF 1 + COPD 1 + renal 2 = 5; two MI codes still count once.
    const result = charlsonIndex([icd("I21.0"), icd("I25.2"), icd("I50.0"), icd("J44.9"), icd("N18.4")]);
    expect(result).toEqual({
      score: 5,
      groups: [
        "myocardial-infarction",
        "congestive-heart-failure",
        "chronic-pulmonary-disease",
        "renal-disease",
      ],
    });
  });

  it("scores only the graver form when both forms are coded", () => {
    expect(charlsonIndex([icd("E11.9"), icd("E11.2")])).toEqual({
      score: 2,
      groups: ["diabetes-with-complication"],
    });
    expect(charlsonIndex([icd("K70.3"), icd("K72.1")]).score).toBe(3);
    expect(charlsonIndex([icd("C34.1"), icd("C78.0")])).toEqual({
      score: 6,
      groups: ["metastatic-solid-tumour"],
    });
  });

  it("applies Quan (2011) weights on request", () => {
    // Quan 2011: CHF 2, dementia 2, MI 0, renal 1, AIDS/HIV 4.
    const conditions = [icd("I50.0"), icd("F03"), icd("I21.0"), icd("N18.4"), icd("B24")];
    expect(charlsonIndex(conditions, { weights: QUAN_2011_WEIGHTS }).score).toBe(9);
    expect(charlsonIndex(conditions).score).toBe(1 + 1 + 1 + 2 + 6);
  });

  it("scores a Synthea-coded patient through the SNOMED crosswalk", () => {
    // T2DM with nephropathy (2, supersedes T2DM), CKD stage 3 (2), chronic CHF (1), NSCLC (2).
    const result = charlsonIndex([
      sct("44054006"),
      sct("127013003"),
      sct("433144002"),
      sct("88805009"),
      sct("254637007"),
    ]);
    expect(result.score).toBe(7);
  });

  it("scores 0 for no comorbidity", () => {
    expect(charlsonIndex([icd("J18.9")])).toEqual({ score: 0, groups: [] });
  });
});
