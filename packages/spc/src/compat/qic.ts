import type { PartLayout } from "../charts/limits/chart-columns.type.js";
import {
  computeChartColumns,
  floorNegativeLowerLimits,
  multiplyAndClean,
} from "../charts/limits/chart-limits.js";
import { runsAnalysis, type RunsStatistics } from "../charts/rules/runs-analysis.js";
import { aggregateQicRows } from "./qic-aggregate.js";
import { checkIndicesWithin, readQicCall } from "./qic-input.js";
import type { QicCall, QicResult, QicRow } from "./qic.type.js";

export type {
  QicArgs,
  QicCall,
  QicInput,
  QicLine,
  QicOptions,
  QicResult,
  QicRow,
  QicValue,
} from "./qic.type.js";

/**
 * qicharts2 0.8.1 `qic(..., return.data = TRUE)` and `summary()` of the same call, for analysts checking
 * Vigil against R (INTERFACES.md C3). `args`, `options` and `input` are the fields of a reference case
 * file: qicharts2's argument names, `options["qic.screenedmr"]` (default FALSE, as when qicharts2 is not
 * attached), and row-aligned input columns.
 *
 * Every step follows qicharts2: aggregation per facet × x (`qic.agg`), parts and `xx` per facet, baseline
 * `xx <= freeze` and `include = !xx %in% exclude`, the chart's limits per facet × part, the Anhøj runs
 * analysis on the unmultiplied values, `multiply`, non-finite limits to NA, `sigma.signal`, runs.signal
 * forced FALSE for MR charts and categorical x, and the `y.neg` floor. Rows come in R's order (part, then
 * facet2, then facet1, then x); the summary is ordered by facet1, facet2, part. Non-finite numbers are
 * `null`. Bad input throws `SpcError` (see `readQicCall`) rather than drawing a wrong chart.
 *
 * @example
 * const { points, summary } = qic({
 *   args: { x: "month", y: "n", chart: "c", part: [24] },
 *   options: { "qic.screenedmr": true },
 *   input: { x_type: "date", columns: { month: ["2012-11-01", …], n: [19, …] } },
 * });
 * summary[0]?.CL; // 19.25 (qic_c_cdi_part: the mean count of the first 24 months)
 */
