import type {
  Condition,
  Encounter,
  Observation,
  Patient,
  Procedure,
  Resource,
  Task,
} from "@medplum/fhirtypes";
import { news2Score } from "@vigil/spc";
import { beforeAll, describe, expect, it } from "vitest";
import {
  ACVPU_SNOMED,
  CARE_EVENT_CODES,
  NEWS2_SNOMED,
  ON_OXYGEN_SNOMED,
  PNEUMONIA_SNOMED,
  VITAL_SIGN_CODES,
} from "../../terminology/default-codes.js";
import { generateHospital } from "./generate-hospital.js";

/**
 * The generated data read back the way the indicators read it (INDICATORS.md §3 D1–D8, §4, §6), from the FHIR
 * resources alone. One two-month dataset, with the QI intervention at the midpoint.
 */
const OPTIONS = {
  seed: 2024,
  beds: 40,
  days: 56,
  start: "2025-03-03",
  interventionDate: "2025-03-31",
} as const;
const INTERVENTION = Date.parse("2025-03-31T00:00:00Z");
const HOUR = 3_600_000;
const MINUTE = 60_000;

interface ObsSet {
  readonly encounter: string;
  readonly at: number;
  readonly readings: Observation[];
  total: Observation | undefined;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

function code(resource: { code?: { coding?: { code?: string }[] } }): string {
  return resource.code?.coding?.[0]?.code ?? "";
}

let resources: Resource[];
const observations: Observation[] = [];
const encounters = new Map<string, Encounter>();
const patients = new Map<string, Patient>();
const procedures: Procedure[] = [];
const tasks: Task[] = [];
const conditions: Condition[] = [];
const observationsById = new Map<string, Observation>();
/** Observation sets per encounter, in time order. */
const sets = new Map<string, ObsSet[]>();

beforeAll(() => {
  resources = [...generateHospital(OPTIONS)];
  for (const resource of resources) {
    switch (resource.resourceType) {
      case "Observation":
        observations.push(resource);
        observationsById.set(resource.id ?? "", resource);
        break;
      case "Encounter":
        encounters.set(resource.id ?? "", resource);
        break;
      case "Patient":
        patients.set(resource.id ?? "", resource);
        break;
      case "Procedure":
        procedures.push(resource);
        break;
      case "Task":
        tasks.push(resource);
        break;
      case "Condition":
        conditions.push(resource);
        break;
      default:
        break;
    }
  }
  const byKey = new Map<string, ObsSet>();
  for (const observation of observations) {
    const encounter = observation.encounter?.reference?.split("/")[1] ?? "";
    const at = Date.parse(observation.effectiveDateTime ?? "");
    const key = `${encounter}@${at}`;
    let set = byKey.get(key);
    if (set === undefined) {
      set = { encounter, at, readings: [], total: undefined };
      byKey.set(key, set);
      const list = sets.get(encounter) ?? [];
      list.push(set);
      sets.set(encounter, list);
    }
    if (code(observation) === NEWS2_SNOMED.total) set.total = observation;
    else set.readings.push(observation);
  }
  for (const list of sets.values()) list.sort((a, b) => a.at - b.at);
});

function totalOf(set: ObsSet): number | undefined {
  return set.total?.valueQuantity?.value;
}

function redOf(set: ObsSet): boolean {
  return (set.total?.component ?? []).some(
    (component) => code(component) !== NEWS2_SNOMED.airOrOxygenScore && component.valueQuantity?.value === 3,
  );
}

describe("the sandbox hospital, read as the indicators read it", () => {
  it("is a month-scale acute hospital: hundreds of admissions, tens of thousands of vital signs", () => {
    expect(encounters.size).toBeGreaterThan(350);
    expect(observations.length).toBeGreaterThan(40_000);
  });

  it("charts observations at the frequency the last NEWS2 demands (RCP Chart 4), with realistic lapses", () => {
    const intervals: Record<"zero" | "lowScore" | "urgent", number[]> = {
      zero: [],
      lowScore: [],
      urgent: [],
    };
    for (const list of sets.values()) {
      for (let i = 0; i + 1 < list.length; i += 1) {
        const set = list[i];
        const next = list[i + 1];
        const total = set === undefined ? undefined : totalOf(set);
        if (set === undefined || next === undefined || total === undefined) continue;
        const band = total >= 5 || redOf(set) ? "urgent" : total >= 1 ? "lowScore" : "zero";
        intervals[band].push((next.at - set.at) / HOUR);
      }
    }
    const late = (values: number[], max: number): number =>
      values.filter((h) => h > max).length / values.length;
    expect(median(intervals.zero)).toBeGreaterThan(6);
    expect(median(intervals.zero)).toBeLessThanOrEqual(12);
    expect(median(intervals.lowScore)).toBeGreaterThan(2.5);
    expect(median(intervals.lowScore)).toBeLessThanOrEqual(6);
    expect(median(intervals.urgent)).toBeLessThanOrEqual(1);
    // Most repeat observations are on time, but every band has late or missed sets (indicator D3).
    for (const [band, max] of [
      ["zero", 12],
      ["lowScore", 6],
      ["urgent", 1],
    ] as const) {
      expect(late(intervals[band], max), band).toBeGreaterThan(0.02);
      expect(late(intervals[band], max), band).toBeLessThan(0.45);
    }
  });

  it("leaves a few observation sets incomplete (indicator D1)", () => {
    const all = [...sets.values()].flat().filter((set) => set.readings.length > 0);
    const complete = all.filter((set) => set.readings.length === 7).length / all.length;
    expect(complete).toBeGreaterThan(0.9);
    expect(complete).toBeLessThan(0.995);
  });

  it("has hand-entered NEWS2 totals with a small error rate and calculated totals that are always right (D2)", () => {
    const errors = { "hand-entered": [0, 0], calculated: [0, 0] } as Record<string, [number, number]>;
    for (const list of sets.values()) {
      for (const set of list) {
        if (set.total === undefined) continue;
        const reading = (snomed: string): Observation | undefined =>
          set.readings.find((observation) => code(observation) === snomed);
        const bp = reading(VITAL_SIGN_CODES.bloodPressurePanel.snomed[0]);
        const acvpu = reading(VITAL_SIGN_CODES.consciousness.snomed[0])?.valueCodeableConcept?.coding?.[0]
          ?.code;
        const scale2 = (set.total.component ?? []).some((c) => code(c) === NEWS2_SNOMED.spo2Scale2Score);
        const recomputed = news2Score({
          respiratoryRate:
            reading(VITAL_SIGN_CODES.respiratoryRate.snomed[0])?.valueQuantity?.value ?? Number.NaN,
          spo2: reading(VITAL_SIGN_CODES.spo2.snomed[0])?.valueQuantity?.value ?? Number.NaN,
          spo2Scale: scale2 ? 2 : 1,
          onOxygen: set.readings.some((observation) => code(observation) === ON_OXYGEN_SNOMED),
          systolicBP: bp?.component?.[0]?.valueQuantity?.value ?? Number.NaN,
          pulse: reading(VITAL_SIGN_CODES.pulse.snomed[0])?.valueQuantity?.value ?? Number.NaN,
          consciousness: ACVPU_SNOMED[acvpu as keyof typeof ACVPU_SNOMED],
          temperature: reading(VITAL_SIGN_CODES.temperature.snomed[0])?.valueQuantity?.value ?? Number.NaN,
        });
        const method = set.total.method?.coding?.[0]?.code ?? "";
        const tally = errors[method];
        if (tally === undefined) throw new Error(`unexpected method ${method}`);
        tally[1] += 1;
        if (recomputed.total !== set.total.valueQuantity?.value) tally[0] += 1;
      }
    }
    const [handWrong = 0, hand = 0] = errors["hand-entered"] ?? [];
    const [calculatedWrong = 0, calculated = 0] = errors["calculated"] ?? [];
    expect(hand).toBeGreaterThan(500);
    expect(handWrong / hand).toBeGreaterThan(0.03);
    expect(handWrong / hand).toBeLessThan(0.2);
    expect(calculated).toBeGreaterThan(500);
    expect(calculatedWrong).toBe(0);
  });

  it("scores SpO2 on Scale 2 only after a documented Scale 2 decision (D8)", () => {
    const decisions = new Map<string, number>();
    for (const procedure of procedures) {
      if (code(procedure) !== CARE_EVENT_CODES["scale2-decision"][0].code) continue;
      decisions.set(procedure.encounter?.reference ?? "", Date.parse(procedure.performedDateTime ?? ""));
    }
    let scale2Sets = 0;
    for (const observation of observations) {
      if (!(observation.component ?? []).some((c) => code(c) === NEWS2_SNOMED.spo2Scale2Score)) continue;
      scale2Sets += 1;
      const decidedAt = decisions.get(observation.encounter?.reference ?? "");
      expect(decidedAt).toBeDefined();
      expect(Date.parse(observation.effectiveDateTime ?? "")).toBeGreaterThanOrEqual(decidedAt ?? Infinity);
    }
    expect(scale2Sets).toBeGreaterThan(20);
  });

  it("reviews NEWS2 ≥5 triggers faster after the QI intervention date: a real shift in the medians (D4, D5)", () => {
    const reviews = (kind: string): Map<string, number[]> => {
      const byEncounter = new Map<string, number[]>();
      for (const procedure of procedures) {
        if (code(procedure) !== kind) continue;
        const list = byEncounter.get(procedure.encounter?.reference?.split("/")[1] ?? "") ?? [];
        list.push(Date.parse(procedure.performedDateTime ?? ""));
        byEncounter.set(procedure.encounter?.reference?.split("/")[1] ?? "", list);
      }
      return byEncounter;
    };
    const clinical = reviews(CARE_EVENT_CODES["clinical-review"][0].code);
    const emergency = reviews(CARE_EVENT_CODES["emergency-review"][0].code);
    const delays = {
      urgent: { before: [] as number[], after: [] as number[] },
      emergency: { before: [] as number[], after: [] as number[] },
    };
    for (const [encounter, list] of sets) {
      let previous: number | undefined;
      let emergencyInRun = false;
      for (const set of list) {
        const total = totalOf(set);
        if (total === undefined) continue;
        const firstOfRun = total >= 5 && (previous === undefined || previous < 5);
        if (firstOfRun) emergencyInRun = false;
        const period = set.at < INTERVENTION ? "before" : "after";
        const firstAfter = (times: number[] | undefined): number => {
          const found = (times ?? [])
            .filter((t) => t >= set.at && t - set.at <= 24 * HOUR)
            .sort((a, b) => a - b)[0];
          return found === undefined ? Infinity : (found - set.at) / MINUTE;
        };
        if (firstOfRun) delays.urgent[period].push(firstAfter(clinical.get(encounter)));
        if (total >= 7 && !emergencyInRun) {
          delays.emergency[period].push(firstAfter(emergency.get(encounter)));
          emergencyInRun = true;
        }
        previous = total;
      }
    }
    const within = (values: number[], minutes: number): number =>
      values.filter((d) => d <= minutes).length / values.length;
    expect(delays.urgent.before.length).toBeGreaterThan(40);
    expect(delays.urgent.after.length).toBeGreaterThan(40);
    expect(median(delays.urgent.before)).toBeGreaterThan(1.6 * median(delays.urgent.after));
    expect(within(delays.urgent.after, 60) - within(delays.urgent.before, 60)).toBeGreaterThan(0.2);
    expect(median(delays.emergency.before)).toBeGreaterThan(1.5 * median(delays.emergency.after));
    expect(within(delays.emergency.after, 30) - within(delays.emergency.before, 30)).toBeGreaterThan(0.15);
  });

  it("escalates to the medical team sooner and more reliably after the intervention", () => {
    const escalations = tasks.filter((task) => code(task) === CARE_EVENT_CODES.escalation[0].code);
    const delay = (task: Task): number => {
      const trigger = observationsById.get(task.reasonReference?.reference?.split("/")[1] ?? "");
      return (Date.parse(task.authoredOn ?? "") - Date.parse(trigger?.effectiveDateTime ?? "")) / MINUTE;
    };
    const withReason = escalations.filter((task) => task.reasonReference !== undefined);
    const before = withReason.filter((task) => Date.parse(task.authoredOn ?? "") < INTERVENTION).map(delay);
    const after = withReason.filter((task) => Date.parse(task.authoredOn ?? "") >= INTERVENTION).map(delay);
    expect(median(before)).toBeGreaterThan(1.5 * median(after));
    const statuses = new Set(escalations.map((task) => task.status));
    expect(statuses.has("completed")).toBe(true);
  });

  it("gives antibiotics in suspected sepsis, faster after the intervention (D7)", () => {
    const sepsis = conditions.filter((condition) => code(condition) === "91302008");
    expect(sepsis.length).toBeGreaterThan(10);
    const doses = resources.filter((resource) => resource.resourceType === "MedicationAdministration");
    const byReason = new Map<string, number>();
    for (const dose of doses) {
      if (dose.resourceType !== "MedicationAdministration") continue;
      const reason = dose.reasonReference?.[0]?.reference?.split("/")[1] ?? "";
      const at = Date.parse(dose.effectiveDateTime ?? "");
      byReason.set(reason, Math.min(byReason.get(reason) ?? Infinity, at));
    }
    const minutes = (condition: Condition): number =>
      ((byReason.get(condition.id ?? "") ?? Infinity) - Date.parse(condition.onsetDateTime ?? "")) / MINUTE;
    const before = sepsis.filter((c) => Date.parse(c.onsetDateTime ?? "") < INTERVENTION).map(minutes);
    const after = sepsis.filter((c) => Date.parse(c.onsetDateTime ?? "") >= INTERVENTION).map(minutes);
    expect(median(before)).toBeGreaterThan(median(after));
    expect(Math.min(...before, ...after)).toBeGreaterThan(0);
  });

  it("has a skewed length of stay: most one to seven days, a tail of weeks", () => {
    const days = [...encounters.values()]
      .filter((encounter) => encounter.status === "finished")
      .map(
        (encounter) =>
          (Date.parse(encounter.period?.end ?? "") - Date.parse(encounter.period?.start ?? "")) / (24 * HOUR),
      );
    const share = (predicate: (d: number) => boolean): number => days.filter(predicate).length / days.length;
    expect(median(days)).toBeGreaterThan(2.5);
    expect(median(days)).toBeLessThan(6);
    expect(days.reduce((sum, d) => sum + d, 0) / days.length).toBeGreaterThan(median(days));
    expect(share((d) => d >= 1 && d <= 7)).toBeGreaterThan(0.55);
    expect(share((d) => d > 14)).toBeGreaterThan(0.03);
    expect(share((d) => d > 14)).toBeLessThan(0.2);
    expect(Math.max(...days)).toBeGreaterThan(21);
  });

  it("moves patients between wards with a period per Encounter.location and records admission method", () => {
    const all = [...encounters.values()];
    const transferred = all.filter((encounter) => (encounter.location?.length ?? 0) >= 2);
    expect(transferred.length / all.length).toBeGreaterThan(0.3);
    for (const encounter of transferred) {
      const periods = encounter.location ?? [];
      for (let i = 0; i + 1 < periods.length; i += 1) {
        expect(periods[i]?.status).toBe("completed");
        expect(periods[i]?.period?.end).toBe(periods[i + 1]?.period?.start);
      }
    }
    const priorities = new Set(all.map((encounter) => encounter.priority?.coding?.[0]?.code));
    expect(priorities).toEqual(new Set(["EM", "EL"]));
    expect(
      all.every((encounter) => encounter.hospitalization?.admitSource?.coding?.[0]?.code !== undefined),
    ).toBe(true);
  });

  it("records deaths in hospital (exp) and after discharge on Patient.deceasedDateTime", () => {
    const finished = [...encounters.values()].filter((encounter) => encounter.status === "finished");
    const died = finished.filter((e) => e.hospitalization?.dischargeDisposition?.coding?.[0]?.code === "exp");
    expect(died.length / finished.length).toBeGreaterThan(0.01);
    expect(died.length / finished.length).toBeLessThan(0.09);
    for (const encounter of died) {
      const patient = patients.get(encounter.subject?.reference?.split("/")[1] ?? "");
      expect(patient?.deceasedDateTime).toBe(encounter.period?.end);
    }
    const afterDischarge = finished.filter((encounter) => {
      const patient = patients.get(encounter.subject?.reference?.split("/")[1] ?? "");
      return (
        patient?.deceasedDateTime !== undefined &&
        Date.parse(patient.deceasedDateTime) > Date.parse(encounter.period?.end ?? "")
      );
    });
    expect(afterDischarge.length).toBeGreaterThan(0);
  });

  it("has pneumonia admissions that die more often than the average admission", () => {
    const primary = new Map<string, Condition>();
    for (const condition of conditions) {
      const encounter = condition.encounter?.reference?.split("/")[1] ?? "";
      if (!primary.has(encounter)) primary.set(encounter, condition);
    }
    const finished = [...encounters.values()].filter((encounter) => encounter.status === "finished");
    const died = (e: Encounter): boolean =>
      e.hospitalization?.dischargeDisposition?.coding?.[0]?.code === "exp";
    const pneumonia = finished.filter((e) =>
      (PNEUMONIA_SNOMED as readonly string[]).includes(code(primary.get(e.id ?? "") ?? {})),
    );
    expect(pneumonia.length).toBeGreaterThan(30);
    const rate = (list: Encounter[]): number => list.filter(died).length / list.length;
    expect(rate(pneumonia)).toBeGreaterThan(rate(finished));
  });
});
