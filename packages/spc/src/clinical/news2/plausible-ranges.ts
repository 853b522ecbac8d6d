/**
 * Inclusive ranges outside which a NEWS2 reading is a recording error, not physiology. RCP gives no limits;
 * these are the deliberately generous plausibility bounds of the reference implementation named in
 * INDICATORS.md §1.1 (`kscarlett/news2` `validate.go`): wide enough that a real extreme value is scored,
 * narrow enough that a placeholder 0, a mistyped 120 % SpO2 or a Fahrenheit temperature is rejected with
 * `NEWS2_IMPLAUSIBLE_VALUE` instead of silently scoring 3 or 0. Limits apply to the raw value, before
 * rounding to chart precision.
 */
export const NEWS2_PLAUSIBLE_RANGES = {
  respiratoryRate: { min: 1, max: 100, unit: "/min" },
  spo2: { min: 1, max: 100, unit: "%" },
  systolicBP: { min: 10, max: 350, unit: "mmHg" },
  pulse: { min: 1, max: 350, unit: "/min" },
  temperature: { min: 25, max: 45, unit: "°C" },
} as const;

/** Numeric NEWS2 items, the keys of {@link NEWS2_PLAUSIBLE_RANGES}. */
export type News2NumericItem = keyof typeof NEWS2_PLAUSIBLE_RANGES;
