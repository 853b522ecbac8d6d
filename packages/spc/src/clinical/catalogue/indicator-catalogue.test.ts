import { describe, expect, it } from "vitest";
import * as spc from "../../index.js";
import { INDICATOR_CATALOGUE, indicatorDefinition } from "./indicator-catalogue.js";

describe("INDICATOR_CATALOGUE", () => {
  it("has unique ids in the three families", () => {
    const ids = INDICATOR_CATALOGUE.map((d) => d.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(INDICATOR_CATALOGUE.map((d) => d.family))).toEqual(
      new Set(["deterioration", "mortality", "tissue-viability"]),
    );
  });

  it("names a function @vigil/spc exports for every indicator", () => {
    for (const definition of INDICATOR_CATALOGUE) {
      expect(typeof (spc as Record<string, unknown>)[definition.computedBy], definition.id).toBe("function");
    }
  });

  it("covers D1–D8 of INDICATORS.md §3", () => {
    const references = INDICATOR_CATALOGUE.map((d) => d.reference).join(" ");
    for (const n of [1, 2, 3, 4, 5, 6, 7, 8]) expect(references).toContain(`§3 D${n}`);
  });

  it("gives the series the functions compute the catalogue's ids", () => {
    const data = { spells: [], observationSets: [] };
    const series = spc.deteriorationIndicators(data);
    const all = [series.D1, series.D2, series.D3, series.D4, series.D5, series.D6, series.D7, series.D8];
    const computedIds = all.map((s) => s.indicatorId);
    for (const id of computedIds) expect(indicatorDefinition(id).family).toBe("deterioration");
    expect(spc.deathsReviewedIndicator([], []).indicatorId).toBe("sjr-deaths-reviewed");
    expect(spc.poorCareIndicator([], []).indicatorId).toBe("sjr-poor-overall-care");
    expect(spc.avoidableDeathsIndicator([], []).indicatorId).toBe("sjr-avoidable-deaths");
    const mortality = { spells: [], patients: [], conditions: [] };
    expect(indicatorDefinition(spc.crudeMortalityIndicator(mortality).indicatorId).family).toBe("mortality");
    expect(
      indicatorDefinition(spc.crudeMortalityIndicator(mortality, { outcome: "30-day" }).indicatorId).id,
    ).toBe("pneumonia-mortality-30-day");
    expect(indicatorDefinition(spc.pressureUlcerRate([], []).indicatorId).unit).toBe(
      "per 1,000 occupied bed days",
    );
  });

  it("sets a target only where a published standard exists, with its source", () => {
    const withTargets = INDICATOR_CATALOGUE.filter((d) => d.target !== null);
    expect(withTargets.map((d) => d.id)).toEqual([
      "sepsis-minutes-to-antibiotics",
      "pneumonia-mortality-observed-expected",
    ]);
    // NICE NG51: antimicrobials within 1 hour for high risk of severe illness from sepsis.
    expect(indicatorDefinition("sepsis-minutes-to-antibiotics").target).toMatchObject({
      value: 60,
      unit: "minutes",
    });
    for (const definition of withTargets) expect(definition.target!.source.length).toBeGreaterThan(10);
  });

  it("charts proportions as p, rates per bed day as u, rare events as g, and O/E on a funnel", () => {
    expect(indicatorDefinition("news2-urgent-response")).toMatchObject({
      defaultChart: "p",
      unit: "%",
      multiplier: 100,
    });
    expect(indicatorDefinition("pressure-ulcers-per-1000-bed-days")).toMatchObject({
      defaultChart: "u",
      multiplier: 1000,
    });
    expect(indicatorDefinition("pressure-ulcer-days-between")).toMatchObject({
      defaultChart: "g",
      alternativeCharts: ["t"],
      improvementDirection: "increase",
    });
    expect(indicatorDefinition("pneumonia-mortality-observed-expected").defaultChart).toBe("funnel");
  });

  it("throws UNKNOWN_INDICATOR for an unknown id", () => {
    expect(() => indicatorDefinition("nope")).toThrow(expect.objectContaining({ code: "UNKNOWN_INDICATOR" }));
  });
});
