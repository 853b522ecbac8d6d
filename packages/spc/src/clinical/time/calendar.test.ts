import { describe, expect, it } from "vitest";
import { SpcError } from "../../core/spc-error.js";
import { calendarFor } from "./calendar.js";
import { HOUR_MS } from "./instant.js";

// UK civil time: GMT in winter, BST (UTC+1) from 01:00 UTC on the last Sunday of March to 01:00 UTC on the
// last Sunday of October (Summer Time Order; 2024: 31 March and 27 October).
describe("calendarFor", () => {
  const london = calendarFor("Europe/London");

  it("cuts days at local midnight: 23:59 BST is still that day, though it is 22:59 UTC", () => {
    expect(london.periodKey(Date.parse("2024-06-30T22:59:00Z"), "day")).toBe("2024-06-30");
    expect(london.periodKey(Date.parse("2024-06-30T23:00:00Z"), "day")).toBe("2024-07-01");
  });

  it("uses GMT in winter", () => {
    expect(london.periodKey(Date.parse("2024-01-31T23:59:00Z"), "day")).toBe("2024-01-31");
    expect(london.offsetMs(Date.parse("2024-01-31T23:59:00Z"))).toBe(0);
    expect(london.offsetMs(Date.parse("2024-07-01T12:00:00Z"))).toBe(HOUR_MS);
  });

  it("labels ISO weeks by their Monday and months by their first day", () => {
    // 2024-03-03 is a Sunday: its ISO week starts Monday 2024-02-26.
    expect(london.periodKey(Date.parse("2024-03-03T12:00:00Z"), "week")).toBe("2024-02-26");
    expect(london.periodKey(Date.parse("2024-03-04T00:00:00Z"), "week")).toBe("2024-03-04");
    expect(london.periodKey(Date.parse("2024-02-29T23:30:00Z"), "month")).toBe("2024-02-01");
    expect(london.periodKey(Date.parse("2024-05-31T23:30:00Z"), "month")).toBe("2024-06-01");
  });

  it("finds local midnight on both clock-change days (a 23-hour and a 25-hour day)", () => {
    const spring = london.dayNumber(Date.parse("2024-03-31T12:00:00Z"));
    expect(london.startOfDayMs(spring)).toBe(Date.parse("2024-03-31T00:00:00Z"));
    expect(london.startOfDayMs(spring + 1) - london.startOfDayMs(spring)).toBe(23 * HOUR_MS);
    const autumn = london.dayNumber(Date.parse("2024-10-27T12:00:00Z"));
    expect(london.startOfDayMs(autumn)).toBe(Date.parse("2024-10-26T23:00:00Z"));
    expect(london.startOfDayMs(autumn + 1) - london.startOfDayMs(autumn)).toBe(25 * HOUR_MS);
  });

  it("steps to the next period start across month lengths", () => {
    const feb = london.periodStartDay(london.dayNumber(Date.parse("2024-02-10T12:00:00Z")), "month");
    expect(london.dayKey(london.nextPeriodStartDay(feb, "month"))).toBe("2024-03-01");
    expect(london.dayKey(london.nextPeriodStartDay(feb, "week"))).toBe("2024-02-08");
  });

  it("finds month starts by integer arithmetic that agree with Date.UTC for 1900–2100", () => {
    const utc = calendarFor("UTC");
    const mismatches: number[] = [];
    for (let day = Date.UTC(1900, 0, 1) / 86_400_000; day < Date.UTC(2100, 11, 31) / 86_400_000; day += 3) {
      const date = new Date(day * 86_400_000);
      const start = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1) / 86_400_000;
      const next = Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1) / 86_400_000;
      if (utc.periodStartDay(day, "month") !== start || utc.nextPeriodStartDay(start, "month") !== next) {
        mismatches.push(day);
      }
    }
    expect(mismatches).toEqual([]);
  });

  it("treats UTC as offset 0 everywhere", () => {
    expect(calendarFor("UTC").periodKey(Date.parse("2024-06-30T23:30:00Z"), "day")).toBe("2024-06-30");
  });

  it("rejects an unknown time zone with INVALID_TIME_ZONE", () => {
    expect(() => calendarFor("Mars/Olympus_Mons")).toThrow(SpcError);
  });
});
