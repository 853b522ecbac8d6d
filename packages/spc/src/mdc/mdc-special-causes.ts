import { SpcError } from "../core/spc-error.js";
import { MdcSpecialCause, type MdcSpecialCauseCode } from "./mdc.type.js";
import { LGL_NA, SIGN_NA, type MdcPointFlags } from "./mdc-point-flags.js";

// Module-local copies of imported constants: bundlers that turn imports into getters (tsx, vite-node) would
// otherwise call a getter for every point in the loops below.
const NA_SIGN = SIGN_NA;
const NA_LGL = LGL_NA;
const {
  CommonCause: COMMON_CAUSE,
  AboveUcl: ABOVE_UCL,
  BelowLcl: BELOW_LCL,
  TrendIncreasing: TREND_UP,
  TrendDecreasing: TREND_DOWN,
  TwoInThreeAbove: TWO_ABOVE,
  TwoInThreeBelow: TWO_BELOW,
  ShiftAbove: SHIFT_ABOVE,
  ShiftBelow: SHIFT_BELOW,
} = MdcSpecialCause;

/** Bits of the per-point rule mask: which rules hit a point, and on which side. */
export const RuleBit = {
  Outside: 1,
  Trend: 2,
  TwoInThree: 4,
  Shift: 8,
  OutsideHigh: 16,
  TrendHigh: 32,
  TwoInThreeHigh: 64,
  ShiftHigh: 128,
} as const;

export interface MdcSpecialCauseOptions {
  readonly shiftLength: number;
  readonly trendLength: number;
  /**
   * What to do with a trend window that R cannot decide: NHSRplotthedots stops with "missing value where
   * TRUE/FALSE needed" when a window of 7 contains a missing value and every known step in it goes the same way.
   * `"error"` reproduces that (as an SpcError); `"no-trend"` reads the window as no trend.
   */
  readonly undecidableTrend: "error" | "no-trend";
}

/**
 * Making Data Count special-cause rules, evaluated inside each group (a facet × rebase group or a chart segment)
 * and never across two, exactly as NHSRplotthedots 0.2.2 `R/ptd_calculate_point_type.R` does:
 *
 * 1. outside the process limits (`outside_limits`);
 * 2. trend: `trendLength` points in a row, each strictly higher (or lower) than the one before; a tie or a missing
 *    value breaks it; all points of the run are flagged, on either side of the mean;
 * 3. 2 of 3: in any 3 consecutive points all on the same side of the mean (relative_to_mean sums to ±3), at least
 *    2 are close to the limits; only the close points are flagged;
 * 4. shift: `shiftLength` points in a row on the same side of the mean; a point on the mean or a missing value
 *    breaks it; all points of the run are flagged.
 *
 * The code of a point is its highest-priority finding, outside > trend > 2-of-3 > shift. Above/below comes from
 * relative_to_mean, except for a trend, whose direction is sign(yᵢ₊₁ − yᵢ) when the next point is also part of a
 * trend and sign(yᵢ − yᵢ₋₁) otherwise; a zero step reads as "Decreasing", as in the package.
 *
 * Linear in the number of points: runs and windows are tracked with counters instead of R's 7-point look-backs.
 *
 * @param y values, `NaN` for missing
 * @param flags outside / relative_to_mean / close per point (`setPointFlags`)
 * @param groupStarts first index of each group, increasing, `groupStarts[0] === 0`
 * @param codes receives one `MdcSpecialCauseCode` per point
 * @param mask optionally receives every rule that hit each point, with sides (`RuleBit`)
 * @example
 * // Seven rising points: all seven are "7 Point Trend (Increasing)".
 * const y = Float64Array.of(1, 2, 3, 4, 5, 6, 7);
 * // flags from setPointFlags(...) for each point, then:
 * // mdcSpecialCauses(y, flags, [0], { shiftLength: 7, trendLength: 7, undecidableTrend: "error" }, codes);
 */
