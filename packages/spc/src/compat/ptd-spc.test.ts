import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { variationIcon } from "../mdc/index.js";
import { ptdSpc, type PtdRow, type PtdSpcArgs } from "./ptd-spc.js";

// ----------------------------------------------------------------------------------------------------------------
// Reference cases: ./ptd-cases/ptd_*.json, copied from the project's shared SPC examples (NHSRplotthedots 0.2.2,
// R 4.2.2), compared with the tolerance of ./ptd-cases/README.md.

interface PtdCase {
  id: string;
  args: PtdSpcArgs;
  options: Record<string, unknown>;
  input: { columns: Record<string, unknown[]> };
  expected: {
    points: Record<string, unknown>[];
    summary: Record<string, unknown>[];
    variation: { f: string; variation_type: string }[];
    assurance: { f: string; assurance_type: string | null }[];
    icons: { f: string; type: string; icon: string }[];
    warnings: string[];
  };
}

const examples = new URL("./ptd-cases/", import.meta.url);
const loadCase = (id: string): PtdCase =>
  JSON.parse(readFileSync(new URL(`${id}.json`, examples), "utf8")) as PtdCase;

/** README rule: numbers to 1e-6 relative (absolute below 1); everything else exactly; null only for null. */
function expectRowMatches(
  actual: PtdRow | undefined,
  expected: Record<string, unknown>,
  where: string,
): void {
  expect(actual, where).toBeDefined();
  for (const [key, value] of Object.entries(actual as PtdRow)) {
    // The case files add cl/lcl/ucl as aliases of mean_col/lpl/upl; every column ptdSpc returns must be there.
    expect(expected, `${where}: ${key}`).toHaveProperty(key);
    const e = expected[key];
    if (typeof e === "number" && typeof value === "number") {
      expect(Math.abs(value - e), `${where}: ${key} = ${value}, expected ${e}`).toBeLessThanOrEqual(
        1e-6 * Math.max(1, Math.abs(e)),
      );
    } else {
      expect(value, `${where}: ${key}`).toEqual(e);
    }
  }
}

describe.each(["ptd_ae_rrk_rebase", "ptd_escalation_increase", "ptd_shift_increase"])(
  "reference case %s",
  (id) => {
    const c = loadCase(id);
    const out = ptdSpc({ args: c.args, input: c.input, options: c.options });

    it("reproduces every point row", () => {
      expect(out.points).toHaveLength(c.expected.points.length);
      c.expected.points.forEach((e, i) => expectRowMatches(out.points[i], e, `row ${i + 1}`));
      // And the columns are exactly the package's, in its order.
      expect(Object.keys(out.points[0] ?? {})).toEqual([
        "y",
        "x",
        "f",
        "trajectory",
        "rebase_group",
        "short_group_warning",
        "fix_y",
        "mean_col",
        "lpl",
        "upl",
        "outside_limits",
        "relative_to_mean",
        "close_to_limits",
        "special_cause_type",
        "special_cause_flag",
        "point_type",
        "target",
      ]);
    });

    it("reproduces summary()", () => {
      expect(out.summary).toHaveLength(c.expected.summary.length);
      c.expected.summary.forEach((e, i) => {
        expectRowMatches(out.summary[i], e, `summary row ${i + 1}`);
        expect(Object.keys(out.summary[i] ?? {})).toEqual(Object.keys(e));
      });
    });

    it("reproduces the variation, assurance, icons and warnings", () => {
      expect(out.variation).toEqual(
        Object.fromEntries(c.expected.variation.map((v) => [v.f, v.variation_type])),
      );
      expect(out.assurance).toEqual(
        Object.fromEntries(c.expected.assurance.map((a) => [a.f, a.assurance_type])),
      );
      const direction = c.args.improvement_direction ?? "increase";
      for (const icon of c.expected.icons.filter((i) => i.type === "variation")) {
        const type = out.variation[icon.f];
        expect(type).toBeDefined();
        expect(`${variationIcon(type!, direction)}.svg`).toBe(icon.icon);
      }
      expect(out.warnings).toEqual(c.expected.warnings);
    });
  },
);

