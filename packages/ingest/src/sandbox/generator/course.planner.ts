import { DISCHARGE_DISPOSITION, PRESENT_ON_ADMISSION_WINDOW_HOURS } from "../../terminology/default-codes.js";
import {
  inHospitalDeathProbability,
  type MortalityCase,
  type PatternName,
  postDischargeDeathProbability,
  type WardKind,
} from "./case-mix.js";
import type { WardCensus } from "./census.js";
import type { Hospital, Ward } from "./hospital.generator.js";
import type { PatientProfile } from "./patient.generator.js";
import type { Prng } from "./prng.js";
import { DAY, HOUR, hourOfDay, MINUTE, startOfDay, toMinute } from "./time.js";

/** A deterioration: severity rises to a peak, then resolves (or, if terminal, rises until death). */
export interface Episode {
  readonly onset: number;
  readonly peakAt: number;
  readonly peak: number;
  readonly resolvedAt: number;
  readonly pattern: PatternName;
  readonly terminal: boolean;
}

export interface WardStay {
  readonly ward: Ward;
  readonly start: number;
  readonly end: number;
}

export type DischargeDisposition = (typeof DISCHARGE_DISPOSITION)[keyof typeof DISCHARGE_DISPOSITION];

export interface PressureUlcerPlan {
  readonly category: 1 | 2 | 3 | 4;
  /** Best estimate of when the damage began (before admission when present on admission). */
  readonly onset: number;
  /** When a nurse found and recorded it. */
  readonly foundAt: number;
  readonly presentOnAdmission: boolean;
  readonly site: string;
}

export interface CoursePlan {
  readonly admittedAt: number;
  /** Admission clerking: diagnoses recorded, Encounter.diagnosis filled in. */
  readonly clerkedAt: number;
  /** Discharge or death. */
  readonly endAt: number;
  readonly diedInHospital: boolean;
  readonly dischargeDisposition: DischargeDisposition;
  /** Death after a live discharge (Patient.deceasedDateTime), if within the simulated future. */
  readonly diedAfterDischargeAt: number | undefined;
  readonly acuteSeverity: number;
  readonly acuteDecayHours: number;
  readonly episodes: readonly Episode[];
  readonly icuStays: readonly { readonly from: number; readonly to: number }[];
  readonly stays: readonly WardStay[];
  /** Observations stop: a recorded end-of-life decision. */
  readonly endOfLifeAt: number | undefined;
  /** Documented Scale 2 decision, for hypercapnic patients. */
  readonly scale2DecisionAt: number | undefined;
  readonly pressureUlcers: readonly PressureUlcerPlan[];
  readonly consultantId: string;
}

/** Where patients of each diagnosis go after the acute medical unit, and where they overflow to. */
const WARD_FALLBACKS: Readonly<Record<WardKind, readonly WardKind[]>> = {
  "acute-medical-unit": ["general-medicine", "elderly-care"],
  respiratory: ["general-medicine", "elderly-care"],
  cardiology: ["general-medicine", "elderly-care"],
  "elderly-care": ["general-medicine", "respiratory"],
  "general-medicine": ["elderly-care", "respiratory", "cardiology"],
  surgical: ["general-medicine"],
  "critical-care": ["acute-medical-unit"],
};

const EPISODE_PATTERNS: Readonly<Record<PatternName, number>> = {
  sepsis: 3,
  respiratoryInfection: 3,
  cardiac: 2,
  bleed: 1,
  neuro: 1,
  renal: 1,
  copd: 0,
  chestPain: 0,
  postOperative: 0,
};

/** Pressure ulcer categories at discovery: category 1 is common and excluded from the cat 2+ indicator. */
const ULCER_CATEGORY_WEIGHTS = { 1: 38, 2: 46, 3: 11, 4: 5 } as const;
const ULCER_SITES = {
  Sacrum: 45,
  "Left heel": 16,
  "Right heel": 16,
  Buttock: 13,
  "Hip (trochanter)": 6,
  Ear: 4,
} as const;
/** Daily hazard of a new hospital-acquired ulcer (any category) for an average-risk patient after 72 hours. */
const ULCER_DAILY_HAZARD = 0.0011;

function clampTime(value: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, value));
}

/** Survivors go home in the late morning to evening; discharges at night are rare. */
function toDischargeHour(prng: Prng, at: number, notBefore: number): number {
  const hour = hourOfDay(at);
  let result = at;
  if (hour < 10) result = startOfDay(at) + prng.uniform(10, 13) * HOUR;
  else if (hour >= 20) result = startOfDay(at) + DAY + prng.uniform(10, 13) * HOUR;
  return toMinute(Math.max(result, notBefore));
}

