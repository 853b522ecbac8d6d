import { describe, expect, it } from "vitest";
import { SpcError } from "../../core/spc-error.js";
import { isValidScale2Decision, resolveSpo2Scale, type Spo2ScaleDecision } from "./spo2-scale.js";

// Platform rule of INDICATORS.md §1.1: Scale 2 only from a documented decision (a recorded 88–92 % target or a
// scale-2 sub-score on the observation); otherwise Scale 1. A COPD diagnosis alone does not select Scale 2
// (Williams B, Clin Med 2019;19(1):94–95).
const decision = (over: Partial<Spo2ScaleDecision> = {}): Spo2ScaleDecision => ({
  id: "d1",
  patientFhirId: "p1",
  scale: 2,
  decidedAt: "2024-01-10T08:00:00Z",
  targetLow: 88,
  targetHigh: 92,
  ...over,
});

describe("resolveSpo2Scale", () => {
  it("defaults to scale 1 without any documented decision", () => {
    expect(resolveSpo2Scale(null, [], "2024-01-10T09:00:00Z")).toEqual({
      scale: 1,
      source: "default",
      decisionId: null,
    });
  });

  it("uses a scale-2 decision with an 88–92% target that is in force", () => {
    expect(resolveSpo2Scale(undefined, [decision()], "2024-01-10T09:00:00Z")).toEqual({
      scale: 2,
      source: "decision",
      decisionId: "d1",
    });
  });

  it("ignores a decision made after the set", () => {
    expect(resolveSpo2Scale(null, [decision()], "2024-01-10T07:59:59Z").scale).toBe(1);
  });

  it("ignores a decision that has ended", () => {
    const ended = decision({ endedAt: "2024-01-11T00:00:00Z" });
    expect(resolveSpo2Scale(null, [ended], "2024-01-11T00:00:00Z").scale).toBe(1);
    expect(resolveSpo2Scale(null, [ended], "2024-01-10T23:59:59Z").scale).toBe(2);
  });

  it("lets a later scale-1 decision supersede an earlier scale-2 decision", () => {
    const revert = decision({
      id: "d2",
      scale: 1,
      decidedAt: "2024-01-12T08:00:00Z",
      targetLow: 94,
      targetHigh: 98,
    });
    expect(resolveSpo2Scale(null, [revert, decision()], "2024-01-12T09:00:00Z")).toEqual({
      scale: 1,
      source: "decision",
      decisionId: "d2",
    });
  });

  it("does not select scale 2 for a decision whose target is not 88–92%", () => {
    expect(
      resolveSpo2Scale(null, [decision({ targetLow: 92, targetHigh: 96 })], "2024-01-10T09:00:00Z").scale,
    ).toBe(1);
  });

  it("prefers the scale documented on the set's own readings", () => {
    expect(resolveSpo2Scale(2, [], "2024-01-10T09:00:00Z")).toEqual({
      scale: 2,
      source: "reading",
      decisionId: null,
    });
    expect(resolveSpo2Scale(1, [decision()], "2024-01-10T09:00:00Z").source).toBe("reading");
  });

  it("rejects a documented scale other than 1 or 2", () => {
    expect(() => resolveSpo2Scale(3, [], 0)).toThrow(SpcError);
  });
});

describe("isValidScale2Decision", () => {
  it("accepts scale 2 with an 88–92% target or no recorded target", () => {
    expect(isValidScale2Decision(decision())).toBe(true);
    expect(isValidScale2Decision(decision({ targetLow: null, targetHigh: null }))).toBe(true);
  });

  it("rejects scale 1 and scale 2 with another target", () => {
    expect(isValidScale2Decision(decision({ scale: 1 }))).toBe(false);
    expect(isValidScale2Decision(decision({ targetLow: 94, targetHigh: 98 }))).toBe(false);
  });
});