export function mdcSpecialCauses(
  y: ArrayLike<number>,
  flags: MdcPointFlags,
  groupStarts: ArrayLike<number>,
  options: MdcSpecialCauseOptions,
  codes: Int8Array,
  mask?: Uint8Array,
): void {
  const n = codes.length;
  // One scratch buffer holds the three "part of a run" marks, at offsets 0, n and 2n.
  const part = scratch(3 * n);
  const shiftAt = 0;
  const trendAt = n;
  const twoAt = 2 * n;
  for (let g = 0; g < groupStarts.length; g++) {
    const start = groupStarts[g] as number;
    const end = g + 1 < groupStarts.length ? (groupStarts[g + 1] as number) : n;
    markShifts(flags.relativeToMean, start, end, options.shiftLength, part, shiftAt);
    markTrends(y, start, end, options, part, trendAt);
    markTwoInThree(flags, start, end, part, twoAt);
    classify(y, flags, part, n, start, end, codes, mask);
  }
}

// RuleBit as locals, so the per-point loop reads no object properties for them.
const OUTSIDE = RuleBit.Outside;
const OUTSIDE_HIGH = RuleBit.Outside | RuleBit.OutsideHigh;
const TREND = RuleBit.Trend;
const TREND_HIGH = RuleBit.Trend | RuleBit.TrendHigh;
const TWO = RuleBit.TwoInThree;
const TWO_HIGH = RuleBit.TwoInThree | RuleBit.TwoInThreeHigh;
const SHIFT = RuleBit.Shift;
const SHIFT_HIGH = RuleBit.Shift | RuleBit.ShiftHigh;

/**
 * The code (highest-priority finding) and, with `mask`, every finding of each point of [start, end), from
 * the "part of a run" marks: shifts at part[0..n), trends at part[n..2n), 2-of-3 at part[2n..3n).
 */
function classify(
  y: ArrayLike<number>,
  flags: MdcPointFlags,
  part: Uint8Array,
  n: number,
  start: number,
  end: number,
  codes: Int8Array,
  mask: Uint8Array | undefined,
): void {
  const { relativeToMean, outside: outsideFlags } = flags;
  const trendAt = n;
  const twoAt = 2 * n;
  for (let i = start; i < end; i++) {
    const rtm = relativeToMean[i] as number;
    const outside = outsideFlags[i] === 1;
    const inTrend = part[trendAt + i] === 1;
    const inTwo = part[twoAt + i] === 1;
    const inShift = part[i] === 1;
    let trendUp = false;
    if (inTrend) {
      const step =
        i + 1 < end && part[trendAt + i + 1] === 1
          ? (y[i + 1] as number) - (y[i] as number)
          : i > start
            ? (y[i] as number) - (y[i - 1] as number)
            : 0;
      trendUp = step > 0;
    }
    let code: MdcSpecialCauseCode = COMMON_CAUSE;
    if (outside) code = rtm === 1 ? ABOVE_UCL : BELOW_LCL;
    else if (inTrend) code = trendUp ? TREND_UP : TREND_DOWN;
    else if (inTwo) code = rtm > 0 ? TWO_ABOVE : TWO_BELOW;
    else if (inShift) code = rtm > 0 ? SHIFT_ABOVE : SHIFT_BELOW;
    codes[i] = code;
    if (mask !== undefined) {
      let m = 0;
      if (outside) m |= rtm === 1 ? OUTSIDE_HIGH : OUTSIDE;
      if (inTrend) m |= trendUp ? TREND_HIGH : TREND;
      if (inTwo) m |= rtm > 0 ? TWO_HIGH : TWO;
      if (inShift) m |= rtm > 0 ? SHIFT_HIGH : SHIFT;
      mask[i] = m;
    }
  }
}

// Reused between calls: charting thousands of short series would otherwise spend most of its time allocating.
// Safe because nothing here awaits, so no two calls can interleave.
let scratchBuffer = new Uint8Array(1024);
function scratch(length: number): Uint8Array {
  if (scratchBuffer.length < length)
    scratchBuffer = new Uint8Array(Math.max(length, 2 * scratchBuffer.length));
  return scratchBuffer;
}

/**
 * Shift: a run ends at i when relative_to_mean[i−L+1..i] are all equal, known and non-zero (R pads the group
 * start with zeros, so a run never reaches back into another group). Every point of such a run is marked.
 */
