import { PATTERNS, type PhysiologyPattern } from "./case-mix.js";
import type { CoursePlan, Episode } from "./course.planner.js";
import type { Consciousness } from "@vigil/spc";
import type { PatientProfile } from "./patient.generator.js";
import type { Prng } from "./prng.js";
import { HOUR } from "./time.js";

/**
 * The patient's physiology over time. Illness is a severity per NEWS2 parameter: the admission illness decaying
 * as treatment works, plus deterioration episodes, each moving the parameters by its own pattern (sepsis raises
 * pulse and temperature and drops blood pressure; respiratory illness raises the rate and drops saturation).
 * Severity 1 on every parameter is roughly a NEWS2 of 7–9.
 */

export type Deviation = { -readonly [K in keyof PhysiologyPattern]: number };

function episodeLevel(episode: Episode, at: number): number {
  if (at < episode.onset) return 0;
  if (at < episode.peakAt)
    return (episode.peak * (at - episode.onset)) / Math.max(1, episode.peakAt - episode.onset);
  if (episode.terminal || at >= episode.resolvedAt) return episode.terminal ? episode.peak : 0;
  return episode.peak * (1 - (at - episode.peakAt) / Math.max(1, episode.resolvedAt - episode.peakAt));
}

export function deviationAt(patient: PatientProfile, plan: CoursePlan, at: number): Deviation {
  const hours = Math.max(0, (at - plan.admittedAt) / HOUR);
  const acute = plan.acuteSeverity * Math.exp(-hours / plan.acuteDecayHours);
  const base = PATTERNS[patient.diagnosis.pattern];
  const deviation: Deviation = {
    respiratoryRate: acute * base.respiratoryRate,
    spo2: acute * base.spo2,
    systolicBP: acute * base.systolicBP,
    pulse: acute * base.pulse,
    temperature: acute * base.temperature,
    consciousness: acute * base.consciousness,
  };
  for (const episode of plan.episodes) {
    const level = episodeLevel(episode, at);
    if (level === 0) continue;
    const pattern = PATTERNS[episode.pattern];
    deviation.respiratoryRate += level * pattern.respiratoryRate;
    deviation.spo2 += level * pattern.spo2;
    deviation.systolicBP += level * pattern.systolicBP;
    deviation.pulse += level * pattern.pulse;
    deviation.temperature += level * pattern.temperature;
    deviation.consciousness += level * pattern.consciousness;
  }
  return deviation;
}

/** The pattern of the episode active at `at`, if any (for deciding whether a trigger looks like sepsis). */
export function activeEpisode(plan: CoursePlan, at: number): Episode | undefined {
  return plan.episodes.find((episode) => episodeLevel(episode, at) > 0.2);
}

/** Saturation breathing room air without measurement noise: drives oxygen prescription. */
export function airSpo2(patient: PatientProfile, deviation: Deviation): number {
  return patient.baseline.spo2 - 9 * deviation.spo2;
}

export interface MeasuredVitals {
  readonly respiratoryRate: number;
  readonly airSpo2: number;
  readonly systolicBP: number;
  readonly diastolicBP: number;
  readonly pulse: number;
  readonly temperature: number;
  readonly consciousness: Consciousness;
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, value));
}

/** One set of readings as a nurse or a monitor takes them: physiology plus measurement noise. */
export function measure(patient: PatientProfile, deviation: Deviation, prng: Prng): MeasuredVitals {
  const b = patient.baseline;
  const respiratoryRate = clamp(
    Math.round(b.respiratoryRate + 10 * deviation.respiratoryRate + prng.normal(0, 1.2)),
    6,
    50,
  );
  const saturation = clamp(Math.round(b.spo2 - 9 * deviation.spo2 + prng.normal(0, 0.8)), 65, 100);
  const systolicBP = clamp(Math.round(b.systolicBP - 40 * deviation.systolicBP + prng.normal(0, 7)), 55, 235);
  const diastolicBP = clamp(Math.round(systolicBP * prng.uniform(0.52, 0.66)), 30, 130);
  const pulse = clamp(Math.round(b.pulse + 38 * deviation.pulse + prng.normal(0, 5)), 30, 190);
  const temperature =
    Math.round(clamp(b.temperature + 2.4 * deviation.temperature + prng.normal(0, 0.22), 33, 41.5) * 10) / 10;
  // New confusion grows with severity and age; chronic (baseline) confusion is charted as Alert (RCP).
  const cns = deviation.consciousness;
  let consciousness: Consciousness = "A";
  if (cns > 1.5 && prng.chance(0.6)) consciousness = prng.weighted({ V: 5, P: 3, U: 1 });
  else if (prng.chance(1 / (1 + Math.exp(-(-5.2 + 4 * cns + 0.035 * (patient.age - 70))))))
    consciousness = "C";
  return { respiratoryRate, airSpo2: saturation, systolicBP, diastolicBP, pulse, temperature, consciousness };
}