export function qic(call: QicCall): QicResult {
  const rows = readQicCall(call);
  const grouped = aggregateQicRows(rows);
  const { columns, facets } = grouped;
  const total = columns.y.length;
  checkIndicesWithin(
    rows,
    facets.reduce((max, f) => Math.max(max, f.to - f.from), 0),
  );

  const part = new Int32Array(total);
  const xx = new Int32Array(total);
  const base = new Uint8Array(total);
  const baseline = new Uint8Array(total);
  const include = new Uint8Array(total);
  const starts: number[] = [];
  const segmentOfStart: { facet: number; part: number }[] = [];
  facets.forEach((facet, f) => {
    const length = facet.to - facet.from;
    // makeparts(): unique(c(0, part)), kept when 0 <= p < n, sorted.
    const splits = [...new Set([0, ...rows.parts])].filter((p) => p >= 0 && p < length).sort((a, b) => a - b);
    splits.forEach((s, k) => {
      starts.push(facet.from + s);
      segmentOfStart.push({ facet: f, part: k + 1 });
    });
    for (let i = facet.from; i < facet.to; i++) {
      const index = i - facet.from + 1;
      xx[i] = index;
      let k = 0;
      while (k + 1 < splits.length && index > splits[k + 1]!) k++;
      part[i] = k + 1;
      baseline[i] = index <= rows.freeze ? 1 : 0;
      include[i] = rows.exclude.has(index) ? 0 : 1;
      base[i] = baseline[i]! & include[i]!;
    }
  });

  const layout: PartLayout = { base, fixedCl: grouped.cl };
  const categorical = rows.xKind === "categorical";
  const out = computeChartColumns(rows.chart, columns, layout, starts, {
    screenMovingRanges: rows.screenMovingRanges,
    categorical,
  });
  const runs: RunsStatistics[] = starts.map((from, k) =>
    runsAnalysis(out.y, out.cl, include, from, k + 1 < starts.length ? starts[k + 1]! : total, rows.method),
  );
  multiplyAndClean(out, rows.multiply);
  const sigma = new Uint8Array(total);
  for (let i = 0; i < total; i++) sigma[i] = out.y[i]! > out.ucl[i]! || out.y[i]! < out.lcl[i]! ? 1 : 0;
  if (!rows.negativeLimits) floorNegativeLowerLimits(out);
  const signalRuns = !categorical && rows.chart !== "mr";

  const points: QicRow[] = [];
  const summary: QicRow[] = [];
  // R's split(d, d[c('facet1', 'facet2', 'part')]): facet1 fastest, then facet2, then part.
  const order = starts
    .map((_, k) => k)
    .sort(
      (a, b) =>
        segmentOfStart[a]!.part - segmentOfStart[b]!.part ||
        segmentOfStart[a]!.facet - segmentOfStart[b]!.facet,
    );
  for (const k of order) {
    const from = starts[k]!;
    // Parts of a facet are contiguous and facets follow each other, so a part ends where the next starts.
    const to = k + 1 < starts.length ? starts[k + 1]! : total;
    const facet = facets[segmentOfStart[k]!.facet]!;
    const stats = runs[k]!;
    const runsSignal = signalRuns && stats.runsSignal;
    for (let i = from; i < to; i++) {
      points.push({
        x: grouped.x[i] ?? null,
        facet1: facet.facet1,
        facet2: facet.facet2,
        "y.sum": num(columns.ySum[i]!),
        "y.length": num(columns.yLength[i]!),
        "y.mean": num(columns.yMean[i]!),
        "y.sd": num(columns.ySd[i]!),
        n: num(out.n[i]!),
        y: num(out.y[i]!),
        cl: num(out.cl[i]!),
        target: num(grouped.target[i]!),
        notes: grouped.notes[i] ?? null,
        part: part[i]!,
        xx: xx[i]!,
        baseline: baseline[i] === 1,
        include: include[i] === 1,
        ucl: num(out.ucl[i]!),
        "ucl.95": num(out.ucl95[i]!),
        lcl: num(out.lcl[i]!),
        "lcl.95": num(out.lcl95[i]!),
        "n.obs": stats.nObs,
        "n.useful": stats.nUseful,
        "runs.signal": runsSignal,
        "longest.run": stats.longestRun,
        "longest.run.max": stats.longestRunMax,
        "n.crossings": stats.nCrossings,
        "n.crossings.min": stats.nCrossingsMin,
        "sigma.signal": sigma[i] === 1,
      });
    }
    let sigmaCount = 0;
    for (let i = from; i < to; i++) sigmaCount += sigma[i]!;
    summary.push({
      facet1: facet.facet1,
      facet2: facet.facet2,
      part: part[from]!,
      "n.obs": stats.nObs,
      "n.useful": stats.nUseful,
      "longest.run": stats.longestRun,
      "longest.run.max": stats.longestRunMax,
      "n.crossings": stats.nCrossings,
      "n.crossings.min": stats.nCrossingsMin,
      "runs.signal": runsSignal ? 1 : 0,
      aLCL: meanOf(out.lcl, from, to),
      "aLCL.95": meanOf(out.lcl95, from, to),
      CL: meanOf(out.cl, from, to),
      "aUCL.95": meanOf(out.ucl95, from, to),
      aUCL: meanOf(out.ucl, from, to),
      "sigma.signal": sigmaCount,
    });
  }
  // summary.qic orders by facet1, facet2, part (facet values by level).
  const summaryOrder = order.map((k, i) => ({ k, i }));
  summaryOrder.sort((a, b) => {
    const fa = facets[segmentOfStart[a.k]!.facet]!;
    const fb = facets[segmentOfStart[b.k]!.facet]!;
    return (
      fa.rank1 - fb.rank1 || fa.rank2 - fb.rank2 || segmentOfStart[a.k]!.part - segmentOfStart[b.k]!.part
    );
  });
  return { points, summary: summaryOrder.map(({ i }) => summary[i]!) };
}

function num(v: number): number | null {
  return Number.isFinite(v) ? v : null;
}

/** mean(x, na.rm = TRUE), null when nothing is left. */
function meanOf(values: Float64Array, from: number, to: number): number | null {
  let sum = 0;
  let count = 0;
  for (let i = from; i < to; i++) {
    const v = values[i]!;
    if (!Number.isNaN(v)) {
      sum += v;
      count++;
    }
  }
  return count === 0 ? null : num(sum / count);
}
