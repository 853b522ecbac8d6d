import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { spcChart } from "../charts/spc-chart.js";
import type { SpcChartOptions } from "../charts/spc-chart.type.js";
import type { ImprovementDirection } from "../core/chart-frame.type.js";
import { mdcChartIcons } from "./mdc-chart-icons.js";

// Expected icons: the NHSRplotthedots 0.2.2 reference cases (../compat/ptd-cases, R 4.2.2: `expected.variation`,
// `expected.icons`), and the assurance rules of R/ptd_calculate_assurance_type.R (INDICATORS.md §5) against the
// limits the case file reports for its last point.

interface PtdCase {
  readonly args: {
    readonly value_field: string;
    readonly date_field: string;
    readonly rebase: readonly string[] | null;
    readonly improvement_direction: ImprovementDirection;
  };
  readonly input: { readonly columns: Record<string, readonly (string | number)[]> };
  readonly expected: {
    readonly variation: readonly { readonly variation_type: string }[];
    readonly icons: readonly { readonly icon: string }[];
    readonly points: readonly Record<string, number | string | null>[];
  };
}

const loadCase = (id: string): PtdCase =>
  JSON.parse(readFileSync(new URL(`../compat/ptd-cases/${id}.json`, import.meta.url), "utf8")) as PtdCase;

function chartOf(c: PtdCase, extra: Partial<SpcChartOptions> = {}) {
  const dates = c.input.columns[c.args.date_field] as readonly string[];
  const values = c.input.columns[c.args.value_field] as readonly number[];
  return spcChart(
    dates.map((period, i) => ({ period, value: values[i]! })),
    {
      chart: "i",
      rules: ["mdc"],
      improvement: c.args.improvement_direction,
      ...(c.args.rebase ? { phases: c.args.rebase } : {}),
      ...extra,
    },
  );
}

describe("mdcChartIcons on an spcChart with the Making Data Count rules", () => {
  it.each(["ptd_ae_rrk_rebase", "ptd_escalation_increase", "ptd_shift_increase"])(
    "%s: the variation icon NHSRplotthedots draws",
    (id) => {
      const c = loadCase(id);
      const icons = mdcChartIcons(chartOf(c));
      expect(icons.lastPointType).toBe(c.expected.variation[0]!.variation_type);
      expect(`${icons.variation}.svg`).toBe(c.expected.icons[0]!.icon);
      expect(icons.assurance).toBeNull();
    },
  );

  it("judges a target against the last point's limits: above the UPL fails, below the LPL passes, else inconsistent", () => {
    // ptd_escalation_increase: last point's limits 68.81 and 89.23 (increase is better).
    const c = loadCase("ptd_escalation_increase");
    const last = c.expected.points[c.expected.points.length - 1]!;
    expect([last["lpl"], last["upl"]]).toEqual([expect.closeTo(68.8112, 4), expect.closeTo(89.2294, 4)]);
    expect(mdcChartIcons(chartOf(c, { target: 95 })).assurance).toBe("consistent_fail");
    expect(mdcChartIcons(chartOf(c, { target: 60 })).assurance).toBe("consistent_pass");
    expect(mdcChartIcons(chartOf(c, { target: 80 })).assurance).toBe("inconsistent");
    expect(mdcChartIcons(chartOf(c, { target: 95, improvement: "decrease" })).assurance).toBe(
      "consistent_pass",
    );
    expect(mdcChartIcons(chartOf(c, { target: 95, improvement: "neutral" })).assurance).toBeNull();
  });

  it("works on attribute charts too: a p chart's last point and its own limits", () => {
    // 12 months of 50 of 100, then 90 of 100: p̄ = 690/1300 = 0.531, σ = √(p̄(1 − p̄)/100) = 0.0499, limits
    // 0.381 and 0.680; the last point (0.9) is above the UCL, a concern when decrease is better. The target 0.2 is
    // below the LCL with decrease better: the process consistently fails to reach it (§5, target < LPL).
    const rows = Array.from({ length: 13 }, (_, i) => ({
      period: i + 1,
      value: i < 12 ? 50 : 90,
      denominator: 100,
    }));
    const icons = mdcChartIcons(
      spcChart(rows, { chart: "p", rules: ["mdc"], improvement: "decrease", target: 0.2 }),
    );
    expect(icons).toEqual({
      lastPointType: "special_cause_concern",
      variation: "concern_high",
      assurance: "consistent_fail",
    });
  });

  it("refuses a chart drawn without the Making Data Count rules", () => {
    expect(() => mdcChartIcons(spcChart([{ period: 1, value: 1 }], { chart: "i" }))).toThrow(
      expect.objectContaining({ code: "INVALID_ARGUMENT", argument: "chart" }),
    );
  });
});
