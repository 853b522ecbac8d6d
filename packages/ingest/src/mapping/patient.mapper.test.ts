import { describe, expect, it } from "vitest";
import { IngestError } from "../errors.js";
import { compileCodes, DEFAULT_CODE_CONFIG, mergeCodeConfig } from "../terminology/code-config.js";
import { SYSTEM } from "../terminology/default-codes.js";
import { mapLocation } from "./patient.mapper.js";

const codes = compileCodes();
const ward = (body: Record<string, unknown>) => ({ resourceType: "Location", id: "w", ...body });

describe("mapLocation", () => {
  it("flags an intensive care unit by its type, whatever its name", () => {
    const row = mapLocation(
      ward({ name: "Ward 12", type: [{ coding: [{ system: SYSTEM.roleCode, code: "ICU" }] }] }),
      "w",
      codes,
    );
    expect(row.news2Excluded).toBe(true);
  });

  it("flags critical care and high dependency units by name, and no ordinary ward", () => {
    const excluded = (name: string) => mapLocation(ward({ name }), "w", codes).news2Excluded;
    expect(excluded("Critical Care Unit")).toBe(true);
    expect(excluded("General ICU")).toBe(true);
    expect(excluded("Surgical HDU")).toBe(true);
    expect(excluded("Respiratory Ward")).toBe(false);
    expect(excluded("Acute Medical Unit")).toBe(false);
    expect(excluded("Picudo Ward")).toBe(false);
  });

  it("follows a site's own types and name patterns", () => {
    const local = compileCodes(
      mergeCodeConfig(DEFAULT_CODE_CONFIG, {
        news2ExcludedLocations: {
          typeCodes: [{ system: "urn:trust", code: "CC" }],
          namePatterns: ["^Ward 9$"],
        },
      }),
    );
    expect(mapLocation(ward({ name: "Ward 9" }), "w", local).news2Excluded).toBe(true);
    expect(mapLocation(ward({ name: "Critical Care Unit" }), "w", local).news2Excluded).toBe(false);
    expect(
      mapLocation(ward({ name: "W", type: [{ coding: [{ system: "urn:trust", code: "CC" }] }] }), "w", local)
        .news2Excluded,
    ).toBe(true);
  });

  it("rejects a name pattern that is not a regular expression", () => {
    expect(() =>
      compileCodes(
        mergeCodeConfig(DEFAULT_CODE_CONFIG, { news2ExcludedLocations: { namePatterns: ["(unclosed"] } }),
      ),
    ).toThrow(IngestError);
  });
});
