import { describe, expect, it } from "vitest";
import { SpcError } from "../../core/spc-error.js";
import { news2Score } from "./news2-score.js";
import type { News2Input } from "./news2.type.js";

// Every expected sub-score below is read off RCP NEWS2 Chart 1 "The NEWS scoring system" (RCP 2017),
// transcribed in INDICATORS.md §1.1, unless a test names another source.

/** A set that scores 0 on every item (RCP-C1): the baseline each band-edge test varies one item of. */
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

const score = (change: Partial<News2Input>) => news2Score({ ...normal, ...change });

/** Items other than SpO2 score the same on both scales; their edges are checked on each (the baseline SpO2 97 % on
 * air scores 0 on both). */
const SCALES = [1, 2] as const;

function expectError(change: Record<string, unknown>, code: string, argument: string): void {
  try {
    news2Score({ ...normal, ...change });
  } catch (error) {
    expect(error).toBeInstanceOf(SpcError);
    expect((error as SpcError).code).toBe(code);
    expect((error as SpcError).argument).toBe(argument);
    return;
  }
  throw new Error(`expected ${code} for ${JSON.stringify(change)}`);
}

describe("news2Score band edges (RCP NEWS2 Chart 1)", () => {
  it("scores a normal set as 0, low risk", () => {
    const result = news2Score(normal);
    expect(result.total).toBe(0);
    expect(result.clinicalRisk).toBe("low");
    expect(result.redScore).toBe(false);
  });

  it.each([
    [1, 3],
    [8, 3],
    [9, 1],
    [11, 1],
    [12, 0],
    [20, 0],
    [21, 2],
    [24, 2],
    [25, 3],
    [100, 3],
  ])("scores respiration rate %d/min as %d on both SpO2 scales", (respiratoryRate, expected) => {
    for (const spo2Scale of SCALES)
      expect(score({ respiratoryRate, spo2Scale }).subscores.respiratoryRate).toBe(expected);
  });

  it.each([
    [1, 3],
    [91, 3],
    [92, 2],
    [93, 2],
    [94, 1],
    [95, 1],
    [96, 0],
    [100, 0],
  ])("scores SpO2 %d%% on scale 1 as %d, on air or on oxygen", (spo2, expected) => {
    expect(score({ spo2, spo2Scale: 1 }).subscores.spo2).toBe(expected);
    expect(score({ spo2, spo2Scale: 1, onOxygen: true }).subscores.spo2).toBe(expected);
  });

  it.each([
    [1, 3],
    [83, 3],
    [84, 2],
    [85, 2],
    [86, 1],
    [87, 1],
    [88, 0],
    [92, 0],
    [93, 0],
    [97, 0],
    [100, 0],
  ])("scores SpO2 %d%% on scale 2 on air as %d", (spo2, expected) => {
    expect(score({ spo2, spo2Scale: 2, onOxygen: false }).subscores.spo2).toBe(expected);
  });

  it.each([
    [83, 3],
    [84, 2],
    [85, 2],
    [86, 1],
    [87, 1],
    [88, 0],
    [92, 0],
    [93, 1],
    [94, 1],
    [95, 2],
    [96, 2],
    [97, 3],
    [100, 3],
  ])("scores SpO2 %d%% on scale 2 on oxygen as %d", (spo2, expected) => {
    expect(score({ spo2, spo2Scale: 2, onOxygen: true }).subscores.spo2).toBe(expected);
  });

  it("scores SpO2 93% on oxygen as 1 on scale 2 but 2 on scale 1", () => {
    expect(score({ spo2: 93, spo2Scale: 2, onOxygen: true }).subscores.spo2).toBe(1);
    expect(score({ spo2: 93, spo2Scale: 1, onOxygen: true }).subscores.spo2).toBe(2);
  });

  it.each([
    [false, 1, 0],
    [true, 1, 2],
    [false, 2, 0],
    [true, 2, 2],
  ] as const)("scores air-or-oxygen (on oxygen %s, scale %d) as %d", (onOxygen, spo2Scale, expected) => {
    const result = score({ onOxygen, spo2Scale, spo2: 90 });
    expect(result.subscores.airOrOxygen).toBe(expected);
  });

  it.each([
    [10, 3],
    [90, 3],
    [91, 2],
    [100, 2],
    [101, 1],
    [110, 1],
    [111, 0],
    [219, 0],
    [220, 3],
    [350, 3],
  ])("scores systolic BP %d mmHg as %d on both SpO2 scales", (systolicBP, expected) => {
    for (const spo2Scale of SCALES)
      expect(score({ systolicBP, spo2Scale }).subscores.systolicBP).toBe(expected);
  });

  it.each([
    [1, 3],
    [40, 3],
    [41, 1],
    [50, 1],
    [51, 0],
    [90, 0],
    [91, 1],
    [110, 1],
    [111, 2],
    [130, 2],
    [131, 3],
    [350, 3],
  ])("scores pulse %d/min as %d on both SpO2 scales", (pulse, expected) => {
    for (const spo2Scale of SCALES) expect(score({ pulse, spo2Scale }).subscores.pulse).toBe(expected);
  });

  it.each([
    ["A", 0],
    ["C", 3],
    ["V", 3],
    ["P", 3],
    ["U", 3],
  ] as const)("scores consciousness %s as %d on both SpO2 scales", (consciousness, expected) => {
    for (const spo2Scale of SCALES)
      expect(score({ consciousness, spo2Scale }).subscores.consciousness).toBe(expected);
  });

  it.each([
    [25.0, 3],
    [35.0, 3],
    [35.1, 1],
    [36.0, 1],
    [36.1, 0],
    [38.0, 0],
    [38.1, 1],
    [39.0, 1],
    [39.1, 2],
    [45.0, 2],
  ])("scores temperature %d °C as %d on both SpO2 scales", (temperature, expected) => {
    for (const spo2Scale of SCALES)
      expect(score({ temperature, spo2Scale }).subscores.temperature).toBe(expected);
  });
});

