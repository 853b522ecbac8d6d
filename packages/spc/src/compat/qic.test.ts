import { describe, expect, it } from "vitest";
import { SpcError } from "../core/spc-error.js";
import { qic } from "./qic.js";
import type { QicArgs, QicInput, QicRow } from "./qic.type.js";

/*
 * qic() behaviour beyond the reference cases, each expectation worked out from qicharts2 0.8.1's code
 * (R/qic.R, R/helper.functions.R) and SPC-REFERENCE.md.
 */
const run = (args: QicArgs, columns: QicInput["columns"], x_type?: QicInput["x_type"], screened = false) =>
  qic({ args, options: { "qic.screenedmr": screened }, input: x_type ? { x_type, columns } : { columns } });
const mean = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
const column = (rows: readonly QicRow[], name: string): unknown[] => rows.map((r) => r[name]);

describe("facets", () => {
  const hospital = ["B", "A", "B", "A", "B", "A", "B", "A"];
  const infection = ["uti", "uti", "uti", "uti", "cdi", "cdi", "cdi", "cdi"];
  const month = [1, 1, 2, 2, 1, 1, 2, 2];
  const count = [4, 10, 6, 12, 1, 3, 3, 5];
  const result = run(
    { x: "month", y: "count", chart: "c", facets: "infection ~ hospital" },
    { month, count, hospital, infection },
  );

  it("computes each facet on its own data", () => {
    const cdiA = result.points.find((p) => p.facet1 === "cdi" && p.facet2 === "A")!;
    expect(cdiA.cl).toBe(mean([3, 5]));
    const utiB = result.points.find((p) => p.facet1 === "uti" && p.facet2 === "B")!;
    expect(utiB.cl).toBe(mean([4, 6]));
    expect(utiB.xx).toBe(1);
  });

  it("orders rows as R's split does: facet1 fastest, then facet2, then x; summary by facet1, facet2", () => {
    expect(result.points.map((p) => `${String(p.facet1)}/${String(p.facet2)}/${String(p.x)}`)).toEqual([
      "cdi/A/1",
      "cdi/A/2",
      "uti/A/1",
      "uti/A/2",
      "cdi/B/1",
      "cdi/B/2",
      "uti/B/1",
      "uti/B/2",
    ]);
    expect(result.summary.map((s) => `${String(s.facet1)}/${String(s.facet2)}`)).toEqual([
      "cdi/A",
      "cdi/B",
      "uti/A",
      "uti/B",
    ]);
  });

  it("reports facet 1 for a one-sided formula's missing side and without facets", () => {
    const one = run({ x: "month", y: "count", chart: "c", facets: "~ hospital" }, { month, count, hospital });
    expect(new Set(column(one.points, "facet2"))).toEqual(new Set([1]));
    expect(column(one.summary, "facet1")).toEqual(["A", "B"]);
  });
});

describe("categorical x (funnel plots)", () => {
  const ward = ["b", "A", "c", "D"];
  const y = [10, 30, 12, 45];
  const n = [100, 210, 90, 300];

  it("sorts x alphabetically (R collation: case-insensitive first), reports runs statistics, never signals runs", () => {
    const { points, summary } = run({ x: "ward", y: "y", n: "n", chart: "p" }, { ward, y, n }, "categorical");
    expect(column(points, "x")).toEqual(["A", "b", "c", "D"]);
    expect(points.every((p) => p["runs.signal"] === false)).toBe(true);
    expect(summary[0]!["n.useful"]).toBe(4);
    expect(summary[0]!["runs.signal"]).toBe(0);
  });

  it("takes Laney's σ_z as sd(z) instead of AMR(z)/1.128 for p′", () => {
    const pbar = 97 / 700;
    const z = y.map((v, i) => (v / n[i]! - pbar) / Math.sqrt((pbar * (1 - pbar)) / n[i]!));
    const m = mean(z);
    const sdz = Math.sqrt(z.reduce((a, v) => a + (v - m) ** 2, 0) / 3);
    const { points } = run({ x: "ward", y: "y", n: "n", chart: "pp" }, { ward, y, n }, "categorical");
    const a = points.find((p) => p.x === "A")!;
    expect(a.ucl).toBeCloseTo(pbar + 3 * Math.sqrt((pbar * (1 - pbar)) / 210) * sdz, 13);
  });
});

