import { describe, expect, it } from "vitest";
import { SpcError } from "../../core/spc-error.js";
import { cutPeriods, parsePeriodSpec, periodBinner } from "./cut-period.js";
import { formatIsoDate, parseIsoDate } from "./iso-date.js";

// ISO 8601 dates (YYYY-MM-DD, read as UTC as qicharts2 reads Date x: SPC-REFERENCE.md, spc-examples README) and
// qicharts2's x.period, which cuts with R's cut.POSIXt (weeks start on Monday; months, quarters, years at
// calendar boundaries from the earliest instant's period).

const utc = (y: number, m: number, d: number, h = 0): number => Date.UTC(y, m - 1, d, h);

describe("parseIsoDate and formatIsoDate", () => {
  it("reads dates and date-times as UTC, honouring an explicit offset", () => {
    expect(parseIsoDate("2021-01-01")).toBe(utc(2021, 1, 1));
    expect(parseIsoDate("2021-01-01 06:00:00")).toBe(utc(2021, 1, 1, 6));
    expect(parseIsoDate("2021-01-01T06:00Z")).toBe(utc(2021, 1, 1, 6));
    expect(parseIsoDate("2021-01-01T08:00:00+02:00")).toBe(utc(2021, 1, 1, 6));
  });

  it("refuses impossible dates and other formats with NaN", () => {
    for (const text of ["2023-02-30", "2023-13-01", "01/02/2023", "March 2021", "2021-1-1", ""]) {
      expect(parseIsoDate(text), text).toBeNaN();
    }
    expect(parseIsoDate("2024-02-29")).toBe(utc(2024, 2, 29));
  });

  it("formats UTC milliseconds back, with the time only when asked", () => {
    expect(formatIsoDate(utc(2024, 3, 5))).toBe("2024-03-05");
    expect(formatIsoDate(utc(2024, 3, 5, 14), true)).toBe("2024-03-05 14:00:00");
  });
});

describe("x.period bins (R's cut.POSIXt)", () => {
  it("matches units by unique prefix and reads a multiple", () => {
    expect(parsePeriodSpec("month")).toEqual({ unit: "months", step: 1 });
    expect(parsePeriodSpec("2 weeks")).toEqual({ unit: "weeks", step: 2 });
    expect(parsePeriodSpec("quarter")).toEqual({ unit: "quarters", step: 1 });
    expect(() => parsePeriodSpec("fortnight")).toThrow(SpcError);
    expect(() => parsePeriodSpec("1.5 months")).toThrow(expect.objectContaining({ argument: "x.period" }));
  });

  it("cuts into calendar months, quarters and years starting at the earliest instant's period", () => {
    const times = [utc(2024, 2, 20), utc(2024, 1, 15), utc(2024, 5, 1), utc(2025, 1, 1)];
    expect(cutPeriods(times, parsePeriodSpec("month"))).toEqual([
      utc(2024, 2, 1),
      utc(2024, 1, 1),
      utc(2024, 5, 1),
      utc(2025, 1, 1),
    ]);
    expect(cutPeriods(times, parsePeriodSpec("quarter"))).toEqual([
      utc(2024, 1, 1),
      utc(2024, 1, 1),
      utc(2024, 4, 1),
      utc(2025, 1, 1),
    ]);
    expect(cutPeriods(times, parsePeriodSpec("year"))).toEqual([
      utc(2024, 1, 1),
      utc(2024, 1, 1),
      utc(2024, 1, 1),
      utc(2025, 1, 1),
    ]);
    // "2 months" counts from January, the earliest month: Jan–Feb, Mar–Apr, May–Jun, …
    expect(cutPeriods(times, parsePeriodSpec("2 months"))).toEqual([
      utc(2024, 1, 1),
      utc(2024, 1, 1),
      utc(2024, 5, 1),
      utc(2025, 1, 1),
    ]);
  });

  it("starts weeks on Monday and days at midnight UTC; missing instants stay missing", () => {
    // 2024-01-03 is a Wednesday; its week starts Monday 2024-01-01.
    const times = [utc(2024, 1, 3, 15), utc(2024, 1, 8, 1), Number.NaN, utc(2024, 1, 14, 23)];
    expect(cutPeriods(times, parsePeriodSpec("week"))).toEqual([
      utc(2024, 1, 1),
      utc(2024, 1, 8),
      Number.NaN,
      utc(2024, 1, 8),
    ]);
    expect(cutPeriods(times, parsePeriodSpec("2 weeks"))).toEqual([
      utc(2024, 1, 1),
      utc(2024, 1, 1),
      Number.NaN,
      utc(2024, 1, 1),
    ]);
    expect(cutPeriods(times, parsePeriodSpec("day"))).toEqual([
      utc(2024, 1, 3),
      utc(2024, 1, 8),
      Number.NaN,
      utc(2024, 1, 14),
    ]);
    expect(cutPeriods([utc(2024, 1, 3, 15), utc(2024, 1, 3, 17)], parsePeriodSpec("hour"))).toEqual([
      utc(2024, 1, 3, 15),
      utc(2024, 1, 3, 17),
    ]);
  });

  it("bins other instants (a phase date) into the data's bins", () => {
    const bin = periodBinner(utc(2024, 1, 15), parsePeriodSpec("quarter"));
    expect(bin(utc(2024, 5, 2))).toBe(utc(2024, 4, 1));
    expect(bin(utc(2023, 12, 31))).toBe(utc(2023, 10, 1));
  });
});
