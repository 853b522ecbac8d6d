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
  /** v3 RoleCode: `Location.type` (ServiceDeliveryLocationRoleType). */
  roleCode: "http://terminology.hl7.org/CodeSystem/v3-RoleCode",
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

/** ICD-10 code systems seen in the wild (WHO, UK edition). */
export const ICD10_SYSTEMS = [
  SYSTEM.icd10,
  "http://hl7.org/fhir/sid/icd-10-uk",
  "http://hl7.org/fhir/sid/icd-10-cm",
] as const;

/** LOINC blood-pressure panels: 85354-9 (vital-signs profile) and 55284-4 (Synthea, older US data). */
export const BLOOD_PRESSURE_PANEL_LOINC_EXTRA = ["55284-4"] as const;

/**
 * Recorded decision to stop routine observations on an end-of-life pathway ({@link SYSTEM}.vigilCareEvent); such
 * patients are excluded from the deterioration-response indicators (INDICATORS.md §3, common cohort).
 */
export const END_OF_LIFE_CARE_CODE = "end-of-life-care";

/** Antibiotics (SNOMED CT substances) given as the first dose of a course (indicator D7). */
export const ANTIBIOTIC_SNOMED = {
  amoxicillin: "372687004",
  clarithromycin: "387487009",
  ceftriaxone: "372670001",
  gentamicin: "387321007",
} as const;

/**
 * Oxygen delivery devices (SNOMED CT physical objects), as a Device's type: from the IHE PCC mobile Paramedicine
 * Summary of Care "Medication Administration Device" value set and the FHIR oxygen-administration example
 * (MedicationAdministration/medadmin0315: 336623009 |Oxygen nasal cannula|).
 */
export const OXYGEN_DEVICE_SNOMED = {
  nasalCannula: "336623009",
  venturiMask: "428285009",
  nonRebreatherMask: "427591007",
  rebreathingMask: "463587004",
  partialRebreathingMask: "464233000",
} as const;

/**
 * Care events Vigil classifies from Procedure, Task, MedicationAdministration, Device and DeviceUseStatement
 * records (ARCHITECTURE.md "Mapping FHIR to indicators"; INDICATORS.md §3 D4–D8). Each kind lists the codings
 * that mean it; any coding of a record's code (a MedicationAdministration's medication, a Device's type)
 * matching one entry classifies the record, else any coding of its category.
 *
 * SNOMED CT codes are used where an international concept exists and was confirmed in public FHIR
 * material: 57485005 |Oxygen therapy (procedure)|, 371907003 |Oxygen administration by nasal cannula|,
 * 24099007 |Oxygen (substance)| (a MedicationAdministration of oxygen), 281789004 |Antibiotic therapy
 * (procedure)|; the antibiotic substances the sandbox administers ({@link ANTIBIOTIC_SNOMED}); and oxygen
 * delivery devices ({@link OXYGEN_DEVICE_SNOMED}). No agreed national code was found for "escalation to the
 * medical team", "clinical review after a NEWS2 trigger", "critical-care outreach / emergency review", a
 * "documented SpO2 scale 2 decision" or an "end-of-life care decision", so the defaults use Vigil's own code
 * system (`SYSTEM.vigilCareEvent`); sites map their local codes through configuration (README "Code lists").
 */
export const CARE_EVENT_CODES = {
  escalation: [{ system: SYSTEM.vigilCareEvent, code: "escalation-medical-team" }],
  "clinical-review": [{ system: SYSTEM.vigilCareEvent, code: "clinical-review" }],
  "emergency-review": [
    { system: SYSTEM.vigilCareEvent, code: "critical-care-outreach-review" },
    { system: SYSTEM.vigilCareEvent, code: "emergency-review" },
  ],
  oxygen: [
    { system: SYSTEM.snomed, code: "57485005" },
    { system: SYSTEM.snomed, code: "371907003" },
    { system: SYSTEM.snomed, code: "24099007" },
    { system: SYSTEM.vigilCareEvent, code: "supplemental-oxygen" },
    ...Object.values(OXYGEN_DEVICE_SNOMED).map((code) => ({ system: SYSTEM.snomed, code })),
  ],
  antibiotic: [
    { system: SYSTEM.snomed, code: "281789004" },
    { system: SYSTEM.vigilCareEvent, code: "antibiotic-administration" },
    ...Object.values(ANTIBIOTIC_SNOMED).map((code) => ({ system: SYSTEM.snomed, code })),
  ],
  "scale2-decision": [{ system: SYSTEM.vigilCareEvent, code: "spo2-scale-2-decision" }],
  "end-of-life": [{ system: SYSTEM.vigilCareEvent, code: END_OF_LIFE_CARE_CODE }],
} as const;

