import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MdcSpecialCause } from "./mdc.type.js";
import { LGL_NA, SIGN_NA } from "./mdc-point-flags.js";
import { mdcPointType } from "./mdc-point-type.js";
import { mdcXmr, type MdcXmrChart } from "./mdc-xmr.js";

/*
 * mdcXmr keeps what it computed in typed columns and builds its per-point arrays on first read: the arrays
 * and the columns must say the same thing, point by point, and the chart must serialise as the plain object
 * it used to be.
 */

const FIELDS = [
  "y",
  "cl",
  "lcl",
  "ucl",
  "lcl95",
  "ucl95",
  "segment",
  "include",
  "outsideLimits",
  "relativeToMean",
  "closeToLimits",
  "specialCause",
  "pointType",
  "segments",
  "variation",
  "assurance",
] as const;

const charts = fc
  .record({
    values: fc.array(fc.option(fc.integer({ min: 0, max: 30 }), { freq: 6 }), {
      minLength: 1,
      maxLength: 80,
    }),
    direction: fc.constantFrom("increase", "decrease", "neutral"),
    target: fc.option(fc.integer({ min: 0, max: 30 })),
    fix: fc.option(fc.integer({ min: 12, max: 30 })),
    rebase: fc.array(fc.integer({ min: 1, max: 79 }), { maxLength: 2 }),
  })
  .map(({ values, direction, target, fix, rebase }) => ({
    values,
    chart: mdcXmr(values, {
      improvementDirection: direction,
      target,
      ...(fix === null ? {} : { fixAfterNPoints: fix }),
      rebaseAt: rebase.filter((r) => r < values.length),
    }),
    direction,
  }));

const nullable = (v: number): number | null => (Number.isNaN(v) ? null : v);
const logical = (v: number): boolean | null => (v === LGL_NA ? null : v === 1);

describe("mdcXmr columns and arrays agree (property)", () => {
  it("every per-point array is its typed column read through the public conventions", () => {
    fc.assert(
      fc.property(charts, ({ values, chart, direction }) => {
        const c = chart.columns;
        expect(chart.y).toEqual(values.map((v) => v ?? null));
        expect(Array.from(c.y, nullable)).toEqual(chart.y);
        for (const key of ["cl", "lcl", "ucl", "lcl95", "ucl95"] as const) {
          expect(Array.from(c[key], nullable)).toEqual(chart[key]);
        }
        expect(Array.from(c.segment)).toEqual(chart.segment);
        expect(Array.from(c.include, (v) => v === 1)).toEqual(chart.include);
        expect(Array.from(c.outsideLimits, logical)).toEqual(chart.outsideLimits);
        expect(Array.from(c.closeToLimits, logical)).toEqual(chart.closeToLimits);
        expect(Array.from(c.relativeToMean, (v) => (v === SIGN_NA ? null : v))).toEqual(chart.relativeToMean);
        expect(Array.from(c.specialCause)).toEqual(chart.specialCause);
        expect(chart.pointType).toEqual(chart.specialCause.map((code) => mdcPointType(code, direction)));
        chart.segments.forEach((s, g) => {
          for (let i = s.start; i < s.end; i++) expect(chart.segment[i]).toBe(g);
        });
      }),
      { numRuns: 300 },
    );
  });

  it("serialises to the fields of the plain object, in order, and caches each array", () => {
    fc.assert(
      fc.property(charts, ({ chart }) => {
        const json = JSON.parse(JSON.stringify(chart)) as Record<string, unknown>;
        expect(Object.keys(json)).toEqual(FIELDS);
        const plain = Object.fromEntries(FIELDS.map((key) => [key, chart[key]]));
        expect(json).toEqual(JSON.parse(JSON.stringify(plain)));
        expect(chart.pointType).toBe(chart.pointType);
        expect(chart.columns).toBe(chart.columns);
      }),
      { numRuns: 100 },
    );
  });
});

describe("mdcXmr columns", () => {
  it("are not enumerable, and give the limits per point in typed form", () => {
    const chart: MdcXmrChart = mdcXmr([1, 2, 1, 2, 10, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1]);
    expect(Object.keys(chart)).not.toContain("columns");
    expect(chart.columns.cl[0]).toBeCloseTo(1.9444444444, 9);
    expect(chart.columns.specialCause[4]).toBe(MdcSpecialCause.AboveUcl);
    expect(chart.columns.ucl.every((u) => u === chart.columns.ucl[0])).toBe(true);
  });

  it("rebase by dates and by indices give the same chart, field by field", () => {
    // toEqual sees the plain fields (the arrays are accessors); comparing the serialised charts and the
    // columns covers the rest.
    const deviations = [1, 2, 1, 2, 10, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1];
    const dates = Array.from({ length: 18 }, (_, i) =>
      new Date(Date.UTC(2024, i, 1)).toISOString().slice(0, 10),
    );
    const byDate = mdcXmr(deviations, { dates, rebase: ["2025-01-01"] });
    const byIndex = mdcXmr(deviations, { rebaseAt: [12] });
    expect(JSON.stringify(byDate)).toBe(JSON.stringify(byIndex));
    expect({ ...byDate.columns, cl: byDate.columns.cl }).toEqual({
      ...byIndex.columns,
      cl: byIndex.columns.cl,
    });
  });
});
