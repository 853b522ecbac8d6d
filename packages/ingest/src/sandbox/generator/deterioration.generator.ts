import type { AntibioticName } from "./case-mix.js";
import type { CoursePlan } from "./course.planner.js";
import type { Hospital } from "./hospital.generator.js";
import type { PatientProfile } from "./patient.generator.js";
import { activeEpisode } from "./physiology.js";
import type { Prng } from "./prng.js";
import { HOUR, MINUTE, toMinute } from "./time.js";
import type { ObservationSetRecord } from "./vitals.generator.js";

/**
 * The response to deterioration (RCP Chart 4; INDICATORS.md §3 D4–D7). A trigger is the first set at NEWS2 ≥5
 * after a set below 5 (urgent), the first set ≥7 in such a run (emergency), or a red score with a total ≤4. The
 * nurse escalates to the medical team (a Task), a doctor reviews (a Procedure), critical-care outreach reviews
 * emergencies (a Procedure), and suspected sepsis gets antibiotics. Delays are log-normal; the QI intervention
 * shortens them and makes escalation more reliable from its start date on, which is the special-cause shift
 * the SPC charts should find.
 */
export const RESPONSE = {
  before: {
    escalationProbability: 0.84,
    escalationMedianMinutes: 22,
    reviewProbability: 0.9,
    reviewMedianMinutes: 72,
    emergencyReviewProbability: 0.8,
    emergencyReviewMedianMinutes: 44,
    redEscalationProbability: 0.55,
    redEscalationMedianMinutes: 40,
  },
  after: {
    escalationProbability: 0.96,
    escalationMedianMinutes: 8,
    reviewProbability: 0.97,
    reviewMedianMinutes: 30,
    emergencyReviewProbability: 0.95,
    emergencyReviewMedianMinutes: 17,
    redEscalationProbability: 0.82,
    redEscalationMedianMinutes: 15,
  },
  /** Log-scale spread of every delay. */
  sigma: 0.65,
  /** Without an escalation a doctor sees the patient on the next ward round, if at all. */
  unescalatedReviewProbability: 0.55,
  unescalatedReviewMedianMinutes: 190,
  /** From the clinical review to the first antibiotic dose in suspected sepsis. */
  antibioticAfterReviewMedianMinutes: 24,
  /** First dose of admission antibiotics after arrival. */
  admissionAntibioticMedianMinutes: 150,
} as const;

export type TriggerKind = "urgent" | "emergency" | "red";

export interface Trigger {
  readonly kind: TriggerKind;
  readonly set: ObservationSetRecord;
}

export interface Escalation {
  readonly index: number;
  readonly trigger: Trigger;
  /** The nurse informed the medical team. */
  readonly at: number;
  readonly requesterId: string;
  readonly ownerId: string;
  /** When the team attended (the Task completes), if it did. */
  readonly reviewedAt: number | undefined;
  /** When an unanswered request was closed (the Task is cancelled), if it was not answered. */
  readonly cancelledAt: number | undefined;
}

export type ReviewKind = "clinical-review" | "emergency-review";

export interface Review {
  readonly index: number;
  readonly kind: ReviewKind;
  readonly trigger: Trigger;
  readonly at: number;
  readonly performerId: string;
}

export type Route = "intravenous" | "oral";

export interface AntibioticDose {
  readonly drug: AntibioticName;
  readonly route: Route;
  readonly at: number;
  readonly dose: { readonly value: number; readonly unit: "mg" | "g" };
}

export interface SepsisRecognition {
  readonly index: number;
  readonly trigger: Trigger;
  readonly recognisedAt: number;
  readonly antibiotics: readonly AntibioticDose[];
}

export interface DeteriorationResponse {
  readonly triggers: readonly Trigger[];
  readonly escalations: readonly Escalation[];
  readonly reviews: readonly Review[];
  readonly sepsis: readonly SepsisRecognition[];
  readonly admissionAntibiotics: readonly AntibioticDose[];
}