function specialtyWard(patient: PatientProfile): WardKind {
  if (patient.diagnosis.ward === "surgical") return "surgical";
  // Frail older patients go to elderly care whatever brought them in.
  if (patient.age >= 82 && patient.diagnosis.ward !== "cardiology") return "elderly-care";
  return patient.diagnosis.ward;
}

export function planCourse(
  patient: PatientProfile,
  admittedAt: number,
  hospital: Hospital,
  census: WardCensus,
  prng: Prng,
): CoursePlan {
  const dx = patient.diagnosis;
  const mortalityCase: MortalityCase = {
    diagnosis: dx,
    age: patient.age,
    sex: patient.sex,
    emergency: patient.admissionType === "emergency",
    charlson: patient.charlson,
  };
  const dies = prng.chance(inHospitalDeathProbability(mortalityCase));
  const frailty = patient.age >= 85 ? 1.35 : patient.age >= 75 ? 1.15 : 1;
  let los = prng.logNormal(dx.losMedianDays * frailty, dx.losSigma) * DAY;
  los = clampTime(los, 4 * HOUR, 75 * DAY);
  const clerkedAt = toMinute(admittedAt + prng.uniform(30, 240) * MINUTE);

  const acuteSeverity = Math.max(0.02, dx.severityMean * prng.logNormal(1, 0.45));
  const episodes: Episode[] = [];
  const icuStays: { from: number; to: number }[] = [];
  let endAt: number;

  if (dies) {
    // Deaths cluster in the first days but some come after weeks; the stay ends with a terminal deterioration.
    const deathAt = toMinute(admittedAt + clampTime(los * prng.uniform(0.6, 1.1), 3 * HOUR, 75 * DAY));
    const onset = Math.max(admittedAt + HOUR, deathAt - prng.uniform(6, 48) * HOUR);
    episodes.push({
      onset,
      peakAt: deathAt,
      peak: prng.uniform(1.7, 2.5),
      resolvedAt: deathAt,
      pattern: prng.weighted({ ...EPISODE_PATTERNS, [dx.pattern]: 5 }),
      terminal: true,
    });
    endAt = deathAt;
  } else {
    endAt = toDischargeHour(prng, admittedAt + los, admittedAt + 3 * HOUR);
  }

  // Deteriorations during the stay: more likely when sicker, older and staying longer.
  const stayDays = (endAt - admittedAt) / DAY;
  const episodeMean =
    (0.05 + 0.25 * acuteSeverity + (patient.age >= 80 ? 0.04 : 0)) * Math.min(3, 0.5 + stayDays / 6);
  const episodeCount = Math.min(3, prng.poisson(episodeMean));
  for (let i = 0; i < episodeCount; i += 1) {
    const windowStart = admittedAt + 6 * HOUR;
    const windowEnd = (dies ? (episodes[0]?.onset ?? endAt) : endAt) - 18 * HOUR;
    if (windowEnd <= windowStart) break;
    const onset = toMinute(prng.uniform(windowStart, windowEnd));
    const peakAt = onset + prng.uniform(2, 14) * HOUR;
    const peak = Math.min(1.9, prng.logNormal(0.72, 0.38));
    const resolvedAt = peakAt + prng.uniform(8, 48) * HOUR;
    episodes.push({
      onset,
      peakAt,
      peak,
      resolvedAt,
      pattern: prng.weighted({ ...EPISODE_PATTERNS, [dx.pattern]: 4 }),
      terminal: false,
    });
    // The sickest go to critical care near the peak, stay one to four days, then step down to a ward.
    if (peak >= 1.1 && prng.chance(0.45)) {
      const from = toMinute(peakAt - prng.uniform(0.5, 2.5) * HOUR);
      const to = toMinute(from + prng.uniform(1, 4) * DAY);
      icuStays.push({ from, to });
      if (!dies && to + 18 * HOUR > endAt)
        endAt = toDischargeHour(prng, to + prng.uniform(1, 3) * DAY, to + HOUR);
    }
  }
  episodes.sort((a, b) => a.onset - b.onset);
  icuStays.sort((a, b) => a.from - b.from);
  // Overlapping critical-care stays merge into one.
  const mergedIcu: { from: number; to: number }[] = [];
  for (const stay of icuStays) {
    const last = mergedIcu[mergedIcu.length - 1];
    if (last !== undefined && stay.from <= last.to) last.to = Math.max(last.to, stay.to);
    else mergedIcu.push({ ...stay });
  }
  if (dies) {
    const last = mergedIcu[mergedIcu.length - 1];
    if (last !== undefined && last.to > endAt) last.to = endAt;
  }
  const validIcu = mergedIcu.filter(
    (stay) => stay.to > stay.from && stay.from > admittedAt && stay.from < endAt,
  );

  const stays = planWardStays(patient, admittedAt, endAt, validIcu, census, prng);

  let endOfLifeAt: number | undefined;
  const terminal = episodes.find((episode) => episode.terminal);
  if (terminal !== undefined && prng.chance(0.55)) {
    const candidate = toMinute(terminal.onset + (endAt - terminal.onset) * prng.uniform(0.2, 0.6));
    if (candidate > admittedAt + 2 * HOUR && candidate < endAt - HOUR) endOfLifeAt = candidate;
  }

  const scale2DecisionAt = patient.hypercapnic
    ? toMinute(admittedAt + prng.uniform(1, 10) * HOUR)
    : undefined;

  let dischargeDisposition: DischargeDisposition;
  if (dies) dischargeDisposition = DISCHARGE_DISPOSITION.died;
  else if (patient.careHomeResident) dischargeDisposition = DISCHARGE_DISPOSITION.skilledNursing;
  else {
    dischargeDisposition = prng.weighted({
      [DISCHARGE_DISPOSITION.home]: patient.age >= 80 ? 74 : 92,
      [DISCHARGE_DISPOSITION.otherCareFacility]: patient.age >= 80 ? 8 : 3,
      [DISCHARGE_DISPOSITION.rehabilitation]: patient.age >= 80 ? 7 : 3,
      [DISCHARGE_DISPOSITION.skilledNursing]: patient.age >= 80 ? 8 : 1,
      [DISCHARGE_DISPOSITION.longTermCare]: patient.age >= 80 ? 3 : 1,
    } as Record<DischargeDisposition, number>);
  }

  let diedAfterDischargeAt: number | undefined;
  if (!dies) {
    if (prng.chance(postDischargeDeathProbability(mortalityCase))) {
      diedAfterDischargeAt = toMinute(endAt + Math.min(30 * DAY, prng.exponential(9 * DAY) + 6 * HOUR));
    } else if (prng.chance(patient.age >= 80 ? 0.025 : 0.006)) {
      diedAfterDischargeAt = toMinute(endAt + prng.uniform(31, 120) * DAY);
    }
  }

  const pressureUlcers = planPressureUlcers(patient, admittedAt, endAt, validIcu, acuteSeverity, prng);
  const firstStay = stays.find(
    (stay) => stay.ward.kind !== "critical-care" && stay.ward.kind !== "acute-medical-unit",
  );
  const consultantWard = firstStay?.ward ?? stays[0]?.ward;
  const consultantId = prng.pick(consultantWard?.consultantIds ?? hospital.registrarIds);

  return {
    admittedAt,
    clerkedAt: Math.min(clerkedAt, endAt),
    endAt,
    diedInHospital: dies,
    dischargeDisposition,
    diedAfterDischargeAt,
    acuteSeverity,
    acuteDecayHours: Math.max(8, ((endAt - admittedAt) / HOUR) * 0.22),
    episodes,
    icuStays: validIcu,
    stays,
    endOfLifeAt,
    scale2DecisionAt:
      scale2DecisionAt !== undefined && scale2DecisionAt < endAt ? scale2DecisionAt : undefined,
    pressureUlcers,
    consultantId,
  };
}