describe("news2Score totals, red score and risk bands (RCP NEWS2 Charts 2 and 4)", () => {
  it("adds the seven item scores, so the worst possible set totals 20 (RCP-C1 range 0–20)", () => {
    // kscarlett/news2 news2_test.go "Critical values": 3+3+2+3+3+3+3.
    const result = news2Score({
      respiratoryRate: 7,
      spo2: 80,
      spo2Scale: 1,
      onOxygen: true,
      systolicBP: 85,
      pulse: 140,
      consciousness: "U",
      temperature: 34.5,
    });
    expect(result.total).toBe(20);
    expect(result.clinicalRisk).toBe("high");
  });

  it("gives low-medium risk to a single red parameter when the total is 0–4", () => {
    const result = score({ pulse: 35 });
    expect(result).toMatchObject({
      total: 3,
      redScore: true,
      clinicalRisk: "low-medium",
      trigger: "single-parameter",
    });
    expect(result.monitoringFrequency).toBe("hourly");
  });

  it("gives medium, not low-medium, risk to a red score with total 5–6: the aggregate band wins", () => {
    // RR 25 scores 3 (red), SBP 95 scores 2: total 5.
    const result = score({ respiratoryRate: 25, systolicBP: 95 });
    expect(result).toMatchObject({ total: 5, redScore: true, clinicalRisk: "medium", trigger: "urgent" });
  });

  it("gives high risk to total 7 with a red score", () => {
    const result = score({ respiratoryRate: 26, systolicBP: 95, pulse: 115 });
    expect(result).toMatchObject({ total: 7, redScore: true, clinicalRisk: "high", trigger: "emergency" });
    expect(result.monitoringFrequency).toBe("continuous");
  });

  it("gives high risk to total 7 without any red score", () => {
    // RR 22 (2) + SBP 95 (2) + pulse 115 (2) + temperature 38.5 (1).
    const result = score({ respiratoryRate: 22, systolicBP: 95, pulse: 115, temperature: 38.5 });
    expect(result).toMatchObject({ total: 7, redScore: false, clinicalRisk: "high" });
  });

  it("gives medium risk to total 5 and 6 without a red score", () => {
    expect(score({ respiratoryRate: 22, systolicBP: 95, pulse: 95 })).toMatchObject({
      total: 5,
      clinicalRisk: "medium",
      monitoringFrequency: "hourly",
    });
    expect(score({ respiratoryRate: 22, systolicBP: 95, pulse: 115 })).toMatchObject({
      total: 6,
      clinicalRisk: "medium",
    });
  });

  it("gives low risk to totals 1–4 without a red score, monitored 4–6-hourly", () => {
    expect(score({ pulse: 95, temperature: 38.5, respiratoryRate: 10 })).toMatchObject({
      total: 3,
      clinicalRisk: "low",
      trigger: "low",
      monitoringFrequency: "4-6-hourly",
    });
    expect(score({ respiratoryRate: 22, systolicBP: 95 })).toMatchObject({ total: 4, clinicalRisk: "low" });
  });

  it("monitors total 0 12-hourly with routine response (RCP Chart 4)", () => {
    expect(news2Score(normal)).toMatchObject({ trigger: "none", monitoringFrequency: "12-hourly" });
  });

  it("never counts air-or-oxygen as a red score: oxygen alone (2) is low risk", () => {
    const result = score({ onOxygen: true });
    expect(result).toMatchObject({ total: 2, redScore: false, clinicalRisk: "low" });
  });

  it("counts a scale-2 SpO2 of 97% on oxygen (3) as a red score", () => {
    const result = score({ spo2: 97, spo2Scale: 2, onOxygen: true });
    expect(result).toMatchObject({ total: 5, redScore: true, clinicalRisk: "medium" });
  });

  it("reports the scale it scored on", () => {
    expect(score({ spo2Scale: 2 }).spo2Scale).toBe(2);
    expect(news2Score(normal).spo2Scale).toBe(1);
  });
});

