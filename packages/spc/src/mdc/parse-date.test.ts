import { describe, expect, it } from "vitest";
import { parseDate } from "./parse-date.js";

describe("parseDate", () => {
  it("reads a date as midnight UTC, as lubridate::as_datetime(Date) does", () => {
    expect(parseDate("2020-01-01", "d", 0)).toBe(Date.UTC(2020, 0, 1));
  });

  it("reads a date-time without a zone as UTC, never in the machine's zone", () => {
    expect(parseDate("2020-01-01T06:30", "d", 0)).toBe(Date.UTC(2020, 0, 1, 6, 30));
    expect(parseDate("2020-01-01 06:30:15.250", "d", 0)).toBe(Date.UTC(2020, 0, 1, 6, 30, 15, 250));
  });

  it("applies an explicit offset", () => {
    expect(parseDate("2020-01-01T06:00:00+01:00", "d", 0)).toBe(Date.UTC(2020, 0, 1, 5));
    expect(parseDate("2020-01-01T06:00:00Z", "d", 0)).toBe(Date.UTC(2020, 0, 1, 6));
    expect(parseDate("2020-01-01T06:00:00-0230", "d", 0)).toBe(Date.UTC(2020, 0, 1, 8, 30));
  });

  it("accepts a Date object", () => {
    expect(parseDate(new Date(Date.UTC(2021, 5, 1)), "d", 0)).toBe(Date.UTC(2021, 5, 1));
  });

  it("refuses impossible dates, other formats and non-dates, naming the argument and row", () => {
    for (const bad of ["2021-02-30", "01/02/2021", "", "2021-1-1", 20210101, null, new Date(Number.NaN)]) {
      let error: unknown;
      try {
        parseDate(bad, "date_field", 4);
      } catch (e) {
        error = e;
      }
      expect(error).toMatchObject({ code: "INVALID_DATE", argument: "date_field" });
      expect((error as Error).message).toContain("date_field[4]");
    }
  });
});
