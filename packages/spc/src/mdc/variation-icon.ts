import type { ImprovementDirection, VariationIcon } from "../core/chart-frame.type.js";
import type { MdcPointType } from "./mdc.type.js";

/**
 * Making Data Count variation icon from the `point_type` of the **last** point of a series (NHSRplotthedots 0.2.2
 * `R/geom_ptd_icon.R`, `ptd_get_icons`): an earlier special cause does not change it.
 *
 * - common cause → `common_cause`;
 * - improvement → `improvement_high` when increase is better, otherwise `improvement_low`;
 * - concern → `concern_low` when increase is better, otherwise `concern_high`;
 * - neutral → `neutral_high` / `neutral_low` by the side of the finding.
 *
 * @example
 * variationIcon("special_cause_concern", "decrease"); // "concern_high"
 * variationIcon("special_cause_improvement", "increase"); // "improvement_high"
 */
export function variationIcon(
  lastPointType: MdcPointType,
  improvementDirection: ImprovementDirection,
): VariationIcon {
  switch (lastPointType) {
    case "common_cause":
      return "common_cause";
    case "special_cause_neutral_high":
      return "neutral_high";
    case "special_cause_neutral_low":
      return "neutral_low";
    case "special_cause_concern":
      return improvementDirection === "increase" ? "concern_low" : "concern_high";
    case "special_cause_improvement":
      return improvementDirection === "increase" ? "improvement_high" : "improvement_low";
  }
}
