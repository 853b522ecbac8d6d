import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { toDate, toInstant } from "./fhir-values.js";

/** What `toInstant` gave for a UTC date-time before its fast path: a round trip through `Date`. */
function viaDate(value: string): string | null {
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

const pad = (value: number, width: number): string => String(value).padStart(width, "0");

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

  it("gives null for what is not a FHIR date-time", () => {
    for (const value of [
      undefined,
      null,
      20240305,
      "",
      "yesterday",
      "2024-03-05 10:15",
      "2024-13-01T00:00:00Z",
    ]) {
      expect(toInstant(value)).toBeNull();
    }
  });

  it("handles out-of-range fields exactly as before the fast path (Date's own reading)", () => {
    // Date.parse rolls a day past the month's end over and reads 24:00 as the next midnight; the fast path
    // declines these and the general path keeps that behaviour.
    for (const value of [
      "2023-02-29T00:00:00Z",
      "2024-02-29T12:00:00.250Z",
      "2024-04-31T00:00:00.123Z",
      "2024-01-01T24:00:00Z",
      "2024-01-01T23:59:60Z",
      "1900-02-29T00:00:00Z",
      "2000-02-29T00:00:00Z",
      "0000-01-01T00:00:00Z",
      "2024-00-10T00:00:00Z",
      "2024-01-00T00:00:00Z",
    ]) {
      expect(toInstant(value), value).toBe(viaDate(value));
    }
  });

  it("agrees with a round trip through Date for every UTC date-time shape, valid or not", () => {
    // Property test over both fast-path shapes with fields drawn beyond their ranges.
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 9999 }),
        fc.integer({ min: 0, max: 13 }),
        fc.integer({ min: 0, max: 32 }),
        fc.integer({ min: 0, max: 25 }),
        fc.integer({ min: 0, max: 61 }),
        fc.integer({ min: 0, max: 61 }),
        fc.option(fc.integer({ min: 0, max: 999 })),
        (year, month, day, hour, minute, second, millis) => {
          const value =
            `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}T${pad(hour, 2)}:${pad(minute, 2)}:${pad(second, 2)}` +
            (millis === null ? "Z" : `.${pad(millis, 3)}Z`);
          expect(toInstant(value)).toBe(viaDate(value));
        },
      ),
      { numRuns: 5_000 },
    );
  });
});