// ----------------------------------------------------------------------------------------------------------------
// NHSRplotthedots' integration snapshots (tests/testthat/_snaps/integration_tests.md, commit 0c096d8): R-serialised
// ptd_spc_df objects, decoded. y is NHSRdatasets::ae_attendances summed by month, April 2016 to March 2019.

const months = (from: [number, number], count: number): string[] =>
  Array.from({ length: count }, (_, i) =>
    new Date(Date.UTC(from[0], from[1] - 1 + i, 1)).toISOString().slice(0, 10),
  );

const AE_PERIOD = months([2016, 4], 36);
const AE_ATTENDANCES = [
  1867781, 2070340, 1958802, 2079034, 1932901, 1952464, 2001816, 1907871, 1944567, 1895272, 1735619, 2015834,
  1949762, 2066789, 1994056, 2073944, 1924663, 1925961, 2044137, 1976971, 2003954, 2000086, 1820012, 2049785,
  1984369, 2164458, 2093942, 2179896, 1997854, 2005695, 2079492, 2037847, 2047518, 2113413, 1954947, 2167550,
];
/** Snapshot relative_to_mean of "ae_all attendances spc returns expected values". */
const AE_ATTENDANCES_RTM = [
  -1, 1, -1, 1, -1, -1, 1, -1, -1, -1, -1, 1, -1, 1, -1, 1, -1, -1, 1, -1, 1, -1, -1, 1, -1, 1, 1, 1, -1, 1,
  1, 1, 1, 1, -1, 1,
];
const AE_PERFORMANCE = [
  0.9003512724457525, 0.9027555860390081, 0.9055994429248081, 0.9028524786030435, 0.909763097023593,
  0.9064786853944554, 0.8905308979446662, 0.8837903610883545, 0.8617594559611471, 0.851413411900772,
  0.8753090395991286, 0.9000949482943537, 0.9051525263083392, 0.8970035160821932, 0.9072518525056468,
  0.9034785895858326, 0.9029928875860346, 0.8966609396555797, 0.8994186788850258, 0.8876655246839736,
  0.8498503458662225, 0.8529918213516818, 0.8504476893558943, 0.8462121637147311, 0.8857248828216929,
  0.9039011151983545, 0.9076297242234981, 0.8931949047110505, 0.8972702710007838, 0.8894368286304747,
  0.8900933497219513, 0.8760446687116353, 0.8644632183941728, 0.843525141560121, 0.8422525009629417,
  0.8660427671795345,
];

const near = (a: unknown, e: number) =>
  expect(Math.abs((a as number) - e)).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(e)));

