import {
  ADMISSION_DIAGNOSIS_CODES,
  type ANTIBIOTIC_SNOMED,
  CHARLSON_QUAN_ICD10,
  type CharlsonGroup,
  type DualCodedCondition,
  type PNEUMONIA_ICD10,
  type PNEUMONIA_SNOMED,
} from "../../terminology/default-codes.js";
import type { Prng } from "./prng.js";

/**
 * The case mix of the sandbox's acute hospital: what patients are admitted with, how ill they are, how long they
 * stay and how likely they are to die. The shares and rates are plausible for an English district general
 * hospital's adult take (acute medicine ~80% of admissions, pneumonia ~1 in 8 emergency medical admissions,
 * crude in-hospital mortality ~3%, pneumonia ~12–15%); they are illustrative, not fitted to a national dataset.
 */

/** How illness shows in the vital signs: how strongly each parameter moves per unit of severity. */
export interface PhysiologyPattern {
  readonly respiratoryRate: number;
  readonly spo2: number;
  readonly systolicBP: number;
  readonly pulse: number;
  readonly temperature: number;
  readonly consciousness: number;
}

export const PATTERNS = {
  respiratoryInfection: {
    respiratoryRate: 1,
    spo2: 1,
    systolicBP: 0.4,
    pulse: 0.7,
    temperature: 0.9,
    consciousness: 0.5,
  },
  copd: { respiratoryRate: 1, spo2: 1.1, systolicBP: 0.1, pulse: 0.6, temperature: 0.3, consciousness: 0.3 },
  sepsis: { respiratoryRate: 0.7, spo2: 0.3, systolicBP: 1, pulse: 1, temperature: 1, consciousness: 0.7 },
  cardiac: {
    respiratoryRate: 0.9,
    spo2: 0.8,
    systolicBP: 0.3,
    pulse: 0.7,
    temperature: 0,
    consciousness: 0.2,
  },
  chestPain: {
    respiratoryRate: 0.3,
    spo2: 0.2,
    systolicBP: 0.3,
    pulse: 0.5,
    temperature: 0,
    consciousness: 0.1,
  },
  bleed: { respiratoryRate: 0.4, spo2: 0.1, systolicBP: 1.1, pulse: 1.1, temperature: 0, consciousness: 0.4 },
  neuro: {
    respiratoryRate: 0.2,
    spo2: 0.2,
    systolicBP: -0.3,
    pulse: 0.2,
    temperature: 0.1,
    consciousness: 1,
  },
  renal: {
    respiratoryRate: 0.5,
    spo2: 0.2,
    systolicBP: 0.6,
    pulse: 0.6,
    temperature: 0.2,
    consciousness: 0.5,
  },
  postOperative: {
    respiratoryRate: 0.3,
    spo2: 0.4,
    systolicBP: 0.4,
    pulse: 0.6,
    temperature: 0.5,
    consciousness: 0.2,
  },
} as const satisfies Readonly<Record<string, PhysiologyPattern>>;

export type PatternName = keyof typeof PATTERNS;

/** Ward specialties; every emergency admission starts on the acute medical unit. */
export type WardKind =
  | "acute-medical-unit"
  | "respiratory"
  | "cardiology"
  | "elderly-care"
  | "general-medicine"
  | "surgical"
  | "critical-care";

export type DiagnosisKey = "pneumonia" | keyof typeof ADMISSION_DIAGNOSIS_CODES;

export type AntibioticName = keyof typeof ANTIBIOTIC_SNOMED;

export interface DiagnosisProfile {
  readonly key: DiagnosisKey;
  readonly admission: "emergency" | "elective";
  /** Relative share within its admission type. */
  readonly share: number;
  /** Median and log-scale spread of the length of stay, in days. */
  readonly losMedianDays: number;
  readonly losSigma: number;
  /** Logit intercept of in-hospital death (see {@link inHospitalDeathProbability}). */
  readonly mortalityIntercept: number;
  /** Severity on admission (1 ≈ NEWS2 around 6–8). */
  readonly severityMean: number;
  readonly pattern: PatternName;
  readonly ward: WardKind;
  /** An infection: antibiotics on admission, and deteriorations may be treated as suspected sepsis. */
  readonly infection: boolean;
  readonly antibiotics: readonly AntibioticName[];
}

const profile = (p: DiagnosisProfile): DiagnosisProfile => p;

