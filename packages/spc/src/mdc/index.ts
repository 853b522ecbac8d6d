// Making Data Count (NHS England), as NHSRplotthedots 0.2.2 computes it.
export * from "./mdc.type.js";
export { mdcXmrLimits, type MdcXmrLimits, type MdcGroupLimits } from "./mdc-limits.js";
export { LGL_NA as MDC_LOGICAL_NA, SIGN_NA as MDC_SIGN_NA, type MdcPointFlags } from "./mdc-point-flags.js";
export {
  mdcSpecialCauses,
  RuleBit as MdcRuleBit,
  type MdcSpecialCauseOptions,
} from "./mdc-special-causes.js";
export { mdcPointType, mdcSpecialCauseLabel, mdcSpecialCauseSide } from "./mdc-point-type.js";
export { variationIcon } from "./variation-icon.js";
export { assuranceIcon, type AssuranceInput } from "./assurance-icon.js";
export { mdcChartIcons, type MdcChartIcons } from "./mdc-chart-icons.js";
export {
  shortGroupWarning,
  SHORT_GROUP_WARNING_MESSAGE as MDC_SHORT_GROUP_WARNING_MESSAGE,
} from "./short-group-warning.js";
export {
  mdcXmr,
  evaluateMdcXmr,
  type MdcXmrChart,
  type MdcXmrOptions,
  type MdcXmrSegment,
  type MdcXmrEvaluation,
  type MdcXmrEvaluationOptions,
} from "./mdc-xmr.js";
export {
  makingDataCountRules,
  mdcPointTypeOfSignals,
  type MakingDataCountRuleSetOptions,
} from "./mdc-rule-set.js";