describe("NHSRplotthedots integration snapshots", () => {
  const ae = { period: AE_PERIOD, attendances: AE_ATTENDANCES, performance: AE_PERFORMANCE };

  it("ptd_spc(ae_all(), attendances, period): limits, relative_to_mean, no special cause", () => {
    const out = ptdSpc({
      args: { value_field: "attendances", date_field: "period" },
      input: { columns: ae },
    });
    for (const row of out.points) {
      near(row["mean_col"], 2000538.9444444445);
      near(row["lpl"], 1731844.3644444444);
      near(row["upl"], 2269233.5244444446);
    }
    expect(out.points.map((r) => r["relative_to_mean"])).toEqual(AE_ATTENDANCES_RTM);
    expect(out.points.filter((r) => r["close_to_limits"]).map((r) => r["x"])).toEqual([
      "2017-02-01",
      "2018-02-01",
      "2018-07-01",
    ]);
    expect(out.points.every((r) => r["point_type"] === "common_cause")).toBe(true);
  });

  it("ptd_spc(..., rebase = as.Date('2017-04-01')): two groups with their own limits", () => {
    const out = ptdSpc({
      args: { value_field: "attendances", date_field: "period", rebase: ["2017-04-01"] },
      input: { columns: ae },
    });
    const first = out.points[0]!;
    const second = out.points[12]!;
    expect([out.points[11]!["rebase_group"], second["rebase_group"]]).toEqual([0, 1]);
    near(first["mean_col"], 1946858.4166666667);
    near(first["lpl"], 1639947.374848485);
    near(first["upl"], 2253769.4584848485);
    near(second["mean_col"], 2027379.2083333333);
    near(second["lpl"], 1772921.0639855072);
    near(second["upl"], 2281837.3526811595);
    // 12 and 24 points: the first group is one short of the 13-point threshold.
    expect(out.warnings).toHaveLength(1);
    expect(out.summary.map((s) => [s["rebase_group"], s["n"]])).toEqual([
      [0, 12],
      [1, 24],
    ]);
  });

  it("ptd_spc(ae_all(), performance, period, fix_after_n_points = 12): limits and point types", () => {
    const out = ptdSpc({
      args: { value_field: "performance", date_field: "period", fix_after_n_points: 12 },
      input: { columns: ae },
    });
    near(out.points[0]!["mean_col"], 0.8908915564349236);
    near(out.points[0]!["lpl"], 0.8614049789074258);
    near(out.points[0]!["upl"], 0.9203781339624213);
    expect(out.points.map((r) => r["fix_y"] !== null)).toEqual([
      ...new Array<boolean>(12).fill(true),
      ...new Array<boolean>(24).fill(false),
    ]);
    const types = out.points.map((r) => r["point_type"]);
    const improvement = types.flatMap((t, i) => (t === "special_cause_improvement" ? [i + 1] : []));
    const concern = types.flatMap((t, i) => (t === "special_cause_concern" ? [i + 1] : []));
    expect(improvement).toEqual([12, 13, 14, 15, 16, 17, 18, 19]);
    expect(concern).toEqual([10, 21, 22, 23, 24, 30, 31, 32, 33, 34, 35, 36]);
  });
});

// ----------------------------------------------------------------------------------------------------------------
// NHSRplotthedots' own tests on `set.seed(123); rnorm(...)` data (tests/testthat/test-ptd_spc.R with its snapshot
// _snaps/ptd_spc.md, and test-geom_ptd_icon.R). The values are R's rnorm() output as R prints it.

const RNORM_24 = [
  -0.56047565, -0.23017749, 1.55870831, 0.07050839, 0.12928774, 1.71506499, 0.46091621, -1.26506123,
  -0.68685285, -0.44566197, 1.2240818, 0.35981383, 0.40077145, 0.11068272, -0.55584113, 1.78691314,
  0.49785048, -1.96661716, 0.7013559, -0.47279141, -1.06782371, -0.21797491, -1.02600445, -0.72889123,
];
const days = (count: number) =>
  Array.from({ length: count }, (_, i) => new Date(Date.UTC(2020, 0, 2 + i)).toISOString().slice(0, 10));
const printed = (a: unknown, s: string) => expect(Number((a as number).toPrecision(3))).toBe(Number(s));

