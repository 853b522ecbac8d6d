import { scratch } from "./buffers.js";
import type { ChartColumns, PartLayout, SubgroupColumns } from "./chart-columns.type.js";

/*
 * Small building blocks the limit calculations share. They reproduce R's NA handling: `mean(x, na.rm =
 * TRUE)` skips NaN and is NaN when nothing is left; `sum(x, na.rm = TRUE)` of nothing is 0.
 */

/** mean(values[base], na.rm = TRUE) over [from, to). */
export function baseMean(values: Float64Array, base: Uint8Array, from: number, to: number): number {
  let sum = 0;
  let count = 0;
  for (let i = from; i < to; i++) {
    const v = values[i]!;
    if (base[i] === 1 && v === v) {
      sum += v;
      count++;
    }
  }
  return count === 0 ? Number.NaN : sum / count;
}

/** sum(a[base], na.rm = TRUE) / sum(b[base], na.rm = TRUE) over [from, to) (p, u and ip centre lines). */
export function baseRatio(
  a: Float64Array,
  b: Float64Array,
  base: Uint8Array,
  from: number,
  to: number,
): number {
  let sa = 0;
  let sb = 0;
  for (let i = from; i < to; i++) {
    if (base[i] !== 1) continue;
    const va = a[i]!;
    const vb = b[i]!;
    if (va === va) sa += va;
    if (vb === vb) sb += vb;
  }
  return sa / sb;
}

/** median(values[base], na.rm = TRUE) over [from, to); NaN when nothing is left (R: NA). */
export function baseMedian(values: Float64Array, base: Uint8Array, from: number, to: number): number {
  let count = 0;
  for (let i = from; i < to; i++) if (base[i] === 1 && values[i] === values[i]) count++;
  if (count === 0) return Number.NaN;
  const sorted = scratch(count).subarray(0, count);
  let k = 0;
  for (let i = from; i < to; i++) {
    const v = values[i]!;
    if (base[i] === 1 && v === v) sorted[k++] = v;
  }
  sorted.sort();
  const mid = count >> 1;
  return count % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * qicharts2's `if (anyNA(x$cl)) x$cl <- <computed>`: a fixed centre line is used only when every point of
 * the part has one; otherwise `compute()` gives one value for the whole part. Writes out.cl[from..to).
 */
export function resolveCentreLine(
  layout: PartLayout,
  from: number,
  to: number,
  out: ChartColumns,
  compute: () => number,
): boolean {
  if (useFixedCentreLine(layout, from, to, out)) return false;
  out.cl.fill(compute(), from, to);
  return true;
}

/**
 * The fixed-centre-line half of {@link resolveCentreLine}: writes the fixed centre line to out.cl[from..to)
 * and returns true when every point of the part has one; otherwise writes nothing and returns false, and the
 * caller fills in the computed centre line (the hot I chart does, so it creates no closure per part).
 */
export function useFixedCentreLine(layout: PartLayout, from: number, to: number, out: ChartColumns): boolean {
  const fixed = layout.fixedCl;
  let complete = fixed.length > 0;
  for (let i = from; complete && i < to; i++) if (fixed[i] !== fixed[i]) complete = false;
  if (complete) for (let i = from; i < to; i++) out.cl[i] = fixed[i]!;
  return complete;
}

/** Copies the aggregated statistic and denominator, the default for charts that do not transform y. */
export function copyYAndN(data: SubgroupColumns, from: number, to: number, out: ChartColumns): void {
  for (let i = from; i < to; i++) {
    out.y[i] = data.y[i]!;
    out.n[i] = data.n[i]!;
  }
}

/** Writes cl ± 3σ and cl ± 2σ for one σ for the whole part. */
export function writeConstantSigmaLimits(out: ChartColumns, from: number, to: number, sigma: number): void {
  const { cl, lcl, ucl, lcl95, ucl95 } = out;
  for (let i = from; i < to; i++) {
    const c = cl[i]!;
    lcl[i] = c - 3 * sigma;
    ucl[i] = c + 3 * sigma;
    lcl95[i] = c - 2 * sigma;
    ucl95[i] = c + 2 * sigma;
  }
}

/** Writes cl ± 3σ and cl ± 2σ for a σ per point. */
export function writeSigmaLimits(
  out: ChartColumns,
  from: number,
  to: number,
  sigma: (i: number) => number,
): void {
  for (let i = from; i < to; i++) {
    const cl = out.cl[i]!;
    const s = sigma(i);
    out.lcl[i] = cl - 3 * s;
    out.ucl[i] = cl + 3 * s;
    out.lcl95[i] = cl - 2 * s;
    out.ucl95[i] = cl + 2 * s;
  }
}

/** LCL < 0 → 0 for finite values (count and rate charts: `x$lcl[x$lcl < 0 & is.finite(x$lcl)] <- 0`). */
export function floorLowerLimitsAtZero(out: ChartColumns, from: number, to: number): void {
  for (let i = from; i < to; i++) {
    const l = out.lcl[i]!;
    if (l < 0 && l !== -Infinity) out.lcl[i] = 0;
    const l95 = out.lcl95[i]!;
    if (l95 < 0 && l95 !== -Infinity) out.lcl95[i] = 0;
  }
}

/** UCL > 1 → 1 for finite values (proportion charts). */
export function capUpperLimitsAtOne(out: ChartColumns, from: number, to: number): void {
  for (let i = from; i < to; i++) {
    const u = out.ucl[i]!;
    if (u > 1 && u !== Infinity) out.ucl[i] = 1;
    const u95 = out.ucl95[i]!;
    if (u95 > 1 && u95 !== Infinity) out.ucl95[i] = 1;
  }
}
