import {
  type LogisticRegressionOptions,
  type LogisticRegressionResult,
  logisticRegression,
} from "../regression/logistic-regression.js";
import type { CohortSpell } from "./cohort-spells.js";
import {
  DEFAULT_RISK_FACTORS,
  type DesignColumn,
  designRow,
  type RiskDesign,
  type RiskFactorSpec,
  type RiskProfile,
  riskDesign,
  riskProfile,
} from "./risk-factors.js";

/** Which death the model predicts. */
export type MortalityOutcome = "in-hospital" | "30-day";

export interface MortalityRiskModel {
  readonly outcome: MortalityOutcome;
  readonly spec: RiskFactorSpec;
  readonly design: RiskDesign;
  /** Intercept, then one per design column. */
  readonly coefficients: readonly number[];
  readonly standardErrors: readonly number[];
  /** Column names: "(Intercept)", then "factor=level". */
  readonly terms: readonly string[];
  readonly fit: LogisticRegressionResult;
}

export interface FitMortalityRiskModelOptions extends RiskFactorSpec {
  readonly outcome?: MortalityOutcome;
  readonly regression?: LogisticRegressionOptions;
}

const termName = (column: DesignColumn) => `${column.factor}=${column.level}`;

/**
 * Fits a case-mix model of death in the cohort by logistic regression (the SHMI approach, INDICATORS.md §4.1:
 * one logistic regression per diagnosis group on age, sex, admission method and Charlson index; SHMI also
 * uses month of admission, a year index and, for perinatal groups, birthweight). Separation — a level with
 * no deaths or only deaths, common in small cohorts — is `PERFECT_SEPARATION`; merge bands
 * (`ageBands`, `charlsonBands`) or drop a factor (`factors`) and refit.
 *
 * @example
 * const model = fitMortalityRiskModel(cohortSpells(data), { outcome: "30-day" });
 * model.terms; // ["(Intercept)", "ageBand=65-74", ..., "charlsonBand=5+"]
 */
export function fitMortalityRiskModel(
  spells: readonly CohortSpell[],
  options: FitMortalityRiskModelOptions = {},
): MortalityRiskModel {
  const outcome = options.outcome ?? "30-day";
  const spec: RiskFactorSpec = options;
  const profiles = spells.map((s) => riskProfile(s, spec));
  const design = riskDesign(profiles, options.factors ?? DEFAULT_RISK_FACTORS);
  const X = profiles.map((profile) => designRow(design, profile));
  const y = spells.map((s) => ((outcome === "in-hospital" ? s.diedInHospital : s.diedWithinWindow) ? 1 : 0));
  const fit = logisticRegression(X, y, options.regression);
  return {
    outcome,
    spec,
    design,
    coefficients: fit.coefficients,
    standardErrors: fit.standardErrors,
    terms: ["(Intercept)", ...design.columns.map(termName)],
    fit,
  };
}

/** Predicted probability of death for a profile: logistic(β₀ + Σ βⱼxⱼ). */
export function predictMortality(model: MortalityRiskModel, profile: RiskProfile): number {
  const row = designRow(model.design, profile);
  let eta = model.coefficients[0]!;
  for (let j = 0; j < row.length; j++) eta += model.coefficients[j + 1]! * row[j]!;
  return 1 / (1 + Math.exp(-eta));
}

/** {@link predictMortality} for a cohort spell, profiling it with the model's own specification. */
export function predictSpellMortality(model: MortalityRiskModel, spell: CohortSpell): number {
  return predictMortality(model, riskProfile(spell, model.spec));
}
