import type { ChartType } from "../core/chart-frame.type.js";
import type { RunsMethod } from "../charts/rules/runs-signal-method.js";

/** A cell of an input column or an output row: R's NA, NaN and ±Inf are all `null`. */
export type QicValue = number | string | boolean | null;

/** A fixed centre line or target: one value, one per input row, or the name of an input column. */
export type QicLine = number | readonly (number | null)[] | string | null;

/**
 * qicharts2 `qic()` arguments, named as in R (INTERFACES.md C3; the `args` of a case file). Column
 * arguments (`x`, `y`, `n`, `notes`) name columns of `input.columns`; the rest are literal values. Display
 * arguments (`title`, `ylab`, `show.95`, …) are accepted and ignored: they do not change the numbers.
 */
export interface QicArgs {
  readonly x: string;
  readonly y?: string | null;
  readonly n?: string | null;
  readonly notes?: string | null;
  /** "run" (default), "i", "mr", "xbar", "s", "t", "p", "pp", "c", "u", "up", "g", "ip". */
  readonly chart?: ChartType;
  readonly "agg.fun"?: "mean" | "median" | "sum" | "sd";
  readonly method?: RunsMethod;
  readonly multiply?: number;
  /** Last baseline point (an index within each facet); ignored when `part` is given, as in qicharts2. */
  readonly freeze?: number | null;
  /** Split points (the number of points before each new part), or a column of part labels. */
  readonly part?: number | readonly number[] | { readonly column: string } | null;
  /** Indices (within each facet) left out of the centre line, the limits and the runs analysis. */
  readonly exclude?: number | readonly number[] | null;
  readonly cl?: QicLine;
  readonly target?: QicLine;
  /** FALSE floors negative lower limits at 0 when no y is negative. */
  readonly "y.neg"?: boolean;
  /** A one- or two-sided formula: "~ ward" or "infection ~ hospital". */
  readonly facets?: string | null;
  /** Aggregate date x by period before charting: "week", "month", "quarter", "year", "2 weeks", … */
  readonly "x.period"?: string | null;
  readonly [display: string]: unknown;
}

/** The input data: row-aligned columns, and how to read x. */
export interface QicInput {
  readonly n_rows?: number;
  /** "date" ("YYYY-MM-DD"), "datetime", "numeric" or "categorical"; inferred from the values when absent. */
  readonly x_type?: "date" | "datetime" | "numeric" | "categorical";
  readonly columns: Readonly<Record<string, readonly QicValue[]>>;
}

/** qicharts2 global options; only `qic.screenedmr` changes numbers (default FALSE, as without `library()`). */
export interface QicOptions {
  readonly "qic.screenedmr"?: boolean;
  readonly [option: string]: unknown;
}

/** The three fields of a case file that `qic()` reads. */
export interface QicCall {
  readonly args: QicArgs;
  readonly options?: QicOptions;
  readonly input: QicInput;
}

/** One output row, keyed by qicharts2's column names. */
export type QicRow = Readonly<Record<string, QicValue>>;

/** `qic(..., return.data = TRUE)` (points) and `summary()` of the qic object (summary). */
export interface QicResult {
  readonly points: readonly QicRow[];
  readonly summary: readonly QicRow[];
}
