import type { Resource } from "@medplum/fhirtypes";
import { news2Score } from "@vigil/spc";
import { ACVPU_SNOMED, NEWS2_SNOMED, SYSTEM } from "../../terminology/default-codes.js";

/** Resources for the sandbox server: an initial load, then (live mode) more on every tick. */
export interface SandboxFeed {
  initial(): Iterable<Resource>;
  /** The next slice of new resources and new versions (live mode). */
  tick(): readonly Resource[];
}

export interface DemoFeedOptions {
  readonly seed?: number;
  readonly patients?: number;
  /** Observation rounds (7 vital signs + a NEWS2 total) per patient in the initial load. */
  readonly roundsPerPatient?: number;
  readonly start?: string;
}

/** mulberry32: a tiny seeded PRNG, so the same seed gives the same hospital. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const HOUR = 3_600_000;
const VITALS = { system: SYSTEM.observationCategory, code: "vital-signs" };

/**
 * A small deterministic ward feed: two wards, inpatients with a vital-signs round every four hours (all
 * seven NEWS2 items plus a documented NEWS2 total), coded as INDICATORS.md §1.6 says. The sandbox serves it
 * when no other data is given, and tests use it as a compact, NEWS2-complete dataset.
 */
export function demoFeed(options: DemoFeedOptions = {}): SandboxFeed {
  const random = prng(options.seed ?? 1);
  const patients = options.patients ?? 12;
  const rounds = options.roundsPerPatient ?? 6;
  const start = Date.parse(options.start ?? "2025-01-06T08:00:00Z");
  const wards = [
    { id: "ward-a", name: "Ward A (acute medicine)" },
    { id: "ward-b", name: "Ward B (respiratory)" },
  ];
  const state: { id: string; encounter: string; ward: string; next: number; round: number }[] = [];
  let nextPatient = 0;

  const n = (value: number) => Math.round(value * 10) / 10;
  const observation = (
    id: string,
    patient: string,
    encounter: string,
    at: number,
    body: Partial<Resource> & Record<string, unknown>,
  ): Resource =>
    ({
      resourceType: "Observation",
      id,
      status: "final",
      category: [{ coding: [VITALS] }],
      subject: { reference: `Patient/${patient}` },
      encounter: { reference: `Encounter/${encounter}` },
      effectiveDateTime: new Date(at).toISOString(),
      ...body,
    }) as Resource;
  const quantity = (value: number, unit: string, code: string) => ({
    valueQuantity: { value, unit, system: SYSTEM.ucum, code },
  });
  const loinc = (code: string, display: string) => ({ coding: [{ system: SYSTEM.loinc, code, display }] });

  function admit(): Resource[] {
    const index = nextPatient++;
    const id = `demo-patient-${index}`;
    const encounter = `demo-encounter-${index}`;
    const ward = wards[index % wards.length]!;
    const admittedAt = start + index * 2 * HOUR;
    state.push({ id, encounter, ward: ward.id, next: admittedAt + HOUR, round: 0 });
    return [
      {
        resourceType: "Patient",
        id,
        identifier: [{ system: "https://fhir.nhs.uk/Id/nhs-number", value: String(9_000_000_000 + index) }],
        gender: random() < 0.5 ? "female" : "male",
        birthDate: `${1935 + Math.floor(random() * 60)}-0${1 + Math.floor(random() * 9)}-1${Math.floor(random() * 9)}`,
      },
      {
        resourceType: "Encounter",
        id: encounter,
        status: "in-progress",
        class: { system: SYSTEM.actCode, code: "IMP" },
        subject: { reference: `Patient/${id}` },
        period: { start: new Date(admittedAt).toISOString() },
        location: [
          {
            location: { reference: `Location/${ward.id}`, display: ward.name },
            physicalType: { coding: [{ code: "wa" }] },
            period: { start: new Date(admittedAt).toISOString() },
          },
        ],
      },
    ];
  }

  function round(p: (typeof state)[number]): Resource[] {
    const at = p.next;
    const k = `${p.id}-${p.round}`;
    p.round++;
    p.next += 4 * HOUR;
    const sick = random() < 0.2;
    const rr = Math.round(sick ? 22 + random() * 6 : 14 + random() * 6);
    const spo2 = Math.round(sick ? 90 + random() * 4 : 95 + random() * 4);
    const onOxygen = sick && random() < 0.6;
    const sbp = Math.round(sick ? 95 + random() * 20 : 115 + random() * 25);
    const pulse = Math.round(sick ? 100 + random() * 25 : 65 + random() * 20);
    const alert = !sick || random() < 0.8;
    const temp = n(sick ? 38 + random() * 1.5 : 36.4 + random() * 1.2);
    const acvpu = alert ? "248234008" : "130987000";
    const total = news2Score({
      respiratoryRate: rr,
      spo2,
      spo2Scale: 1,
      onOxygen,
      systolicBP: sbp,
      pulse,
      consciousness: alert ? "A" : "C",
      temperature: temp,
    }).total;
    return [
      observation(`${k}-rr`, p.id, p.encounter, at, {
        code: loinc("9279-1", "Respiratory rate"),
        ...quantity(rr, "breaths/minute", "/min"),
      }),
      observation(`${k}-spo2`, p.id, p.encounter, at, {
        code: loinc("59408-5", "Oxygen saturation by pulse oximetry"),
        ...quantity(spo2, "%", "%"),
      }),
      observation(`${k}-o2`, p.id, p.encounter, at, {
        code: {
          coding: [
            {
              system: SYSTEM.snomed,
              code: onOxygen ? "371825009" : "722742002",
              display: onOxygen ? "Patient on oxygen" : "Breathing room air",
            },
          ],
        },
      }),
      observation(`${k}-bp`, p.id, p.encounter, at, {
        code: loinc("85354-9", "Blood pressure panel"),
        component: [
          { code: loinc("8480-6", "Systolic blood pressure"), ...quantity(sbp, "mmHg", "mm[Hg]") },
          {
            code: loinc("8462-4", "Diastolic blood pressure"),
            ...quantity(Math.round(sbp * 0.62), "mmHg", "mm[Hg]"),
          },
        ],
      }),
      observation(`${k}-pulse`, p.id, p.encounter, at, {
        code: loinc("8867-4", "Heart rate"),
        ...quantity(pulse, "beats/minute", "/min"),
      }),
      observation(`${k}-acvpu`, p.id, p.encounter, at, {
        code: { coding: [{ system: SYSTEM.snomed, code: "1104441000000107", display: "ACVPU scale score" }] },
        valueCodeableConcept: {
          coding: [{ system: SYSTEM.snomed, code: acvpu, display: ACVPU_SNOMED[acvpu] }],
        },
      }),
      observation(`${k}-temp`, p.id, p.encounter, at, {
        code: loinc("8310-5", "Body temperature"),
        ...quantity(temp, "C", "Cel"),
      }),
      {
        resourceType: "Observation",
        id: `${k}-news2`,
        status: "final",
        category: [{ coding: [{ system: SYSTEM.observationCategory, code: "survey" }] }],
        code: { coding: [{ system: SYSTEM.snomed, code: NEWS2_SNOMED.total, display: "NEWS2 total score" }] },
        subject: { reference: `Patient/${p.id}` },
        encounter: { reference: `Encounter/${p.encounter}` },
        effectiveDateTime: new Date(at).toISOString(),
        valueQuantity: { value: total, system: SYSTEM.ucum, code: "{ScoreOf}" },
        derivedFrom: ["rr", "spo2", "o2", "bp", "pulse", "acvpu", "temp"].map((s) => ({
          reference: `Observation/${k}-${s}`,
        })),
      },
    ];
  }

  return {
    *initial() {
      yield {
        resourceType: "Organization",
        id: "demo-trust",
        identifier: [{ system: "https://fhir.nhs.uk/Id/ods-organization-code", value: "VIG01" }],
        name: "Vigil Demo NHS Trust",
      };
      for (const ward of wards) {
        yield {
          resourceType: "Location",
          id: ward.id,
          name: ward.name,
          physicalType: {
            coding: [{ system: "http://terminology.hl7.org/CodeSystem/location-physical-type", code: "wa" }],
          },
        };
      }
      for (let i = 0; i < patients; i++) yield* admit();
      for (let r = 0; r < rounds; r++) for (const p of state) yield* round(p);
    },
    tick() {
      const out: Resource[] = [];
      if (random() < 0.3) out.push(...admit());
      for (const p of state) if (random() < 0.5) out.push(...round(p));
      return out;
    },
  };
}
