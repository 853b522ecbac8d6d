import { describe, expect, it } from "vitest";
import { compileCodes } from "../terminology/code-config.js";
import { mapResource } from "./resource.mapper.js";

const codes = compileCodes();
const context = { codes, scope: {} };
const SNOMED = "http://snomed.info/sct";
const ICD10 = "http://hl7.org/fhir/sid/icd-10";

describe("mapResource", () => {
  it("maps a deceased patient with the NHS number as identifier", () => {
    const mapped = mapResource(
      {
        resourceType: "Patient",
        id: "p1",
        identifier: [
          { system: "urn:mrn", value: "7" },
          { system: "https://fhir.nhs.uk/Id/nhs-number", value: "9000000009" },
        ],
        gender: "female",
        birthDate: "1940-03",
        deceasedDateTime: "2025-02-01T10:00:00Z",
      },
      context,
    );
    expect(mapped).toEqual({
      table: "patient",
      row: {
        fhirId: "p1",
        identifier: "https://fhir.nhs.uk/Id/nhs-number|9000000009",
        identifiers: [
          { system: "urn:mrn", value: "7" },
          { system: "https://fhir.nhs.uk/Id/nhs-number", value: "9000000009" },
        ],
        birthDate: "1940-03-01",
        sex: "female",
        deceased: true,
        deceasedAt: "2025-02-01T10:00:00.000Z",
      },
    });
    expect(mapResource({ resourceType: "Patient", id: "p2", deceasedBoolean: true }, context)).toMatchObject({
      row: { deceased: true, deceasedAt: null },
    });
  });

  it("maps an inpatient encounter: identifiers, ward stays, ward at discharge, admission method, death in hospital", () => {
    const mapped = mapResource(
      {
        resourceType: "Encounter",
        id: "e1",
        identifier: [{ system: "https://trust.example/visit", value: "V123" }, { system: "urn:x" }],
        status: "finished",
        class: { code: "IMP" },
        priority: {
          coding: [{ system: "http://terminology.hl7.org/CodeSystem/v3-ActPriority", code: "EM" }],
        },
        subject: { reference: "Patient/p1" },
        period: { start: "2025-01-01T08:00:00Z", end: "2025-01-05T12:00:00Z" },
        hospitalization: { dischargeDisposition: { coding: [{ code: "exp" }] } },
        location: [
          {
            location: { reference: "Location/amu", display: "AMU" },
            physicalType: { coding: [{ code: "wa" }] },
            period: { start: "2025-01-01T08:00:00Z", end: "2025-01-02T08:00:00Z" },
          },
          {
            location: { reference: "Location/bed-3", display: "Bed 3" },
            physicalType: { coding: [{ code: "bd" }] },
          },
          {
            location: { reference: "Location/w7", display: "Ward 7" },
            physicalType: { coding: [{ code: "wa" }] },
            period: { start: "2025-01-02T08:00:00Z" },
          },
        ],
      },
      context,
    );
    expect(mapped).toMatchObject({
      table: "encounter",
      row: {
        identifiers: [{ system: "https://trust.example/visit", value: "V123" }],
        patientRef: "p1",
        classCode: "IMP",
        admissionMethod: "emergency",
        dischargeDisposition: "exp",
        diedInHospital: true,
        wardFhirId: "w7",
        wardDisplay: "Ward 7",
      },
    });
    expect((mapped as unknown as { row: { stays: unknown[] } }).row.stays).toHaveLength(3);
  });

  it("flags pneumonia by SNOMED and by ICD-10 J12–J18, but not when refuted", () => {
    const condition = (coding: object, verification = "confirmed") =>
      mapResource(
        {
          resourceType: "Condition",
          id: "c1",
          subject: { reference: "Patient/p1" },
          code: { coding: [coding] },
          verificationStatus: { coding: [{ code: verification }] },
        },
        context,
      );
    expect(condition({ system: SNOMED, code: "385093006" })).toMatchObject({
      row: { isPneumonia: true, codeSystem: "snomed" },
    });
    expect(condition({ system: ICD10, code: "J18.9" })).toMatchObject({
      row: { isPneumonia: true, isChestInfection: true, codeSystem: "icd10" },
    });
    expect(condition({ system: ICD10, code: "J22" })).toMatchObject({
      row: { isPneumonia: false, isChestInfection: true },
    });
    expect(condition({ system: SNOMED, code: "233604007" }, "refuted")).toMatchObject({
      row: { isPneumonia: false },
    });
  });

  it("grades pressure ulcers from ICD-10 L89 and finds Charlson groups", () => {
    const mapped = mapResource(
      {
        resourceType: "Condition",
        id: "c2",
        subject: { reference: "Patient/p1" },
        code: { coding: [{ system: ICD10, code: "L89.1" }] },
        extension: [
          { url: "https://vigil.health/fhir/StructureDefinition/present-on-admission", valueBoolean: false },
        ],
      },
      context,
    );
    expect(mapped).toMatchObject({
      row: { isPressureUlcer: true, pressureUlcerCategory: 2, presentOnAdmission: false },
    });
    const chf = mapResource(
      {
        resourceType: "Condition",
        id: "c3",
        subject: { reference: "Patient/p1" },
        code: { coding: [{ system: ICD10, code: "I50.0" }] },
      },
      context,
    );
    expect(chf).toMatchObject({ row: { charlsonGroup: "congestiveHeartFailure" } });
  });

  it("classifies care events by the configured code lists", () => {
    const task = mapResource(
      {
        resourceType: "Task",
        id: "t1",
        status: "completed",
        code: {
          coding: [
            { system: "https://vigil.health/fhir/CodeSystem/care-event", code: "escalation-medical-team" },
          ],
        },
        for: { reference: "Patient/p1" },
        encounter: { reference: "Encounter/e1" },
        executionPeriod: { start: "2025-01-01T10:20:00Z" },
      },
      context,
    );
    expect(task).toMatchObject({
      table: "care_event",
      row: { kind: "escalation", occurredAt: "2025-01-01T10:20:00.000Z", encounterRef: "e1" },
    });
    const oxygen = mapResource(
      {
        resourceType: "MedicationAdministration",
        id: "m1",
        status: "in-progress",
        medicationCodeableConcept: { coding: [{ system: SNOMED, code: "24099007" }] },
        subject: { reference: "Patient/p1" },
        effectivePeriod: { start: "2025-01-01T10:00:00Z" },
      },
      context,
    );
    expect(oxygen).toMatchObject({ row: { kind: "oxygen", status: "in-progress" } });
    const other = mapResource(
      {
        resourceType: "Procedure",
        id: "x",
        status: "completed",
        subject: { reference: "Patient/p1" },
        code: { coding: [{ system: SNOMED, code: "1" }] },
      },
      context,
    );
    expect(other).toMatchObject({ row: { kind: "other" } });
    // A Device without a patient is still classified, for the DeviceUseStatements that name it.
    expect(
      mapResource(
        { resourceType: "Device", id: "d1", type: { coding: [{ system: SNOMED, code: "57485005" }] } },
        context,
      ),
    ).toEqual({
      table: "device",
      row: {
        fhirId: "d1",
        kind: "oxygen",
        codeSystem: SNOMED,
        code: "57485005",
        patientRef: null,
        careEvent: null,
      },
    });
  });

  it("collapses organisations by their first identifier", () => {
    expect(
      mapResource(
        {
          resourceType: "Organization",
          id: "o",
          identifier: [{ system: "ods", value: "RX1" }],
          name: "Trust",
        },
        context,
      ),
    ).toEqual({
      table: "directory",
      row: { table: "organization", identifierKey: "ods|RX1", name: "Trust" },
    });
    expect(
      mapResource(
        {
          resourceType: "Practitioner",
          id: "pr",
          name: [{ prefix: ["Dr."], given: ["Ann"], family: "Lee" }],
        },
        context,
      ),
    ).toMatchObject({
      row: { table: "practitioner", identifierKey: null, name: "Dr. Ann Lee" },
    });
  });
});
