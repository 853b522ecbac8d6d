import { SpcError } from "../core/spc-error.js";
import { MDC_DEFAULT_SHIFT_LENGTH, MDC_DEFAULT_TREND_LENGTH, type MdcRuleOptions } from "./mdc.type.js";

// Input checks shared by the Making Data Count entry points, so every one rejects bad input with the same codes.

/** `fix_after_n_points` must be a number ≥ 12 (NHSRplotthedots `ptd_spc_options`); absent means "never fix". */
export function validateFixAfterNPoints(value: number | null | undefined, argument: string): number {
  if (value === undefined || value === null) return Infinity;
  if (typeof value !== "number" || Number.isNaN(value) || value < 12) {
    throw new SpcError(
      "INVALID_FIX_AFTER_N_POINTS",
      `${argument} must be a single number greater than or equal to 12 (got ${String(value)})`,
      argument,
    );
  }
  return value;
}

/**
 * Copies values into a Float64Array (`into`, or a new one) with `null` as NaN; NaN and ±Infinity in the
 * input are rejected.
 */
export function toNaNArray(
  values: readonly (number | null)[],
  argument: string,
  into?: Float64Array,
): Float64Array {
  const out = into ?? new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === null || v === undefined) {
      out[i] = NaN;
    } else if (typeof v !== "number" || !Number.isFinite(v)) {
      throw new SpcError(
        "NON_FINITE_VALUE",
        `${argument}[${i}] is ${String(v)}: values must be finite numbers, or null for a missing value`,
        argument,
      );
    } else {
      out[i] = v;
    }
  }
  return out;
}

/** NaN → null, for public results. */
export function orNull(v: number): number | null {
  return Number.isNaN(v) ? null : v;
}

/** Shift and trend lengths must be whole numbers of at least 2 points. */
export function validateRuleLengths(options: MdcRuleOptions): { shiftLength: number; trendLength: number } {
  const shiftLength = options.shiftLength ?? MDC_DEFAULT_SHIFT_LENGTH;
  const trendLength = options.trendLength ?? MDC_DEFAULT_TREND_LENGTH;
  for (const [name, v] of [
    ["shiftLength", shiftLength],
    ["trendLength", trendLength],
  ] as const) {
    if (!Number.isInteger(v) || v < 2) {
      throw new SpcError(
        "INVALID_RULE_LENGTH",
        `${name} must be a whole number of at least 2 (got ${String(v)})`,
        name,
      );
    }
  }
  return { shiftLength, trendLength };
}
