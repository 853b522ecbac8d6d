// Clinical indicators: NEWS2 scoring and observation-set assembly for 10 million readings, and indicator
// computation for 100,000 admissions. Run: pnpm --filter @vigil/spc bench clinical
// (results are written up in docs/benchmarks/spc-clinical.md). Target: ≥ 5 million NEWS2 scores per second.
import {
  assembleObservationSets,
  avoidableDeathsIndicator,
  caseReviewSummary,
  crudeMortalityIndicator,
  deathsReviewedIndicator,
  deteriorationIndicators,
  news2Score,
  observedExpectedMortality,
  pressureUlcerRate,
  type CareEventRecord,
  type CaseReviewRecord,
  type ConditionRecord,
  type DeathRecord,
  type InfectionRecord,
  type MortalitySpellRecord,
  type News2Input,
  type ObservationSetRecord,
  type PatientRecord,
  type PressureUlcerRecord,
  type VitalSignReading,
} from "../src/index.js";
import { random } from "./measure.js";

interface Result {
  readonly name: string;
  readonly size: string;
  readonly items: number;
  readonly unit: string;
  /** Wall-clock time of the fastest round. */
  readonly ms: number;
  /** CPU time (user + system, all threads of the process, GC included) of that round. */
  readonly cpuMs: number;
}

function timed(run: () => unknown): { ms: number; cpuMs: number } {
  const cpu = process.cpuUsage();
  const start = process.hrtime.bigint();
  const kept = run();
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  const used = process.cpuUsage(cpu);
  if (kept === undefined) throw new Error("benchmark produced nothing");
  return { ms, cpuMs: (used.user + used.system) / 1000 };
}

function best(
  name: string,
  size: string,
  items: number,
  unit: string,
  rounds: number,
  run: () => unknown,
): Result {
  run(); // warm-up: let the JIT compile the hot loops before timing
  let fastest = { ms: Number.POSITIVE_INFINITY, cpuMs: Number.POSITIVE_INFINITY };
  for (let r = 0; r < rounds; r++) {
    const round = timed(run);
    if (round.ms < fastest.ms) fastest = round;
  }
  return { name, size, items, unit, ...fastest };
}

const rng = random(20240131);
const pick = <T>(items: readonly T[]): T => items[Math.floor(rng() * items.length)]!;
const results: Result[] = [];

// ── NEWS2 scoring ──────────────────────────────────────────────────────────────────────────────────────
// A pool of realistic sets (mostly normal, some deteriorating, a few decimal device readings), cycled so the
// inputs stay in cache-sized memory while 10 million scores are computed.
const POOL = 1 << 16;
const pool: News2Input[] = Array.from({ length: POOL }, () => {
  const ill = rng() < 0.15;
  return {
    respiratoryRate: Math.round(ill ? 18 + rng() * 14 : 12 + rng() * 8),
    spo2: Math.round(ill ? 86 + rng() * 10 : 94 + rng() * 6),
    spo2Scale: rng() < 0.05 ? 2 : 1,
    onOxygen: rng() < (ill ? 0.5 : 0.08),
    systolicBP: Math.round(ill ? 85 + rng() * 40 : 105 + rng() * 50),
    pulse: rng() < 0.1 ? 60 + rng() * 40 : Math.round(ill ? 90 + rng() * 45 : 55 + rng() * 40),
    consciousness: ill && rng() < 0.2 ? pick(["C", "V", "P", "U"] as const) : "A",
    temperature: Math.round((ill ? 35 + rng() * 5 : 36.2 + rng() * 1.6) * 100) / 100,
  };
});
const SCORES = 10_000_000;
results.push(
  best("news2Score", "10,000,000 sets", SCORES, "scores", 5, () => {
    let sum = 0;
    for (let i = 0; i < SCORES; i++) sum += news2Score(pool[i & (POOL - 1)]!).total;
    return sum;
  }),
);

