import { SpcError } from "../../core/spc-error.js";
import { type CodedCondition, normaliseIcd10, terminologyOf } from "./coded-condition.js";

/** The 17 Charlson comorbidity groups as Quan et al. (2005) code them. */
export type CharlsonGroup =
  | "myocardial-infarction"
  | "congestive-heart-failure"
  | "peripheral-vascular-disease"
  | "cerebrovascular-disease"
  | "dementia"
  | "chronic-pulmonary-disease"
  | "rheumatic-disease"
  | "peptic-ulcer-disease"
  | "mild-liver-disease"
  | "diabetes-without-complication"
  | "diabetes-with-complication"
  | "hemiplegia-or-paraplegia"
  | "renal-disease"
  | "malignancy"
  | "moderate-or-severe-liver-disease"
  | "metastatic-solid-tumour"
  | "aids-hiv";

const range = (letter: string, from: number, to: number, width = 2): string[] =>
  Array.from({ length: to - from + 1 }, (_, i) => `${letter}${String(from + i).padStart(width, "0")}`);
const withFourth = (stems: readonly string[], fourth: string): string[] =>
  stems.flatMap((stem) => [...fourth].map((digit) => `${stem}${digit}`));
const DIABETES_STEMS = ["E10", "E11", "E12", "E13", "E14"];

/**
 * Enhanced ICD-10 coding of the Charlson comorbidities: Quan H, Sundararajan V, Halfon P, et al. "Coding
 * algorithms for defining comorbidities in ICD-9-CM and ICD-10 administrative data", Med Care
 * 2005;43(11):1130–9, Table 1 — as dot-less code prefixes ("I252" = I25.2, "I43" = I43.x). Cross-checked
 * against the regular expressions of `ropensci/coder` (`classcodes_charlson_icd10`).
 */
export const QUAN_2005_ICD10: Readonly<Record<CharlsonGroup, readonly string[]>> = Object.freeze({
  "myocardial-infarction": ["I21", "I22", "I252"],
  "congestive-heart-failure": [
    "I099",
    "I110",
    "I130",
    "I132",
    "I255",
    "I420",
    ...range("I42", 5, 9, 1),
    "I43",
    "I50",
    "P290",
  ],
  "peripheral-vascular-disease": [
    "I70",
    "I71",
    "I731",
    "I738",
    "I739",
    "I771",
    "I790",
    "I792",
    "K551",
    "K558",
    "K559",
    "Z958",
    "Z959",
  ],
  "cerebrovascular-disease": ["G45", "G46", "H340", ...range("I", 60, 69)],
  dementia: ["F00", "F01", "F02", "F03", "F051", "G30", "G311"],
  "chronic-pulmonary-disease": [
    "I278",
    "I279",
    ...range("J", 40, 47),
    ...range("J", 60, 67),
    "J684",
    "J701",
    "J703",
  ],
  "rheumatic-disease": ["M05", "M06", "M315", "M32", "M33", "M34", "M351", "M353", "M360"],
  "peptic-ulcer-disease": ["K25", "K26", "K27", "K28"],
  "mild-liver-disease": [
    "B18",
    "K700",
    "K701",
    "K702",
    "K703",
    "K709",
    "K713",
    "K714",
    "K715",
    "K717",
    "K73",
    "K74",
    "K760",
    "K762",
    "K763",
    "K764",
    "K768",
    "K769",
    "Z944",
  ],
  "diabetes-without-complication": withFourth(DIABETES_STEMS, "01689"),
  "diabetes-with-complication": withFourth(DIABETES_STEMS, "23457"),
  "hemiplegia-or-paraplegia": [
    "G041",
    "G114",
    "G801",
    "G802",
    "G81",
    "G82",
    "G830",
    "G831",
    "G832",
    "G833",
    "G834",
    "G839",
  ],
  "renal-disease": [
    "I120",
    "I131",
    ...range("N03", 2, 7, 1),
    ...range("N05", 2, 7, 1),
    "N18",
    "N19",
    "N250",
    "Z490",
    "Z491",
    "Z492",
    "Z940",
    "Z992",
  ],
  malignancy: [
    ...range("C", 0, 26),
    ...range("C", 30, 34),
    ...range("C", 37, 41),
    "C43",
    ...range("C", 45, 58),
    ...range("C", 60, 76),
    ...range("C", 81, 85),
    "C88",
    ...range("C", 90, 97),
  ],
  "moderate-or-severe-liver-disease": [
    "I850",
    "I859",
    "I864",
    "I982",
    "K704",
    "K711",
    "K721",
    "K729",
    "K765",
    "K766",
    "K767",
  ],
  "metastatic-solid-tumour": ["C77", "C78", "C79", "C80"],
  "aids-hiv": ["B20", "B21", "B22", "B24"],
});

