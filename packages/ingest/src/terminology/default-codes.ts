/**
 * The default terminology Vigil recognises (and the sandbox hospital emits). Sources: INDICATORS.md §1.6
 * (UK Core R4 value sets, LOINC vital-signs profile) and §4.1 (pneumonia cohort). Sites override these
 * lists through configuration; the mapping of escalation/review records is configuration by design
 * (ARCHITECTURE.md, "Mapping FHIR to indicators").
 */

export const SYSTEM = {
  loinc: "http://loinc.org",
  snomed: "http://snomed.info/sct",
  icd10: "http://hl7.org/fhir/sid/icd-10",
  ucum: "http://unitsofmeasure.org",
  observationCategory: "http://terminology.hl7.org/CodeSystem/observation-category",
  actCode: "http://terminology.hl7.org/CodeSystem/v3-ActCode",
  actPriority: "http://terminology.hl7.org/CodeSystem/v3-ActPriority",
  admitSource: "http://terminology.hl7.org/CodeSystem/admit-source",
  dischargeDisposition: "http://terminology.hl7.org/CodeSystem/discharge-disposition",
  conditionVerification: "http://terminology.hl7.org/CodeSystem/condition-ver-status",
  /** Vigil's own code system for care events that have no agreed national code. */
  vigilCareEvent: "https://vigil.health/fhir/CodeSystem/care-event",
} as const;

/** Observation category of vital signs (FHIR R4 vital-signs profile). */
export const VITAL_SIGNS_CATEGORY = "vital-signs";

/** NEWS2 parameters by LOINC and UK Core SNOMED CT codes (INDICATORS.md §1.6). */
export const VITAL_SIGN_CODES = {
  respiratoryRate: { loinc: ["9279-1"], snomed: ["86290005"] },
  pulse: { loinc: ["8867-4"], snomed: ["78564009", "364075005"] },
  spo2: { loinc: ["2708-6", "59408-5"], snomed: ["103228002"] },
  bloodPressurePanel: { loinc: ["85354-9"], snomed: ["75367002"] },
  systolicBP: { loinc: ["8480-6"], snomed: ["72313002"] },
  diastolicBP: { loinc: ["8462-4"], snomed: ["1091811000000102"] },
  temperature: { loinc: ["8310-5"], snomed: ["276885007"] },
  consciousness: { loinc: ["67775-7"], snomed: ["1104441000000107"] },
  /** Inspired oxygen: SNOMED air/oxygen values, or FiO2 / O2 flow components (US Core pulse oximetry). */
  inspiredOxygen: { loinc: ["3150-0", "3151-8"], snomed: ["722742002", "371825009"] },
} as const;

/** ACVPU values (UK Core ValueSet-UKCore-ACVPU). */
export const ACVPU_SNOMED = {
  "248234008": "A",
  "130987000": "C",
  "300202002": "V",
  "450847001": "P",
  "422768004": "U",
} as const;

export const BREATHING_ROOM_AIR_SNOMED = "722742002";
export const ON_OXYGEN_SNOMED = "371825009";

/** NEWS2 total and sub-scores (UK Core EarlyWarningTotalScore / SubScore value sets). */
export const NEWS2_SNOMED = {
  total: "1104051000000101",
  respirationRateScore: "1104301000000104",
  spo2Scale1Score: "1104311000000102",
  spo2Scale2Score: "1104321000000108",
  airOrOxygenScore: "1104331000000105",
  systolicScore: "1104341000000101",
  pulseScore: "1104351000000103",
  consciousnessScore: "1104361000000100",
  temperatureScore: "1104371000000107",
  /** Paediatric score: excluded from NEWS2 indicators. */
  npewsTotal: "1363261000000104",
} as const;

/** Pneumonia cohort (INDICATORS.md §4.1): SNOMED `<< 233604007` members and ICD-10 J12–J18. */
export const PNEUMONIA_SNOMED = [
  "233604007",
  "53084003",
  "75570004",
  "385093006",
  "425464007",
  "278516003",
  "312342009",
  "396285007",
] as const;
export const PNEUMONIA_ICD10_PREFIXES = ["J12", "J13", "J14", "J15", "J16", "J17", "J18"] as const;

/** Chest infection adds lower respiratory tract infection (INDICATORS.md §4.1). */
export const CHEST_INFECTION_SNOMED = ["50417007"] as const;
export const CHEST_INFECTION_ICD10_PREFIXES = ["J20", "J22", "J44.0"] as const;

/** Pressure ulcer: SNOMED 399912005; ICD-10 L89 with the category in the fourth character (L89.0–L89.3 = 1–4). */
export const PRESSURE_ULCER_SNOMED = ["399912005"] as const;
export const PRESSURE_ULCER_ICD10_PREFIX = "L89";

/** Encounter.class codes counted as inpatient. */
export const INPATIENT_CLASS_CODES = ["IMP", "ACUTE", "NONAC"] as const;

/** Discharge disposition meaning the patient died. */
export const DIED_DISCHARGE_DISPOSITION = "exp";
