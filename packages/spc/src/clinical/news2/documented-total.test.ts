import { describe, expect, it } from "vitest";
import { SpcError } from "../../core/spc-error.js";
import { checkDocumentedTotal } from "./documented-total.js";
import { news2Score } from "./news2-score.js";

describe("checkDocumentedTotal (indicator D2, INDICATORS.md §3)", () => {
  it("agrees when the documented total equals the recomputed total", () => {
    // kscarlett/news2 example_test.go ExampleCalculate: the set scores 9.
    const recomputed = news2Score({
      respiratoryRate: 22,
      spo2: 93,
      spo2Scale: 1,
      onOxygen: false,
      systolicBP: 98,
      pulse: 112,
      consciousness: "A",
      temperature: 38.4,
    });
    expect(checkDocumentedTotal(9, recomputed)).toEqual({
      documentedTotal: 9,
      recomputedTotal: 9,
      agrees: true,
      difference: 0,
    });
  });

  it("flags the UK Core example's documented 6 against a recomputed 5 (37.5 °C scores 0; INDICATORS.md §1.6)", () => {
    expect(checkDocumentedTotal(6, { total: 5 })).toMatchObject({ agrees: false, difference: 1 });
  });

  it.each([-1, 21, 4.5, Number.NaN])("rejects documented total %d as INVALID_DOCUMENTED_TOTAL", (total) => {
    expect(() => checkDocumentedTotal(total, { total: 0 })).toThrow(SpcError);
    try {
      checkDocumentedTotal(total, { total: 0 });
    } catch (error) {
      expect((error as SpcError).code).toBe("INVALID_DOCUMENTED_TOTAL");
    }
  });
});