/** `Location.type` of an intensive care unit (v3 RoleCode); the sandbox's critical-care unit carries it. */
export const CRITICAL_CARE_LOCATION_TYPE = "ICU";

/**
 * Wards where NEWS2 indicators do not apply: critical care monitors continuously rather than charting NEWS2
 * rounds (INDICATORS.md §3). A Location is excluded when any coding of its `type` is listed, or its name
 * matches one of the patterns (case-insensitive regular expressions). Type: v3 RoleCode ICU |intensive care
 * unit|, from the value set FHIR R4 binds `Location.type` to (ServiceDeliveryLocationRoleType).
 */
export const NEWS2_EXCLUDED_LOCATIONS = {
  typeCodes: [{ system: SYSTEM.roleCode, code: CRITICAL_CARE_LOCATION_TYPE }],
  namePatterns: [
    "\\bcritical care\\b",
    "\\bintensive care\\b",
    "\\bhigh dependency\\b",
    "\\b(ICU|ITU|HDU)\\b",
  ],
} as const;

/**
 * Admission method: UK Core's extension (NHS Data Dictionary ADMISSION METHOD: 11–13 elective, 21–2D
 * emergency), else `Encounter.priority` (v3 ActPriority EL/R elective; EM/UR/S/A emergency), else
 * `hospitalization.admitSource` "emd" (from the emergency department).
 */
export const ADMISSION_METHOD = {
  ukCoreExtension: "https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-AdmissionMethod",
  electiveCodes: ["11", "12", "13"],
  emergencyCodes: ["21", "22", "23", "24", "25", "2A", "2B", "2C", "2D", "28"],
  electivePriorities: ["EL", "R"],
  emergencyPriorities: ["EM", "UR", "S", "A"],
  emergencyAdmitSources: ["emd"],
} as const;

/** Discharge dispositions meaning death: FHIR `exp` (expired); UK Core discharge method 4 (patient died). */
export const DIED_DISCHARGE_CODES = ["exp", "4"] as const;

/** Condition extensions that state whether it was present on admission (valueBoolean or Y/N code). */
export const PRESENT_ON_ADMISSION_EXTENSIONS = [
  "https://vigil.health/fhir/StructureDefinition/present-on-admission",
  "http://hl7.org/fhir/us/core/StructureDefinition/us-core-condition-present-on-admission",
] as const;

/** SNOMED CT values of the AVPU LOINC 67775-7 answers and plain-text ACVPU spellings. */
export const ACVPU_TEXT: Readonly<Record<string, "A" | "C" | "V" | "P" | "U">> = {
  a: "A",
  alert: "A",
  c: "C",
  confusion: "C",
  "new confusion": "C",
  v: "V",
  voice: "V",
  verbal: "V",
  p: "P",
  pain: "P",
  u: "U",
  unresponsive: "U",
};

// ───────────── Added for the sandbox hospital generator (additive; also what the mappers can recognise) ─────────────

/**
 * Code, identifier and extension systems used beside {@link SYSTEM}. FHIR R4 terminology URLs, the NHS number and
 * UK professional-register identifier systems as UK Core names them, and Vigil's own systems where no agreed
 * national code exists.
 */
