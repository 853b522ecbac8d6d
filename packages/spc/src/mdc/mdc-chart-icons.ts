import type { AssuranceIcon, VariationIcon } from "../core/chart-frame.type.js";
import { SpcError } from "../core/spc-error.js";
import type { SpcChart } from "../charts/spc-chart.type.js";
import type { MdcPointType } from "./mdc.type.js";
import { assuranceIcon } from "./assurance-icon.js";
import { mdcPointTypeOfSignals } from "./mdc-rule-set.js";
import { variationIcon } from "./variation-icon.js";

/** The Making Data Count icons of a chart. */
export interface MdcChartIcons {
  /** `point_type` of the last point, from its Making Data Count signals. */
  readonly lastPointType: MdcPointType;
  readonly variation: VariationIcon;
  /** `null` without a target or with a neutral improvement direction. */
  readonly assurance: AssuranceIcon;
}

/**
 * The Making Data Count variation and assurance icons of any `spcChart` drawn with the `"mdc"` rules (an XmR
 * chart, a p or u chart, …), as NHSRplotthedots 0.2.2 derives them (`R/geom_ptd_icon.R`,
 * `R/ptd_calculate_assurance_type.R`; INDICATORS.md §5):
 *
 * - variation: the last point only — its first Making Data Count signal read through the chart's improvement
 *   direction (`mdcPointTypeOfSignals`), then `variationIcon`;
 * - assurance: the chart's target against the last point's limits (`assuranceIcon`): above the upper limit
 *   fails when increase is better, below the lower limit passes, otherwise inconsistent.
 *
 * @throws SpcError `INVALID_ARGUMENT` when the chart was drawn without the `"mdc"` rule set
 * @example
 * const chart = spcChart(rows, { chart: "p", rules: ["mdc"], improvement: "increase", target: 0.95 });
 * mdcChartIcons(chart); // { lastPointType: "common_cause", variation: "common_cause", assurance: "consistent_fail" }
 */
export function mdcChartIcons(
  chart: Pick<SpcChart, "rules" | "improvement" | "columns" | "point">,
): MdcChartIcons {
  if (chart.rules["making-data-count"] === undefined) {
    throw new SpcError(
      "INVALID_ARGUMENT",
      `chart: drawn without the Making Data Count rules (add "mdc" to its rules)`,
      "chart",
    );
  }
  const last = chart.point(chart.columns.y.length - 1);
  const lastPointType = mdcPointTypeOfSignals(last.signals, chart.improvement);
  return {
    lastPointType,
    variation: variationIcon(lastPointType, chart.improvement),
    assurance: assuranceIcon({
      target: last.target,
      lpl: last.lcl,
      upl: last.ucl,
      improvementDirection: chart.improvement,
    }),
  };
}
