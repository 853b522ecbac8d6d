import { describe, expect, it } from "vitest";
import { SpcError } from "../../core/spc-error.js";
import { assembleObservationSets } from "./assemble-observation-sets.js";
import type { VitalSignReading } from "./observation-set.type.js";

let counter = 0;
function reading(
  patientFhirId: string,
  minute: number,
  parameter: string,
  value: number | string,
  extra: Partial<VitalSignReading> = {},
): VitalSignReading {
  counter += 1;
  const effectiveAt = new Date(Date.parse("2024-01-01T10:00:00Z") + minute * 60_000);
  return typeof value === "string"
    ? { fhirId: `o${counter}`, patientFhirId, parameter, valueCode: value, effectiveAt, ...extra }
    : { fhirId: `o${counter}`, patientFhirId, parameter, value, effectiveAt, ...extra };
}

/** kscarlett/news2 example_test.go ExampleCalculate (total 9, high), spread over five minutes. */
function exampleSet(patient: string, start: number): VitalSignReading[] {
  return [
    reading(patient, start, "respiratoryRate", 22),
    reading(patient, start + 2, "spo2", 93),
    reading(patient, start + 2, "onOxygen", 0),
    reading(patient, start + 3, "systolicBP", 98),
    reading(patient, start + 3, "pulse", 112),
    reading(patient, start + 4, "consciousness", "A"),
    reading(patient, start + 5, "temperature", 38.4),
  ];
}

