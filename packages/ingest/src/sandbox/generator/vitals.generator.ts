import type { CoursePlan } from "./course.planner.js";
import { wardAt } from "./course.planner.js";
import type { News2Entry, Ward } from "./hospital.generator.js";
import { news2Score, type News2Result, type News2Subscores } from "@vigil/spc";
import type { PatientProfile } from "./patient.generator.js";
import { airSpo2, deviationAt, type MeasuredVitals, measure } from "./physiology.js";
import type { Prng } from "./prng.js";
import { HOUR, isNight, MINUTE, toMinute } from "./time.js";

/** The seven NEWS2 items as charted; blood pressure is one reading (a panel) but scores on systolic only. */
export type VitalItem =
  "respiratoryRate" | "spo2" | "airOrOxygen" | "bloodPressure" | "pulse" | "consciousness" | "temperature";

export interface SetVitals extends MeasuredVitals {
  /** Saturation as measured, on whatever oxygen the patient is receiving. */
  readonly spo2: number;
  readonly onOxygen: boolean;
  /** Oxygen flow in L/min when on oxygen. */
  readonly oxygenFlow: number | undefined;
}

export interface DocumentedTotal {
  readonly total: number;
  readonly subScores: News2Subscores;
  readonly method: News2Entry;
  /** A deliberate transcription error (sub-score or addition), for indicator D2. */
  readonly erroneous: boolean;
}

export interface ObservationSetRecord {
  /** Position in the admission's sets: names the resource ids. */
  readonly index: number;
  readonly at: number;
  /** When the readings were entered into the record (late entry is common on paper-first wards). */
  readonly issuedAt: number;
  readonly ward: Ward;
  readonly nurseId: string;
  readonly vitals: SetVitals;
  readonly missing: readonly VitalItem[];
  readonly scale: 1 | 2;
  /** The true NEWS2 of a complete set (scored with @vigil/spc, as the ingest side rescores it). */
  readonly score: News2Result | undefined;
  /** The total the nurse acted on: the documented total, or the partial sum of an incomplete set. */
  readonly seenTotal: number;
  readonly seenRed: boolean;
  readonly documented: DocumentedTotal | undefined;
  /** Critical care monitors continuously and does not use NEWS2. */
  readonly criticalCare: boolean;
}

/**
 * How often charting falls short. Late sets are much commoner for hourly observations (a busy ward cannot keep
 * up with one patient's hourly obs) and at night; the QI intervention also improves hourly-obs compliance a
 * little. Incomplete sets usually miss temperature or consciousness. Hand-entered totals are wrong about one
 * time in twelve (published audits of paper NEWS find 5–20%).
 */
export const CHARTING = {
  lateProbability: { hourly: 0.3, fourToSixHourly: 0.11, twelveHourly: 0.08 },
  hourlyLateAfterIntervention: 0.72,
  nightFactor: 1.5,
  incompleteProbability: 0.045,
  handEntryErrorProbability: 0.085,
} as const;

const MISSING_WEIGHTS: Readonly<Record<VitalItem, number>> = {
  temperature: 30,
  consciousness: 20,
  spo2: 14,
  bloodPressure: 12,
  respiratoryRate: 14,
  airOrOxygen: 10,
  pulse: 0,
};

/**
 * The longest interval RCP Chart 4 allows before the next set, in hours: 12 at total 0, 4–6 at 1–4 (the ward's
 * policy picks 4 or 6), 1 for a red score or 5–6, and "continuous" at ≥7, charted here every 30 minutes.
 */
export function maximumIntervalHours(total: number, redScore: boolean, lowScoreIntervalHours: 4 | 6): number {
  if (total >= 7) return 0.5;
  if (total >= 5 || redScore) return 1;
  if (total >= 1) return lowScoreIntervalHours;
  return 12;
}

function oxygenFlowFor(boost: number, prng: Prng): number {
  if (boost <= 3) return prng.pick([1, 2]);
  if (boost <= 6) return prng.pick([2, 3, 4]);
  if (boost <= 10) return prng.pick([5, 6, 8, 10]);
  return 15;
}

function subScoresPresent(score: News2Result, missing: readonly VitalItem[]): number[] {
  const s = score.subscores;
  const present: [VitalItem, number][] = [
    ["respiratoryRate", s.respiratoryRate],
    ["spo2", s.spo2],
    ["airOrOxygen", s.airOrOxygen],
    ["bloodPressure", s.systolicBP],
    ["pulse", s.pulse],
    ["consciousness", s.consciousness],
    ["temperature", s.temperature],
  ];
  return present.filter(([item]) => !missing.includes(item)).map(([, value]) => value);
}

