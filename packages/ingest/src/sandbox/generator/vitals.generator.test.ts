import { describe, expect, it } from "vitest";
import { maximumIntervalHours, type ObservationSetRecord, oxygenEpisodes } from "./vitals.generator.js";

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

describe("oxygenEpisodes", () => {
  const set = (at: number, onOxygen: boolean, oxygenFlow?: number) =>
    ({ at, vitals: { onOxygen, oxygenFlow } }) as unknown as ObservationSetRecord;
  const minutes = (n: number) => n * 60_000;

  it("runs from the first set on oxygen to half way to the next set on air", () => {
    const sets = [
      set(minutes(0), false),
      set(minutes(60), true, 2),
      set(minutes(120), true, 6),
      set(minutes(240), false),
      set(minutes(300), true, 1),
    ];
    expect(oxygenEpisodes(sets, minutes(400))).toEqual([
      { index: 0, start: minutes(60), end: minutes(180), maxFlow: 6 },
      { index: 1, start: minutes(300), end: minutes(400), maxFlow: 1 },
    ]);
  });

  it("ends strictly between two sets, so no set sits on an episode's edge", () => {
    const [episode] = oxygenEpisodes([set(minutes(0), true, 2), set(minutes(5), false)], minutes(60));
    expect(episode!.end).toBeGreaterThan(minutes(0));
    expect(episode!.end).toBeLessThan(minutes(5));
  });

  it("finds none when the patient never needed oxygen", () => {
    expect(oxygenEpisodes([set(0, false), set(minutes(60), false)], minutes(120))).toEqual([]);
  });
});