describe("NHSRplotthedots summary snapshots (rnorm(20), seed 123)", () => {
  const columns = {
    x: days(20),
    y: RNORM_24.slice(0, 20),
    facet: [...new Array<number>(10).fill(0), ...new Array<number>(10).fill(1)],
  };

  it("s1: one row, mean_col 0.142, lpl -3.01, upl 3.29, 20 common cause", () => {
    const s = ptdSpc({ args: { value_field: "y", date_field: "x" }, input: { columns } }).summary;
    expect(s).toHaveLength(1);
    expect(Object.keys(s[0]!)).toEqual([
      "mean_col",
      "lpl",
      "upl",
      "n",
      "common_cause",
      "special_cause_improvement",
      "special_cause_concern",
      "variation_type",
    ]);
    printed(s[0]!["mean_col"], "0.142");
    printed(s[0]!["lpl"], "-3.01");
    printed(s[0]!["upl"], "3.29");
    expect([s[0]!["n"], s[0]!["common_cause"], s[0]!["special_cause_improvement"]]).toEqual([20, 20, 0]);
  });

  it("s2: a rebase date outside the data still adds a rebase_group column, 0", () => {
    const s = ptdSpc({
      args: { value_field: "y", date_field: "x", rebase: ["2020-01-01"] },
      input: { columns },
    }).summary;
    expect(s).toHaveLength(1);
    expect(Object.keys(s[0]!).slice(0, 2)).toEqual(["rebase_group", "mean_col"]);
    expect(s[0]!["rebase_group"]).toBe(0);
  });

  it("s3: facets 0 and 1 with 0.0746 / -2.60 / 2.75 and 0.209 / -3.28 / 3.70", () => {
    const s = ptdSpc({
      args: { value_field: "y", date_field: "x", facet_field: "facet" },
      input: { columns },
    }).summary;
    expect(s.map((r) => r["f"])).toEqual([0, 1]);
    printed(s[0]!["mean_col"], "0.0746");
    printed(s[0]!["lpl"], "-2.60");
    printed(s[0]!["upl"], "2.75");
    printed(s[1]!["mean_col"], "0.209");
    printed(s[1]!["lpl"], "-3.28");
    printed(s[1]!["upl"], "3.70");
    expect(s.map((r) => [r["n"], r["common_cause"]])).toEqual([
      [10, 10],
      [10, 10],
    ]);
  });

  it("s4: facets and rebase together give f, rebase_group, then the limits", () => {
    const s = ptdSpc({
      args: { value_field: "y", date_field: "x", facet_field: "facet", rebase: ["2020-01-01"] },
      input: { columns },
    }).summary;
    expect(Object.keys(s[0]!).slice(0, 3)).toEqual(["f", "rebase_group", "mean_col"]);
    expect(s.map((r) => [r["f"], r["rebase_group"]])).toEqual([
      [0, 0],
      [1, 0],
    ]);
  });

  it("with target 0.5: an assurance_type column after variation_type", () => {
    const s = ptdSpc({
      args: { value_field: "y", date_field: "x", target: 0.5 },
      input: { columns },
    }).summary;
    expect(Object.keys(s[0]!).slice(-2)).toEqual(["variation_type", "assurance_type"]);
    expect(s[0]!["assurance_type"]).toBe("inconsistent");
  });
});

describe("NHSRplotthedots icon test data (test-geom_ptd_icon.R, rnorm(24), seed 123)", () => {
  const columns = {
    x: days(24),
    y: RNORM_24,
    f: [...new Array<number>(12).fill(0), ...new Array<number>(12).fill(1)],
  };

  it("s1/s2: common cause variation; with target 0.5 an inconsistent assurance", () => {
    const s1 = ptdSpc({ args: { value_field: "y", date_field: "x" }, input: { columns } });
    expect(s1.variation).toEqual({ "no facet": "common_cause" });
    expect(s1.assurance).toEqual({ "no facet": null });
    const s2 = ptdSpc({ args: { value_field: "y", date_field: "x", target: 0.5 }, input: { columns } });
    expect(s2.assurance).toEqual({ "no facet": "inconsistent" });
  });

  it("s3/s4: per facet, common cause, and inconsistent with a target", () => {
    const s3 = ptdSpc({ args: { value_field: "y", date_field: "x", facet_field: "f" }, input: { columns } });
    expect(s3.variation).toEqual({ "0": "common_cause", "1": "common_cause" });
    const s4 = ptdSpc({
      args: { value_field: "y", date_field: "x", facet_field: "f", target: 0.5 },
      input: { columns },
    });
    expect(s4.assurance).toEqual({ "0": "inconsistent", "1": "inconsistent" });
  });
});

// ----------------------------------------------------------------------------------------------------------------
// Package behaviour read from the R sources (SPC-REFERENCE.md §2–3), on small hand-made series.