export const DIAGNOSES: readonly DiagnosisProfile[] = [
  profile({
    key: "pneumonia",
    admission: "emergency",
    share: 13,
    losMedianDays: 5,
    losSigma: 0.8,
    mortalityIntercept: -3.9,
    severityMean: 0.303,
    pattern: "respiratoryInfection",
    ward: "respiratory",
    infection: true,
    antibiotics: ["amoxicillin", "clarithromycin"],
  }),
  profile({
    key: "copdExacerbation",
    admission: "emergency",
    share: 7,
    losMedianDays: 4,
    losSigma: 0.75,
    mortalityIntercept: -5.65,
    severityMean: 0.248,
    pattern: "copd",
    ward: "respiratory",
    infection: false,
    antibiotics: [],
  }),
  profile({
    key: "lowerRespiratoryTractInfection",
    admission: "emergency",
    share: 6,
    losMedianDays: 3.5,
    losSigma: 0.8,
    mortalityIntercept: -5.75,
    severityMean: 0.193,
    pattern: "respiratoryInfection",
    ward: "respiratory",
    infection: true,
    antibiotics: ["amoxicillin"],
  }),
  profile({
    key: "urinaryTractInfection",
    admission: "emergency",
    share: 7,
    losMedianDays: 4,
    losSigma: 0.85,
    mortalityIntercept: -6.05,
    severityMean: 0.193,
    pattern: "sepsis",
    ward: "general-medicine",
    infection: true,
    antibiotics: ["gentamicin"],
  }),
  profile({
    key: "sepsis",
    admission: "emergency",
    share: 4,
    losMedianDays: 6,
    losSigma: 0.8,
    mortalityIntercept: -4.15,
    severityMean: 0.413,
    pattern: "sepsis",
    ward: "general-medicine",
    infection: true,
    antibiotics: ["ceftriaxone", "gentamicin"],
  }),
  profile({
    key: "heartFailure",
    admission: "emergency",
    share: 7,
    losMedianDays: 6,
    losSigma: 0.75,
    mortalityIntercept: -5.15,
    severityMean: 0.248,
    pattern: "cardiac",
    ward: "cardiology",
    infection: false,
    antibiotics: [],
  }),
  profile({
    key: "chestPain",
    admission: "emergency",
    share: 8,
    losMedianDays: 1,
    losSigma: 0.7,
    mortalityIntercept: -9.25,
    severityMean: 0.055,
    pattern: "chestPain",
    ward: "cardiology",
    infection: false,
    antibiotics: [],
  }),
  profile({
    key: "nstemi",
    admission: "emergency",
    share: 4,
    losMedianDays: 3.5,
    losSigma: 0.6,
    mortalityIntercept: -6.05,
    severityMean: 0.138,
    pattern: "chestPain",
    ward: "cardiology",
    infection: false,
    antibiotics: [],
  }),
  profile({
    key: "stroke",
    admission: "emergency",
    share: 5,
    losMedianDays: 8,
    losSigma: 0.9,
    mortalityIntercept: -4.85,
    severityMean: 0.193,
    pattern: "neuro",
    ward: "elderly-care",
    infection: false,
    antibiotics: [],
  }),
  profile({
    key: "syncope",
    admission: "emergency",
    share: 5,
    losMedianDays: 1.5,
    losSigma: 0.8,
    mortalityIntercept: -8.25,
    severityMean: 0.055,
    pattern: "cardiac",
    ward: "general-medicine",
    infection: false,
    antibiotics: [],
  }),
  profile({
    key: "gastrointestinalBleed",
    admission: "emergency",
    share: 4,
    losMedianDays: 3,
    losSigma: 0.8,
    mortalityIntercept: -5.65,
    severityMean: 0.22,
    pattern: "bleed",
    ward: "general-medicine",
    infection: false,
    antibiotics: [],
  }),
  profile({
    key: "cellulitis",
    admission: "emergency",
    share: 4,
    losMedianDays: 4,
    losSigma: 0.7,
    mortalityIntercept: -7.75,
    severityMean: 0.11,
    pattern: "sepsis",
    ward: "general-medicine",
    infection: true,
    antibiotics: ["ceftriaxone"],
  }),
  profile({
    key: "acuteKidneyInjury",
    admission: "emergency",
    share: 5,
    losMedianDays: 5,
    losSigma: 0.8,
    mortalityIntercept: -5.25,
    severityMean: 0.193,
    pattern: "renal",
    ward: "general-medicine",
    infection: false,
    antibiotics: [],
  }),
  profile({
    key: "delirium",
    admission: "emergency",
    share: 4,
    losMedianDays: 7,
    losSigma: 0.85,
    mortalityIntercept: -5.95,
    severityMean: 0.138,
    pattern: "neuro",
    ward: "elderly-care",
    infection: false,
    antibiotics: [],
  }),
  profile({
    key: "gallstones",
    admission: "elective",
    share: 5,
    losMedianDays: 1.2,
    losSigma: 0.6,
    mortalityIntercept: -9.75,
    severityMean: 0.055,
    pattern: "postOperative",
    ward: "surgical",
    infection: false,
    antibiotics: [],
  }),
  profile({
    key: "inguinalHernia",
    admission: "elective",
    share: 4,
    losMedianDays: 1,
    losSigma: 0.5,
    mortalityIntercept: -10.25,
    severityMean: 0.044,
    pattern: "postOperative",
    ward: "surgical",
    infection: false,
    antibiotics: [],
  }),
  profile({
    key: "colonCancer",
    admission: "elective",
    share: 2,
    losMedianDays: 6,
    losSigma: 0.6,
    mortalityIntercept: -7.55,
    severityMean: 0.138,
    pattern: "postOperative",
    ward: "surgical",
    infection: false,
    antibiotics: [],
  }),
];