/** A hand-entered total, with the deliberate error rate of transcription and mental arithmetic. */
function handEnteredTotal(score: News2Result, prng: Prng): DocumentedTotal {
  if (!prng.chance(CHARTING.handEntryErrorProbability)) {
    return { total: score.total, subScores: score.subscores, method: "hand-entered", erroneous: false };
  }
  if (prng.chance(0.6)) {
    // A band misread: one physiological sub-score off by one, and the total follows it.
    const key = prng.pick(["respiratoryRate", "spo2", "systolicBP", "pulse", "temperature"] as const);
    const old = score.subscores[key];
    const changed = old === 0 ? 1 : old === 3 ? 2 : prng.chance(0.5) ? old + 1 : old - 1;
    const subScores = { ...score.subscores, [key]: changed };
    return { total: score.total - old + changed, subScores, method: "hand-entered", erroneous: true };
  }
  // An addition slip: sub-scores right, total off by one (occasionally two).
  const delta = (prng.chance(0.5) ? 1 : -1) * (prng.chance(0.85) ? 1 : 2);
  let total = score.total + delta;
  if (total < 0 || total > 20) total = score.total - delta;
  return { total, subScores: score.subscores, method: "hand-entered", erroneous: true };
}

/**
 * Simulates a stay's observation sets: each set's NEWS2 (as the nurse saw it) sets the maximum interval to the
 * next (RCP Chart 4), charting lapses stretch some intervals, a transfer prompts a set on arrival, and
 * observations stop at discharge, death or a recorded end-of-life decision.
 */
