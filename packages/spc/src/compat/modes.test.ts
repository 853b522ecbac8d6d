import { describe, expect, it } from "vitest";
import { ptdSpc } from "./ptd-spc.js";
import { qic } from "./qic.js";

/*
 * SPC-REFERENCE.md §3.1 and ../../../shared/spc-examples/README.md ("Do not use one tolerance to make the two
 * packages agree"): on the same data qicharts2 and NHSRplotthedots give the same centre line and average moving
 * range, but qicharts2 puts the I-chart limits at 3/1.128 = 2.659574·AMR and NHSRplotthedots at 2.66·AMR, a
 * relative difference of 2.66·1.128/3 − 1 = 1.6e-4 in the half-width. A point between the two limits is a
 * 3-sigma signal in qicharts2 and common cause in NHSRplotthedots (the reference set's pair_*_between_limits).
 */
describe("qicharts2 mode and Making Data Count mode on the same data", () => {
  // Twelve baseline points alternating 10, 11: mean 10.5, every moving range 1, so AMR = 1 exactly.
  // qicharts2 UCL = 10.5 + 3/1.128 = 13.15957…, NHSRplotthedots UPL = 10.5 + 2.66 = 13.16; the 13th point,
  // 13.1598, sits 2.3e-4 above the first and 2e-4 below the second. Both packages fix the limits on the 12.
  const v = [10, 11, 10, 11, 10, 11, 10, 11, 10, 11, 10, 11, 13.1598];
  const d = Array.from({ length: v.length }, (_, i) =>
    new Date(Date.UTC(2024, i, 1)).toISOString().slice(0, 10),
  );
  const q = qic({
    args: { x: "d", y: "v", chart: "i", freeze: 12 },
    options: { "qic.screenedmr": false },
    input: { x_type: "date", columns: { d, v } },
  });
  const p = ptdSpc({
    args: { value_field: "v", date_field: "d", fix_after_n_points: 12, screen_outliers: false },
    input: { columns: { d, v } },
  });

  it("gives the same centre line, and half-widths in the ratio 2.66·1.128/3", () => {
    const qRow = q.points[0]!;
    const pRow = p.points[0]!;
    expect(qRow.cl).toBe(10.5);
    expect(pRow["mean_col"]).toBe(10.5);
    expect((qRow.ucl as number) - 10.5).toBeCloseTo(3 / 1.128, 12);
    expect((pRow["upl"] as number) - 10.5).toBeCloseTo(2.66, 12);
    const ratio = ((pRow["upl"] as number) - 10.5) / ((qRow.ucl as number) - 10.5);
    expect(ratio).toBeCloseTo((2.66 * 1.128) / 3, 12);
    expect(ratio - 1).toBeGreaterThan(1e-4); // 160 times the 1e-6 tolerance: the modes must not be mixed
  });

  it("signals the point between the limits in qicharts2 only", () => {
    expect(q.points[12]!["sigma.signal"]).toBe(true);
    expect(q.points.slice(0, 12).every((r) => r["sigma.signal"] === false)).toBe(true);
    expect(p.points[12]!["outside_limits"]).toBe(false);
    expect(p.points[12]!["special_cause_type"]).toBe("Common Cause");
    expect(p.points[12]!["point_type"]).toBe("common_cause");
  });
});

describe("a missing value continues a run in qicharts2 and breaks a shift in NHSRplotthedots (SPC-REFERENCE.md §3.4)", () => {
  // Baseline 12, 10 × 6 (mean 11, fixed on these 12 in both packages), then 11.5 × 4, NA, 11.5 × 4: eight points
  // above the mean with a gap. qicharts2 drops the NA, so its longest run is 8 > round(log2 20) + 3 = 7: a runs
  // signal. NHSRplotthedots' shift needs 7 consecutive non-missing points on one side: two runs of 4, no shift.
  const v = [...Array.from({ length: 12 }, (_, i) => (i % 2 === 0 ? 12 : 10)), 11.5, 11.5, 11.5, 11.5, null];
  v.push(11.5, 11.5, 11.5, 11.5);
  const d = Array.from({ length: v.length }, (_, i) =>
    new Date(Date.UTC(2024, i, 1)).toISOString().slice(0, 10),
  );

  it("qicharts2: longest run 8 of 20 useful points, a runs signal", () => {
    const q = qic({
      args: { x: "d", y: "v", chart: "i", freeze: 12 },
      options: { "qic.screenedmr": true },
      input: { x_type: "date", columns: { d, v } },
    });
    expect(q.summary[0]).toMatchObject({
      "n.useful": 20,
      "longest.run": 8,
      "longest.run.max": 7,
      "runs.signal": 1,
    });
  });

  it("NHSRplotthedots: no shift, every point common cause", () => {
    const p = ptdSpc({
      args: { value_field: "v", date_field: "d", fix_after_n_points: 12 },
      input: { columns: { d, v } },
    });
    expect(p.points[0]!["mean_col"]).toBe(11);
    expect(new Set(p.points.map((r) => r["special_cause_type"]))).toEqual(new Set(["Common Cause"]));
  });
});