export const ADDITIONAL_SYSTEM = {
  conditionClinical: "http://terminology.hl7.org/CodeSystem/condition-clinical",
  conditionCategory: "http://terminology.hl7.org/CodeSystem/condition-category",
  diagnosisRole: "http://terminology.hl7.org/CodeSystem/diagnosis-role",
  locationPhysicalType: "http://terminology.hl7.org/CodeSystem/location-physical-type",
  nhsNumber: "https://fhir.nhs.uk/Id/nhs-number",
  odsOrganisationCode: "https://fhir.nhs.uk/Id/ods-organization-code",
  gmcNumber: "https://fhir.hl7.org.uk/Id/gmc-number",
  nmcNumber: "https://fhir.hl7.org.uk/Id/nmc-number",
  /** Local identifiers of the sandbox hospital (ward codes, spell numbers). */
  sandboxWard: "https://vigil.health/sandbox/Id/ward",
  sandboxSpell: "https://vigil.health/sandbox/Id/spell",
  /** How a documented NEWS2 total was produced (indicator D2 counts hand-entered totals only). */
  vigilScoreMethod: "https://vigil.health/fhir/CodeSystem/score-method",
} as const;

/** Observation category of the NEWS2 total (UK Core EarlyWarningTotalScore fixes `survey`). */
export const SURVEY_CATEGORY = "survey";

/** UCUM units of the vital signs, scores and doses Vigil reads and the sandbox writes. */
export const UCUM_UNITS = {
  perMinute: "/min",
  percent: "%",
  mmHg: "mm[Hg]",
  celsius: "Cel",
  score: "{ScoreOf}",
  litresPerMinute: "L/min",
  milligram: "mg",
  gram: "g",
} as const;

/** Encounter.priority (v3 ActPriority): emergency vs elective admission method (SHMI case-mix variable). */
export const ADMISSION_PRIORITY = { emergency: "EM", elective: "EL" } as const;

/** Encounter.hospitalization.admitSource (FHIR R4 admit-source). */
export const ADMIT_SOURCE = {
  emergencyDepartment: "emd",
  gpReferral: "gp",
  otherHospital: "hosp-trans",
  nursingHome: "nursing",
  outpatients: "outp",
} as const;

/** Elective admissions arrive from outpatients/waiting lists; every other source is non-elective. */
export const ELECTIVE_ADMIT_SOURCES = ["outp"] as const;

/** Encounter.hospitalization.dischargeDisposition (FHIR R4 discharge-disposition); `exp` = died. */
export const DISCHARGE_DISPOSITION = {
  home: "home",
  otherCareFacility: "other-hcf",
  rehabilitation: "rehab",
  skilledNursing: "snf",
  longTermCare: "long",
  died: "exp",
} as const;

/** Location.physicalType of a ward. */
export const WARD_PHYSICAL_TYPE = "wa";

export const CONDITION_CLINICAL_STATUS = { active: "active", resolved: "resolved" } as const;
export const CONDITION_VERIFICATION_STATUS = { confirmed: "confirmed", provisional: "provisional" } as const;
export const CONDITION_CATEGORY = {
  encounterDiagnosis: "encounter-diagnosis",
  problemListItem: "problem-list-item",
} as const;
/** Encounter.diagnosis.use: admission diagnosis (primary, rank 1), discharge diagnosis, comorbidity. */
export const DIAGNOSIS_ROLE = { admission: "AD", discharge: "DD", comorbidity: "CM" } as const;

/** How a documented NEWS2 total was produced ({@link ADDITIONAL_SYSTEM}.vigilScoreMethod). */
export const NEWS2_SCORE_METHOD = { handEntered: "hand-entered", calculated: "calculated" } as const;

/**
 * How a documented NEWS2 total was produced, from `Observation.method` (indicator D2 counts hand-entered
 * totals only: a total the observations system calculated cannot be mis-added). No national code exists, so
 * the defaults are Vigil's own ({@link ADDITIONAL_SYSTEM}.vigilScoreMethod, what the sandbox writes).
 */
export const NEWS2_METHOD_CODES = {
  handEntered: [{ system: ADDITIONAL_SYSTEM.vigilScoreMethod, code: NEWS2_SCORE_METHOD.handEntered }],
  calculated: [{ system: ADDITIONAL_SYSTEM.vigilScoreMethod, code: NEWS2_SCORE_METHOD.calculated }],
} as const;

/** Hours after admission within which a pressure ulcer counts as present on admission (local rule, INDICATORS.md §6). */
export const PRESENT_ON_ADMISSION_WINDOW_HOURS = 72;

/** Pressure ulcer ICD-10 by category (L89.0–L89.3 = categories 1–4). */
export const PRESSURE_ULCER_ICD10_BY_CATEGORY = { 1: "L89.0", 2: "L89.1", 3: "L89.2", 4: "L89.3" } as const;

