import { crossingsLimit, longestRunLimit } from "./anhoej-limits.js";
import { runsSignal, type RunsMethod } from "./runs-signal-method.js";

/** Anhøj runs statistics of one part, with qicharts2's column meanings. */
export interface RunsStatistics {
  /** Points in the part that take part in the analysis (include = TRUE), missing values included. */
  readonly nObs: number;
  /** Points off the centre line with a value. */
  readonly nUseful: number;
  /** Longest run of useful points on one side of the centre line; null when there are none. */
  readonly longestRun: number | null;
  /** round(log2(nUseful)) + 3; null when there are no useful points. */
  readonly longestRunMax: number | null;
  /** Number of runs − 1; null when there are no useful points. */
  readonly nCrossings: number | null;
  /** qbinom(0.05, nUseful − 1, 0.5); null when there are no useful points. */
  readonly nCrossingsMin: number | null;
  /** Either rule fires (false when there are no useful points). */
  readonly runsSignal: boolean;
}

/** Values the analysis reads: a typed column (NaN = missing) or a frame column (null = missing). */
export type NumericColumn = ArrayLike<number> | ArrayLike<number | null>;

/**
 * Anhøj runs analysis of the points [from, to) that are included: the signs of y − cl, with points on the
 * centre line and missing values dropped (so a run continues across them); the longest run; the number
 * of crossings (runs − 1); and the signal.
 *
 * Source: qicharts2 0.8.1 `runs.analysis` and `crsignal`; Anhøj & Olesen (2014), "Run charts revisited: a
 * simulation study of run chart rules for detection of non-random variation in health care processes",
 * PLoS ONE 9(11):e113825. The points after a freeze are included and judged against the frozen centre line.
 *
 * @example
 * runsAnalysis([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], [5.5, …], [true, …], 0, 10);
 * // { nObs: 10, nUseful: 10, longestRun: 5, longestRunMax: 6, nCrossings: 1, nCrossingsMin: 2, runsSignal: true }
 */
export function runsAnalysis(
  y: NumericColumn,
  cl: NumericColumn,
  include: ArrayLike<boolean | number>,
  from: number,
  to: number,
  method: RunsMethod = "anhoej",
): RunsStatistics {
  let nObs = 0;
  let nUseful = 0;
  let runs = 0;
  let longest = 0;
  let current = 0;
  let lastSign = 0;
  for (let i = from; i < to; i++) {
    if (!include[i]) continue;
    nObs++;
    const sign = sideOf(y[i], cl[i]);
    if (sign === 0) continue;
    nUseful++;
    if (sign === lastSign) {
      current++;
    } else {
      runs++;
      current = 1;
      lastSign = sign;
    }
    if (current > longest) longest = current;
  }
  if (nUseful === 0) {
    return {
      nObs,
      nUseful,
      longestRun: null,
      longestRunMax: null,
      nCrossings: null,
      nCrossingsMin: null,
      runsSignal: false,
    };
  }
  const nCrossings = runs - 1;
  return {
    nObs,
    nUseful,
    longestRun: longest,
    longestRunMax: longestRunLimit(nUseful),
    nCrossings,
    nCrossingsMin: crossingsLimit(nUseful),
    runsSignal: runsSignal(nUseful, nCrossings, longest, method),
  };
}

/** sign(y − cl): 1 above, −1 below, 0 on the line or when either is missing. */
export function sideOf(y: number | null | undefined, cl: number | null | undefined): number {
  if (y == null || cl == null) return 0;
  const d = y - cl;
  return d > 0 ? 1 : d < 0 ? -1 : 0;
}