describe("parts, freeze and exclude", () => {
  const y = [5, 6, 4, 5, 7, 5, 12, 13, 11, 12, 14, 12];
  const x = y.map((_, i) => i + 1);

  it("splits at integer part points and recomputes each part", () => {
    const { points, summary } = run({ x: "x", y: "y", chart: "i", part: [6] }, { x, y });
    expect(column(points, "part")).toEqual([1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2]);
    expect(points[0]!.cl).toBe(mean(y.slice(0, 6)));
    expect(points[6]!.cl).toBe(mean(y.slice(6)));
    expect(summary).toHaveLength(2);
  });

  it("splits at the first appearance of each label of a part column", () => {
    const phase = ["pre", "pre", "pre", "pre", "pre", "pre", "post", "post", "post", "post", "post", "post"];
    const { points } = run({ x: "x", y: "y", chart: "i", part: { column: "phase" } }, { x, y, phase });
    expect(points[6]!.part).toBe(2);
    expect(points[6]!.cl).toBe(mean(y.slice(6)));
  });

  it("ignores freeze when part is given, as qicharts2 does", () => {
    const { points } = run({ x: "x", y: "y", chart: "i", part: [6], freeze: 3 }, { x, y });
    expect(points.every((p) => p.baseline === true)).toBe(true);
    expect(points[0]!.cl).toBe(mean(y.slice(0, 6)));
  });

  it("freezes on the first points and analyses runs of all points against the frozen centre", () => {
    const { points, summary } = run({ x: "x", y: "y", chart: "run", freeze: 6 }, { x, y });
    expect(points[11]!.cl).toBe(5);
    expect(column(points, "baseline")).toEqual([
      true,
      true,
      true,
      true,
      true,
      true,
      false,
      false,
      false,
      false,
      false,
      false,
    ]);
    // 5,6,4,5,7,5 | six above 5: useful = 9 (three on the centre line), longest run 7 (6,7 then 12..12)
    expect(summary[0]).toMatchObject({ "n.obs": 12, "n.useful": 9, "longest.run": 7 });
  });

  it("excludes indices from centre, limits and runs but still reports them", () => {
    const { points, summary } = run({ x: "x", y: "y", chart: "c", exclude: [7, 8] }, { x, y });
    const kept = y.filter((_, i) => i !== 6 && i !== 7);
    expect(points[0]!.cl).toBe(mean(kept));
    expect(points[6]).toMatchObject({ include: false, baseline: true, y: 12 });
    expect(summary[0]!["n.obs"]).toBe(10);
  });
});