const call = (
  args: Partial<PtdSpcArgs>,
  columns: Record<string, unknown[]>,
  options?: Record<string, unknown>,
) =>
  ptdSpc({
    args: { value_field: "v", date_field: "d", ...args },
    input: { columns },
    ...(options ? { options } : {}),
  });

describe("ptdSpc quirks", () => {
  it("sorts rows by date, as R's arrange(f, x) does", () => {
    const out = call({}, { d: ["2024-03-01", "2024-01-01", "2024-02-01"], v: [3, 1, 2] });
    expect(out.points.map((r) => [r["x"], r["y"]])).toEqual([
      ["2024-01-01", 1],
      ["2024-02-01", 2],
      ["2024-03-01", 3],
    ]);
  });

  it("sorts string facets in C-locale order and numeric facets numerically", () => {
    const d = ["2024-01-01", "2024-01-01", "2024-01-01"];
    expect(
      call({ facet_field: "f" }, { d, v: [1, 2, 3], f: ["b", "B", "a"] }).points.map((r) => r["f"]),
    ).toEqual(["B", "a", "b"]);
    expect(call({ facet_field: "f" }, { d, v: [1, 2, 3], f: [10, 9, 1] }).points.map((r) => r["f"])).toEqual([
      1, 9, 10,
    ]);
  });

  it("starts rebase groups at 1 when a facet is rebased on its first date (cumsum of the rebase flags)", () => {
    const out = call({ rebase: ["2024-01-01", "2024-03-01"] }, { d: months([2024, 1], 4), v: [1, 2, 3, 4] });
    expect(out.points.map((r) => r["rebase_group"])).toEqual([1, 1, 2, 2]);
  });

  it("rebases each facet at its own dates", () => {
    const out = call(
      { facet_field: "f", rebase: { a: ["2024-02-01"] } },
      {
        d: [...months([2024, 1], 3), ...months([2024, 1], 3)],
        v: [1, 2, 3, 4, 5, 6],
        f: ["a", "a", "a", "b", "b", "b"],
      },
    );
    expect(out.points.map((r) => r["rebase_group"])).toEqual([0, 1, 1, 0, 0, 0]);
  });

  it("fixes the limits of each rebase group after its own first n points", () => {
    const v = Array.from({ length: 30 }, (_, i) => (i % 2) + (i >= 15 ? 100 : 0));
    const out = call(
      { rebase: [months([2024, 1], 30)[15]!], fix_after_n_points: 12 },
      { d: months([2024, 1], 30), v },
    );
    expect(out.points.map((r) => r["fix_y"] !== null)).toEqual([
      ...new Array<boolean>(12).fill(true),
      ...new Array<boolean>(3).fill(false),
      ...new Array<boolean>(12).fill(true),
      ...new Array<boolean>(3).fill(false),
    ]);
    expect(out.points[15]!["mean_col"]).toBe(100.5);
  });

  it("calls a facet without its own target 'inconsistent' (SPC-REFERENCE.md §3.7)", () => {
    const d = [...months([2024, 1], 13), ...months([2024, 1], 13)];
    const v = Array.from({ length: 26 }, (_, i) => i % 3);
    const f = [...new Array<string>(13).fill("A"), ...new Array<string>(13).fill("B")];
    const out = call({ facet_field: "f", target: { A: 100 } }, { d, v, f });
    expect(out.assurance).toEqual({ A: "consistent_fail", B: "inconsistent" });
    expect(out.points[13]!["target"]).toBeNull();
    expect(out.points[0]!["target"]).toBe(100);
  });

  it("gives no assurance with a neutral direction, but keeps the summary column", () => {
    const out = call(
      { target: 100, improvement_direction: "neutral" },
      { d: months([2024, 1], 13), v: new Array<number>(13).fill(1).map((x, i) => x + (i % 2)) },
    );
    expect(out.assurance).toEqual({ "no facet": null });
    expect(out.summary[0]!["assurance_type"]).toBeNull();
  });

  it("reports assurance only on the last rebase group of a facet in summary()", () => {
    const out = call(
      { target: 100, rebase: ["2024-08-01"] },
      { d: months([2024, 1], 14), v: Array.from({ length: 14 }, (_, i) => i % 2) },
    );
    expect(out.summary.map((s) => s["assurance_type"])).toEqual([null, "consistent_fail"]);
  });

  it("breaks a shift at a missing value (SPC-REFERENCE.md §3.4, pair_*_ties_na)", () => {
    // 8 points above the mean split by an NA: qicharts2 would see a run of 8; NHSRplotthedots sees no shift.
    const v = [0, 0, 0, 0, 0, 0, 0, 0, 5, 5, 5, 5, null, 5, 5, 5, 5, 0];
    const out = call({ screen_outliers: false }, { d: months([2024, 1], v.length), v });
    expect(out.points.filter((r) => r["special_cause_type"] === "7 Points Above CL")).toHaveLength(0);
    const na = out.points[12]!;
    expect([
      na["y"],
      na["fix_y"],
      na["outside_limits"],
      na["relative_to_mean"],
      na["close_to_limits"],
    ]).toEqual([null, null, null, null, null]);
    expect(na["special_cause_type"]).toBe("Common Cause");
  });

  it("breaks a shift at a point exactly on the mean", () => {
    // 7 points below, then 8 above with the 4th of them (10) exactly on the mean: 150 / 15 = 10.
    const v = [8, 7, 8, 7, 8, 7, 8, 12, 13, 12, 10, 13, 12, 13, 12];
    const out = call({}, { d: months([2024, 1], v.length), v });
    expect(out.points[0]!["mean_col"]).toBe(10);
    expect(out.points[10]!["relative_to_mean"]).toBe(0);
    expect(out.points.some((r) => r["special_cause_type"] === "7 Points Above CL")).toBe(false);
    expect(out.points.slice(0, 7).some((r) => r["special_cause_type"] === "7 Points Below CL")).toBe(true);
  });

  it("stops with UNDECIDABLE_TREND where R stops with 'missing value where TRUE/FALSE needed'", () => {
    expect(() => call({}, { d: months([2024, 1], 7), v: [1, 2, 3, null, 5, 6, 7] })).toThrow(
      expect.objectContaining({ code: "UNDECIDABLE_TREND", argument: "value_field" }),
    );
  });

  it("uses the ptd_spc.warning_threshold option for the short-group warning", () => {
    const columns = { d: months([2024, 1], 10), v: [1, 2, 1, 2, 1, 2, 1, 2, 1, 2] };
    expect(call({}, columns).warnings).toHaveLength(1);
    expect(call({}, columns).points[0]!["short_group_warning"]).toBe(true);
    const quiet = call({}, columns, { "ptd_spc.warning_threshold": 10 });
    expect(quiet.warnings).toEqual([]);
    expect(quiet.points[0]!["short_group_warning"]).toBe(false);
  });

  it("passes the trajectory column through", () => {
    const out = call({ trajectory: "t" }, { d: months([2024, 1], 3), v: [1, 2, 3], t: [5, null, 7] });
    expect(out.points.map((r) => r["trajectory"])).toEqual([5, null, 7]);
  });

  it("labels a trend by its own direction, whichever side of the mean (0.2.2 fixes #167, #171)", () => {
    // The rising run 3 .. 6 crosses the mean (81.5 / 17 = 4.79) and stays inside the limits.
    const v = [4, 6, 3, 7, 4, 6, 3, 3.5, 4, 4.5, 5, 5.5, 6, 4, 6, 3, 7];
    const out = call(
      { improvement_direction: "decrease", screen_outliers: false },
      { d: months([2024, 1], v.length), v },
    );
    expect(out.points.slice(6, 13).map((r) => r["special_cause_type"])).toEqual(
      new Array<string>(7).fill("7 Point Trend (Increasing)"),
    );
    expect(new Set(out.points.slice(6, 13).map((r) => r["point_type"]))).toEqual(
      new Set(["special_cause_concern"]),
    );
  });
});

