import { describe, expect, it } from "vitest";
import { maximumIntervalHours } from "./vitals.generator.js";

describe("maximumIntervalHours (RCP NEWS2 Chart 4)", () => {
  it("allows 12 hours at total 0", () => {
    expect(maximumIntervalHours(0, false, 4)).toBe(12);
  });

  it("follows the ward's 4- or 6-hourly policy at totals 1 to 4", () => {
    expect(maximumIntervalHours(1, false, 4)).toBe(4);
    expect(maximumIntervalHours(4, false, 6)).toBe(6);
  });

  it("requires hourly observations for a red score or a total of 5 or 6", () => {
    expect(maximumIntervalHours(3, true, 6)).toBe(1);
    expect(maximumIntervalHours(5, false, 6)).toBe(1);
    expect(maximumIntervalHours(6, true, 4)).toBe(1);
  });

  it("charts continuous monitoring at 7 or more every 30 minutes", () => {
    expect(maximumIntervalHours(7, false, 4)).toBe(0.5);
    expect(maximumIntervalHours(15, true, 6)).toBe(0.5);
  });
});