describe("assembleObservationSets", () => {
  it("assembles seven readings within the window into one complete, scored set", () => {
    const [set, ...rest] = assembleObservationSets(exampleSet("p1", 0));
    expect(rest).toHaveLength(0);
    expect(set).toMatchObject({
      patientFhirId: "p1",
      complete: true,
      missing: [],
      news2Total: 9,
      clinicalRisk: "high",
      redScore: false,
      subscores: [2, 2, 0, 2, 2, 0, 1],
      spo2Scale: 1,
      spo2ScaleSource: "default",
      onOxygen: false,
      scoreError: null,
    });
    expect(set!.effectiveAt.toISOString()).toBe("2024-01-01T10:00:00.000Z");
    expect(set!.readingFhirIds).toHaveLength(7);
  });

  it("includes a reading exactly 15 minutes after the first and starts a new set one minute later", () => {
    const base = exampleSet("p1", 0).slice(0, 6);
    const onEdge = assembleObservationSets([...base, reading("p1", 15, "temperature", 37)]);
    expect(onEdge).toHaveLength(1);
    expect(onEdge[0]!.complete).toBe(true);
    const beyond = assembleObservationSets([...base, reading("p1", 16, "temperature", 37)]);
    expect(beyond).toHaveLength(2);
    expect(beyond[0]).toMatchObject({
      complete: false,
      missing: ["temperature"],
      news2Total: null,
      subscores: [],
    });
  });

  it("honours a configured window", () => {
    const sets = assembleObservationSets(exampleSet("p1", 0), { windowMinutes: 2 });
    expect(sets.map((s) => s.readingFhirIds.length)).toEqual([3, 4]);
  });

  it("never scores an incomplete set: a missing item is not counted as 0 (INDICATORS.md §1.5)", () => {
    const [set] = assembleObservationSets(exampleSet("p1", 0).filter((r) => r.parameter !== "pulse"));
    expect(set).toMatchObject({
      complete: false,
      missing: ["pulse"],
      news2Total: null,
      clinicalRisk: null,
      news2: null,
    });
  });

  it("starts a new set when a parameter repeats within the window, by default", () => {
    const readings = [...exampleSet("p1", 0), reading("p1", 6, "pulse", 80)];
    const sets = assembleObservationSets(readings);
    expect(sets).toHaveLength(2);
    expect(sets[0]!.news2Total).toBe(9);
    expect(sets[1]).toMatchObject({ complete: false, pulse: 80 });
  });

  it("replaces a re-checked value in the same set with duplicateParameter keep-latest", () => {
    const readings = [...exampleSet("p1", 0), reading("p1", 6, "pulse", 80)];
    const sets = assembleObservationSets(readings, { duplicateParameter: "keep-latest" });
    expect(sets).toHaveLength(1);
    // Pulse 80 scores 0 instead of 2: total 7.
    expect(sets[0]).toMatchObject({ pulse: 80, news2Total: 7 });
  });

  it("records an implausible value as a score error, not as a score", () => {
    const readings = exampleSet("p1", 0).map((r) => (r.parameter === "pulse" ? { ...r, value: 0 } : r));
    const [set] = assembleObservationSets(readings);
    expect(set).toMatchObject({
      complete: true,
      news2Total: null,
      scoreError: "NEWS2_IMPLAUSIBLE_VALUE:pulse",
    });
  });

  it("treats an unknown ACVPU code as missing consciousness", () => {
    const readings = exampleSet("p1", 0).map((r) =>
      r.parameter === "consciousness" ? { ...r, valueCode: "X" } : r,
    );
    expect(assembleObservationSets(readings)[0]).toMatchObject({
      complete: false,
      missing: ["consciousness"],
    });
  });

  it("reads onOxygen 1 as on oxygen", () => {
    const readings = exampleSet("p1", 0).map((r) => (r.parameter === "onOxygen" ? { ...r, value: 1 } : r));
    expect(assembleObservationSets(readings)[0]).toMatchObject({ onOxygen: true, news2Total: 11 });
  });

  it("ignores parameters that are not NEWS2 items", () => {
    const readings = [...exampleSet("p1", 0), reading("p1", 1, "diastolicBP", 60)];
    expect(assembleObservationSets(readings)).toHaveLength(1);
  });

  it("keeps the documented NEWS2 total for indicator D2", () => {
    const [set] = assembleObservationSets([...exampleSet("p1", 0), reading("p1", 5, "news2Total", 8)]);
    expect(set).toMatchObject({ documentedTotal: 8, news2Total: 9 });
  });

  it("groups unsorted readings of several patients by patient and time", () => {
    const sorted = [...exampleSet("p1", 0), ...exampleSet("p1", 60), ...exampleSet("p2", 30)];
    const shuffled = [...sorted].reverse();
    const summary = (sets: ReturnType<typeof assembleObservationSets>) =>
      sets.map((s) => `${s.patientFhirId} ${s.effectiveAt.toISOString()} ${s.news2Total}`);
    const a = summary(assembleObservationSets(sorted));
    const b = summary(assembleObservationSets(shuffled));
    expect(a).toHaveLength(3);
    // Patients come out in order of first appearance, each patient's sets in time order.
    expect(b).toEqual([a[2], a[0], a[1]]);
  });

  it("scores SpO2 on scale 2 when a reading documents it", () => {
    const readings = exampleSet("p1", 0).map((r) =>
      r.parameter === "spo2" ? { ...r, value: 90, spo2Scale: 2 } : r,
    );
    expect(assembleObservationSets(readings)[0]).toMatchObject({
      spo2Scale: 2,
      spo2ScaleSource: "reading",
      subscores: [2, 0, 0, 2, 2, 0, 1],
    });
  });

  it("scores SpO2 on scale 2 from a documented 88–92% decision in force, and on scale 1 without one", () => {
    const readings = exampleSet("p1", 0).map((r) => (r.parameter === "spo2" ? { ...r, value: 90 } : r));
    const decision = {
      id: "d1",
      patientFhirId: "p1",
      scale: 2 as const,
      decidedAt: "2024-01-01T09:00:00Z",
      targetLow: 88,
      targetHigh: 92,
    };
    expect(assembleObservationSets(readings, { spo2ScaleDecisions: [decision] })[0]).toMatchObject({
      spo2Scale: 2,
      spo2ScaleSource: "decision",
    });
    expect(assembleObservationSets(readings)[0]).toMatchObject({
      spo2Scale: 1,
      subscores: [2, 3, 0, 2, 2, 0, 1],
    });
  });

  it("attaches the spell and the ward the patient was on at the set's time", () => {
    const spells = [
      {
        id: 42,
        patientFhirId: "p1",
        periodStart: "2024-01-01T08:00:00Z",
        periodEnd: null,
        wardStays: [
          { wardName: "AMU", start: "2024-01-01T08:00:00Z", end: "2024-01-01T10:30:00Z" },
          { wardName: "Ward 7", start: "2024-01-01T10:30:00Z", end: null },
        ],
      },
    ];
    const sets = assembleObservationSets([...exampleSet("p1", 0), ...exampleSet("p1", 60)], { spells });
    // The spell's id comes back as the row carries it (a number), ready to write to observation_set.encounter_id.
    expect(sets.map((s) => [s.encounterId, s.wardName])).toEqual([
      [42, "AMU"],
      [42, "Ward 7"],
    ]);
  });

  it("rejects a negative window and an unknown duplicateParameter, naming the option", () => {
    expect(() => assembleObservationSets([], { windowMinutes: -1 })).toThrow(SpcError);
    expect(() =>
      assembleObservationSets([], { duplicateParameter: "keep-first" as unknown as "keep-latest" }),
    ).toThrow(expect.objectContaining({ code: "INVALID_OPTION", argument: "duplicateParameter" }));
  });
});
