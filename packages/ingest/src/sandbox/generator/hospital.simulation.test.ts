import type { Resource } from "@medplum/fhirtypes";
import { describe, expect, it } from "vitest";
import { generateHospital } from "./generate-hospital.js";
import { HospitalSimulation } from "./hospital.simulation.js";
import { SandboxError } from "./sandbox.error.js";

const OPTIONS = { seed: 9, beds: 14, days: 4, start: "2025-02-03" } as const;
const START = Date.parse("2025-02-03T00:00:00Z");
const HOUR = 3_600_000;

describe("HospitalSimulation (live mode)", () => {
  it("returns the hospital and the history on the first advance, then only what changed", () => {
    const simulation = new HospitalSimulation(OPTIONS);
    const first = simulation.advanceTo(new Date(START + 24 * HOUR));
    expect(first.changes[0]?.resource.resourceType).toBe("Organization");
    expect(first.changes.every((change) => change.change === "created")).toBe(true);
    expect(first.changes.some((change) => change.resource.resourceType === "Observation")).toBe(true);

    const next = simulation.advanceBy(2 * HOUR);
    expect(next.from).toBe("2025-02-04T00:00:00Z");
    expect(next.to).toBe("2025-02-04T02:00:00Z");
    expect(next.changes.length).toBeGreaterThan(0);
    for (const change of next.changes) {
      expect(["Organization", "Location", "Practitioner"]).not.toContain(change.resource.resourceType);
      expect(Date.parse(change.at)).toBeGreaterThan(Date.parse(next.from));
      expect(Date.parse(change.at)).toBeLessThanOrEqual(Date.parse(next.to));
    }
    expect(simulation.now.toISOString()).toBe("2025-02-04T02:00:00.000Z");
  });

  it("sends new versions of the same resource with the same id (Encounters on transfer and discharge)", () => {
    const simulation = new HospitalSimulation(OPTIONS);
    const created = new Set<string>();
    const updated: Resource[] = [];
    for (let t = START; t <= START + 4 * 24 * HOUR; t += 3 * HOUR) {
      for (const change of simulation.advanceTo(t).changes) {
        const key = `${change.resource.resourceType}/${change.resource.id ?? ""}`;
        if (change.change === "created") {
          expect(created.has(key)).toBe(false);
          created.add(key);
        } else {
          expect(created.has(key)).toBe(true);
          updated.push(change.resource);
        }
      }
    }
    const encounters = updated.filter((resource) => resource.resourceType === "Encounter");
    expect(
      encounters.some(
        (encounter) => encounter.resourceType === "Encounter" && encounter.status === "finished",
      ),
    ).toBe(true);
    expect(updated.some((resource) => resource.resourceType === "Task")).toBe(true);
  });

  it("ends in exactly the state batch output gives for the same window", () => {
    const simulation = new HospitalSimulation(OPTIONS);
    const live = new Map<string, string>();
    for (let t = START; t < START + 4 * 24 * HOUR; t += 7 * HOUR) {
      for (const change of simulation.advanceTo(t).changes) {
        live.set(
          `${change.resource.resourceType}/${change.resource.id ?? ""}`,
          JSON.stringify(change.resource),
        );
      }
    }
    for (const change of simulation.advanceTo(START + 4 * 24 * HOUR).changes) {
      live.set(
        `${change.resource.resourceType}/${change.resource.id ?? ""}`,
        JSON.stringify(change.resource),
      );
    }
    const batch = new Map<string, string>();
    for (const resource of generateHospital(OPTIONS)) {
      batch.set(`${resource.resourceType}/${resource.id ?? ""}`, JSON.stringify(resource));
    }
    expect(live.size).toBe(batch.size);
    for (const [key, json] of batch) expect(live.get(key), key).toBe(json);
  });

  it("keeps adding admissions past the window and lets discharged patients go", () => {
    const simulation = new HospitalSimulation(OPTIONS);
    simulation.advanceTo(START);
    let admissions = 0;
    let maxTracked = 0;
    for (let day = 1; day <= 40; day += 1) {
      const batch = simulation.advanceTo(START + day * 24 * HOUR);
      admissions += batch.changes.filter(
        (change) => change.resource.resourceType === "Patient" && change.change === "created",
      ).length;
      maxTracked = Math.max(maxTracked, simulation.trackedAdmissions);
    }
    expect(admissions).toBeGreaterThan(40 * 1.2);
    // Patients in hospital plus those whose death after discharge is still to come: a few times the beds.
    expect(maxTracked).toBeLessThan(14 * 6);
  });

  it("refuses to move the clock backwards", () => {
    const simulation = new HospitalSimulation(OPTIONS);
    simulation.advanceTo(START + HOUR);
    expect(() => simulation.advanceTo(START)).toThrow(SandboxError);
    try {
      simulation.advanceTo(START);
    } catch (error) {
      expect(error instanceof SandboxError && error.code).toBe("clock-backwards");
    }
  });
});