/**
 * Emergency patients start on the acute medical unit and move to a specialty ward within a day or two unless
 * they go home first; electives go straight to the surgical ward; critical-care stays interrupt either.
 */
function planWardStays(
  patient: PatientProfile,
  admittedAt: number,
  endAt: number,
  icuStays: readonly { from: number; to: number }[],
  census: WardCensus,
  prng: Prng,
): WardStay[] {
  const target = specialtyWard(patient);
  const segments: { kind: WardKind; start: number; end: number }[] = [];
  if (patient.admissionType === "elective") {
    segments.push({ kind: "surgical", start: admittedAt, end: endAt });
  } else {
    const amuEnd = toMinute(admittedAt + prng.logNormal(20, 0.5) * HOUR);
    if (amuEnd >= endAt - 10 * HOUR) {
      segments.push({ kind: "acute-medical-unit", start: admittedAt, end: endAt });
    } else {
      segments.push({ kind: "acute-medical-unit", start: admittedAt, end: amuEnd });
      segments.push({ kind: target, start: amuEnd, end: endAt });
    }
  }
  // Overlay critical care: split whatever segment it interrupts and return to the specialty ward afterwards.
  for (const icu of icuStays) {
    const next: { kind: WardKind; start: number; end: number }[] = [];
    for (const segment of segments) {
      if (segment.end <= icu.from || segment.start >= icu.to) {
        next.push(segment);
        continue;
      }
      if (segment.start < icu.from) next.push({ kind: segment.kind, start: segment.start, end: icu.from });
      if (segment.end > icu.to) {
        const kind = segment.kind === "acute-medical-unit" ? target : segment.kind;
        next.push({ kind, start: icu.to, end: segment.end });
      }
    }
    next.push({ kind: "critical-care", start: icu.from, end: Math.min(icu.to, endAt) });
    next.sort((a, b) => a.start - b.start);
    segments.splice(0, segments.length, ...next);
  }
  const stays: WardStay[] = [];
  for (const segment of segments) {
    if (segment.end <= segment.start) continue;
    const previous = stays[stays.length - 1];
    const ward = census.choose(segment.kind, segment.start, WARD_FALLBACKS[segment.kind]);
    if (previous !== undefined && previous.ward.id === ward.id) {
      stays[stays.length - 1] = { ward, start: previous.start, end: segment.end };
    } else {
      stays.push({ ward, start: segment.start, end: segment.end });
    }
    census.book(ward, segment.start, segment.end);
  }
  return stays;
}

