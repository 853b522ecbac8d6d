// Charts: qicharts2 0.8.1's chart family, the Anhøj and 3-sigma rule sets, and the idiomatic API.
export { spcChart } from "./spc-chart.js";
export { toFrame } from "./spc-chart-result.js";
export type {
  AggregateFunction,
  PointVariation,
  RuleSetName,
  SpcChart,
  SpcChartOptions,
  SpcObservation,
  SpcPeriod,
  SpcPhase,
  SpcPoint,
} from "./spc-chart.type.js";
export {
  funnelPlot,
  type FunnelChartType,
  type FunnelLimits,
  type FunnelPlot,
  type FunnelPlotOptions,
  type FunnelPoint,
  type FunnelUnit,
} from "./funnel-plot.js";
export {
  CHART_TYPES,
  computeChartColumns,
  floorNegativeLowerLimits,
  isChartType,
  multiplyAndClean,
  PART_CALCULATIONS,
} from "./limits/chart-limits.js";
export type {
  ChartColumns,
  LimitOptions,
  PartCalculation,
  PartLayout,
  SubgroupColumns,
} from "./limits/chart-columns.type.js";
export { anhoejRuleSet, createAnhoejRuleSet, type AnhoejRuleSetOptions } from "./rules/anhoej-rule-set.js";
export { sigmaRuleSet } from "./rules/sigma-rule-set.js";
export { runsAnalysis, type RunsStatistics } from "./rules/runs-analysis.js";
export { runsSignal, type RunsMethod } from "./rules/runs-signal-method.js";
export { crossingsLimit, longestRunLimit } from "./rules/anhoej-limits.js";
export { binomialQuantile } from "./stats/binomial-quantile.js";
export { binomialCdf } from "./stats/binomial-cdf.js";
export { binomialPmf } from "./stats/binomial-pmf.js";
export { logGamma } from "./stats/log-gamma.js";
export { a3, b3, b4, c4, c5 } from "./stats/control-constants.js";
export { buildSubgroupSeries, type SubgroupSeries } from "./series/subgroup-series.js";
export { resolveLayout, type ChartLayout, type LayoutOptions } from "./series/chart-layout.js";
export {
  cutPeriods,
  parsePeriodSpec,
  periodBinner,
  type PeriodSpec,
  type PeriodUnit,
} from "./time/cut-period.js";
export { formatIsoDate, parseIsoDate } from "./time/iso-date.js";