export function diagnosisProfile(key: DiagnosisKey): DiagnosisProfile {
  const found = DIAGNOSES.find((candidate) => candidate.key === key);
  if (found === undefined) throw new RangeError(`unknown diagnosis ${key}`);
  return found;
}

export function pickDiagnosis(prng: Prng, admission: "emergency" | "elective"): DiagnosisProfile {
  const candidates = DIAGNOSES.filter((candidate) => candidate.admission === admission);
  const weights: Record<string, number> = {};
  for (const candidate of candidates) weights[candidate.key] = candidate.share;
  return diagnosisProfile(prng.weighted(weights) as DiagnosisKey);
}

/** Codes of a primary diagnosis; pneumonia draws a SNOMED member of the cohort and a J12–J18 code. */
export function pickDiagnosisCodes(prng: Prng, key: DiagnosisKey): DualCodedCondition {
  if (key !== "pneumonia") return ADMISSION_DIAGNOSIS_CODES[key];
  const variant = prng.weighted({
    communityAcquired: 40,
    unspecified: 20,
    bronchopneumonia: 10,
    lobar: 8,
    bacterial: 10,
    pneumococcal: 5,
    viral: 5,
    infective: 2,
  });
  const snomed = (code: (typeof PNEUMONIA_SNOMED)[number]): string => code;
  const icd10 = (code: (typeof PNEUMONIA_ICD10)[number]): string => code;
  switch (variant) {
    case "communityAcquired":
      return { snomed: snomed("385093006"), icd10: icd10("J18.9"), display: "Community acquired pneumonia" };
    case "unspecified":
      return { snomed: snomed("233604007"), icd10: icd10("J18.9"), display: "Pneumonia" };
    case "bronchopneumonia":
      return { snomed: snomed("396285007"), icd10: icd10("J18.0"), display: "Bronchopneumonia" };
    case "lobar":
      return { snomed: snomed("278516003"), icd10: icd10("J18.1"), display: "Lobar pneumonia" };
    case "bacterial":
      return { snomed: snomed("53084003"), icd10: icd10("J15.9"), display: "Bacterial pneumonia" };
    case "pneumococcal":
      return {
        snomed: snomed("53084003"),
        icd10: icd10("J13"),
        display: "Pneumonia due to Streptococcus pneumoniae",
      };
    case "viral":
      return { snomed: snomed("75570004"), icd10: icd10("J12.9"), display: "Viral pneumonia" };
    case "infective":
      return { snomed: snomed("312342009"), icd10: icd10("J18.8"), display: "Infective pneumonia" };
  }
}

/**
 * Prevalence of each Charlson comorbidity at age 75 in an acute medical population, scaled by age below; the
 * hierarchy partners (e.g. complicated diabetes) are drawn as a share of their parent.
 */
const COMORBIDITY_PREVALENCE_AT_75: Readonly<Record<CharlsonGroup, number>> = {
  myocardialInfarction: 0.1,
  congestiveHeartFailure: 0.13,
  peripheralVascularDisease: 0.06,
  cerebrovascularDisease: 0.1,
  dementia: 0.09,
  chronicPulmonaryDisease: 0.17,
  rheumaticDisease: 0.03,
  pepticUlcerDisease: 0.03,
  mildLiverDisease: 0.02,
  diabetesWithoutComplication: 0.15,
  diabetesWithComplication: 0.06,
  hemiplegiaOrParaplegia: 0.015,
  renalDisease: 0.14,
  malignancy: 0.09,
  moderateOrSevereLiverDisease: 0.008,
  metastaticSolidTumour: 0.035,
  hivAids: 0.002,
};

