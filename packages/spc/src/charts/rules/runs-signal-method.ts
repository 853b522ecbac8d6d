import { crossingsLimit, longestRunLimit } from "./anhoej-limits.js";

/** Runs-analysis method of qicharts2 (`method` argument); "bestbox" and "cutbox" are EXPERIMENTAL there. */
export type RunsMethod = "anhoej" | "bestbox" | "cutbox";

/**
 * Whether a part's runs statistics signal non-random variation (qicharts2 0.8.1 `crsignal`).
 *
 * - "anhoej": longest run > round(log2 n) + 3, or crossings < qbinom(0.05, n − 1, 0.5).
 * - "bestbox" / "cutbox": the tabulated critical values for 10 ≤ n ≤ 100 of Anhøj & Wentzel-Larsen
 *   (2020), "Smooth run chart rules…", PLoS ONE 15(6):e0233920, with the cut-box's border cells; outside
 *   10..100 they fall back to "anhoej", as qicharts2 does.
 *
 * @example
 * runsSignal(24, 7, 8); // true: 7 crossings < 8
 * runsSignal(24, 8, 8); // false
 */
export function runsSignal(
  nUseful: number,
  crossings: number,
  longestRun: number,
  method: RunsMethod = "anhoej",
): boolean {
  if (method === "anhoej" || nUseful < 10 || nUseful > 100) {
    return !(crossings >= crossingsLimit(nUseful) && longestRun <= longestRunLimit(nUseful));
  }
  const k = nUseful - 10;
  const cb = CB[k]!;
  const lb = LB[k]!;
  if (method === "bestbox") return !(crossings >= cb && longestRun <= lb);
  const cbord = CBORD[k]!;
  const lbord = LBORD[k]!;
  if (cbord < 0) return !(crossings >= cb && longestRun <= lb);
  if (crossings >= cb + 1 && longestRun <= lb - 1) return false;
  if (crossings === cb && longestRun <= lbord) return false;
  if (crossings >= cbord && longestRun <= lb) return false;
  return true;
}

// qicharts2 0.8.1 `crsignal` bounds for n = 10..100; −1 stands for R's NA (no border cell).
// prettier-ignore
const CB: readonly number[] = [
  2, 3, 3, 3, 3, 4, 5, 5, 5, 5, 6, 7, 6, 6, 6, 6, 9, 9, 9, 10, 11, 11, 11, 11, 11, 12,
  13, 14, 13, 15, 15, 15, 14, 14, 17, 17, 17, 17, 19, 19, 19, 19, 19, 21, 21, 21, 21, 23, 23, 23, 23, 23,
  25, 25, 26, 26, 27, 27, 27, 28, 29, 29, 29, 30, 30, 31, 31, 31, 32, 33, 33, 33, 34, 33, 35, 35, 35, 35,
  37, 37, 38, 37, 39, 39, 39, 39, 39, 41, 41, 42, 41,
];
// prettier-ignore
const LB: readonly number[] = [
  6, 7, 6, 6, 6, 7, 8, 7, 7, 7, 7, 8, 7, 7, 7, 7, 9, 8, 8, 8, 10, 9, 8, 8, 8, 8,
  9, 10, 8, 11, 9, 9, 8, 8, 10, 9, 9, 9, 12, 10, 9, 9, 9, 11, 10, 9, 9, 12, 10, 10, 9, 9,
  11, 10, 11, 10, 12, 10, 10, 11, 14, 11, 10, 11, 10, 12, 11, 10, 11, 13, 11, 10, 11, 10, 11, 11, 10, 10,
  12, 11, 12, 10, 13, 11, 11, 10, 10, 12, 11, 12, 10,
];
// prettier-ignore
const CBORD: readonly number[] = [
  3, 4, -1, -1, -1, 6, 6, -1, 6, 6, -1, -1, 7, 7, 7, -1, 10, 10, 11, -1, 12, 14, -1, 12, 13, -1,
  15, -1, -1, -1, -1, 17, -1, -1, -1, -1, 19, 20, 20, 21, -1, 21, 21, 23, 23, -1, 23, 25, 24, 26, -1, 24,
  27, 27, 27, 27, 29, -1, 29, 29, 30, 31, 30, 31, -1, 32, 34, 33, 33, 37, 35, -1, 36, 36, -1, 38, 36, 38,
  38, 39, -1, 39, 41, 40, 42, -1, 41, 42, 44, 43, 42,
];
// prettier-ignore
const LBORD: readonly number[] = [
  5, 6, -1, -1, -1, 6, 7, -1, 6, 5, -1, -1, 6, 6, 6, -1, 7, 7, 7, -1, 9, 8, -1, 7, 7, -1,
  8, -1, -1, -1, -1, 8, -1, -1, -1, -1, 8, 7, 11, 9, -1, 8, 7, 9, 8, -1, 8, 11, 9, 8, -1, 8,
  9, 9, 10, 9, 10, -1, 8, 8, 13, 9, 9, 10, -1, 9, 8, 9, 8, 11, 9, -1, 10, 7, -1, 8, 9, 8,
  10, 9, -1, 9, 12, 10, 8, -1, 8, 9, 9, 10, 9,
];
