import { describe, expect, it } from "vitest";
import { compileCodes, DEFAULT_CODE_CONFIG, mergeCodeConfig } from "../terminology/code-config.js";
import { MappingProblem } from "./mapped.type.js";
import { mapObservation } from "./observation.mapper.js";

const codes = compileCodes();
const LOINC = "http://loinc.org";
const SNOMED = "http://snomed.info/sct";

function obs(body: Record<string, unknown>): Record<string, unknown> {
  return {
    resourceType: "Observation",
    id: "o1",
    status: "final",
    category: [
      {
        coding: [
          { system: "http://terminology.hl7.org/CodeSystem/observation-category", code: "vital-signs" },
        ],
      },
    ],
    subject: { reference: "Patient/p1" },
    encounter: { reference: "Encounter/e1" },
    effectiveDateTime: "2025-01-06T10:00:00+01:00",
    ...body,
  };
}

const map = (body: Record<string, unknown>) => mapObservation(obs(body), "o1", codes, {});
const code = (system: string, c: string) => ({ coding: [{ system, code: c }] });

describe("mapObservation", () => {
  it("reads a respiratory rate by LOINC with the patient, encounter and UTC time", () => {
    const rows = map({ code: code(LOINC, "9279-1"), valueQuantity: { value: 22, code: "/min" } });
    expect(rows).toEqual({
      fhirId: "o1",
      patientRef: "p1",
      encounterRef: "e1",
      effectiveAt: "2025-01-06T09:00:00.000Z",
      isVitalSignsCategory: true,
      vitals: [{ parameter: "respiratoryRate", value: 22, valueCode: null, unit: "/min", spo2Scale: null }],
    });
  });

  it("reads a pulse by UK Core SNOMED code", () => {
    expect(
      map({ code: code(SNOMED, "364075005"), valueQuantity: { value: 88, unit: "beats/min" } })?.vitals[0],
    ).toMatchObject({ parameter: "pulse", value: 88 });
  });

  it("converts a temperature in °F to °C", () => {
    expect(
      map({ code: code(LOINC, "8310-5"), valueQuantity: { value: 98.6, code: "[degF]" } })?.vitals[0]?.value,
    ).toBe(37);
  });

  it("converts a systolic pressure in kPa to mmHg", () => {
    const rows = map({ code: code(LOINC, "8480-6"), valueQuantity: { value: 16, code: "kPa" } });
    expect(rows?.vitals[0]?.value).toBeCloseTo(120.01, 2);
  });

  it("turns an SpO2 fraction into a percentage", () => {
    expect(
      map({ code: code(LOINC, "2708-6"), valueQuantity: { value: 0.94, code: "1" } })?.vitals[0]?.value,
    ).toBe(94);
  });

  it("takes the systolic component of a blood-pressure panel (85354-9 and Synthea's 55284-4)", () => {
    for (const panel of ["85354-9", "55284-4"]) {
      const rows = map({
        code: code(LOINC, panel),
        component: [
          { code: code(LOINC, "8480-6"), valueQuantity: { value: 131, code: "mm[Hg]" } },
          { code: code(LOINC, "8462-4"), valueQuantity: { value: 80, code: "mm[Hg]" } },
        ],
      });
      expect(rows?.vitals).toEqual([
        { parameter: "systolicBP", value: 131, valueCode: null, unit: "mm[Hg]", spo2Scale: null },
      ]);
    }
  });

  it("reads ACVPU from the UK Core value set", () => {
    const rows = map({
      code: code(SNOMED, "1104441000000107"),
      valueCodeableConcept: code(SNOMED, "130987000"),
    });
    expect(rows?.vitals[0]).toMatchObject({ parameter: "consciousness", valueCode: "C" });
  });

  it("reads air or oxygen from a coded observation, FiO2 and O2 flow components", () => {
    expect(map({ code: code(SNOMED, "371825009") })?.vitals[0]).toMatchObject({
      parameter: "onOxygen",
      value: 1,
    });
    expect(map({ code: code(SNOMED, "722742002") })?.vitals[0]).toMatchObject({
      parameter: "onOxygen",
      value: 0,
    });
    const spo2WithFlow = map({
      code: code(LOINC, "59408-5"),
      valueQuantity: { value: 95, code: "%" },
      component: [{ code: code(LOINC, "3151-8"), valueQuantity: { value: 2, code: "L/min" } }],
    });
    expect(spo2WithFlow?.vitals.map((v) => [v.parameter, v.value])).toEqual([
      ["spo2", 95],
      ["onOxygen", 1],
    ]);
    const onAir = map({ code: code(LOINC, "3150-0"), valueQuantity: { value: 21, code: "%" } });
    expect(onAir?.vitals[0]).toMatchObject({ parameter: "onOxygen", value: 0 });
  });

  it("keeps a documented NEWS2 total with the SpO2 scale its scale-2 sub-score documents", () => {
    const rows = map({
      category: [{ coding: [{ code: "survey" }] }],
      code: code(SNOMED, "1104051000000101"),
      valueQuantity: { value: 6, code: "{ScoreOf}" },
      component: [{ code: code(SNOMED, "1104321000000108"), valueInteger: 1 }],
    });
    expect(rows?.isVitalSignsCategory).toBe(false);
    expect(rows?.vitals).toEqual([
      { parameter: "news2Total", value: 6, valueCode: null, unit: "{ScoreOf}", spo2Scale: 2 },
    ]);
  });

  it("refuses a documented NEWS2 total that is not a whole number from 0 to 20 (RCP 2017: the total spans 0–20)", () => {
    const total = (value: number) => () =>
      map({ code: code(SNOMED, "1104051000000101"), valueQuantity: { value, code: "{ScoreOf}" } });
    for (const value of [0, 20]) expect(total(value)()?.vitals[0]?.value).toBe(value);
    // 1e308 once reached the observation set's integer column and failed every rebuild of the patient.
    for (const value of [-1, 21, 6.5, 1e308, 2 ** 31]) {
      expect(total(value), String(value)).toThrow(MappingProblem);
      expect(total(value)).toThrow(/not a whole number from 0 to 20/);
    }
  });

  it("records whether a documented NEWS2 total was hand-entered or calculated, from Observation.method", () => {
    const total = (method?: { system: string; code: string }) =>
      map({
        category: [{ coding: [{ code: "survey" }] }],
        code: code(SNOMED, "1104051000000101"),
        valueQuantity: { value: 4, code: "{ScoreOf}" },
        ...(method === undefined ? {} : { method: { coding: [method] } }),
      })?.vitals[0]?.valueCode;
    const system = "https://vigil.health/fhir/CodeSystem/score-method";
    expect(total({ system, code: "hand-entered" })).toBe("hand-entered");
    expect(total({ system, code: "calculated" })).toBe("calculated");
    expect(total({ system: "urn:local", code: "hand-entered" })).toBeNull();
    expect(total()).toBeNull();
  });

  it("recognises a site's own method codes from the configuration", () => {
    const local = compileCodes(
      mergeCodeConfig(DEFAULT_CODE_CONFIG, {
        add: { news2Method: { handEntered: [{ system: "urn:trust", code: "PAPER" }] } },
      }),
    );
    const rows = mapObservation(
      obs({
        code: code(SNOMED, "1104051000000101"),
        valueQuantity: { value: 2 },
        method: { coding: [{ system: "urn:trust", code: "PAPER" }] },
      }),
      "o1",
      local,
      {},
    );
    expect(rows?.vitals[0]?.valueCode).toBe("hand-entered");
  });

  it("gives no readings for entered-in-error observations and for codes NEWS2 does not use", () => {
    expect(
      map({ status: "entered-in-error", code: code(LOINC, "9279-1"), valueQuantity: { value: 22 } }),
    ).toBeNull();
    expect(map({ code: code(LOINC, "8302-2"), valueQuantity: { value: 170, code: "cm" } })).toBeNull();
  });

  it("refuses a vital sign in a unit it cannot convert", () => {
    expect(() => map({ code: code(LOINC, "8310-5"), valueQuantity: { value: 310, code: "mK" } })).toThrow(
      MappingProblem,
    );
  });

  it("refuses a vital sign without a patient or an effective time", () => {
    const noSubject = {
      ...obs({ code: code(LOINC, "9279-1"), valueQuantity: { value: 22 } }),
      subject: undefined,
    };
    expect(() => mapObservation(noSubject, "o1", codes, {})).toThrow(/no subject/);
    const noTime = {
      ...obs({ code: code(LOINC, "9279-1"), valueQuantity: { value: 22 } }),
      effectiveDateTime: undefined,
    };
    expect(() => mapObservation(noTime, "o1", codes, {})).toThrow(/no effective time/);
  });
});
