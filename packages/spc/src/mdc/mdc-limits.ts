import { SpcError } from "../core/spc-error.js";
import { MDC_LIMIT, MDC_MR_SCREEN, MDC_NEAR_LIMIT, type MdcLimitOptions } from "./mdc.type.js";
import { orNull, toNaNArray, validateFixAfterNPoints } from "./mdc-input.js";
import { rMean } from "./r-mean.js";

/** XmR limits of one group (a facet × rebase group) in Making Data Count mode. `NaN` where R gives `NaN`/`NA`. */
export interface MdcGroupLimits {
  mean: number;
  amr: number;
  lpl: number;
  upl: number;
  nlpl: number;
  nupl: number;
}

/**
 * Making Data Count XmR limits of one group `y[start..end)`, exactly as NHSRplotthedots 0.2.2
 * `R/ptd_spc_standard.R` computes them:
 *
 * - fix_y = y for the first `fixAfterNPoints` rows of the group, missing after that;
 * - mean = mean(fix_y, na.rm); MRᵢ = |fix_yᵢ − fix_yᵢ₋₁| (the first and any touching a missing value are missing);
 *   AMR = mean(MR, na.rm);
 * - with screening, an MR is kept only when MR < 3.267·AMR, and the AMR is recomputed from the kept ones;
 * - LPL/UPL = mean ∓ 2.66·AMR; near limits = mean ∓ (2/3)·2.66·AMR.
 *
 * All-equal data with screening gives AMR = NaN (every MR equals 3.267·0 and is dropped), so every limit is NaN,
 * as in R. Missing values in `y` are `NaN`. Internal fast path: `mdcXmrLimits` is the validated public form.
 *
 * @example
 * // INDICATORS.md §5 worked example, screened: mean 1.944, limits −0.716 / 4.604.
 * mdcGroupLimits(Float64Array.of(1, 2, 1, 2, 10, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1), 0, 18, true, Infinity);
 */
export function mdcGroupLimits(
  y: ArrayLike<number>,
  start: number,
  end: number,
  screenOutliers: boolean,
  fixAfterNPoints: number,
): MdcGroupLimits {
  // row_number() <= n keeps floor(n) rows, so 12.5 behaves as 12, and Infinity as "no fix".
  const baselineEnd = Math.min(end, start + Math.floor(fixAfterNPoints));
  const mean = rMean(y, start, baselineEnd);
  const count = Math.max(0, baselineEnd - start - 1);
  const mr = movingRangeScratch(count);
  for (let i = 0; i < count; i++) {
    // A missing value makes both of its moving ranges missing (NaN propagates through the subtraction).
    mr[i] = Math.abs((y[start + i + 1] as number) - (y[start + i] as number));
  }
  let amr = rMean(mr, 0, count);
  if (screenOutliers) {
    const cutoff = MDC_MR_SCREEN * amr;
    for (let i = 0; i < count; i++) {
      // `mr < cutoff` is false for a NaN cutoff, so every MR is dropped, as R's case_when does.
      if (!((mr[i] as number) < cutoff)) mr[i] = NaN;
    }
    amr = rMean(mr, 0, count);
  }
  return {
    mean,
    amr,
    lpl: mean - MDC_LIMIT * amr,
    upl: mean + MDC_LIMIT * amr,
    nlpl: mean - MDC_NEAR_LIMIT * amr,
    nupl: mean + MDC_NEAR_LIMIT * amr,
  };
}

// Reused between calls (nothing here awaits, so calls cannot interleave): thousands of short series would
// otherwise spend their time allocating moving-range arrays.
let movingRanges = new Float64Array(256);
function movingRangeScratch(length: number): Float64Array {
  if (movingRanges.length < length)
    movingRanges = new Float64Array(Math.max(length, 2 * movingRanges.length));
  return movingRanges;
}

/** Public form of one group's MDC limits: `null` where the limit does not exist. */
export interface MdcXmrLimits {
  readonly mean: number | null;
  /** Average moving range after screening. */
  readonly averageMovingRange: number | null;
  readonly lpl: number | null;
  readonly upl: number | null;
  /** The "close to limits" band, mean ∓ (2/3)·2.66·AMR. */
  readonly nearLpl: number | null;
  readonly nearUpl: number | null;
}

/**
 * Making Data Count XmR limits of one series (one group), as NHSRplotthedots 0.2.2 computes them: process
 * limits mean ± 2.66·AMR, near limits mean ± (2/3)·2.66·AMR, moving ranges ≥ 3.267·AMR screened out by default,
 * and optionally only the first `fixAfterNPoints` (≥ 12) points used. `null` values are missing and are skipped.
 *
 * @throws SpcError `EMPTY`, `NON_FINITE_VALUE`, `INVALID_FIX_AFTER_N_POINTS`
 * @example
 * // INDICATORS.md §5 (data from NHSRplotthedots vignettes/deviations.Rmd):
 * const y = [1, 2, 1, 2, 10, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1];
 * mdcXmrLimits(y).lpl; // -0.7155… (screened: AMR 1.0)
 * mdcXmrLimits(y, { screenOutliers: false }).upl; // 6.9523… (AMR 1.882, as the MDC Excel tool)
 */
export function mdcXmrLimits(
  values: readonly (number | null)[],
  options: MdcLimitOptions = {},
): MdcXmrLimits {
  if (values.length === 0)
    throw new SpcError("EMPTY", "values is empty: an XmR chart needs at least one value", "values");
  const fix = validateFixAfterNPoints(options.fixAfterNPoints, "fixAfterNPoints");
  const y = toNaNArray(values, "values");
  const limits = mdcGroupLimits(y, 0, y.length, options.screenOutliers ?? true, fix);
  return {
    mean: orNull(limits.mean),
    averageMovingRange: orNull(limits.amr),
    lpl: orNull(limits.lpl),
    upl: orNull(limits.upl),
    nearLpl: orNull(limits.nlpl),
    nearUpl: orNull(limits.nupl),
  };
}
