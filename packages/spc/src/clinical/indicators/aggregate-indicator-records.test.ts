import { describe, expect, it } from "vitest";
import { SpcError } from "../../core/spc-error.js";
import { aggregateIndicatorRecords } from "./aggregate-indicator-records.js";
import type { IndicatorRecord, PeriodOptions } from "./indicator.type.js";

// The period and ward rules of the package README ("Periods, wards and attribution"): local calendar periods in
// UK civil time (GMT/BST, Summer Time Order), ISO weeks from Monday, every period of the span present, numerator
// and denominator with record ids (INDICATORS.md §3 table).

const rec = (
  id: string,
  iso: string,
  wardName: string,
  inNumerator: boolean,
  value?: number,
): IndicatorRecord =>
  value === undefined
    ? { id, atMs: Date.parse(iso), wardName, inNumerator }
    : { id, atMs: Date.parse(iso), wardName, inNumerator, value };

describe("aggregateIndicatorRecords", () => {
  const records = [
    rec("a", "2024-01-03T10:00:00Z", "Ward A", true),
    rec("b", "2024-01-20T10:00:00Z", "Ward B", false),
    rec("c", "2024-03-09T10:00:00Z", "Ward A", false),
  ];

  it("counts numerator and denominator per month with the ids in each", () => {
    const series = aggregateIndicatorRecords("D1", "p", records);
    expect(series.overall.map((p) => [p.period, p.numerator, p.denominator, p.value])).toEqual([
      ["2024-01-01", 1, 2, 0.5],
      ["2024-02-01", 0, 0, null],
      ["2024-03-01", 0, 1, 0],
    ]);
    expect(series.overall[0]).toMatchObject({
      numeratorIds: ["a"],
      denominatorIds: ["a", "b"],
      wardName: null,
    });
  });

  it("gives every ward a point for every period of the span", () => {
    const series = aggregateIndicatorRecords("D1", "p", records);
    expect(series.byWard.map((p) => [p.wardName, p.period, p.denominator])).toEqual([
      ["Ward A", "2024-01-01", 1],
      ["Ward A", "2024-02-01", 0],
      ["Ward A", "2024-03-01", 1],
      ["Ward B", "2024-01-01", 1],
      ["Ward B", "2024-02-01", 0],
      ["Ward B", "2024-03-01", 0],
    ]);
  });

  it("cuts days in UK civil time: 23:30 BST on 30 June is in June", () => {
    const late = [rec("x", "2024-06-30T22:30:00Z", "A", true)];
    expect(aggregateIndicatorRecords("D1", "p", late, { granularity: "day" }).overall[0]!.period).toBe(
      "2024-06-30",
    );
    expect(
      aggregateIndicatorRecords("D1", "p", late, { granularity: "month", timeZone: "UTC" }).overall[0]!
        .period,
    ).toBe("2024-06-01");
  });

  it("uses ISO weeks starting on Monday", () => {
    const week = aggregateIndicatorRecords("D1", "p", records.slice(0, 2), { granularity: "week" });
    expect(week.overall[0]!.period).toBe("2024-01-01");
    expect(week.overall.at(-1)!.period).toBe("2024-01-15");
    expect(week.overall).toHaveLength(3);
  });

  it("restricts to [from, to) and spans exactly those periods", () => {
    // Local midnight starting 1 May 2024 is 00:00 BST = 23:00 UTC on 30 April.
    const options: PeriodOptions = { from: "2024-01-15T00:00:00Z", to: "2024-05-01T00:00:00+01:00" };
    const series = aggregateIndicatorRecords("D1", "p", records, options);
    expect(series.overall.map((p) => [p.period, p.denominator])).toEqual([
      ["2024-01-01", 1],
      ["2024-02-01", 0],
      ["2024-03-01", 1],
      ["2024-04-01", 0],
    ]);
    expect(series.records.map((r) => r.id)).toEqual(["b", "c"]);
  });

  it("reports the median of record values", () => {
    const timed = [
      rec("a", "2024-01-01T10:00:00Z", "A", true, 30),
      rec("b", "2024-01-02T10:00:00Z", "A", false, 90),
      rec("c", "2024-01-03T10:00:00Z", "A", true, 45),
      rec("d", "2024-01-04T10:00:00Z", "A", false),
    ];
    expect(aggregateIndicatorRecords("D7", "p", timed).overall[0]!.median).toBe(45);
  });

  it("returns no points for no records", () => {
    expect(aggregateIndicatorRecords("D1", "p", []).overall).toEqual([]);
  });

  it("rejects an unknown granularity", () => {
    expect(() => aggregateIndicatorRecords("D1", "p", [], { granularity: "year" as "day" })).toThrow(
      SpcError,
    );
  });
});

describe("point medians", () => {
  it("average the middle pair of an even count and are null without values", () => {
    const values = [4, 1, 3, 2].map((v, i) => rec(`r${i}`, "2024-01-01T10:00:00Z", "A", true, v));
    expect(aggregateIndicatorRecords("D7", "p", values).overall[0]!.median).toBe(2.5);
    expect(
      aggregateIndicatorRecords("D7", "p", [rec("x", "2024-01-01T10:00:00Z", "A", true)]).overall[0]!.median,
    ).toBeNull();
  });
});
