import { describe, expect, it } from "vitest";
import { parseReference, referenceTo } from "./reference.js";

describe("parseReference", () => {
  it("reads relative, versioned and absolute references", () => {
    expect(parseReference({ reference: "Patient/123" })).toEqual({ resourceType: "Patient", ref: "123" });
    expect(parseReference({ reference: "Patient/123/_history/4" })).toEqual({
      resourceType: "Patient",
      ref: "123",
    });
    expect(parseReference({ reference: "https://ehr.example/fhir/Patient/abc" })).toEqual({
      resourceType: "Patient",
      ref: "abc",
    });
  });

  it("resolves urn:uuid references through the Bundle's fullUrls", () => {
    const scope = { bundleUrls: new Map([["urn:uuid:1f0c", "Patient/1f0c"]]) };
    expect(referenceTo({ reference: "urn:uuid:1f0c" }, "Patient", scope)).toBe("1f0c");
    expect(referenceTo({ reference: "urn:uuid:unknown" }, "Patient", scope)).toBeUndefined();
  });

  it("keeps conditional and identifier-only references in their stored form", () => {
    expect(
      parseReference({ reference: "Patient?identifier=https://fhir.nhs.uk/Id/nhs-number|9000000009" }),
    ).toEqual({
      resourceType: "Patient",
      ref: "?identifier=https://fhir.nhs.uk/Id/nhs-number|9000000009",
    });
    expect(parseReference({ type: "Patient", identifier: { system: "s", value: "v" } })).toEqual({
      resourceType: "Patient",
      ref: "?identifier=s|v",
    });
  });

  it("rejects references of another type and garbage", () => {
    expect(referenceTo({ reference: "Group/1" }, "Patient")).toBeUndefined();
    expect(parseReference({ reference: "not a reference" })).toBeUndefined();
    expect(parseReference("Patient/1")).toBeUndefined();
  });
});