function planPressureUlcers(
  patient: PatientProfile,
  admittedAt: number,
  endAt: number,
  icuStays: readonly { from: number; to: number }[],
  acuteSeverity: number,
  prng: Prng,
): PressureUlcerPlan[] {
  const ulcers: PressureUlcerPlan[] = [];
  const immobile =
    patient.comorbidities.includes("hemiplegiaOrParaplegia") || patient.diagnosis.key === "stroke" ? 2 : 1;
  const cognitive = patient.comorbidities.includes("dementia") ? 1.4 : 1;
  const ageRisk = patient.age >= 85 ? 2.4 : patient.age >= 75 ? 1.6 : patient.age >= 65 ? 1 : 0.4;
  const category = (): 1 | 2 | 3 | 4 => Number(prng.weighted(ULCER_CATEGORY_WEIGHTS)) as 1 | 2 | 3 | 4;
  const site = (): string => prng.weighted(ULCER_SITES);

  // Present on admission: found at the admission skin check, damage done before arrival.
  const poaProbability = 0.004 * ageRisk * immobile * (patient.careHomeResident ? 3 : 1);
  if (prng.chance(poaProbability)) {
    const foundAt = toMinute(Math.min(endAt, admittedAt + prng.uniform(1, 20) * HOUR));
    ulcers.push({
      category: category(),
      onset: toMinute(admittedAt - prng.uniform(1, 10) * DAY),
      foundAt,
      presentOnAdmission: true,
      site: site(),
    });
  }

  // Hospital-acquired: a daily hazard from the end of the present-on-admission window.
  const windowEnd = admittedAt + PRESENT_ON_ADMISSION_WINDOW_HOURS * HOUR;
  const severityRisk = 1 + 1.5 * Math.min(1, acuteSeverity);
  for (let day = windowEnd; day < endAt; day += DAY) {
    const inIcu = icuStays.some((stay) => stay.from <= day && day < stay.to);
    const hazard = ULCER_DAILY_HAZARD * ageRisk * immobile * cognitive * severityRisk * (inIcu ? 2.5 : 1);
    const fraction = Math.min(1, (endAt - day) / DAY);
    if (prng.chance(hazard * fraction)) {
      // Found on a day-shift skin inspection.
      const dayStart = startOfDay(day + prng.uniform(0, fraction) * DAY);
      const foundAt = toMinute(clampTime(dayStart + prng.uniform(8, 20) * HOUR, windowEnd + HOUR, endAt));
      ulcers.push({
        category: category(),
        onset: toMinute(foundAt - prng.uniform(4, 36) * HOUR),
        foundAt,
        presentOnAdmission: false,
        site: site(),
      });
      break;
    }
  }
  return ulcers;
}

/** The ward the patient is on at `at` (the last stay for times at or after discharge). */
export function wardAt(plan: CoursePlan, at: number): WardStay {
  let current = plan.stays[0];
  for (const stay of plan.stays) {
    if (stay.start <= at) current = stay;
    else break;
  }
  if (current === undefined) throw new RangeError("a course without ward stays");
  return current;
}
