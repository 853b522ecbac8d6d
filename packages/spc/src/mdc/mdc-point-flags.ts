/**
 * Per-point flags of Making Data Count, with R's three-valued logic (NHSRplotthedots 0.2.2
 * `R/ptd_spc_standard.R`):
 *
 * - outside_limits = y > UPL | y < LPL
 * - relative_to_mean = sign(y − mean)
 * - close_to_limits = !outside_limits & (y < near LPL | y > near UPL)
 *
 * A missing y or limit makes a comparison NA, and NA propagates through `|`, `&` and `!` exactly as in R
 * (NA | TRUE is TRUE, NA & FALSE is FALSE). Keeping NA distinct from FALSE matters: the rules treat an NA
 * differently from a definite "no" (see `mdcSpecialCauses`).
 */

/** Three-valued logical: 1 TRUE, 0 FALSE, −1 NA. */
export const LGL_NA = -1;
/** `relative_to_mean` is −1, 0 or 1; this marks NA. */
export const SIGN_NA = 2;

/** The flags of a series, one entry per point. */
export interface MdcPointFlags {
  /** 1 / 0 / −1 (NA). */
  readonly outside: Int8Array;
  /** −1 / 0 / 1, or `SIGN_NA`. */
  readonly relativeToMean: Int8Array;
  /** 1 / 0 / −1 (NA). */
  readonly close: Int8Array;
}

/** Flags for n points, from `allocate` when given. */
export function allocatePointFlags(n: number, allocate?: { int8(length: number): Int8Array }): MdcPointFlags {
  if (allocate === undefined) {
    return { outside: new Int8Array(n), relativeToMean: new Int8Array(n), close: new Int8Array(n) };
  }
  return { outside: allocate.int8(n), relativeToMean: allocate.int8(n), close: allocate.int8(n) };
}

/**
 * Sets the flags of point `i` from its value and its limits (all `NaN` when missing).
 *
 * @example
 * const f = allocatePointFlags(1);
 * setPointFlags(f, 0, 5, 0, -3, 3, -2, 2); // outside 1, relative_to_mean 1, close 0
 */
export function setPointFlags(
  flags: MdcPointFlags,
  i: number,
  y: number,
  mean: number,
  lpl: number,
  upl: number,
  nlpl: number,
  nupl: number,
): void {
  const yMissing = y !== y;
  const above = yMissing || upl !== upl ? LGL_NA : y > upl ? 1 : 0;
  const below = yMissing || lpl !== lpl ? LGL_NA : y < lpl ? 1 : 0;
  const outside = or3(above, below);
  flags.outside[i] = outside;
  flags.relativeToMean[i] = yMissing || mean !== mean ? SIGN_NA : y > mean ? 1 : y < mean ? -1 : 0;
  const nearBelow = yMissing || nlpl !== nlpl ? LGL_NA : y < nlpl ? 1 : 0;
  const nearAbove = yMissing || nupl !== nupl ? LGL_NA : y > nupl ? 1 : 0;
  flags.close[i] = and3(outside === LGL_NA ? LGL_NA : 1 - outside, or3(nearBelow, nearAbove));
}

function or3(a: number, b: number): number {
  if (a === 1 || b === 1) return 1;
  if (a === 0 && b === 0) return 0;
  return LGL_NA;
}

function and3(a: number, b: number): number {
  if (a === 0 || b === 0) return 0;
  if (a === 1 && b === 1) return 1;
  return LGL_NA;
}
