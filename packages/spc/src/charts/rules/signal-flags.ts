import type { PointSignal } from "../../core/chart-frame.type.js";
import { SIGNAL_RULES } from "../../core/signal-bits.js";
import { NO_SIGNALS } from "./no-signals.js";

/*
 * From SignalBit words back to the object form of the contract (`PointSignal[]` per point). Each distinct word
 * is decoded once into a frozen list that every point with that word shares, so turning a million flags into
 * `points` allocates the outer array and nothing per point.
 */

const HIGH: readonly PointSignal[] = SIGNAL_RULES.map((rule) =>
  Object.freeze({ rule, side: "high" as const }),
);
const LOW: readonly PointSignal[] = SIGNAL_RULES.map((rule) => Object.freeze({ rule, side: "low" as const }));
const decoded = new Array<readonly PointSignal[] | undefined>(1 << (2 * SIGNAL_RULES.length)).fill(undefined);

/**
 * The findings of one flag word, in SIGNAL_RULES order (the order each rule set lists them), as a frozen
 * shared list.
 *
 * @example
 * signalsOfFlags(SignalBit.MdcOutside | SignalBit.MdcOutsideHigh | SignalBit.MdcShift | SignalBit.MdcShiftHigh);
 * // [{ rule: "mdc-outside", side: "high" }, { rule: "mdc-shift", side: "high" }]
 */
export function signalsOfFlags(word: number): readonly PointSignal[] {
  if (word === 0) return NO_SIGNALS;
  const known = decoded[word];
  if (known !== undefined) return known;
  const list: PointSignal[] = [];
  for (let k = 0; k < SIGNAL_RULES.length; k++) {
    if ((word >> (2 * k)) & 1) list.push(((word >> (2 * k + 1)) & 1 ? HIGH : LOW)[k]!);
  }
  const frozen = Object.freeze(list);
  decoded[word] = frozen;
  return frozen;
}

/**
 * `RuleSetResult.points` of a rule set from its bits (`mask`) of the flags: one entry per point.
 *
 * @example
 * pointsOfFlags(Uint16Array.of(0, SignalBit.Sigma), SignalMask.sigma); // [[], [{ rule: "sigma", side: "low" }]]
 */
export function pointsOfFlags(flags: Uint16Array, mask: number): (readonly PointSignal[])[] {
  const points = new Array<readonly PointSignal[]>(flags.length).fill(NO_SIGNALS);
  for (let i = 0; i < flags.length; i++) {
    const word = flags[i]! & mask;
    if (word !== 0) points[i] = signalsOfFlags(word);
  }
  return points;
}