// ── Observation-set assembly ───────────────────────────────────────────────────────────────────────────
// 10 million readings in 10 chunks of 1 million (as the ingest rebuilds sets patient by patient), ordered by
// patient and time like `ORDER BY patient_fhir_id, effective_at`; every fifth set lacks an item.
const READINGS = 10_000_000;
const CHUNK = 1_000_000;
const PARAMETERS = [
  "respiratoryRate",
  "spo2",
  "onOxygen",
  "systolicBP",
  "pulse",
  "consciousness",
  "temperature",
];
function readingChunk(chunk: number): VitalSignReading[] {
  const readings: VitalSignReading[] = [];
  const t0 = Date.parse("2024-01-01T00:00:00Z");
  let patient = chunk * 100_000;
  let time = t0;
  let setInPatient = 0;
  while (readings.length < CHUNK) {
    const patientFhirId = `patient-${patient}`;
    const skip = setInPatient % 5 === 4 ? Math.floor(rng() * 7) : -1;
    const input = pool[(readings.length + chunk) & (POOL - 1)]!;
    for (let k = 0; k < PARAMETERS.length && readings.length < CHUNK; k++) {
      if (k === skip) continue;
      const parameter = PARAMETERS[k]!;
      const effectiveAt = time + k * 30_000;
      const fhirId = `obs-${chunk}-${readings.length}`;
      if (parameter === "consciousness") {
        readings.push({ fhirId, patientFhirId, parameter, valueCode: input.consciousness, effectiveAt });
      } else {
        const value =
          parameter === "onOxygen"
            ? input.onOxygen
              ? 1
              : 0
            : (input[parameter as keyof News2Input] as number);
        readings.push({ fhirId, patientFhirId, parameter, value, effectiveAt });
      }
    }
    time += (2 + rng() * 4) * 3_600_000;
    setInPatient += 1;
    if (setInPatient === 30) {
      patient += 1;
      setInPatient = 0;
      time = t0;
    }
  }
  return readings;
}
let assembleMs = 0;
let assembleCpuMs = 0;
let setsAssembled = 0;
let completeSets = 0;
for (let chunk = 0; chunk < READINGS / CHUNK; chunk++) {
  const readings = readingChunk(chunk);
  if (chunk === 0) assembleObservationSets(readings); // warm-up
  let sets: ReturnType<typeof assembleObservationSets> = [];
  const round = timed(() => (sets = assembleObservationSets(readings)));
  assembleMs += round.ms;
  assembleCpuMs += round.cpuMs;
  setsAssembled += sets.length;
  for (const set of sets) if (set.news2Total !== null) completeSets += 1;
}
results.push({
  name: `assembleObservationSets (${setsAssembled.toLocaleString("en")} sets, ${completeSets.toLocaleString("en")} scored)`,
  size: "10,000,000 readings",
  items: READINGS,
  unit: "readings",
  ms: assembleMs,
  cpuMs: assembleCpuMs,
});

