import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { toDate, toInstant } from "./fhir-values.js";
import { MappingProblem } from "./mapped.type.js";

/** A date-time that exists, read through `Date`: what the fast path must give. */
function viaDate(value: string): string | null {
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

const pad = (value: number, width: number): string => String(value).padStart(width, "0");
const isLeap = (year: number): boolean => year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);

describe("toInstant", () => {
  it("reads FHIR dates, date-times and instants as UTC instants with milliseconds", () => {
    expect(toInstant("2024-03-05T10:15:30.123Z")).toBe("2024-03-05T10:15:30.123Z");
    expect(toInstant("2024-03-05T10:15:30Z")).toBe("2024-03-05T10:15:30.000Z");
    expect(toInstant("2024-03-05T10:15:30+01:00")).toBe("2024-03-05T09:15:30.000Z");
    expect(toInstant("2024-03-05T10:15:30.5-05:00")).toBe("2024-03-05T15:15:30.500Z");
    expect(toInstant("2024-03-05T10:15:30")).toBe("2024-03-05T10:15:30.000Z");
    expect(toInstant("2024-03-05")).toBe("2024-03-05T00:00:00.000Z");
    expect(toInstant("2024-03")).toBe("2024-03-01T00:00:00.000Z");
    expect(toInstant("2024")).toBe("2024-01-01T00:00:00.000Z");
    expect(toDate("2024-03-05T23:15:30-02:00")).toBe("2024-03-06");
  });

  it("gives null when the value is absent or not a string", () => {
    for (const value of [undefined, null, 20240305, { start: "2024" }]) expect(toInstant(value)).toBeNull();
  });

  it("reads a leap second, which FHIR allows, as the next second", () => {
    expect(toInstant("2016-12-31T23:59:60Z")).toBe("2017-01-01T00:00:00.000Z");
    expect(toInstant("2016-12-31T23:59:60.5+00:00")).toBe("2017-01-01T00:00:00.500Z");
  });

  it("refuses, as a MappingProblem naming the value, a date or time that does not exist", () => {
    // Each of these once reached PostgreSQL, which refused it and with it the whole batch, on every re-run.
    for (const value of [
      "2023-02-29",
      "2023-02-30T00:00:00Z",
      "2024-04-31T00:00:00.123Z",
      "2024-13",
      "2024-00-10",
      "2024-01-00T10:00:00+01:00",
      "0000-01-01",
      "0000-06-01T00:00:00Z",
      "0001-01-01T00:30:00+01:00",
      "2024-01-01T24:00:00Z",
      "2024-01-01T23:60:00Z",
      "2024-01-01T23:59:61Z",
      "2024-01-01T10:00:00+15:00",
      "yesterday",
      "2024-03-05 10:15",
      "",
    ]) {
      let thrown: unknown;
      try {
        toInstant(value);
      } catch (error) {
        thrown = error;
      }
      expect(thrown, value).toBeInstanceOf(MappingProblem);
      expect((thrown as MappingProblem).code).toBe("invalid-date");
      expect((thrown as MappingProblem).message).toContain(`"${value}"`);
    }
  });

  it("agrees with a round trip through Date for every UTC date-time that exists, and refuses the rest", () => {
    // Property test over both fast-path shapes with fields drawn beyond their ranges.
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 9999 }),
        fc.integer({ min: 0, max: 13 }),
        fc.integer({ min: 0, max: 32 }),
        fc.integer({ min: 0, max: 25 }),
        fc.integer({ min: 0, max: 61 }),
        fc.integer({ min: 0, max: 59 }),
        fc.option(fc.integer({ min: 0, max: 999 })),
        (year, month, day, hour, minute, second, millis) => {
          const value =
            `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}T${pad(hour, 2)}:${pad(minute, 2)}:${pad(second, 2)}` +
            (millis === null ? "Z" : `.${pad(millis, 3)}Z`);
          const daysInMonth =
            [31, isLeap(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
          const exists = year >= 1 && day >= 1 && day <= daysInMonth && hour <= 23 && minute <= 59;
          if (exists) expect(toInstant(value)).toBe(viaDate(value));
          else expect(() => toInstant(value)).toThrow(MappingProblem);
        },
      ),
      { numRuns: 5_000 },
    );
  });
});
