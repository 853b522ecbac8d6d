import { describe, expect, it } from "vitest";
import { compileCodes, DEFAULT_CODE_CONFIG, mergeCodeConfig } from "../terminology/code-config.js";
import {
  ANTIBIOTIC_SNOMED,
  END_OF_LIFE_CARE_CODE,
  OXYGEN_DEVICE_SNOMED,
  SYSTEM,
} from "../terminology/default-codes.js";
import { mapCareEvent, mapDevice } from "./care-event.mapper.js";
import { MappingProblem } from "./mapped.type.js";

const codes = compileCodes();
const SNOMED = SYSTEM.snomed;

const dose = (body: Record<string, unknown>) => ({
  resourceType: "MedicationAdministration",
  id: "m1",
  status: "completed",
  subject: { reference: "Patient/p1" },
  context: { reference: "Encounter/e1" },
  effectiveDateTime: "2025-03-01T10:05:00Z",
  ...body,
});

describe("mapCareEvent", () => {
  it("classifies an antibiotic by its substance (indicator D7) and keeps the route", () => {
    const row = mapCareEvent(
      dose({
        medicationCodeableConcept: { coding: [{ system: SNOMED, code: ANTIBIOTIC_SNOMED.ceftriaxone }] },
        dosage: { route: { coding: [{ system: SNOMED, code: "47625008" }] } },
      }),
      "MedicationAdministration",
      "m1",
      codes,
      {},
    );
    expect(row).toMatchObject({
      kind: "antibiotic",
      codeSystem: SNOMED,
      code: ANTIBIOTIC_SNOMED.ceftriaxone,
      route: "47625008",
      occurredAt: "2025-03-01T10:05:00.000Z",
      encounterRef: "e1",
    });
  });

  it("classifies by the administration's category when the medication matches nothing", () => {
    const local = compileCodes(
      mergeCodeConfig(DEFAULT_CODE_CONFIG, {
        add: { careEvents: { antibiotic: [{ system: "urn:trust:category", code: "ANTIMICROBIAL" }] } },
      }),
    );
    const body = dose({
      medicationCodeableConcept: { coding: [{ system: "urn:trust:drug", code: "CO-AMOX" }] },
      category: { coding: [{ system: "urn:trust:category", code: "ANTIMICROBIAL" }] },
    });
    expect(mapCareEvent(body, "MedicationAdministration", "m1", local, {})).toMatchObject({
      kind: "antibiotic",
      codeSystem: "urn:trust:category",
    });
    // Without the site's code the same record is "other", keeping the medication's own coding.
    expect(mapCareEvent(body, "MedicationAdministration", "m1", codes, {})).toMatchObject({
      kind: "other",
      code: "CO-AMOX",
      route: null,
    });
  });

  it("lets a site replace the antibiotic list", () => {
    const replaced = compileCodes(
      mergeCodeConfig(DEFAULT_CODE_CONFIG, {
        careEvents: { antibiotic: [{ system: "urn:trust:drug", code: "X" }] },
      }),
    );
    const body = dose({
      medicationCodeableConcept: { coding: [{ system: SNOMED, code: ANTIBIOTIC_SNOMED.amoxicillin }] },
    });
    expect(mapCareEvent(body, "MedicationAdministration", "m1", replaced, {}).kind).toBe("other");
  });

  it("gives a recorded end-of-life care decision a kind of its own", () => {
    const row = mapCareEvent(
      {
        resourceType: "Procedure",
        id: "eol",
        status: "completed",
        code: { coding: [{ system: SYSTEM.vigilCareEvent, code: END_OF_LIFE_CARE_CODE }] },
        subject: { reference: "Patient/p1" },
        performedDateTime: "2025-03-02T16:00:00Z",
      },
      "Procedure",
      "eol",
      codes,
      {},
    );
    expect(row).toMatchObject({ kind: "end-of-life", occurredAt: "2025-03-02T16:00:00.000Z" });
  });

  it("maps a DeviceUseStatement's period and the Device it names, to be classified by that device", () => {
    const row = mapCareEvent(
      {
        resourceType: "DeviceUseStatement",
        id: "u1",
        status: "completed",
        subject: { reference: "Patient/p1" },
        timingPeriod: { start: "2025-03-01T08:00:00Z", end: "2025-03-01T20:30:00Z" },
        device: { reference: "Device/d1" },
      },
      "DeviceUseStatement",
      "u1",
      codes,
      {},
    );
    expect(row).toEqual({
      resourceType: "DeviceUseStatement",
      fhirId: "u1",
      patientRef: "p1",
      encounterRef: null,
      kind: "other",
      codeSystem: null,
      code: null,
      status: "completed",
      occurredAt: "2025-03-01T08:00:00.000Z",
      endedAt: "2025-03-01T20:30:00.000Z",
      route: null,
      deviceRef: "d1",
    });
  });

  it("classifies a DeviceUseStatement by a contained Device, and reads timingDateTime and Timing bounds", () => {
    const contained = {
      resourceType: "DeviceUseStatement",
      id: "u2",
      status: "active",
      subject: { reference: "Patient/p1" },
      contained: [
        {
          resourceType: "Device",
          id: "mask",
          type: { coding: [{ system: SNOMED, code: OXYGEN_DEVICE_SNOMED.venturiMask }] },
        },
      ],
      device: { reference: "#mask" },
      timingDateTime: "2025-03-01T09:00:00Z",
    };
    expect(mapCareEvent(contained, "DeviceUseStatement", "u2", codes, {})).toMatchObject({
      kind: "oxygen",
      code: OXYGEN_DEVICE_SNOMED.venturiMask,
      deviceRef: null,
      occurredAt: "2025-03-01T09:00:00.000Z",
      endedAt: null,
    });
    const bounded = {
      ...contained,
      timingDateTime: undefined,
      timingTiming: {
        repeat: { boundsPeriod: { start: "2025-03-01T09:00:00Z", end: "2025-03-02T09:00:00Z" } },
      },
    };
    expect(mapCareEvent(bounded, "DeviceUseStatement", "u2", codes, {})).toMatchObject({
      occurredAt: "2025-03-01T09:00:00.000Z",
      endedAt: "2025-03-02T09:00:00.000Z",
    });
  });

  it("quarantines a DeviceUseStatement without a patient", () => {
    expect(() =>
      mapCareEvent(
        { resourceType: "DeviceUseStatement", id: "u3", device: { reference: "Device/d1" } },
        "DeviceUseStatement",
        "u3",
        codes,
        {},
      ),
    ).toThrow(MappingProblem);
  });
});

describe("mapDevice", () => {
  it("classifies an oxygen delivery device by its type, with a care event when it names a patient", () => {
    const row = mapDevice(
      {
        resourceType: "Device",
        id: "d1",
        type: { coding: [{ system: SNOMED, code: OXYGEN_DEVICE_SNOMED.nasalCannula }] },
        patient: { reference: "Patient/p1" },
      },
      "d1",
      codes,
      {},
    );
    expect(row).toMatchObject({
      fhirId: "d1",
      kind: "oxygen",
      code: OXYGEN_DEVICE_SNOMED.nasalCannula,
      patientRef: "p1",
      careEvent: { resourceType: "Device", kind: "oxygen", occurredAt: null, patientRef: "p1" },
    });
  });
});
