/**
 * Bit flags for the findings of the built-in rule sets, one 16-bit word per point (`Uint16Array`). Rule k of
 * {@link SIGNAL_RULES} owns bit 2k ("found") and bit 2k + 1 ("on the high side"), so a point's word says every
 * rule that hit it and on which side, and the rule sets' bits never overlap. The order of SIGNAL_RULES is the
 * order in which a rule set lists its findings on a point (`PointSignal[]`), e.g. a Making Data Count point is
 * outside > trend > 2 of 3 > shift.
 */
export const SIGNAL_RULES = [
  "sigma",
  "anhoej-runs",
  "anhoej-crossings",
  "mdc-outside",
  "mdc-trend",
  "mdc-two-of-three",
  "mdc-shift",
] as const;

/** A rule id of a built-in rule set. */
export type SignalRule = (typeof SIGNAL_RULES)[number];

/**
 * The bits, by name. `X` is set when rule X hit the point; `XHigh` is set as well when the finding is on the
 * high side (above the centre line, or an increasing trend), and left clear for the low side.
 *
 * @example
 * const hit = chart.columns.signals[i]!;
 * if (hit & SignalBit.MdcShift) console.log(hit & SignalBit.MdcShiftHigh ? "shift above" : "shift below");
 */
export const SignalBit = {
  Sigma: 1 << 0,
  SigmaHigh: 1 << 1,
  AnhoejRuns: 1 << 2,
  AnhoejRunsHigh: 1 << 3,
  AnhoejCrossings: 1 << 4,
  AnhoejCrossingsHigh: 1 << 5,
  MdcOutside: 1 << 6,
  MdcOutsideHigh: 1 << 7,
  MdcTrend: 1 << 8,
  MdcTrendHigh: 1 << 9,
  MdcTwoOfThree: 1 << 10,
  MdcTwoOfThreeHigh: 1 << 11,
  MdcShift: 1 << 12,
  MdcShiftHigh: 1 << 13,
} as const;

/** The bits of each built-in rule set (a rule set's `signalMask`). */
export const SignalMask = {
  sigma: SignalBit.Sigma | SignalBit.SigmaHigh,
  anhoej:
    SignalBit.AnhoejRuns |
    SignalBit.AnhoejRunsHigh |
    SignalBit.AnhoejCrossings |
    SignalBit.AnhoejCrossingsHigh,
  mdc:
    SignalBit.MdcOutside |
    SignalBit.MdcOutsideHigh |
    SignalBit.MdcTrend |
    SignalBit.MdcTrendHigh |
    SignalBit.MdcTwoOfThree |
    SignalBit.MdcTwoOfThreeHigh |
    SignalBit.MdcShift |
    SignalBit.MdcShiftHigh,
} as const;
