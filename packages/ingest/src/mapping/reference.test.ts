import { describe, expect, it } from "vitest";
import { conditionalRef, parseConditionalRef, parseReference, referenceTo } from "./reference.js";

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

  it("reads the three forms of a conditional reference's identifier token: system|value, |value and value", () => {
    const nhs = "https://fhir.nhs.uk/Id/nhs-number";
    // system|value: that identifier exactly.
    expect(referenceTo({ reference: `Patient?identifier=${nhs}|9000000017` }, "Patient")).toBe(
      `?identifier=${nhs}|9000000017`,
    );
    expect(parseConditionalRef(`?identifier=${nhs}|9000000017`)).toEqual({
      system: nhs,
      value: "9000000017",
    });
    // |value: only an identifier without a system.
    expect(referenceTo({ reference: "Patient?identifier=|9000000017" }, "Patient")).toBe(
      "?identifier=|9000000017",
    );
    expect(parseConditionalRef("?identifier=|9000000017")).toEqual({ system: "", value: "9000000017" });
    // value: that value in any system (or none).
    expect(referenceTo({ reference: "Patient?identifier=9000000017" }, "Patient")).toBe(
      "?identifier=9000000017",
    );
    expect(parseConditionalRef("?identifier=9000000017")).toEqual({ system: undefined, value: "9000000017" });
    // URL-encoded, as a client may send it.
    expect(
      referenceTo({ reference: `Patient?identifier=${encodeURIComponent(`${nhs}|9000000017`)}` }, "Patient"),
    ).toBe(`?identifier=${nhs}|9000000017`);
  });

  it("treats a Reference.identifier without a system as the value in any system", () => {
    expect(parseReference({ type: "Patient", identifier: { value: "9000000017" } })).toEqual({
      resourceType: "Patient",
      ref: "?identifier=9000000017",
    });
    expect(parseReference({ type: "Patient", identifier: { system: "", value: "9000000017" } })).toEqual({
      resourceType: "Patient",
      ref: "?identifier=9000000017",
    });
  });

  it("keeps a | or \\ inside a system or value apart from the separator (FHIR search escaping)", () => {
    // Escaped in the search string: one value, any system.
    const anySystem = referenceTo({ reference: String.raw`Patient?identifier=a\|b` }, "Patient")!;
    expect(parseConditionalRef(anySystem)).toEqual({ system: undefined, value: "a|b" });
    // The same value in a Reference.identifier is stored the same way, and does not read as system "a".
    expect(referenceTo({ type: "Patient", identifier: { value: "a|b" } }, "Patient")).toBe(anySystem);
    const exact = referenceTo(
      { type: "Patient", identifier: { system: String.raw`urn:x\y`, value: "c|d" } },
      "Patient",
    )!;
    expect(parseConditionalRef(exact)).toEqual({ system: String.raw`urn:x\y`, value: "c|d" });
    // A trailing backslash cannot swallow the separator.
    expect(parseConditionalRef(conditionalRef("urn:x\\", "f"))).toEqual({ system: "urn:x\\", value: "f" });
  });

  it("refuses a conditional reference without a value, or searching anything but identifier", () => {
    expect(parseReference({ reference: "Patient?identifier=" })).toBeUndefined();
    expect(parseReference({ reference: "Patient?identifier=urn:x|" })).toBeUndefined();
    expect(parseReference({ reference: "Patient?identifier=|" })).toBeUndefined();
    expect(parseReference({ reference: "Patient?name=Smith" })).toBeUndefined();
    expect(parseReference({ type: "Patient", identifier: { system: "urn:x" } })).toBeUndefined();
  });

  it("reads a Reference with only an identifier and no type as the element's only target type", () => {
    const visit = { identifier: { system: "https://trust.example/visit", value: "V123" } };
    expect(referenceTo(visit, "Encounter", {}, { onlyTarget: true })).toBe(
      "?identifier=https://trust.example/visit|V123",
    );
    // Where the element has several target types (Encounter | EpisodeOfCare), the type must be said.
    expect(referenceTo(visit, "Encounter")).toBeUndefined();
    // A type that is said still decides.
    expect(
      referenceTo({ ...visit, type: "EpisodeOfCare" }, "Encounter", {}, { onlyTarget: true }),
    ).toBeUndefined();
  });

  it("rejects references of another type and garbage", () => {
    expect(referenceTo({ reference: "Group/1" }, "Patient")).toBeUndefined();
    expect(parseReference({ reference: "not a reference" })).toBeUndefined();
    expect(parseReference("Patient/1")).toBeUndefined();
  });
});
