import { SpcError } from "../../core/spc-error.js";

// Checks of indicator options, one argument at a time, so an error names the option at fault. A wrong option
// must never give a plausible series: a NaN target would fail every episode, an unknown outcome would invent
// an indicator id, a misspelt choice would silently take the default.

/**
 * A minutes/hours/days option: a finite number ≥ 0 (`integer`: a whole number, for calendar days), or the
 * default when absent.
 *
 * @throws SpcError `INVALID_OPTION` naming `name`
 * @example
 * nonNegativeOption(options.targetMinutes, 60, "targetMinutes"); // 60 when not given
 */
export function nonNegativeOption(
  value: number | undefined,
  fallback: number,
  name: string,
  integer = false,
): number {
  if (value === undefined) return fallback;
  if (
    typeof value !== "number" ||
    !Number.isFinite(value) ||
    value < 0 ||
    (integer && !Number.isInteger(value))
  ) {
    throw new SpcError(
      "INVALID_OPTION",
      `${name} must be ${integer ? "a whole number" : "a finite number"} ≥ 0, got ${String(value)}`,
      name,
    );
  }
  return value;
}

/**
 * A NEWS2 total used as a threshold: a whole number from 0 to 20, the range of the score (RCP NEWS2 Chart 1).
 *
 * @throws SpcError `INVALID_OPTION` naming `name`
 * @example
 * news2TotalOption(options.threshold, 5, "threshold"); // 5
 */
export function news2TotalOption(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 0 || value > 20) {
    throw new SpcError(
      "INVALID_OPTION",
      `${name} must be a NEWS2 total, 0 to 20, got ${String(value)}`,
      name,
    );
  }
  return value;
}

/**
 * One of a fixed set of choices, or the default (the first) when absent.
 *
 * @throws SpcError `INVALID_OPTION` naming `name`
 * @example
 * choiceOption(options.outcome, ["in-hospital", "30-day"], "outcome"); // "in-hospital"
 */
export function choiceOption<T extends string>(
  value: T | undefined,
  choices: readonly [T, ...T[]],
  name: string,
): T {
  if (value === undefined) return choices[0];
  if (!choices.includes(value)) {
    throw new SpcError(
      "INVALID_OPTION",
      `${name} must be ${choices.map((c) => `"${c}"`).join(" or ")}, got ${String(value)}`,
      name,
    );
  }
  return value;
}

/**
 * A list of care-event kinds: an array of strings, or the default when absent. A bare string would be searched
 * by substring ("clinical-review, emergency-review".includes(kind)) and match kinds it does not name.
 *
 * @throws SpcError `INVALID_OPTION` naming `name`
 * @example
 * kindsOption(options.reviewKinds, ["emergency-review"], "reviewKinds"); // ["emergency-review"]
 */
export function kindsOption(
  value: readonly string[] | undefined,
  fallback: readonly string[],
  name: string,
): readonly string[] {
  if (value === undefined) return fallback;
  if (!Array.isArray(value) || !value.every((kind) => typeof kind === "string")) {
    throw new SpcError(
      "INVALID_OPTION",
      `${name} must be an array of care-event kinds, got ${String(value)}`,
      name,
    );
  }
  return value;
}

/**
 * A yes/no option: `true`, `false` or absent (the default). A string such as "true" is refused, not read as false.
 *
 * @throws SpcError `INVALID_OPTION` naming `name`
 * @example
 * booleanOption(options.includeUncategorised, false, "includeUncategorised"); // false
 */
export function booleanOption(value: boolean | undefined, fallback: boolean, name: string): boolean {
  if (value === undefined) return fallback;
  if (typeof value !== "boolean") {
    throw new SpcError("INVALID_OPTION", `${name} must be true or false, got ${String(value)}`, name);
  }
  return value;
}