const DOSES: Readonly<Record<AntibioticName, { readonly value: number; readonly unit: "mg" | "g" }>> = {
  amoxicillin: { value: 1, unit: "g" },
  clarithromycin: { value: 500, unit: "mg" },
  ceftriaxone: { value: 2, unit: "g" },
  gentamicin: { value: 360, unit: "mg" },
};

/** Finds the trigger episodes in a stay's sets, from what the nurse saw. */
export function findTriggers(sets: readonly ObservationSetRecord[]): Trigger[] {
  const triggers: Trigger[] = [];
  let previous: ObservationSetRecord | undefined;
  let emergencyInRun = false;
  for (const set of sets) {
    if (set.criticalCare) {
      previous = undefined;
      emergencyInRun = false;
      continue;
    }
    const total = set.seenTotal;
    const previousTotal = previous?.seenTotal;
    if (total >= 5) {
      const newRun = previousTotal === undefined || previousTotal < 5;
      if (newRun) emergencyInRun = false;
      if (total >= 7 && !emergencyInRun) {
        triggers.push({ kind: "emergency", set });
        emergencyInRun = true;
      } else if (newRun) {
        triggers.push({ kind: "urgent", set });
      }
    } else {
      emergencyInRun = false;
      if (set.seenRed && !(previous?.seenRed ?? false)) triggers.push({ kind: "red", set });
    }
    previous = set;
  }
  return triggers;
}

function pickDoctor(hospital: Hospital, set: ObservationSetRecord, prng: Prng, senior: boolean): string {
  if (senior || set.ward.doctorIds.length === 0) return prng.pick(hospital.registrarIds);
  return prng.pick(set.ward.doctorIds);
}

