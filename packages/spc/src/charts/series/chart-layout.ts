import { SpcError } from "../../core/spc-error.js";
import { freshColumns, type ColumnAllocator } from "../limits/buffers.js";
import type { PartLayout } from "../limits/chart-columns.type.js";
import type { SpcPeriod } from "../spc-chart.type.js";
import type { SubgroupSeries } from "./subgroup-series.js";

/** Where phases start and which points feed each phase's limits. */
export interface ChartLayout extends PartLayout {
  /** Index of the first point of each phase (the first is 0). */
  readonly starts: readonly number[];
  readonly phase: Int32Array;
  readonly baseline: Uint8Array;
  readonly include: Uint8Array;
}

/** The options that place phases, baselines and exclusions. */
export interface LayoutOptions {
  readonly freeze?: SpcPeriod | undefined;
  readonly baselinePoints?: number | undefined;
  readonly phases?: readonly SpcPeriod[] | undefined;
  readonly exclude?: readonly SpcPeriod[] | undefined;
  /** The fixed centre line in the scale the limits are computed in (NaN for none). */
  readonly fixedCentreLine: number;
}

/**
 * Places phases, baselines and exclusions on the subgroups.
 *
 * - A phase starts at the first point on or after each `phases` period (qicharts2 `part`).
 * - `freeze`: points up to the last one on or before the freeze period form the baseline of their phase;
 *   phases that start after it use all their points. Without phases this is qicharts2's `freeze`; unlike
 *   qicharts2, a freeze is not dropped when phases are given (qicharts2 issue #20).
 * - `baselinePoints` = k: the first k points of each phase (NHSRplotthedots `fix_after_n_points`).
 * - `exclude`: the points with exactly these periods take no part in limits or runs analysis.
 *
 * Periods that are labels must match a point exactly. Throws `SpcError` FREEZE_OUT_OF_RANGE,
 * PHASE_OUT_OF_RANGE, UNKNOWN_PERIOD or INVALID_OPTION (freeze together with baselinePoints, or a
 * baselinePoints that is not a positive integer).
 *
 * @example
 * // 36 monthly points, phases: ["2023-01-01"], freeze: "2022-06-01"
 * // → starts [0, 24]; points 0..17 baseline, 18..23 judged against them; phase 2 uses all of 24..35
 *
 * `phase`, `baseline` and `include` come from `allocate` (a chart keeps them); `base` and `fixedCl`, used
 * only while the limits are computed, from `scratch`. Without a fixed centre line `fixedCl` is empty.
 */
export function resolveLayout(
  series: SubgroupSeries,
  options: LayoutOptions,
  allocate: ColumnAllocator = freshColumns,
  scratch: ColumnAllocator = allocate,
): ChartLayout {
  const m = series.keys.length;
  const keys = series.keys;
  const ordered = series.kind !== "label";
  const starts = [0];
  for (const p of options.phases ?? []) {
    const key = series.keyOf(p);
    let index: number;
    if (ordered) {
      if (!(key >= keys[0]! && key <= keys[m - 1]!)) {
        throw new SpcError("PHASE_OUT_OF_RANGE", `phases: ${describe(p)} is outside the series`, "phases");
      }
      index = lowerBound(keys, key);
    } else {
      index = exactIndex(keys, key);
      if (index < 0)
        throw new SpcError("UNKNOWN_PERIOD", `phases: no point has period ${describe(p)}`, "phases");
    }
    starts.push(index);
  }
  const uniqueStarts = starts.length === 1 ? starts : [...new Set(starts)].sort((a, b) => a - b);

  const phase = allocate.int32(m);
  for (let k = 0; k < uniqueStarts.length; k++) {
    const to = k + 1 < uniqueStarts.length ? uniqueStarts[k + 1]! : m;
    phase.fill(k, uniqueStarts[k], to);
  }

  const flags = allocate.uint8(2 * m);
  const baseline = flags.subarray(0, m).fill(1);
  if (options.freeze !== undefined && options.baselinePoints !== undefined) {
    throw new SpcError("INVALID_OPTION", "freeze: give either freeze or baselinePoints, not both", "freeze");
  }
  if (options.freeze !== undefined) {
    const key = series.keyOf(options.freeze);
    let last: number;
    if (ordered) {
      if (!(key >= keys[0]! && key <= keys[m - 1]!)) {
        throw new SpcError(
          "FREEZE_OUT_OF_RANGE",
          `freeze: ${describe(options.freeze)} is outside the series (${describe(series.periodAt(0))} to ${describe(series.periodAt(m - 1))})`,
          "freeze",
        );
      }
      last = upperBound(keys, key) - 1;
    } else {
      last = exactIndex(keys, key);
      if (last < 0)
        throw new SpcError(
          "FREEZE_OUT_OF_RANGE",
          `freeze: no point has period ${describe(options.freeze)}`,
          "freeze",
        );
    }
    for (let i = last + 1; i < m; i++) {
      if (uniqueStarts[phase[i]!]! <= last) baseline[i] = 0;
    }
  }
  if (options.baselinePoints !== undefined) {
    const k = options.baselinePoints;
    if (!Number.isInteger(k) || k < 1) {
      throw new SpcError(
        "INVALID_OPTION",
        `baselinePoints: must be a positive integer, got ${k}`,
        "baselinePoints",
      );
    }
    for (let i = 0; i < m; i++) if (i - uniqueStarts[phase[i]!]! >= k) baseline[i] = 0;
  }

  const include = flags.subarray(m, 2 * m).fill(1);
  for (const p of options.exclude ?? []) {
    const index = exactIndex(keys, series.keyOf(p));
    if (index < 0)
      throw new SpcError("UNKNOWN_PERIOD", `exclude: no point has period ${describe(p)}`, "exclude");
    include[index] = 0;
  }
  const base = scratch.uint8(m);
  for (let i = 0; i < m; i++) base[i] = baseline[i]! & include[i]!;
  const fixed = options.fixedCentreLine;
  return {
    starts: uniqueStarts,
    phase,
    baseline,
    include,
    base,
    fixedCl: Number.isNaN(fixed) ? NO_FIXED_CENTRE_LINE : scratch.float64(m).fill(fixed),
  };
}

/** Shared and empty, so it can never be written to. */
const NO_FIXED_CENTRE_LINE = new Float64Array(0);

function describe(p: SpcPeriod): string {
  return p instanceof Date ? p.toISOString() : JSON.stringify(p);
}

/** First index with keys[i] >= key (keys ascending). */
function lowerBound(keys: Float64Array, key: number): number {
  let lo = 0;
  let hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (keys[mid]! < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** First index with keys[i] > key. */
function upperBound(keys: Float64Array, key: number): number {
  let lo = 0;
  let hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (keys[mid]! <= key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function exactIndex(keys: Float64Array, key: number): number {
  if (Number.isNaN(key)) return -1;
  const i = lowerBound(keys, key);
  return i < keys.length && keys[i] === key ? i : -1;
}
