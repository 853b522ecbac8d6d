import type { ChartType } from "../../core/chart-frame.type.js";
import { float64Columns, freshColumns, type ColumnAllocator } from "./buffers.js";
import { cChartLimits } from "./c-chart.js";
import type {
  ChartColumns,
  LimitOptions,
  PartCalculation,
  PartLayout,
  SubgroupColumns,
} from "./chart-columns.type.js";
import { gChartLimits } from "./g-chart.js";
import { iChartLimits } from "./i-chart.js";
import { ipChartLimits } from "./ip-chart.js";
import { mrChartLimits } from "./mr-chart.js";
import { pChartLimits } from "./p-chart.js";
import { ppChartLimits } from "./pp-chart.js";
import { runChartLimits } from "./run-chart.js";
import { sChartLimits } from "./s-chart.js";
import { tChartLimits } from "./t-chart.js";
import { uChartLimits } from "./u-chart.js";
import { upChartLimits } from "./up-chart.js";
import { xbarChartLimits } from "./xbar-chart.js";

/** The limit calculation of each chart type (qicharts2 0.8.1's `qic.<chart>` functions). */
export const PART_CALCULATIONS: Readonly<Record<ChartType, PartCalculation>> = {
  run: runChartLimits,
  i: iChartLimits,
  mr: mrChartLimits,
  xbar: xbarChartLimits,
  s: sChartLimits,
  t: tChartLimits,
  p: pChartLimits,
  pp: ppChartLimits,
  c: cChartLimits,
  u: uChartLimits,
  up: upChartLimits,
  g: gChartLimits,
  ip: ipChartLimits,
};

/** Every chart type, in qicharts2's order. */
export const CHART_TYPES: readonly ChartType[] = Object.keys(PART_CALCULATIONS) as ChartType[];

/** Whether `value` names a chart type. */
export function isChartType(value: unknown): value is ChartType {
  return typeof value === "string" && Object.hasOwn(PART_CALCULATIONS, value);
}

/**
 * Centre line and 3σ/2σ limits of a whole series, one part (phase) at a time: each part
 * [starts[k], starts[k+1]) is computed independently from its own base points, as qicharts2 splits its data
 * by facet × part before calling `qic.<chart>`. Nothing is multiplied or made null here; see
 * {@link multiplyAndClean}.
 *
 * @example
 * const out = computeChartColumns("c", data, layout, [0, 24], { screenMovingRanges: true, categorical: false });
 * // out.cl[0] is the mean count of points 0..23; out.cl[24] that of points 24..end
 */
export function computeChartColumns(
  chart: ChartType,
  data: SubgroupColumns,
  layout: PartLayout,
  starts: readonly number[],
  options: LimitOptions,
  allocate: ColumnAllocator = freshColumns,
): ChartColumns {
  const length = data.y.length;
  const [y, n, cl, lcl, ucl, lcl95, ucl95] = float64Columns(length, 7, allocate) as [
    Float64Array,
    Float64Array,
    Float64Array,
    Float64Array,
    Float64Array,
    Float64Array,
    Float64Array,
  ];
  const out: ChartColumns = { y, n, cl, lcl, ucl, lcl95, ucl95 };
  const calculate = PART_CALCULATIONS[chart];
  for (let k = 0; k < starts.length; k++) {
    const from = starts[k]!;
    const to = k + 1 < starts.length ? starts[k + 1]! : length;
    if (to > from) calculate(data, layout, from, to, out, options);
  }
  return out;
}

/**
 * qicharts2's steps after the runs analysis: y, cl and limits × `multiply`, then non-finite limits become
 * NaN (reported as NA/null; a subgroup with n = 0 has infinite limits).
 */
export function multiplyAndClean(out: ChartColumns, multiply: number): void {
  const { y, cl, lcl, ucl, lcl95, ucl95 } = out;
  const length = y.length;
  if (multiply !== 1) {
    for (let i = 0; i < length; i++) {
      y[i] = y[i]! * multiply;
      cl[i] = cl[i]! * multiply;
      lcl[i] = lcl[i]! * multiply;
      ucl[i] = ucl[i]! * multiply;
      lcl95[i] = lcl95[i]! * multiply;
      ucl95[i] = ucl95[i]! * multiply;
    }
  }
  for (let i = 0; i < length; i++) {
    if (!Number.isFinite(lcl[i]!)) lcl[i] = Number.NaN;
    if (!Number.isFinite(ucl[i]!)) ucl[i] = Number.NaN;
    if (!Number.isFinite(lcl95[i]!)) lcl95[i] = Number.NaN;
    if (!Number.isFinite(ucl95[i]!)) ucl95[i] = Number.NaN;
  }
}

/**
 * qicharts2 `y.neg = FALSE`: when no y is negative (`min(d$y, na.rm = TRUE) >= 0`, over all facets),
 * negative lower limits (3σ and 2σ) become 0.
 */
export function floorNegativeLowerLimits(out: ChartColumns): void {
  const { y, lcl, lcl95 } = out;
  let min = Infinity;
  for (let i = 0; i < y.length; i++) if (y[i]! < min) min = y[i]!;
  if (!(min >= 0)) return;
  for (let i = 0; i < y.length; i++) {
    if (lcl[i]! < 0) lcl[i] = 0;
    if (lcl95[i]! < 0) lcl95[i] = 0;
  }
}
