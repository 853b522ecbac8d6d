import { describe, expect, it } from "vitest";
import { resolveSandboxOptions } from "./sandbox-options.js";

describe("resolveSandboxOptions", () => {
  it("defaults to a four-week window of a 40-bed hospital with the intervention half way", () => {
    const options = resolveSandboxOptions();
    expect(options.seed).toBe("1");
    expect(new Date(options.start).toISOString()).toBe("2025-01-06T00:00:00.000Z");
    expect(options.days).toBe(28);
    expect(options.beds).toBe(40);
    expect(new Date(options.interventionAt).toISOString()).toBe("2025-01-20T00:00:00.000Z");
    expect(options.end).toBe(options.start + 28 * 86_400_000);
  });

  it("leaves the window open when only an Observation count bounds it", () => {
    const options = resolveSandboxOptions({ maxObservations: 1_000_000 });
    expect(options.end).toBeUndefined();
    expect(options.maxObservations).toBe(1_000_000);
  });

  it("rejects impossible dates, non-integer sizes and empty seeds with invalid-option", () => {
    for (const bad of [
      { start: "2025-02-30" },
      { start: "06/01/2025" },
      { interventionDate: "soon" },
      { days: 0 },
      { days: 2.5 },
      { beds: -4 },
      { seed: "" },
      { maxObservations: 0 },
    ]) {
      expect(() => resolveSandboxOptions(bad), JSON.stringify(bad)).toThrowError(
        expect.objectContaining({ code: "invalid-option" }) as Error,
      );
    }
  });
});
