/**
 * Column layout shared by every limit calculation. A chart is computed one part (phase) at a time over a
 * half-open index range [from, to) of whole-series columns, so a million-point series needs no copies.
 * Missing values are NaN throughout (R's NA and NaN behave alike in every formula used here); the public
 * APIs turn them into `null`.
 */

/** One entry per subgroup (plotted point), in plotting order: qicharts2's aggregated data frame. */
export interface SubgroupColumns {
  /** The aggregated statistic: Σy/Σn with a denominator, otherwise agg.fun(y) (mean by default). */
  readonly y: Float64Array;
  /** Σy of the subgroup (the count for c, p and u charts). */
  readonly ySum: Float64Array;
  /** Number of non-missing y values in the subgroup. */
  readonly yLength: Float64Array;
  readonly yMean: Float64Array;
  /** Sample standard deviation (n − 1 divisor); NaN for fewer than two values. */
  readonly ySd: Float64Array;
  /** Σn (the denominator); NaN when the chart has none. */
  readonly n: Float64Array;
}

/** Which points of a part feed its centre line and limits, and any fixed centre line. */
export interface PartLayout {
  /** 1 where the point is in the baseline (not after a freeze) and not excluded. */
  readonly base: Uint8Array;
  /**
   * A fixed centre line per point (qicharts2 `cl`); NaN where none is given. An empty array means none at
   * all, so a chart without a fixed centre line does not fill a column with NaN.
   */
  readonly fixedCl: Float64Array;
}

/** Options that change the limit formulas. */
export interface LimitOptions {
  /** Drop moving ranges ≥ 3.267·AMR once and recompute (Nelson 1982; qicharts2 `qic.screenedmr`). */
  readonly screenMovingRanges: boolean;
  /** Categorical x (a funnel plot): the prime charts take σ_z = sd(z) instead of AMR(z)/1.128. */
  readonly categorical: boolean;
}

/** What a limit calculation writes for each point of its part (before `multiply`). */
export interface ChartColumns {
  /** The plotted statistic, which some charts change (mr: the moving range, s: the sd, c: the count). */
  readonly y: Float64Array;
  /** Denominator as reported (the ip chart fills in subgroup sizes when none are given). */
  readonly n: Float64Array;
  readonly cl: Float64Array;
  readonly lcl: Float64Array;
  readonly ucl: Float64Array;
  /** 2-sigma limits (qicharts2 `lcl.95` / `ucl.95`). */
  readonly lcl95: Float64Array;
  readonly ucl95: Float64Array;
}

/** A limit calculation for one part [from, to). */
export type PartCalculation = (
  data: SubgroupColumns,
  layout: PartLayout,
  from: number,
  to: number,
  out: ChartColumns,
  options: LimitOptions,
) => void;