function markShifts(
  rtm: Int8Array,
  start: number,
  end: number,
  length: number,
  part: Uint8Array,
  at: number,
): void {
  let run = 0;
  for (let i = start; i < end; i++) {
    const r = rtm[i] as number;
    if (r === 1 || r === -1) run = run > 0 && rtm[i - 1] === r ? run + 1 : 1;
    else run = 0;
    part[at + i] = run >= length ? 1 : 0;
  }
  coverBackwards(part, at + start, at + end, length);
}

/**
 * Trend: the window of `length` points ending at i is a trend when all its length − 1 steps are +1 (or all −1).
 * A window shorter than the group cannot exist, so groups with fewer points have no trend.
 */
function markTrends(
  y: ArrayLike<number>,
  start: number,
  end: number,
  options: MdcSpecialCauseOptions,
  part: Uint8Array,
  at: number,
): void {
  const steps = options.trendLength - 1;
  let plus = 0;
  let minus = 0;
  let missing = 0;
  for (let i = start; i < end; i++) part[at + i] = 0;
  for (let j = start + 1; j < end; j++) {
    const s = stepSign(y, j);
    if (s === 1) plus++;
    else if (s === -1) minus++;
    else if (s === NA_SIGN) missing++;
    const leaving = j - steps;
    if (leaving > start) {
      const t = stepSign(y, leaving);
      if (t === 1) plus--;
      else if (t === -1) minus--;
      else if (t === NA_SIGN) missing--;
    }
    if (j - start < steps) continue;
    if (missing > 0 && (plus + missing === steps || minus + missing === steps)) {
      if (options.undecidableTrend === "error") {
        throw new SpcError(
          "UNDECIDABLE_TREND",
          `the ${steps + 1} points ending at row ${j + 1} contain a missing value and every known step goes the same way; ` +
            "NHSRplotthedots stops here with 'missing value where TRUE/FALSE needed'",
          "value_field",
        );
      }
      continue;
    }
    if (plus === steps || minus === steps) part[at + j] = 1;
  }
  coverBackwards(part, at + start, at + end, steps + 1);
}

/** sign(y[j] − y[j−1]), or NA_SIGN when either is missing. */
function stepSign(y: ArrayLike<number>, j: number): number {
  const d = (y[j] as number) - (y[j - 1] as number);
  return d > 0 ? 1 : d < 0 ? -1 : d === 0 ? 0 : NA_SIGN;
}

/**
 * 2 of 3: a window of 3 qualifies when its close flags and relative_to_mean are all known, at least 2 are close
 * and |Σ relative_to_mean| = 3; a point is marked when it is close and lies in a qualifying window.
 */
function markTwoInThree(
  flags: MdcPointFlags,
  start: number,
  end: number,
  part: Uint8Array,
  at: number,
): void {
  const { close, relativeToMean: rtm } = flags;
  for (let i = start; i < end; i++) part[at + i] = 0;
  for (let w = start; w + 2 < end; w++) {
    const c0 = close[w] as number;
    const c1 = close[w + 1] as number;
    const c2 = close[w + 2] as number;
    if (c0 === NA_LGL || c1 === NA_LGL || c2 === NA_LGL || c0 + c1 + c2 < 2) continue;
    const r0 = rtm[w] as number;
    const r1 = rtm[w + 1] as number;
    const r2 = rtm[w + 2] as number;
    if (r0 === NA_SIGN || r1 === NA_SIGN || r2 === NA_SIGN || Math.abs(r0 + r1 + r2) !== 3) continue;
    if (c0 === 1) part[at + w] = 1;
    if (c1 === 1) part[at + w + 1] = 1;
    if (c2 === 1) part[at + w + 2] = 1;
  }
}

/** Turns "a run of `length` ends here" marks into "part of such a run" marks, within [start, end). */
function coverBackwards(part: Uint8Array, start: number, end: number, length: number): void {
  let cover = 0;
  for (let i = end - 1; i >= start; i--) {
    if (part[i] === 1) cover = length;
    part[i] = cover > 0 ? 1 : 0;
    if (cover > 0) cover--;
  }
}