/** Diagnoses that make a comorbidity more likely (COPD in respiratory admissions, heart disease in cardiac). */
const COMORBIDITY_AFFINITY: Partial<Record<DiagnosisKey, Partial<Record<CharlsonGroup, number>>>> = {
  pneumonia: { chronicPulmonaryDisease: 1.8, dementia: 1.4 },
  copdExacerbation: { chronicPulmonaryDisease: 6 },
  lowerRespiratoryTractInfection: { chronicPulmonaryDisease: 2 },
  heartFailure: { congestiveHeartFailure: 5, myocardialInfarction: 2 },
  nstemi: { myocardialInfarction: 2, diabetesWithoutComplication: 1.4 },
  stroke: { cerebrovascularDisease: 2, hemiplegiaOrParaplegia: 4 },
  delirium: { dementia: 3.5 },
  acuteKidneyInjury: { renalDisease: 2.2, diabetesWithComplication: 1.6 },
  gastrointestinalBleed: { pepticUlcerDisease: 4, moderateOrSevereLiverDisease: 5, mildLiverDisease: 2.5 },
  colonCancer: { malignancy: 0, metastaticSolidTumour: 0.5 },
};

/** Age factor of comorbidity prevalence: rises steeply through later life (1 at 75). */
function ageFactor(age: number): number {
  return Math.min(1.6, Math.max(0.08, Math.exp((age - 75) / 18)));
}

export function drawComorbidities(prng: Prng, age: number, diagnosis: DiagnosisKey): CharlsonGroup[] {
  const affinity = COMORBIDITY_AFFINITY[diagnosis] ?? {};
  const factor = ageFactor(age);
  const groups: CharlsonGroup[] = [];
  for (const group of Object.keys(COMORBIDITY_PREVALENCE_AT_75) as CharlsonGroup[]) {
    const base = COMORBIDITY_PREVALENCE_AT_75[group];
    // Dementia is strongly age-graded; HIV and liver disease much less so.
    const ageScale = group === "dementia" ? factor * factor : group === "hivAids" ? 1 : factor;
    const p = Math.min(0.85, base * ageScale * (affinity[group] ?? 1));
    if (prng.chance(p)) groups.push(group);
  }
  return groups;
}

/**
 * Charlson comorbidity index of a set of groups with the original weights and the usual hierarchy (complicated
 * diabetes over uncomplicated, severe liver over mild, metastatic over any malignancy).
 */
export function charlsonIndex(groups: readonly CharlsonGroup[]): number {
  const present = new Set(groups);
  let index = 0;
  for (const group of present) {
    if (group === "diabetesWithoutComplication" && present.has("diabetesWithComplication")) continue;
    if (group === "mildLiverDisease" && present.has("moderateOrSevereLiverDisease")) continue;
    if (group === "malignancy" && present.has("metastaticSolidTumour")) continue;
    index += CHARLSON_QUAN_ICD10[group].weight;
  }
  return index;
}

export interface MortalityCase {
  readonly diagnosis: DiagnosisProfile;
  readonly age: number;
  readonly sex: "male" | "female";
  readonly emergency: boolean;
  readonly charlson: number;
}

/** Per-unit log-odds of the in-hospital death model; the same covariates as SHMI's case-mix (INDICATORS.md §4.1). */
export const MORTALITY_COEFFICIENTS = {
  /** Per year of age above 70 (odds ratio ≈ 1.6 per decade). */
  agePerYear: 0.047,
  male: 0.22,
  emergency: 0.9,
  /** Per Charlson point (odds ratio ≈ 1.3). */
  charlsonPerPoint: 0.27,
} as const;

/** Logistic model of death in hospital by diagnosis, age, sex, admission method and Charlson index. */
export function inHospitalDeathProbability(c: MortalityCase): number {
  const k = MORTALITY_COEFFICIENTS;
  const logit =
    c.diagnosis.mortalityIntercept +
    k.agePerYear * (c.age - 70) +
    (c.sex === "male" ? k.male : 0) +
    (c.emergency ? k.emergency : 0) +
    k.charlsonPerPoint * Math.min(c.charlson, 12);
  return 1 / (1 + Math.exp(-logit));
}

/** Death within 30 days of a live discharge: the same risk factors, lower baseline. */
export function postDischargeDeathProbability(c: MortalityCase): number {
  const p = inHospitalDeathProbability(c);
  return Math.min(0.5, p * 0.45 + 0.004);
}
