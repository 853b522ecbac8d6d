import { describe, expect, it } from "vitest";
import { IngestError } from "../errors.js";
import { compileCodes, DEFAULT_CODE_CONFIG, mergeCodeConfig } from "./code-config.js";

describe("code configuration", () => {
  it("replaces a listed code list and appends the lists under add", () => {
    const merged = mergeCodeConfig(DEFAULT_CODE_CONFIG, {
      careEvents: { escalation: [{ system: "urn:local", code: "ESC" }] },
      add: { pneumonia: { snomed: ["999"] } },
    });
    expect(merged.careEvents.escalation).toEqual([{ system: "urn:local", code: "ESC" }]);
    expect(merged.pneumonia.snomed).toEqual([...DEFAULT_CODE_CONFIG.pneumonia.snomed, "999"]);
    const codes = compileCodes(merged);
    expect(codes.careEventByCoding.get("urn:local|ESC")).toBe("escalation");
    expect(
      codes.careEventByCoding.has("https://vigil.health/fhir/CodeSystem/care-event|escalation-medical-team"),
    ).toBe(false);
  });

  it("rejects unknown keys and wrong shapes with a code", () => {
    expect(() => mergeCodeConfig(DEFAULT_CODE_CONFIG, { pnuemonia: {} })).toThrow(IngestError);
    expect(() => mergeCodeConfig(DEFAULT_CODE_CONFIG, { pneumonia: { snomed: "233604007" } })).toThrow(
      /must be a list/,
    );
  });
});