/** Charlson ME et al., J Chronic Dis 1987;40(5):373–83: the original weights (Quan 2005 used these). */
export const CHARLSON_1987_WEIGHTS: Readonly<Record<CharlsonGroup, number>> = Object.freeze({
  "myocardial-infarction": 1,
  "congestive-heart-failure": 1,
  "peripheral-vascular-disease": 1,
  "cerebrovascular-disease": 1,
  dementia: 1,
  "chronic-pulmonary-disease": 1,
  "rheumatic-disease": 1,
  "peptic-ulcer-disease": 1,
  "mild-liver-disease": 1,
  "diabetes-without-complication": 1,
  "diabetes-with-complication": 2,
  "hemiplegia-or-paraplegia": 2,
  "renal-disease": 2,
  malignancy: 2,
  "moderate-or-severe-liver-disease": 3,
  "metastatic-solid-tumour": 6,
  "aids-hiv": 6,
});

/** Quan H et al., Am J Epidemiol 2011;173(6):676–82: weights re-estimated on 2004 administrative data. */
export const QUAN_2011_WEIGHTS: Readonly<Record<CharlsonGroup, number>> = Object.freeze({
  "myocardial-infarction": 0,
  "congestive-heart-failure": 2,
  "peripheral-vascular-disease": 0,
  "cerebrovascular-disease": 0,
  dementia: 2,
  "chronic-pulmonary-disease": 1,
  "rheumatic-disease": 1,
  "peptic-ulcer-disease": 0,
  "mild-liver-disease": 2,
  "diabetes-without-complication": 0,
  "diabetes-with-complication": 1,
  "hemiplegia-or-paraplegia": 2,
  "renal-disease": 1,
  malignancy: 2,
  "moderate-or-severe-liver-disease": 4,
  "metastatic-solid-tumour": 6,
  "aids-hiv": 4,
});

/**
 * SNOMED CT → ICD-10 for the comorbidities the sandbox's Synthea-style data records, so SNOMED-coded
 * conditions get their Charlson group through the same Quan (2005) ICD-10 algorithm — the route
 * INDICATORS.md §4.1 recommends for SHMI comparability (map SNOMED to ICD-10, then group). Targets follow
 * the ICD-10 classification of each concept; concepts whose meaning does not fix a Charlson group are left
 * out (126906006 "Neoplasm of prostate" does not say malignant; 92691004 "Carcinoma in situ of prostate"
 * is D07.5, not an invasive malignancy). Note that Quan's N18.x takes in every CKD stage, 1 and 2 included.
 */
export const SNOMED_CHARLSON_ICD10: Readonly<Record<string, string>> = Object.freeze({
  "22298006": "I21.9", // Myocardial infarction
  "401303003": "I21.3", // Acute ST segment elevation myocardial infarction
  "401314000": "I21.4", // Acute non-ST segment elevation myocardial infarction
  "399211009": "I25.2", // History of myocardial infarction
  "88805009": "I50.0", // Chronic congestive heart failure
  "84114007": "I50.9", // Heart failure
  "230690007": "I64", // Cerebrovascular accident
  "26929004": "G30.9", // Alzheimer's disease
  "230265002": "G30.0", // Familial Alzheimer's disease of early onset
  "52448006": "F03", // Dementia
  "13645005": "J44.9", // Chronic obstructive lung disease
  "185086009": "J44.8", // Chronic obstructive bronchitis
  "87433001": "J43.9", // Pulmonary emphysema
  "195967001": "J45.9", // Asthma
  "233678006": "J45.9", // Childhood asthma
  "69896004": "M06.9", // Rheumatoid arthritis
  "44054006": "E11.9", // Diabetes mellitus type 2
  "46635009": "E10.9", // Diabetes mellitus type 1
  "127013003": "E14.2", // Diabetic renal disease
  "90781000119102": "E11.2", // Microalbuminuria due to type 2 diabetes mellitus
  "157141000119108": "E11.2", // Proteinuria due to type 2 diabetes mellitus
  "368581000119106": "E11.4", // Neuropathy due to type 2 diabetes mellitus
  "422034002": "E11.3", // Diabetic retinopathy associated with type II diabetes mellitus
  "1551000119108": "E11.3", // Nonproliferative diabetic retinopathy due to type 2 diabetes mellitus
  "1501000119109": "E11.3", // Proliferative diabetic retinopathy due to type II diabetes mellitus
  "97331000119101": "E11.3", // Macular edema and retinopathy due to type 2 diabetes mellitus
  "431855005": "N18.1", // Chronic kidney disease stage 1
  "431856006": "N18.2", // Chronic kidney disease stage 2
  "433144002": "N18.3", // Chronic kidney disease stage 3
  "431857002": "N18.4", // Chronic kidney disease stage 4
  "46177005": "N18.5", // End-stage renal disease
  "128302006": "B18.2", // Chronic hepatitis C
  "61977001": "B18.1", // Chronic type B viral hepatitis
  "254637007": "C34.9", // Non-small cell lung cancer
  "424132000": "C34.9", // Non-small cell carcinoma of lung, TNM stage 1
  "254632001": "C34.9", // Small cell carcinoma of lung
  "67811000119102": "C34.9", // Primary small cell malignant neoplasm of lung, TNM stage 1
  "254837009": "C50.9", // Malignant neoplasm of breast
  "363406005": "C18.9", // Malignant neoplasm of colon
  "109838007": "C18.8", // Overlapping malignant neoplasm of colon
  "93761005": "C18.9", // Primary malignant neoplasm of colon
  "94260004": "C78.5", // Secondary malignant neoplasm of colon
  "93143009": "C95.9", // Leukemia
  "91861009": "C92.0", // Acute myeloid leukemia
  "86406008": "B24", // Human immunodeficiency virus infection
  "62479008": "B24", // Acquired immune deficiency syndrome
});