describe("values, aggregation and fixed lines", () => {
  it("multiplies y, cl and limits but not y.sum or the target", () => {
    const { points } = run(
      { x: "x", y: "y", n: "n", chart: "u", multiply: 1000, target: 50 },
      { x: [1, 2, 3], y: [3, 5, 4], n: [100, 90, 80] },
    );
    expect(points[0]).toMatchObject({ "y.sum": 3, target: 50 });
    expect(points[0]!.y).toBeCloseTo(30, 12);
    expect(points[0]!.cl).toBeCloseTo((12 / 270) * 1000, 12);
  });

  it("floors negative lower limits at 0 with y.neg = FALSE when no y is negative", () => {
    const y = [1, 9, 2, 8, 1];
    const free = run({ x: "x", y: "y", chart: "i" }, { x: [1, 2, 3, 4, 5], y });
    expect(free.points[0]!.lcl as number).toBeLessThan(0);
    const floored = run({ x: "x", y: "y", chart: "i", "y.neg": false }, { x: [1, 2, 3, 4, 5], y });
    expect([floored.points[0]!.lcl, floored.points[0]!["lcl.95"]]).toEqual([0, 0]);
    expect(floored.summary[0]!.aLCL).toBe(0);
  });

  it("aggregates several values per x with agg.fun, including R's sum() of nothing = 0", () => {
    const columns = { x: [1, 1, 2, 2, 3], y: [2, 4, null, null, 5] };
    const mean_ = run({ x: "x", y: "y" }, columns);
    expect(column(mean_.points, "y")).toEqual([3, null, 5]);
    expect(column(mean_.points, "y.sum")).toEqual([6, 0, 5]);
    const sum = run({ x: "x", y: "y", "agg.fun": "sum" }, columns);
    expect(column(sum.points, "y")).toEqual([6, 0, 5]);
    const median = run({ x: "x", y: "y", "agg.fun": "median" }, { x: [1, 1, 1], y: [1, 2, 9] });
    expect(median.points[0]!.y).toBe(2);
  });

  it("keeps a single missing y missing in y.sum (sum(y, na.rm = length(y) > 1))", () => {
    const { points } = run({ x: "x", y: "y", chart: "c" }, { x: [1, 2, 3], y: [4, null, 6] });
    expect(points[1]).toMatchObject({ y: null, "y.sum": null, "y.length": 0 });
    expect(points[0]!.cl).toBe(5);
  });

  it("makes a y or n that is NA make both NA, and a subgroup with n = 0 gets null limits", () => {
    const { points } = run(
      { x: "x", y: "y", n: "n", chart: "p" },
      { x: [1, 2, 3], y: [3, 4, null], n: [30, null, 20] },
    );
    expect(points[1]).toMatchObject({ y: null, n: 0, ucl: null, lcl: null });
    expect(points[0]!.cl).toBeCloseTo(0.1, 15);
  });

  it("uses a fixed cl vector as given, and computes the part's centre when any is NA", () => {
    const x = [1, 2, 3, 4];
    const y = [10, 12, 11, 13];
    const fixed = run({ x: "x", y: "y", chart: "i", cl: [11, 11, 12, 12] }, { x, y });
    expect(column(fixed.points, "cl")).toEqual([11, 11, 12, 12]);
    const partial = run({ x: "x", y: "y", chart: "i", cl: [11, null, 12, 12] }, { x, y });
    expect(column(partial.points, "cl")).toEqual([11.5, 11.5, 11.5, 11.5]);
  });

  it("reproduces the t chart's fixed-cl quirk: cl is used in the transformed scale, then raised to 3.6", () => {
    const { points } = run({ x: "x", y: "y", chart: "t", cl: 2 }, { x: [1, 2, 3], y: [10, 20, 30] });
    expect(points[0]!.cl).toBeCloseTo(2 ** 3.6, 12);
  });

  it("reports the g chart's known mean as 0.693·cl", () => {
    const { points } = run({ x: "x", y: "y", chart: "g", cl: 10 }, { x: [1, 2, 3], y: [3, 20, 7] });
    expect(points[0]!.cl).toBeCloseTo(6.93, 14);
    expect(points[0]!.ucl).toBeCloseTo(10 + 3 * Math.sqrt(110), 12);
  });

  it("plots Σy/Σn on an I chart when n is given", () => {
    const { points } = run(
      { x: "x", y: "y", n: "n", chart: "i" },
      { x: [1, 1, 2], y: [1, 3, 5], n: [10, 10, 10] },
    );
    expect(column(points, "y")).toEqual([0.2, 0.5]);
  });

  it("uses x as y and 1..N as x when y is not given", () => {
    const { points } = run({ x: "v", chart: "run" }, { v: [3, 1, 2] });
    expect(column(points, "x")).toEqual([1, 2, 3]);
    expect(column(points, "y")).toEqual([3, 1, 2]);
  });

  it("joins the notes of a subgroup with ' | '", () => {
    const { points } = run(
      { x: "x", y: "y", notes: "note" },
      { x: [1, 1, 2], y: [1, 2, 3], note: ["new ward", "audit", null] },
    );
    expect(column(points, "notes")).toEqual(["new ward | audit", null]);
  });

  it("aggregates dates by x.period before charting", () => {
    const { points } = run(
      { x: "day", y: "y", chart: "c", "agg.fun": "sum", "x.period": "month" },
      { day: ["2024-01-03", "2024-01-20", "2024-02-11", "2024-03-01", "2024-03-31"], y: [1, 2, 3, 4, 5] },
      "date",
    );
    expect(column(points, "x")).toEqual(["2024-01-01", "2024-02-01", "2024-03-01"]);
    expect(column(points, "y")).toEqual([3, 3, 9]);
  });

  it("screens moving ranges only when options['qic.screenedmr'] is TRUE (qicharts2 attached)", () => {
    const y = [10, 11, 10, 12, 11, 40, 10, 11, 12, 10];
    const x = y.map((_, i) => i);
    const off = run({ x: "x", y: "y", chart: "i" }, { x, y });
    const on = run({ x: "x", y: "y", chart: "i" }, { x, y }, undefined, true);
    expect(on.points[0]!.ucl as number).toBeLessThan(off.points[0]!.ucl as number);
    const noOptions = qic({ args: { x: "x", y: "y", chart: "i" }, input: { columns: { x, y } } });
    expect(noOptions.points[0]!.ucl).toBe(off.points[0]!.ucl);
  });

  it("applies the experimental bestbox method", () => {
    // 10 points, 2 crossings, longest run 6: inside the best box for n = 10, outside the cut box.
    const y = [1, 1, 1, 1, 1, 1, -1, -1, 1, 1];
    const x = y.map((_, i) => i);
    const cl = 0;
    expect(run({ x: "x", y: "y", cl, method: "bestbox" }, { x, y }).summary[0]!["runs.signal"]).toBe(0);
    expect(run({ x: "x", y: "y", cl, method: "cutbox" }, { x, y }).summary[0]!["runs.signal"]).toBe(1);
  });
});

