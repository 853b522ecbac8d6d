import { beforeAll, describe, expect, it } from "vitest";
import { PRESENT_ON_ADMISSION_WINDOW_HOURS } from "../../terminology/default-codes.js";
import { ArrivalStream } from "./arrivals.js";
import { WardCensus } from "./census.js";
import { type CoursePlan, planCourse } from "./course.planner.js";
import { buildHospital } from "./hospital.generator.js";
import { generatePatient, type PatientProfile } from "./patient.generator.js";
import { Prng } from "./prng.js";
import { DAY, HOUR } from "./time.js";

/** A large population of planned stays (no vital signs), enough for rare outcomes. */
const population: { patient: PatientProfile; plan: CoursePlan }[] = [];

beforeAll(() => {
  const root = Prng.fromSeed("population");
  const hospital = buildHospital("population", 300, root.fork("hospital"));
  const census = new WardCensus(hospital);
  const start = Date.parse("2025-01-06T00:00:00Z");
  const arrivals = new ArrivalStream(root.fork("arrivals"), hospital.totalBeds, start);
  for (const arrival of arrivals.takeUntil(start + 365 * DAY)) {
    census.prune(arrival.at);
    const prng = root.fork(`admission/${arrival.index}`);
    const patient = generatePatient("population", arrival, prng.fork("patient"));
    population.push({
      patient,
      plan: planCourse(patient, arrival.at, hospital, census, prng.fork("course")),
    });
  }
});

function deathRate(group: readonly { plan: CoursePlan }[]): number {
  return group.filter(({ plan }) => plan.diedInHospital).length / group.length;
}

describe("planned stays across a year of a 300-bed hospital", () => {
  it("admits an acute take: mostly emergencies, mostly older patients", () => {
    expect(population.length).toBeGreaterThan(15_000);
    const emergency = population.filter(({ patient }) => patient.admissionType === "emergency").length;
    expect(emergency / population.length).toBeGreaterThan(0.75);
    expect(emergency / population.length).toBeLessThan(0.92);
    const ages = population.map(({ patient }) => patient.age).sort((a, b) => a - b);
    expect(ages[Math.floor(ages.length / 2)]).toBeGreaterThan(62);
    expect(ages[Math.floor(ages.length / 2)]).toBeLessThan(80);
    expect(Math.min(...ages)).toBeGreaterThanOrEqual(18);
  });

  it("has a crude in-hospital mortality of a few per cent", () => {
    const rate = deathRate(population);
    expect(rate).toBeGreaterThan(0.02);
    expect(rate).toBeLessThan(0.06);
  });

  it("kills older patients more often", () => {
    const band = (low: number, high: number): number =>
      deathRate(population.filter(({ patient }) => patient.age >= low && patient.age < high));
    expect(band(18, 65)).toBeLessThan(band(65, 80));
    expect(band(65, 80)).toBeLessThan(band(80, 200));
  });

  it("kills patients with more comorbidity (Charlson index) more often", () => {
    const charlson = (low: number, high: number): number =>
      deathRate(population.filter(({ patient }) => patient.charlson >= low && patient.charlson <= high));
    expect(charlson(0, 0)).toBeLessThan(charlson(1, 2));
    expect(charlson(1, 2)).toBeLessThan(charlson(3, 99));
  });

  it("kills emergency admissions more often than elective ones, and men slightly more than women", () => {
    const by = (predicate: (patient: PatientProfile) => boolean): number =>
      deathRate(population.filter(({ patient }) => predicate(patient)));
    expect(by((p) => p.admissionType === "elective")).toBeLessThan(
      by((p) => p.admissionType === "emergency"),
    );
    expect(by((p) => p.sex === "female" && p.admissionType === "emergency")).toBeLessThan(
      by((p) => p.sex === "male" && p.admissionType === "emergency"),
    );
  });

  it("gives pneumonia an in-hospital mortality of roughly one in eight", () => {
    const rate = deathRate(population.filter(({ patient }) => patient.diagnosis.key === "pneumonia"));
    expect(rate).toBeGreaterThan(0.08);
    expect(rate).toBeLessThan(0.2);
  });

  it("has hospital-acquired category 2+ pressure ulcers at about one per 1,000 occupied bed days", () => {
    const bedDays = population.reduce((sum, { plan }) => sum + (plan.endAt - plan.admittedAt) / DAY, 0);
    const acquired = population.flatMap(({ plan }) =>
      plan.pressureUlcers.filter((ulcer) => !ulcer.presentOnAdmission && ulcer.category >= 2),
    );
    const rate = (acquired.length / bedDays) * 1000;
    expect(rate).toBeGreaterThan(0.4);
    expect(rate).toBeLessThan(2.5);
    for (const { plan } of population) {
      for (const ulcer of plan.pressureUlcers) {
        if (ulcer.presentOnAdmission) expect(ulcer.onset).toBeLessThan(plan.admittedAt);
        else
          expect(ulcer.foundAt).toBeGreaterThan(plan.admittedAt + PRESENT_ON_ADMISSION_WINDOW_HOURS * HOUR);
        expect(ulcer.foundAt).toBeLessThanOrEqual(plan.endAt);
      }
    }
    const all = population.flatMap(({ plan }) => plan.pressureUlcers);
    expect(all.some((ulcer) => ulcer.presentOnAdmission)).toBe(true);
    expect(all.some((ulcer) => ulcer.category === 1)).toBe(true);
  });

  it("keeps every stay's ward periods contiguous from admission to discharge", () => {
    for (const { plan } of population.slice(0, 3000)) {
      expect(plan.stays[0]?.start).toBe(plan.admittedAt);
      expect(plan.stays[plan.stays.length - 1]?.end).toBe(plan.endAt);
      for (let i = 0; i + 1 < plan.stays.length; i += 1) {
        expect(plan.stays[i]?.end).toBe(plan.stays[i + 1]?.start);
        expect(plan.stays[i]?.ward.id).not.toBe(plan.stays[i + 1]?.ward.id);
      }
    }
  });
});