export function generateObservationSets(
  patient: PatientProfile,
  plan: CoursePlan,
  interventionAt: number,
  prng: Prng,
): ObservationSetRecord[] {
  const sets: ObservationSetRecord[] = [];
  const stopAt = Math.min(plan.endAt, plan.endOfLifeAt ?? Infinity);
  // BTS targets: 88–92% for hypercapnic patients (and, pending blood gases, others with COPD), else 94–98%.
  const copd =
    patient.comorbidities.includes("chronicPulmonaryDisease") || patient.diagnosis.key === "copdExacerbation";
  const targetLow = patient.hypercapnic ? 88 : copd ? 92 : 94;
  const targetMid = patient.hypercapnic ? 90 : copd ? 93 : 96;
  let onOxygen = false;
  let at = toMinute(plan.admittedAt + prng.uniform(5, 35) * MINUTE);

  while (at < stopAt) {
    const stay = wardAt(plan, at);
    const ward = stay.ward;
    const criticalCare = ward.kind === "critical-care";
    const deviation = deviationAt(patient, plan, at);
    const measured = measure(patient, deviation, prng);
    const trueAir = airSpo2(patient, deviation);
    // Oxygen is prescribed below the target range and weaned once saturation on air recovers.
    if (!onOxygen && trueAir < targetLow) onOxygen = true;
    else if (onOxygen && trueAir >= targetLow + 2) onOxygen = false;
    let spo2 = measured.airSpo2;
    let oxygenFlow: number | undefined;
    if (onOxygen) {
      const overOxygenated = patient.hypercapnic && prng.chance(0.15) ? 4 : 0;
      const boost = Math.min(14, Math.max(1, targetMid - trueAir + overOxygenated));
      spo2 = Math.min(100, Math.round(measured.airSpo2 + boost + prng.normal(0, 0.8)));
      oxygenFlow = oxygenFlowFor(boost, prng);
    }
    const vitals: SetVitals = { ...measured, spo2, onOxygen, oxygenFlow };
    const scale: 1 | 2 =
      patient.hypercapnic && plan.scale2DecisionAt !== undefined && at >= plan.scale2DecisionAt ? 2 : 1;

    const night = isNight(at);
    const missing: VitalItem[] = [];
    if (
      !criticalCare &&
      prng.chance(CHARTING.incompleteProbability * ward.chartingFactor * (night ? 1.3 : 1))
    ) {
      missing.push(prng.weighted(MISSING_WEIGHTS));
      if (prng.chance(0.12)) {
        const second = prng.weighted(MISSING_WEIGHTS);
        if (!missing.includes(second)) missing.push(second);
      }
    }
    const score = news2Score({ ...vitals, spo2Scale: scale });
    const complete = missing.length === 0;
    let documented: DocumentedTotal | undefined;
    if (complete && !criticalCare) {
      documented =
        ward.news2Entry === "hand-entered"
          ? handEnteredTotal(score, prng)
          : { total: score.total, subScores: score.subscores, method: "calculated", erroneous: false };
    }
    const present = subScoresPresent(score, missing);
    const seenTotal = documented?.total ?? present.reduce((sum, value) => sum + value, 0);
    const seenRed =
      documented !== undefined
        ? [
            documented.subScores.respiratoryRate,
            documented.subScores.spo2,
            documented.subScores.systolicBP,
            documented.subScores.pulse,
            documented.subScores.consciousness,
            documented.subScores.temperature,
          ].some((value) => value === 3)
        : score.redScore && present.includes(3);
    const entryDelay = ward.news2Entry === "hand-entered" ? prng.uniform(2, 40) : prng.uniform(0, 6);
    sets.push({
      index: sets.length,
      at,
      issuedAt: toMinute(at + entryDelay * MINUTE),
      ward,
      nurseId: prng.pick(ward.nurseIds),
      vitals,
      missing,
      scale,
      score: complete ? score : undefined,
      seenTotal,
      seenRed,
      documented,
      criticalCare,
    });

    // Next set: the maximum interval for what was seen, usually done a little early, sometimes late (by at most
    // a couple of missed rounds: longer gaps in a stable inpatient's chart are rare enough to leave out).
    const intervalHours = criticalCare
      ? 1
      : maximumIntervalHours(seenTotal, seenRed, ward.lowScoreIntervalHours);
    const interval = intervalHours * HOUR;
    const due = at + interval;
    const band = intervalHours <= 1 ? "hourly" : intervalHours <= 6 ? "fourToSixHourly" : "twelveHourly";
    let lateProbability = criticalCare ? 0.03 : CHARTING.lateProbability[band] * ward.chartingFactor;
    if (band === "hourly" && at >= interventionAt) lateProbability *= CHARTING.hourlyLateAfterIntervention;
    if (isNight(due)) lateProbability *= CHARTING.nightFactor;
    let next = prng.chance(lateProbability)
      ? due + 10 * MINUTE + Math.min(2.5 * interval, prng.exponential(Math.max(20 * MINUTE, 0.45 * interval)))
      : at + interval * prng.uniform(band === "hourly" ? 0.8 : 0.7, 1);
    // A transfer prompts a set on arrival at the new ward.
    const arrival = plan.stays.find((candidate) => candidate.start > at && candidate.start < next);
    if (arrival !== undefined) next = Math.min(next, arrival.start + prng.uniform(10, 45) * MINUTE);
    at = toMinute(Math.max(next, at + 5 * MINUTE));
  }
  return sets;
}

/** A spell of supplemental oxygen: from the first set charted on oxygen until it was weaned or the stay ended. */
export interface OxygenEpisode {
  readonly index: number;
  readonly start: number;
  readonly end: number;
  /** Highest flow charted during the episode, in L/min: chooses the delivery device. */
  readonly maxFlow: number;
}

/**
 * The oxygen episodes of an admission's sets (in time order). Oxygen is weaned between two charted rounds, so an
 * episode ends half way between its last set on oxygen and the next set on air — never on a set's own time, so
 * every set lies clearly inside or outside — or at `endAt` when the patient leaves on oxygen.
 */
export function oxygenEpisodes(sets: readonly ObservationSetRecord[], endAt: number): OxygenEpisode[] {
  const episodes: OxygenEpisode[] = [];
  let start: number | undefined;
  let last = 0;
  let maxFlow = 0;
  for (const set of sets) {
    if (set.vitals.onOxygen) {
      start ??= set.at;
      last = set.at;
      maxFlow = Math.max(maxFlow, set.vitals.oxygenFlow ?? 0);
    } else if (start !== undefined) {
      episodes.push({ index: episodes.length, start, end: toMinute(last + (set.at - last) / 2), maxFlow });
      start = undefined;
      maxFlow = 0;
    }
  }
  if (start !== undefined)
    episodes.push({ index: episodes.length, start, end: Math.max(endAt, last), maxFlow });
  return episodes;
}
