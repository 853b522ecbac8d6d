import { describe, expect, it } from "vitest";
import { nhsNumberCheckDigit, sandboxNhsNumber, stableUuid } from "./ids.js";

describe("stableUuid", () => {
  it("derives the same version-4-shaped UUID from the same seed and key", () => {
    const id = stableUuid("1", "admission/3/patient");
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(stableUuid("1", "admission/3/patient")).toBe(id);
    expect(stableUuid("2", "admission/3/patient")).not.toBe(id);
    expect(stableUuid("1", "admission/4/patient")).not.toBe(id);
  });

  it("does not collide across a hundred thousand keys", () => {
    const ids = new Set<string>();
    for (let i = 0; i < 100_000; i += 1) ids.add(stableUuid("1", `admission/${i % 100}/set/${i}/pulse`));
    expect(ids.size).toBe(100_000);
  });
});

describe("sandboxNhsNumber", () => {
  it("computes the Modulus 11 check digit of a known valid NHS number", () => {
    // 943 476 5919 is the NHS Digital documentation example.
    expect(nhsNumberCheckDigit("943476591")).toBe(9);
  });

  it("gives distinct valid numbers in the 999 test range", () => {
    const numbers = Array.from({ length: 20_000 }, (_, i) => sandboxNhsNumber(i));
    expect(new Set(numbers).size).toBe(numbers.length);
    for (const number of numbers) {
      expect(number).toMatch(/^999\d{7}$/);
      expect(nhsNumberCheckDigit(number.slice(0, 9))).toBe(Number(number.charAt(9)));
    }
  });
});
