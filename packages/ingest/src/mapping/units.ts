/**
 * Unit normalisation to the units NEWS2 is scored in (°C, mmHg, /min, %). Values converted from another
 * unit are rounded to 4 decimals so binary noise (98.6 °F → 36.99999…) never decides a band; the scorer
 * rounds half-up to chart precision afterwards (INDICATORS.md §1.4).
 */

type Converter = (value: number) => number;

const identity: Converter = (value) => value;
const round4 = (value: number): number => Math.round(value * 10_000) / 10_000;

const RATE: Readonly<Record<string, Converter>> = Object.fromEntries(
  [
    "/min",
    "1/min",
    "{beats}/min",
    "{Beats}/min",
    "beats/min",
    "{breaths}/min",
    "{Breaths}/min",
    "breaths/min",
    "bpm",
    "{beat}/min",
    "{breath}/min",
    "min-1",
    "/minute",
  ].map((unit) => [unit, identity]),
);

const UNITS: Readonly<
  Record<"rate" | "temperature" | "pressure" | "percent" | "flow", Readonly<Record<string, Converter>>>
> = {
  rate: RATE,
  temperature: {
    Cel: identity,
    "°C": identity,
    C: identity,
    degC: identity,
    "[degF]": (f) => round4(((f - 32) * 5) / 9),
    "°F": (f) => round4(((f - 32) * 5) / 9),
    F: (f) => round4(((f - 32) * 5) / 9),
    degF: (f) => round4(((f - 32) * 5) / 9),
    K: (k) => round4(k - 273.15),
  },
  pressure: {
    "mm[Hg]": identity,
    mmHg: identity,
    "mm Hg": identity,
    kPa: (kpa) => round4(kpa * 7.500_616_827),
  },
  percent: {
    "%": identity,
    "1": (fraction) => round4(fraction * 100),
    "{ratio}": (fraction) => round4(fraction * 100),
  },
  flow: { "L/min": identity, "l/min": identity, "L/(min)": identity, "mL/min": (ml) => ml / 1000 },
};

export type UnitKind = keyof typeof UNITS;

/**
 * Converts a quantity to the canonical unit of its kind. A missing unit means the canonical unit (FHIR's
 * vital-signs profile fixes it). Returns undefined for a unit we do not know, which the mapper quarantines
 * rather than guesses.
 */
export function normaliseQuantity(
  kind: UnitKind,
  value: number,
  unit: string | undefined,
): number | undefined {
  if (unit === undefined || unit === "") return value;
  const convert = UNITS[kind][unit] ?? UNITS[kind][unit.trim()];
  return convert === undefined ? undefined : convert(value);
}