/** Suspected or confirmed sepsis (NICE NG51; indicator D7). */
export const SEPSIS_SNOMED = "91302008";
export const SEPSIS_ICD10 = "A41.9";

/** Routes of administration (SNOMED CT); D7 counts intravenous doses. */
export const ROUTE_SNOMED = { intravenous: "47625008", oral: "26643006" } as const;

/**
 * Charlson comorbidity groups with the Quan et al. 2005 ICD-10 coding algorithm (Med Care 2005;43:1130–9) and the
 * original Charlson 1987 weights. Prefixes are ICD-10 codes or categories; compare with dots removed on both sides
 * ("I25.2" matches "I252" and "I25.2"). Hierarchy when both are present: complicated diabetes replaces
 * uncomplicated, moderate/severe liver disease replaces mild, metastatic tumour replaces any malignancy.
 */
export const CHARLSON_QUAN_ICD10 = {
  myocardialInfarction: { weight: 1, icd10Prefixes: ["I21", "I22", "I25.2"] },
  congestiveHeartFailure: {
    weight: 1,
    icd10Prefixes: [
      "I09.9",
      "I11.0",
      "I13.0",
      "I13.2",
      "I25.5",
      "I42.0",
      "I42.5",
      "I42.6",
      "I42.7",
      "I42.8",
      "I42.9",
      "I43",
      "I50",
      "P29.0",
    ],
  },
  peripheralVascularDisease: {
    weight: 1,
    icd10Prefixes: [
      "I70",
      "I71",
      "I73.1",
      "I73.8",
      "I73.9",
      "I77.1",
      "I79.0",
      "I79.2",
      "K55.1",
      "K55.8",
      "K55.9",
      "Z95.8",
      "Z95.9",
    ],
  },
  cerebrovascularDisease: {
    weight: 1,
    icd10Prefixes: [
      "G45",
      "G46",
      "H34.0",
      "I60",
      "I61",
      "I62",
      "I63",
      "I64",
      "I65",
      "I66",
      "I67",
      "I68",
      "I69",
    ],
  },
  dementia: { weight: 1, icd10Prefixes: ["F00", "F01", "F02", "F03", "F05.1", "G30", "G31.1"] },
  chronicPulmonaryDisease: {
    weight: 1,
    icd10Prefixes: [
      "I27.8",
      "I27.9",
      "J40",
      "J41",
      "J42",
      "J43",
      "J44",
      "J45",
      "J46",
      "J47",
      "J60",
      "J61",
      "J62",
      "J63",
      "J64",
      "J65",
      "J66",
      "J67",
      "J68.4",
      "J70.1",
      "J70.3",
    ],
  },
  rheumaticDisease: {
    weight: 1,
    icd10Prefixes: ["M05", "M06", "M31.5", "M32", "M33", "M34", "M35.1", "M35.3", "M36.0"],
  },
  pepticUlcerDisease: { weight: 1, icd10Prefixes: ["K25", "K26", "K27", "K28"] },
  mildLiverDisease: {
    weight: 1,
    icd10Prefixes: [
      "B18",
      "K70.0",
      "K70.1",
      "K70.2",
      "K70.3",
      "K70.9",
      "K71.3",
      "K71.4",
      "K71.5",
      "K71.7",
      "K73",
      "K74",
      "K76.0",
      "K76.2",
      "K76.3",
      "K76.4",
      "K76.8",
      "K76.9",
      "Z94.4",
    ],
  },
  diabetesWithoutComplication: {
    weight: 1,
    icd10Prefixes: [
      "E10.0",
      "E10.1",
      "E10.6",
      "E10.8",
      "E10.9",
      "E11.0",
      "E11.1",
      "E11.6",
      "E11.8",
      "E11.9",
      "E12.0",
      "E12.1",
      "E12.6",
      "E12.8",
      "E12.9",
      "E13.0",
      "E13.1",
      "E13.6",
      "E13.8",
      "E13.9",
      "E14.0",
      "E14.1",
      "E14.6",
      "E14.8",
      "E14.9",
    ],
  },
  diabetesWithComplication: {
    weight: 2,
    icd10Prefixes: [
      "E10.2",
      "E10.3",
      "E10.4",
      "E10.5",
      "E10.7",
      "E11.2",
      "E11.3",
      "E11.4",
      "E11.5",
      "E11.7",
      "E12.2",
      "E12.3",
      "E12.4",
      "E12.5",
      "E12.7",
      "E13.2",
      "E13.3",
      "E13.4",
      "E13.5",
      "E13.7",
      "E14.2",
      "E14.3",
      "E14.4",
      "E14.5",
      "E14.7",
    ],
  },
  hemiplegiaOrParaplegia: {
    weight: 2,
    icd10Prefixes: [
      "G04.1",
      "G11.4",
      "G80.1",
      "G80.2",
      "G81",
      "G82",
      "G83.0",
      "G83.1",
      "G83.2",
      "G83.3",
      "G83.4",
      "G83.9",
    ],
  },
  renalDisease: {
    weight: 2,
    icd10Prefixes: [
      "I12.0",
      "I13.1",
      "N03.2",
      "N03.3",
      "N03.4",
      "N03.5",
      "N03.6",
      "N03.7",
      "N05.2",
      "N05.3",
      "N05.4",
      "N05.5",
      "N05.6",
      "N05.7",
      "N18",
      "N19",
      "N25.0",
      "Z49.0",
      "Z49.1",
      "Z49.2",
      "Z94.0",
      "Z99.2",
    ],
  },
  malignancy: {
    weight: 2,
    icd10Prefixes: [
      "C00",
      "C01",
      "C02",
      "C03",
      "C04",
      "C05",
      "C06",
      "C07",
      "C08",
      "C09",
      "C10",
      "C11",
      "C12",
      "C13",
      "C14",
      "C15",
      "C16",
      "C17",
      "C18",
      "C19",
      "C20",
      "C21",
      "C22",
      "C23",
      "C24",
      "C25",
      "C26",
      "C30",
      "C31",
      "C32",
      "C33",
      "C34",
      "C37",
      "C38",
      "C39",
      "C40",
      "C41",
      "C43",
      "C45",
      "C46",
      "C47",
      "C48",
      "C49",
      "C50",
      "C51",
      "C52",
      "C53",
      "C54",
      "C55",
      "C56",
      "C57",
      "C58",
      "C60",
      "C61",
      "C62",
      "C63",
      "C64",
      "C65",
      "C66",
      "C67",
      "C68",
      "C69",
      "C70",
      "C71",
      "C72",
      "C73",
      "C74",
      "C75",
      "C76",
      "C81",
      "C82",
      "C83",
      "C84",
      "C85",
      "C88",
      "C90",
      "C91",
      "C92",
      "C93",
      "C94",
      "C95",
      "C96",
      "C97",
    ],
  },
  moderateOrSevereLiverDisease: {
    weight: 3,
    icd10Prefixes: [
      "I85.0",
      "I85.9",
      "I86.4",
      "I98.2",
      "K70.4",
      "K71.1",
      "K72.1",
      "K72.9",
      "K76.5",
      "K76.6",
      "K76.7",
    ],
  },
  metastaticSolidTumour: { weight: 6, icd10Prefixes: ["C77", "C78", "C79", "C80"] },
  hivAids: { weight: 6, icd10Prefixes: ["B20", "B21", "B22", "B24"] },
} as const;