describe("news2Score against the worked examples of kscarlett/news2 (reference implementation, INDICATORS.md §1.1)", () => {
  it("scores example_test.go ExampleCalculate as 9, high, no red flag", () => {
    const result = news2Score({
      respiratoryRate: 22,
      spo2: 93,
      spo2Scale: 1,
      onOxygen: false,
      systolicBP: 98,
      pulse: 112,
      consciousness: "A",
      temperature: 38.4,
    });
    expect(result).toMatchObject({ total: 9, clinicalRisk: "high", redScore: false });
  });

  it("scores example_test.go ExampleResult_Response as high with continuous monitoring", () => {
    const result = news2Score({
      respiratoryRate: 24,
      spo2: 92,
      spo2Scale: 1,
      onOxygen: true,
      systolicBP: 100,
      pulse: 115,
      consciousness: "A",
      temperature: 38.5,
    });
    expect(result).toMatchObject({ clinicalRisk: "high", monitoringFrequency: "continuous" });
  });

  it("scores example_test.go ExampleCalculateScore as 1", () => {
    const result = news2Score({
      respiratoryRate: 18,
      spo2: 95,
      spo2Scale: 1,
      onOxygen: false,
      systolicBP: 120,
      pulse: 80,
      consciousness: "A",
      temperature: 36.8,
    });
    expect(result.total).toBe(1);
  });

  it("scores news2_test.go TestCalculateSubscores item by item", () => {
    const result = news2Score({
      respiratoryRate: 22,
      spo2: 94,
      spo2Scale: 1,
      onOxygen: true,
      systolicBP: 105,
      pulse: 45,
      consciousness: "C",
      temperature: 35.5,
    });
    expect(result.subscores).toEqual({
      respiratoryRate: 2,
      spo2: 1,
      airOrOxygen: 2,
      systolicBP: 1,
      pulse: 1,
      consciousness: 3,
      temperature: 1,
    });
    expect(result).toMatchObject({ total: 11, redScore: true, clinicalRisk: "high" });
  });

  it("scores news2_test.go scale-2 cases: SpO2 100% on oxygen 3+2, SpO2 90% on air 0", () => {
    expect(score({ spo2: 100, onOxygen: true, spo2Scale: 2 }).total).toBe(5);
    expect(score({ spo2: 90, spo2Scale: 2 }).total).toBe(0);
  });

  it("scores news2_test.go 'Low sats, on oxygen, scale1' as 3+2+2+1+3", () => {
    const result = news2Score({
      respiratoryRate: 18,
      spo2: 90,
      spo2Scale: 1,
      onOxygen: true,
      systolicBP: 100,
      pulse: 100,
      consciousness: "V",
      temperature: 36.5,
    });
    expect(result.total).toBe(11);
  });

  it("scores the UK Core example's 37.5 °C as 0, not the 1 the example bundle documents (INDICATORS.md §1.6)", () => {
    expect(score({ temperature: 37.5 }).subscores.temperature).toBe(0);
  });
});

describe("news2Score rejects missing and implausible values instead of scoring them", () => {
  it.each([
    ["respiratoryRate"],
    ["spo2"],
    ["spo2Scale"],
    ["onOxygen"],
    ["systolicBP"],
    ["pulse"],
    ["consciousness"],
    ["temperature"],
  ])("throws NEWS2_MISSING_VALUE when %s is missing", (item) => {
    expectError({ [item]: undefined }, "NEWS2_MISSING_VALUE", item);
    expectError({ [item]: null }, "NEWS2_MISSING_VALUE", item);
  });

  it.each([
    ["pulse", 0],
    ["pulse", 351],
    ["spo2", 120],
    ["spo2", 0],
    ["spo2", 100.4],
    ["temperature", 60],
    ["temperature", 98.6],
    ["temperature", 24.9],
    ["respiratoryRate", 0],
    ["respiratoryRate", 101],
    ["systolicBP", 0],
    ["systolicBP", 400],
  ])("throws NEWS2_IMPLAUSIBLE_VALUE for %s %d", (item, value) => {
    expectError({ [item]: value }, "NEWS2_IMPLAUSIBLE_VALUE", item);
  });

  it.each([
    ["pulse", Number.NaN],
    ["pulse", "80"],
    ["temperature", Number.POSITIVE_INFINITY],
    ["consciousness", "X"],
    ["consciousness", "alert"],
    ["spo2Scale", 3],
    ["onOxygen", 1],
  ])("throws NEWS2_INVALID_VALUE for %s %s", (item, value) => {
    expectError({ [item]: value }, "NEWS2_INVALID_VALUE", item);
  });

  it("throws NEWS2_INVALID_VALUE for a non-object input", () => {
    expect(() => news2Score(null as unknown as News2Input)).toThrow(SpcError);
  });
});