const GROUPS = Object.keys(QUAN_2005_ICD10) as CharlsonGroup[];

/**
 * The Charlson group of one coded condition, or `null`: ICD-10 codes by Quan (2005) prefix; SNOMED CT codes
 * through {@link SNOMED_CHARLSON_ICD10} (extend it with `snomedMap`).
 *
 * @example
 * charlsonGroupOf({ codeSystem: "icd10", code: "I50.9" });             // "congestive-heart-failure"
 * charlsonGroupOf({ codeSystem: "http://snomed.info/sct", code: "44054006" }); // "diabetes-without-complication"
 */
export function charlsonGroupOf(
  condition: CodedCondition,
  snomedMap: Readonly<Record<string, string>> = SNOMED_CHARLSON_ICD10,
): CharlsonGroup | null {
  const terminology = terminologyOf(condition.codeSystem);
  let icd10: string | undefined;
  if (terminology === "icd10") icd10 = condition.code;
  else if (terminology === "snomed") icd10 = snomedMap[condition.code.trim()];
  if (icd10 === undefined) return null;
  const code = normaliseIcd10(icd10);
  for (const group of GROUPS) {
    if (QUAN_2005_ICD10[group].some((prefix) => code.startsWith(prefix))) return group;
  }
  return null;
}

/**
 * When both a milder and a graver form of the same disease are coded, only the graver one scores
 * (Charlson 1987; Quan 2005, 2011): complicated diabetes over uncomplicated, moderate/severe liver disease
 * over mild, metastatic solid tumour over any malignancy.
 */
const HIERARCHY: readonly (readonly [CharlsonGroup, CharlsonGroup])[] = [
  ["diabetes-with-complication", "diabetes-without-complication"],
  ["moderate-or-severe-liver-disease", "mild-liver-disease"],
  ["metastatic-solid-tumour", "malignancy"],
];

export interface CharlsonIndexOptions {
  /** Default {@link CHARLSON_1987_WEIGHTS}. */
  readonly weights?: Readonly<Record<CharlsonGroup, number>>;
  readonly snomedMap?: Readonly<Record<string, string>>;
}

export interface CharlsonIndexResult {
  readonly score: number;
  /** Groups present, after the hierarchy, in the order of {@link QUAN_2005_ICD10}. */
  readonly groups: readonly CharlsonGroup[];
}

/**
 * Charlson comorbidity index from a patient's coded conditions: each group present counts once with its
 * weight, after the hierarchy rules. Which conditions to pass (secondary diagnoses of the index spell, or
 * a look-back) is the caller's choice; SHMI derives it from the spell's secondary diagnoses (INDICATORS.md §4.1).
 *
 * @example
 * charlsonIndex([
 *   { codeSystem: "icd10", code: "I21.0" },  // MI 1
 *   { codeSystem: "icd10", code: "C34.1" },  // malignancy 2 — superseded by
 *   { codeSystem: "icd10", code: "C78.0" },  // metastatic solid tumour 6
 * ]); // { score: 7, groups: ["myocardial-infarction", "metastatic-solid-tumour"] }
 */
export function charlsonIndex(
  conditions: readonly CodedCondition[],
  options: CharlsonIndexOptions = {},
): CharlsonIndexResult {
  const weights = options.weights ?? CHARLSON_1987_WEIGHTS;
  const present = new Set<CharlsonGroup>();
  for (const condition of conditions) {
    const group = charlsonGroupOf(condition, options.snomedMap);
    if (group !== null) present.add(group);
  }
  for (const [graver, milder] of HIERARCHY) if (present.has(graver)) present.delete(milder);
  const groups = GROUPS.filter((group) => present.has(group));
  let score = 0;
  for (const group of groups) {
    const weight = weights[group];
    if (!Number.isFinite(weight))
      throw new SpcError("INVALID_OPTION", `No Charlson weight for ${group}`, "weights");
    score += weight;
  }
  return { score, groups };
}