export type CharlsonGroup = keyof typeof CHARLSON_QUAN_ICD10;

/** A condition as the sandbox codes it: SNOMED CT for the clinical record, ICD-10 for the coded spell (SHMI). */
export interface DualCodedCondition {
  readonly snomed: string;
  readonly icd10: string;
  readonly display: string;
}

/**
 * Comorbidities the sandbox records, one representative code per Charlson group (ICD-10 inside that group's
 * Quan 2005 list).
 */
export const COMORBIDITY_CODES: Readonly<Record<CharlsonGroup, DualCodedCondition>> = {
  myocardialInfarction: { snomed: "22298006", icd10: "I25.2", display: "Myocardial infarction (old)" },
  congestiveHeartFailure: { snomed: "42343007", icd10: "I50.0", display: "Congestive heart failure" },
  peripheralVascularDisease: { snomed: "400047006", icd10: "I73.9", display: "Peripheral vascular disease" },
  cerebrovascularDisease: { snomed: "266257000", icd10: "G45.9", display: "Transient ischaemic attack" },
  dementia: { snomed: "52448006", icd10: "F03", display: "Dementia" },
  chronicPulmonaryDisease: {
    snomed: "13645005",
    icd10: "J44.9",
    display: "Chronic obstructive pulmonary disease",
  },
  rheumaticDisease: { snomed: "69896004", icd10: "M06.9", display: "Rheumatoid arthritis" },
  pepticUlcerDisease: { snomed: "13200003", icd10: "K27.9", display: "Peptic ulcer" },
  mildLiverDisease: { snomed: "19943007", icd10: "K74.6", display: "Cirrhosis of liver" },
  diabetesWithoutComplication: { snomed: "44054006", icd10: "E11.9", display: "Type 2 diabetes mellitus" },
  diabetesWithComplication: {
    snomed: "420279001",
    icd10: "E11.2",
    display: "Renal disorder due to type 2 diabetes mellitus",
  },
  hemiplegiaOrParaplegia: { snomed: "50582007", icd10: "G81.9", display: "Hemiplegia" },
  renalDisease: { snomed: "709044004", icd10: "N18.9", display: "Chronic kidney disease" },
  malignancy: { snomed: "363358000", icd10: "C34.9", display: "Malignant tumour of lung" },
  moderateOrSevereLiverDisease: { snomed: "28670008", icd10: "I85.9", display: "Oesophageal varices" },
  metastaticSolidTumour: {
    snomed: "94381002",
    icd10: "C78.7",
    display: "Secondary malignant neoplasm of liver",
  },
  hivAids: { snomed: "86406008", icd10: "B24", display: "Human immunodeficiency virus infection" },
};