describe("bad input throws SpcError instead of drawing a wrong chart", () => {
  const x = [1, 2, 3];
  it.each([
    ["an unknown chart", { x: "x", y: "y", chart: "np" }, { x, y: [1, 2, 3] }, "UNKNOWN_CHART", "chart"],
    ["a missing column", { x: "x", y: "deaths" }, { x, y: [1, 2, 3] }, "MISSING_COLUMN", "y"],
    ["an empty input", { x: "x", y: "y" }, { x: [], y: [] }, "EMPTY_SERIES", "x"],
    ["text in y", { x: "x", y: "y" }, { x, y: [1, "two", 3] }, "INVALID_NUMBER", "y"],
    ["a p chart without n", { x: "x", y: "y", chart: "p" }, { x, y: [1, 2, 3] }, "MISSING_DENOMINATOR", "n"],
    [
      "y > n on a p chart",
      { x: "x", y: "y", n: "n", chart: "p" },
      { x, y: [1, 5, 3], n: [4, 4, 4] },
      "NUMERATOR_EXCEEDS_DENOMINATOR",
      "y",
    ],
    ["a negative count", { x: "x", y: "y", chart: "c" }, { x, y: [1, -5, 3] }, "NEGATIVE_COUNT", "y"],
    [
      "a negative n",
      { x: "x", y: "y", n: "n", chart: "u" },
      { x, y: [1, 1, 1], n: [4, -4, 4] },
      "NEGATIVE_DENOMINATOR",
      "n",
    ],
    [
      "events over n = 0",
      { x: "x", y: "y", n: "n", chart: "u" },
      { x, y: [1, 1, 1], n: [4, 0, 4] },
      "ZERO_DENOMINATOR",
      "n",
    ],
    [
      "events over n = 0 on a p chart (a zero n, not too many events)",
      { x: "x", y: "y", n: "n", chart: "p" },
      { x, y: [1, 1, 1], n: [4, 0, 4] },
      "ZERO_DENOMINATOR",
      "n",
    ],
    [
      "a y.neg that is not TRUE or FALSE",
      { x: "x", y: "y", chart: "i", "y.neg": "FALSE" as unknown as boolean },
      { x, y: [1, 2, 3] },
      "INVALID_ARGUMENT",
      "y.neg",
    ],
    [
      "a freeze beyond the series",
      { x: "x", y: "y", chart: "i", freeze: 4 },
      { x, y: [1, 2, 3] },
      "FREEZE_OUT_OF_RANGE",
      "freeze",
    ],
    [
      "a fractional freeze",
      { x: "x", y: "y", chart: "i", freeze: 1.5 },
      { x, y: [1, 2, 3] },
      "FREEZE_OUT_OF_RANGE",
      "freeze",
    ],
    [
      "an exclude beyond the series",
      { x: "x", y: "y", chart: "i", exclude: [9] },
      { x, y: [1, 2, 3] },
      "EXCLUDE_OUT_OF_RANGE",
      "exclude",
    ],
    [
      "a time of 0 on a t chart",
      { x: "x", y: "y", chart: "t" },
      { x, y: [1, 0, 3] },
      "NON_POSITIVE_TIME",
      "y",
    ],
    [
      "an invalid date",
      { x: "x", y: "y" },
      { x: ["2024-01-01", "2024-02-30", "2024-03-01"], y: [1, 2, 3] },
      "INVALID_DATE",
      "x",
    ],
    [
      "an unknown agg.fun",
      { x: "x", y: "y", "agg.fun": "max" },
      { x, y: [1, 2, 3] },
      "INVALID_ARGUMENT",
      "agg.fun",
    ],
  ] as [string, QicArgs, QicInput["columns"], string, string][])("%s", (_, args, columns, code, argument) => {
    const type = columns.x?.some((v) => typeof v === "string") ? "date" : undefined;
    let caught: unknown;
    try {
      run(args, columns, type);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(SpcError);
    expect(caught).toMatchObject({ code, argument });
  });
});