// ── Indicators for 100,000 admissions ──────────────────────────────────────────────────────────────────
const ADMISSIONS = 100_000;
const WARDS = Array.from({ length: 24 }, (_, i) => `Ward ${i + 1}`);
const spells: MortalitySpellRecord[] = [];
const patients: PatientRecord[] = [];
const conditions: ConditionRecord[] = [];
const observationSets: ObservationSetRecord[] = [];
const careEvents: CareEventRecord[] = [];
const infections: InfectionRecord[] = [];
const ulcers: PressureUlcerRecord[] = [];
const deaths: DeathRecord[] = [];
const reviews: CaseReviewRecord[] = [];
const yearStart = Date.parse("2024-01-01T00:00:00Z");
const HOUR = 3_600_000;
let setCounter = 0;
for (let a = 0; a < ADMISSIONS; a++) {
  const patientFhirId = `p${a}`;
  const start = yearStart + Math.floor(rng() * 365 * 24) * HOUR;
  const lengthHours = 12 + Math.floor(rng() * 24 * 9);
  const end = start + lengthHours * HOUR;
  const transfer = rng() < 0.4 ? start + Math.floor(rng() * lengthHours) * HOUR : null;
  const firstWard = pick(WARDS);
  const secondWard = pick(WARDS);
  const pneumonia = rng() < 0.2;
  const age = 18 + Math.floor(rng() * 80);
  const risk = (pneumonia ? 0.08 : 0.02) * (age > 75 ? 2.5 : 1);
  const died = rng() < risk;
  const diedAfter = !died && rng() < risk / 2;
  spells.push({
    id: a,
    patientFhirId,
    periodStart: start,
    periodEnd: end,
    wardName: transfer === null ? firstWard : secondWard,
    wardStays:
      transfer === null
        ? [{ wardName: firstWard, start, end: null }]
        : [
            { wardName: firstWard, start, end: transfer },
            { wardName: secondWard, start: transfer, end: null },
          ],
    diedInHospital: died,
    admissionMethod: rng() < 0.8 ? "emergency" : "elective",
  });
  const deceasedAt = died ? end : diedAfter ? end + Math.floor(rng() * 40 * 24) * HOUR : null;
  patients.push({
    fhirId: patientFhirId,
    birthDate: new Date(start - age * 365.25 * 24 * HOUR).toISOString().slice(0, 10),
    sex: rng() < 0.5 ? "female" : "male",
    deceasedAt,
  });
  if (pneumonia)
    conditions.push({ patientFhirId, codeSystem: "icd10", code: "J18.9", onsetAt: start + HOUR });
  if (rng() < 0.3)
    conditions.push({ patientFhirId, codeSystem: "snomed", code: "44054006", onsetAt: start - 1e10 });
  if (rng() < 0.15)
    conditions.push({ patientFhirId, codeSystem: "icd10", code: "I50.0", onsetAt: start - 1e10 });
  if (rng() < 0.05) conditions.push({ patientFhirId, codeSystem: "icd10", code: "C78.0", encounterId: a });
  if (pneumonia || rng() < 0.1)
    infections.push({ id: `i${a}`, patientFhirId, encounterId: a, onsetAt: start + HOUR });
  // Observation sets every 2–8 hours; a deteriorating stretch in some spells, with escalations and reviews.
  const deteriorates = rng() < 0.25;
  for (let t = start + HOUR / 2; t < end; t += (2 + rng() * 6) * HOUR) {
    const high = deteriorates && rng() < 0.3;
    const total = high ? 5 + Math.floor(rng() * 6) : Math.floor(rng() * 5);
    const complete = rng() < 0.93;
    setCounter += 1;
    // The columns the indicators read, as the API selects them from `observation_set`.
    observationSets.push({
      id: `s${setCounter}`,
      patientFhirId,
      encounterId: a,
      effectiveAt: t,
      complete,
      news2Total: complete ? total : null,
      redScore: complete ? !high && rng() < 0.05 : null,
      documentedTotal: complete && rng() < 0.3 ? total + (rng() < 0.1 ? 1 : 0) : null,
      spo2Scale: rng() < 0.03 ? 2 : 1,
    });
    if (high) {
      careEvents.push({
        id: `e${setCounter}a`,
        patientFhirId,
        kind: "escalation",
        occurredAt: t + rng() * 90 * 60_000,
      });
      careEvents.push({
        id: `e${setCounter}b`,
        patientFhirId,
        kind: "clinical-review",
        occurredAt: t + rng() * 120 * 60_000,
      });
      if (total >= 7) {
        careEvents.push({
          id: `e${setCounter}c`,
          patientFhirId,
          kind: "emergency-review",
          occurredAt: t + rng() * 60 * 60_000,
        });
        careEvents.push({
          id: `e${setCounter}d`,
          patientFhirId,
          kind: "antibiotic",
          occurredAt: t + rng() * 150 * 60_000,
        });
      }
    }
  }
  if (rng() < 0.02) {
    ulcers.push({
      id: `u${a}`,
      patientFhirId,
      encounterId: a,
      pressureUlcerCategory: 1 + Math.floor(rng() * 6),
      onsetAt: start + Math.floor(rng() * lengthHours) * HOUR,
      presentOnAdmission: rng() < 0.3 ? true : null,
    });
  }
  if (deceasedAt !== null) {
    deaths.push({ patientId: a, diedAt: deceasedAt, wardName: transfer === null ? firstWard : secondWard });
    if (rng() < 0.6) {
      const scale = rng() < 0.5 ? "hogan-2015" : "nqb-2017";
      reviews.push({
        id: `r${a}`,
        patientId: a,
        reviewedAt: deceasedAt + 20 * 24 * HOUR,
        admissionCare: 1 + Math.floor(rng() * 5),
        ongoingCare: 1 + Math.floor(rng() * 5),
        endOfLifeCare: rng() < 0.5 ? null : 1 + Math.floor(rng() * 5),
        overallCare: 1 + Math.floor(rng() * 5),
        avoidabilityScore: 1 + Math.floor(rng() * 6),
        avoidabilityScale: scale,
        problemsInCare: rng() < 0.3 ? ["monitoring"] : [],
      });
    }
  }
}
const size = `100,000 admissions, ${observationSets.length.toLocaleString("en")} sets`;
const deteriorationData = () => ({ spells, observationSets, careEvents, infections });
results.push(
  best("deteriorationIndicators D1–D8, monthly, per ward", size, ADMISSIONS, "admissions", 3, () =>
    deteriorationIndicators(deteriorationData()),
  ),
);
results.push(
  best("deteriorationIndicators D1–D8, daily, per ward", size, ADMISSIONS, "admissions", 3, () =>
    deteriorationIndicators(deteriorationData(), { granularity: "day" }),
  ),
);
const mortalityData = { spells, patients, conditions };
results.push(
  best("crudeMortalityIndicator, pneumonia, 30-day", "100,000 admissions", ADMISSIONS, "admissions", 3, () =>
    crudeMortalityIndicator(mortalityData, { outcome: "30-day" }),
  ),
);
results.push(
  best(
    "observedExpectedMortality (IRLS fit + O/E + ward funnel)",
    "100,000 admissions",
    ADMISSIONS,
    "admissions",
    3,
    () => observedExpectedMortality(mortalityData, { outcome: "30-day" }),
  ),
);
results.push(
  best(
    "pressureUlcerRate (bed days split by month and ward)",
    "100,000 admissions",
    ADMISSIONS,
    "admissions",
    3,
    () => pressureUlcerRate(spells, ulcers),
  ),
);
results.push(
  best(
    "SJR: deaths reviewed, avoidable deaths, summary",
    `${deaths.length.toLocaleString("en")} deaths`,
    deaths.length,
    "deaths",
    3,
    () => [
      deathsReviewedIndicator(deaths, reviews),
      avoidableDeathsIndicator(deaths, reviews),
      caseReviewSummary(deaths, reviews),
    ],
  ),
);

console.log(`Node ${process.version}, ${process.platform} ${process.arch}`);
console.log(
  `Admissions data: ${spells.length.toLocaleString("en")} spells, ${observationSets.length.toLocaleString("en")} sets, ` +
    `${careEvents.length.toLocaleString("en")} care events, ${infections.length.toLocaleString("en")} infections, ` +
    `${conditions.length.toLocaleString("en")} conditions, ${ulcers.length.toLocaleString("en")} pressure ulcers, ` +
    `${deaths.length.toLocaleString("en")} deaths, ${reviews.length.toLocaleString("en")} reviews\n`,
);
console.log("| case | size | wall (ms) | throughput (wall) | CPU (ms) | throughput (CPU) |");
console.log("| --- | --- | ---: | ---: | ---: | ---: |");
for (const r of results) {
  const rate = (ms: number) => Math.round(r.items / (ms / 1000)).toLocaleString("en");
  console.log(
    `| ${r.name} | ${r.size} | ${r.ms.toFixed(0)} | ${rate(r.ms)} ${r.unit}/s | ${r.cpuMs.toFixed(0)} | ${rate(r.cpuMs)} ${r.unit}/s |`,
  );
}