/**
 * Primary (admission) diagnoses of the sandbox's acute take that are not pneumonia. Pneumonia uses
 * {@link PNEUMONIA_SNOMED} with an ICD-10 code in J12–J18.
 */
export const ADMISSION_DIAGNOSIS_CODES = {
  copdExacerbation: { snomed: "195951007", icd10: "J44.1", display: "Acute exacerbation of COPD" },
  lowerRespiratoryTractInfection: {
    snomed: "50417007",
    icd10: "J22",
    display: "Lower respiratory tract infection",
  },
  urinaryTractInfection: { snomed: "68566005", icd10: "N39.0", display: "Urinary tract infection" },
  sepsis: { snomed: "91302008", icd10: "A41.9", display: "Sepsis" },
  heartFailure: { snomed: "84114007", icd10: "I50.9", display: "Heart failure" },
  chestPain: { snomed: "29857009", icd10: "R07.4", display: "Chest pain" },
  nstemi: { snomed: "401314000", icd10: "I21.4", display: "Acute non-ST elevation myocardial infarction" },
  stroke: { snomed: "230690007", icd10: "I63.9", display: "Cerebrovascular accident" },
  syncope: { snomed: "271594007", icd10: "R55", display: "Syncope" },
  gastrointestinalBleed: { snomed: "74474003", icd10: "K92.2", display: "Gastrointestinal haemorrhage" },
  cellulitis: { snomed: "128045006", icd10: "L03.9", display: "Cellulitis" },
  acuteKidneyInjury: { snomed: "14669001", icd10: "N17.9", display: "Acute kidney injury" },
  delirium: { snomed: "2776000", icd10: "F05.9", display: "Delirium" },
  gallstones: { snomed: "235919008", icd10: "K80.2", display: "Cholelithiasis" },
  inguinalHernia: { snomed: "396232000", icd10: "K40.9", display: "Inguinal hernia" },
  colonCancer: { snomed: "363406005", icd10: "C18.9", display: "Malignant tumour of colon" },
} as const satisfies Readonly<Record<string, DualCodedCondition>>;

/** ICD-10 codes the sandbox pairs with {@link PNEUMONIA_SNOMED} members (all inside J12–J18). */
export const PNEUMONIA_ICD10 = ["J12.9", "J13", "J14", "J15.9", "J18.0", "J18.1", "J18.8", "J18.9"] as const;
