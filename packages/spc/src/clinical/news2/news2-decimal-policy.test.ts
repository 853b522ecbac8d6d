import { describe, expect, it } from "vitest";
import { news2Score } from "./news2-score.js";
import type { News2Input, News2Subscores } from "./news2.type.js";

// INDICATORS.md §1.4 table, column (A) "half-up to chart precision, then score": every row, with the
// item's expected sub-score. Columns (B) and (C) show what raw upper-/lower-bound comparisons would give;
// they are listed so a regression to either is visible in the test name.

const normal: News2Input = {
  respiratoryRate: 16,
  spo2: 97,
  spo2Scale: 1,
  onOxygen: false,
  systolicBP: 120,
  pulse: 70,
  consciousness: "A",
  temperature: 37.0,
};

const rows: readonly [keyof News2Subscores & keyof News2Input, number, number, number, number, number][] = [
  // item, raw value, rounded value, (A) score, (B) score, (C) score
  ["temperature", 35.04, 35.0, 3, 1, 3],
  ["temperature", 35.05, 35.1, 1, 1, 3],
  ["temperature", 36.05, 36.1, 0, 0, 1],
  ["temperature", 38.04, 38.0, 0, 1, 0],
  ["temperature", 38.05, 38.1, 1, 1, 0],
  ["temperature", 39.05, 39.1, 2, 2, 1],
  ["respiratoryRate", 8.5, 9, 1, 1, 3],
  ["respiratoryRate", 20.4, 20, 0, 2, 0],
  ["respiratoryRate", 20.5, 21, 2, 2, 0],
  ["spo2", 95.5, 96, 0, 0, 1],
  ["systolicBP", 110.5, 111, 0, 0, 1],
  ["pulse", 90.5, 91, 1, 1, 0],
  ["pulse", 50.4, 50, 1, 0, 1],
];

describe("NEWS2 decimal policy (INDICATORS.md §1.4, column A)", () => {
  it.each(rows)(
    "scores %s %d as its half-up value %d would: %d (not B=%d, C=%d)",
    (item, raw, rounded, expected) => {
      const fromRaw = news2Score({ ...normal, [item]: raw });
      const fromRounded = news2Score({ ...normal, [item]: rounded });
      expect(fromRaw.subscores[item]).toBe(expected);
      expect(fromRounded.subscores[item]).toBe(expected);
    },
  );

  it("leaves no gap between printed bands: 35.06 °C and 36.04 °C score 1, 36.05 °C scores 0", () => {
    expect(news2Score({ ...normal, temperature: 35.06 }).subscores.temperature).toBe(1);
    expect(news2Score({ ...normal, temperature: 36.04 }).subscores.temperature).toBe(1);
    expect(news2Score({ ...normal, temperature: 36.05 }).subscores.temperature).toBe(0);
  });
});
