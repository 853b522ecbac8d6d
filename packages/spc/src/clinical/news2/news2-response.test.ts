import { describe, expect, it } from "vitest";
import { news2Response } from "./news2-response.js";

// RCP NEWS2 Chart 4 "Clinical response to the NEWS trigger thresholds" (INDICATORS.md §1.3) and the
// Chart 2 precedence of aggregate over single-parameter triggers (INDICATORS.md §1.2).
describe("news2Response", () => {
  it.each([
    [0, false, "none", "low", "12-hourly"],
    [1, false, "low", "low", "4-6-hourly"],
    [4, false, "low", "low", "4-6-hourly"],
    [3, true, "single-parameter", "low-medium", "hourly"],
    [4, true, "single-parameter", "low-medium", "hourly"],
    [5, false, "urgent", "medium", "hourly"],
    [6, true, "urgent", "medium", "hourly"],
    [7, false, "emergency", "high", "continuous"],
    [20, true, "emergency", "high", "continuous"],
  ] as const)(
    "maps total %d with red score %s to %s (%s risk, %s)",
    (total, red, trigger, risk, frequency) => {
      const row = news2Response(total, red);
      expect(row.trigger).toBe(trigger);
      expect(row.clinicalRisk).toBe(risk);
      expect(row.monitoringFrequency).toBe(frequency);
    },
  );

  it("asks for emergency assessment by a critical-care-competent team at total 7 or more", () => {
    expect(news2Response(7, false).clinicalResponse).toMatch(/emergency assessment.*critical-care/);
  });

  it("asks for urgent assessment at total 5–6 and medical-team review for a single red parameter", () => {
    expect(news2Response(5, false).clinicalResponse).toMatch(/urgent assessment/);
    expect(news2Response(3, true).clinicalResponse).toMatch(/medical team/);
  });
});
