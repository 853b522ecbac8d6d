import { SpcError } from "../../core/spc-error.js";
import { type CharlsonIndexOptions, charlsonIndex } from "./charlson.js";
import type { CohortSpell } from "./cohort-spells.js";

/** The case-mix factors of Vigil's mortality model (a subset of SHMI's, INDICATORS.md §4.1). */
export type RiskFactor = "ageBand" | "sex" | "admissionMethod" | "charlsonBand";

export interface RiskFactorSpec {
  /** Factors in the model. Default all four. */
  readonly factors?: readonly RiskFactor[];
  /** Lower bounds of the age bands in years. Default [0, 50, 65, 75, 85]: <50, 50–64, 65–74, 75–84, 85+. */
  readonly ageBands?: readonly number[];
  /** Lower bounds of the Charlson score bands. Default [0, 1, 3, 5]: 0, 1–2, 3–4, 5+. */
  readonly charlsonBands?: readonly number[];
  readonly charlson?: CharlsonIndexOptions;
}

export const DEFAULT_RISK_FACTORS: readonly RiskFactor[] = [
  "ageBand",
  "sex",
  "admissionMethod",
  "charlsonBand",
];

/** A spell's level of each factor, e.g. { ageBand: "75-84", sex: "female", admissionMethod: "non-elective", charlsonBand: "3-4" }. */
export type RiskProfile = Readonly<Record<RiskFactor, string>>;

/** Labels of bands with these lower bounds: [0, 50, 65] → "<50", "50-64", "65+". */
export function bandLabels(lowerBounds: readonly number[]): string[] {
  return lowerBounds.map((lower, i) => {
    const next = lowerBounds[i + 1];
    if (next === undefined) return `${lower}+`;
    if (i === 0 && lower === 0 && next > 1) return `<${next}`;
    return next - 1 === lower ? String(lower) : `${lower}-${next - 1}`;
  });
}

function bandOf(value: number, lowerBounds: readonly number[], labels: readonly string[]): string {
  let label = labels[0]!;
  for (let i = 0; i < lowerBounds.length; i++) if (value >= lowerBounds[i]!) label = labels[i]!;
  return label;
}

/**
 * A spell's case-mix profile: age band at admission ("unknown" without a birth date), sex (male, female,
 * else "other-or-unknown"), admission method (elective; non-elective for emergency and other admissions;
 * "unknown" — SHMI's three levels), and the Charlson index band of its comorbidities.
 *
 * @example
 * riskProfile(spell); // { ageBand: "75-84", sex: "female", admissionMethod: "non-elective", charlsonBand: "1-2" }
 */
export function riskProfile(spell: CohortSpell, spec: RiskFactorSpec = {}): RiskProfile {
  const ageBounds = spec.ageBands ?? [0, 50, 65, 75, 85];
  const charlsonBounds = spec.charlsonBands ?? [0, 1, 3, 5];
  validateBounds(ageBounds, "ageBands");
  validateBounds(charlsonBounds, "charlsonBands");
  const sex = spell.patient?.sex?.toLowerCase();
  const method = spell.record.admissionMethod?.toLowerCase() ?? null;
  return {
    ageBand:
      spell.ageAtAdmission === null
        ? "unknown"
        : bandOf(spell.ageAtAdmission, ageBounds, bandLabels(ageBounds)),
    sex: sex === "male" || sex === "female" ? sex : "other-or-unknown",
    admissionMethod: method === null ? "unknown" : method === "elective" ? "elective" : "non-elective",
    charlsonBand: bandOf(
      charlsonIndex(spell.comorbidities, spec.charlson).score,
      charlsonBounds,
      bandLabels(charlsonBounds),
    ),
  };
}

function validateBounds(bounds: readonly number[], argument: string): void {
  if (bounds.length === 0 || bounds[0] !== 0 || bounds.some((b, i) => i > 0 && !(b > bounds[i - 1]!))) {
    throw new SpcError("INVALID_OPTION", `${argument} must start at 0 and increase`, argument);
  }
}

/** One dummy column of the design: factor = level (the factor's other levels are 0). */
export interface DesignColumn {
  readonly factor: RiskFactor;
  readonly level: string;
}

/** Reference-coded levels of each factor, fixed when a model is fitted. */
export interface RiskDesign {
  readonly factors: readonly RiskFactor[];
  /** Reference level of each factor (all its dummy columns 0). */
  readonly reference: Readonly<Partial<Record<RiskFactor, string>>>;
  readonly columns: readonly DesignColumn[];
}

/** Natural order of levels: bands by their lower bound, then names. */
function compareLevels(a: string, b: string): number {
  const rank = (level: string) => {
    if (level === "unknown" || level === "other-or-unknown") return Number.POSITIVE_INFINITY;
    const match = /^<?(\d+)/.exec(level);
    return match === null ? Number.NaN : level.startsWith("<") ? -1 : Number(match[1]);
  };
  const ra = rank(a);
  const rb = rank(b);
  if (!Number.isNaN(ra) && !Number.isNaN(rb) && ra !== rb) return ra - rb;
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Treatment (dummy) coding as R's `model.matrix` with default contrasts: each factor's first level present
 * (in natural order: the youngest age band, Charlson 0, elective, female) is the reference; a column for
 * every other level present. Levels absent from the data get no column, so the design stays full rank.
 */
export function riskDesign(
  profiles: readonly RiskProfile[],
  factors: readonly RiskFactor[] = DEFAULT_RISK_FACTORS,
): RiskDesign {
  const reference: Partial<Record<RiskFactor, string>> = {};
  const columns: DesignColumn[] = [];
  for (const factor of factors) {
    const levels = [...new Set(profiles.map((p) => p[factor]))].sort(compareLevels);
    if (levels.length === 0) continue;
    reference[factor] = levels[0]!;
    for (const level of levels.slice(1)) columns.push({ factor, level });
  }
  return { factors, reference, columns };
}

/**
 * A profile's row of the design matrix (no intercept column). A level the design has never seen is
 * `UNSEEN_RISK_LEVEL`: a model cannot predict for a category it was not fitted on.
 */
export function designRow(design: RiskDesign, profile: RiskProfile): number[] {
  for (const factor of design.factors) {
    const level = profile[factor];
    if (
      level !== design.reference[factor] &&
      !design.columns.some((c) => c.factor === factor && c.level === level)
    ) {
      throw new SpcError("UNSEEN_RISK_LEVEL", `The model has no level "${level}" for ${factor}`, factor);
    }
  }
  return design.columns.map((c) => (profile[c.factor] === c.level ? 1 : 0));
}