describe("ptdSpc bad input", () => {
  const d = months([2024, 1], 3);
  const reject = (f: () => unknown, code: string, argument: string) =>
    expect(f).toThrow(expect.objectContaining({ name: "SpcError", code, argument }));

  it("rejects an empty data set", () => reject(() => call({}, { d: [], v: [] }), "EMPTY", "value_field"));
  it("rejects NaN and text values", () => {
    reject(() => call({}, { d, v: [1, NaN, 3] }), "INVALID_VALUE", "value_field");
    reject(() => call({}, { d, v: [1, "2", 3] }), "INVALID_VALUE", "value_field");
  });
  it("rejects duplicate dates within a facet, as R does", () =>
    reject(
      () => call({}, { d: ["2024-01-01", "2024-01-01", "2024-02-01"], v: [1, 2, 3] }),
      "DUPLICATE_DATE",
      "date_field",
    ));
  it("accepts the same date in two facets", () =>
    expect(
      call({ facet_field: "f" }, { d: ["2024-01-01", "2024-01-01"], v: [1, 2], f: ["a", "b"] }).points,
    ).toHaveLength(2));
  it("rejects an unreadable date", () =>
    reject(
      () => call({}, { d: ["2024-01-01", "soon", "2024-03-01"], v: [1, 2, 3] }),
      "INVALID_DATE",
      "date_field",
    ));
  it("rejects fix_after_n_points below 12", () =>
    reject(
      () => call({ fix_after_n_points: 11 }, { d, v: [1, 2, 3] }),
      "INVALID_FIX_AFTER_N_POINTS",
      "fix_after_n_points",
    ));
  it("rejects a per-facet target naming an unknown facet", () =>
    reject(
      () => call({ facet_field: "f", target: { c: 1 } }, { d, v: [1, 2, 3], f: ["a", "b", "a"] }),
      "UNKNOWN_FACET",
      "target",
    ));
  it("rejects a per-facet rebase naming an unknown facet", () =>
    reject(
      () =>
        call({ facet_field: "f", rebase: { c: ["2024-01-01"] } }, { d, v: [1, 2, 3], f: ["a", "b", "a"] }),
      "UNKNOWN_FACET",
      "rebase",
    ));
  it("rejects per-facet targets and rebases without a facet_field", () => {
    reject(() => call({ target: { a: 1 } }, { d, v: [1, 2, 3] }), "INVALID_TARGET", "target");
    reject(() => call({ rebase: { a: ["2024-01-01"] } }, { d, v: [1, 2, 3] }), "INVALID_REBASE", "rebase");
  });
  it("rejects a column name that is not in the data", () => {
    reject(() => call({ value_field: "nope" }, { d, v: [1, 2, 3] }), "UNKNOWN_COLUMN", "value_field");
    reject(() => call({ facet_field: "nope" }, { d, v: [1, 2, 3] }), "UNKNOWN_COLUMN", "facet_field");
    reject(() => call({ trajectory: "nope" }, { d, v: [1, 2, 3] }), "UNKNOWN_COLUMN", "trajectory");
  });
  it("rejects columns of different lengths", () =>
    reject(() => call({}, { d, v: [1, 2] }), "COLUMN_LENGTH_MISMATCH", "input.columns"));
  it("rejects an unknown improvement direction and a non-logical screen_outliers", () => {
    reject(
      () => call({ improvement_direction: "up" as "increase" }, { d, v: [1, 2, 3] }),
      "INVALID_IMPROVEMENT_DIRECTION",
      "improvement_direction",
    );
    reject(
      () => call({ screen_outliers: "TRUE" as unknown as boolean }, { d, v: [1, 2, 3] }),
      "INVALID_SCREEN_OUTLIERS",
      "screen_outliers",
    );
  });
});