export function generateResponse(
  patient: PatientProfile,
  plan: CoursePlan,
  sets: readonly ObservationSetRecord[],
  hospital: Hospital,
  interventionAt: number,
  prng: Prng,
): DeteriorationResponse {
  const triggers = findTriggers(sets);
  const escalations: Escalation[] = [];
  const reviews: Review[] = [];
  const sepsis: SepsisRecognition[] = [];
  const stopAt = Math.min(plan.endAt, plan.endOfLifeAt ?? Infinity);
  const delay = (median: number): number => prng.logNormal(median, RESPONSE.sigma) * MINUTE;

  for (const trigger of triggers) {
    const p = trigger.set.at >= interventionAt ? RESPONSE.after : RESPONSE.before;
    // Nothing can be recorded against a set before the set itself is in the record.
    const earliest = trigger.set.issuedAt + MINUTE;
    const emergency = trigger.kind === "emergency";
    const red = trigger.kind === "red";
    const escalated = prng.chance(red ? p.redEscalationProbability : p.escalationProbability);
    const escalatedAt = toMinute(
      Math.max(
        earliest,
        trigger.set.at + delay(red ? p.redEscalationMedianMinutes : p.escalationMedianMinutes),
      ),
    );
    let reviewAt: number | undefined;
    if (escalated) {
      if (!red || prng.chance(0.7)) {
        const median = red ? p.reviewMedianMinutes * 1.6 : p.reviewMedianMinutes;
        reviewAt = toMinute(Math.max(escalatedAt + 5 * MINUTE, trigger.set.at + delay(median)));
        if (!prng.chance(p.reviewProbability)) reviewAt = undefined;
      }
    } else if (!red && prng.chance(RESPONSE.unescalatedReviewProbability)) {
      reviewAt = toMinute(
        Math.max(earliest, trigger.set.at + delay(RESPONSE.unescalatedReviewMedianMinutes)),
      );
    }
    if (reviewAt !== undefined && reviewAt >= stopAt) reviewAt = undefined;
    const reviewerId = pickDoctor(hospital, trigger.set, prng, emergency);
    if (escalated && escalatedAt < stopAt) {
      escalations.push({
        index: escalations.length,
        trigger,
        at: escalatedAt,
        requesterId: trigger.set.nurseId,
        ownerId: reviewerId,
        reviewedAt: reviewAt,
        cancelledAt: reviewAt === undefined ? toMinute(Math.min(stopAt, escalatedAt + 12 * HOUR)) : undefined,
      });
    }
    if (reviewAt !== undefined) {
      reviews.push({
        index: reviews.length,
        kind: "clinical-review",
        trigger,
        at: reviewAt,
        performerId: reviewerId,
      });
    }
    if (emergency && prng.chance(p.emergencyReviewProbability)) {
      const at = toMinute(Math.max(earliest, trigger.set.at + delay(p.emergencyReviewMedianMinutes)));
      if (at < stopAt) {
        reviews.push({
          index: reviews.length,
          kind: "emergency-review",
          trigger,
          at,
          performerId: prng.pick(hospital.outreachNurseIds),
        });
      }
    }

    // Suspected sepsis: an infection on admission, or a deterioration that looks infective.
    const episode = activeEpisode(plan, trigger.set.at);
    const infective =
      patient.diagnosis.infection ||
      episode?.pattern === "sepsis" ||
      episode?.pattern === "respiratoryInfection";
    const recentSepsis = sepsis.some((s) => trigger.set.at - s.recognisedAt < 24 * HOUR);
    if (!red && infective && !recentSepsis && prng.chance(0.75)) {
      const recognisedAt = reviewAt ?? toMinute(Math.max(earliest, trigger.set.at + delay(150)));
      const firstDoseAt = toMinute(
        (reviewAt ?? recognisedAt) + delay(RESPONSE.antibioticAfterReviewMedianMinutes),
      );
      if (recognisedAt < stopAt && firstDoseAt < stopAt) {
        const drugs: AntibioticName[] = prng.chance(0.6) ? ["ceftriaxone", "gentamicin"] : ["ceftriaxone"];
        sepsis.push({
          index: sepsis.length,
          trigger,
          recognisedAt,
          antibiotics: drugs.map((drug, i) => ({
            drug,
            route: "intravenous",
            at: firstDoseAt + i * prng.int(5, 20) * MINUTE,
            dose: DOSES[drug],
          })),
        });
      }
    }
  }

  // Nobody goes to critical care without an outreach or emergency review shortly before.
  for (const icu of plan.icuStays) {
    const reviewed = reviews.some(
      (review) =>
        review.kind === "emergency-review" && review.at <= icu.from && review.at >= icu.from - 6 * HOUR,
    );
    if (reviewed) continue;
    const lastSet = [...sets].reverse().find((set) => set.at < icu.from - 15 * MINUTE && !set.criticalCare);
    if (lastSet === undefined) continue;
    const trigger: Trigger = { kind: lastSet.seenTotal >= 7 ? "emergency" : "urgent", set: lastSet };
    reviews.push({
      index: reviews.length,
      kind: "emergency-review",
      trigger,
      at: toMinute(Math.max(lastSet.issuedAt + MINUTE, icu.from - prng.uniform(10, 40) * MINUTE)),
      performerId: prng.pick(hospital.outreachNurseIds),
    });
  }

  const admissionAntibiotics: AntibioticDose[] = [];
  if (patient.diagnosis.infection) {
    let at = toMinute(plan.admittedAt + delay(RESPONSE.admissionAntibioticMedianMinutes));
    for (const drug of patient.diagnosis.antibiotics) {
      const oral =
        drug === "clarithromycin" ||
        (patient.diagnosis.key === "lowerRespiratoryTractInfection" && prng.chance(0.7));
      if (at < plan.endAt)
        admissionAntibiotics.push({ drug, route: oral ? "oral" : "intravenous", at, dose: DOSES[drug] });
      at += prng.int(5, 30) * MINUTE;
    }
  }

  return { triggers, escalations, reviews, sepsis, admissionAntibiotics };
}
