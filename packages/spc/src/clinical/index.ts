// Clinical indicators: NEWS2, observation sets, deterioration response (D1–D8), mortality and risk adjustment,
// structured judgement review, tissue viability, and the indicator catalogue (INDICATORS.md; INTERFACES.md C2).

// Time and periods
export type { Instant } from "./time/instant.js";
export { calendarFor, DEFAULT_TIME_ZONE, type Calendar, type PeriodGranularity } from "./time/calendar.js";

// NEWS2
export type {
  ClinicalRisk,
  Consciousness,
  MonitoringFrequency,
  News2Input,
  News2Item,
  News2Result,
  News2Subscores,
  News2Trigger,
  Spo2Scale,
} from "./news2/news2.type.js";
export { news2Score } from "./news2/news2-score.js";
export { news2Response, NEWS2_RESPONSE, type News2ResponseRow } from "./news2/news2-response.js";
export { NEWS2_PLAUSIBLE_RANGES, type News2NumericItem } from "./news2/plausible-ranges.js";
export { roundHalfUp, roundHalfUpUnits } from "./news2/round-half-up.js";
export {
  decisionInForce,
  isValidScale2Decision,
  resolveSpo2Scale,
  type ResolvedSpo2Scale,
  type Spo2ScaleDecision,
  type Spo2ScaleSource,
} from "./news2/spo2-scale.js";
export { checkDocumentedTotal, type DocumentedTotalCheck } from "./news2/documented-total.js";
export { NEWS2_SUBSCORE_SNOMED, NEWS2_TOTAL_SNOMED } from "./news2/news2-codes.js";

// Spells and ward attribution
export { UNKNOWN_WARD, type RecordId, type SpellRecord, type WardStayRecord } from "./spells/spell.type.js";
export {
  indexSpells,
  normaliseSpell,
  spellAt,
  wardAt,
  type Spell,
  type SpellIndex,
  type WardInterval,
} from "./spells/spell-index.js";

// Observation sets
export type {
  ObservationItem,
  ObservationSet,
  VitalSignParameter,
  VitalSignReading,
} from "./observation-sets/observation-set.type.js";
export {
  assembleObservationSets,
  type AssembleObservationSetsOptions,
} from "./observation-sets/assemble-observation-sets.js";

// Indicator series
export type {
  IndicatorChart,
  IndicatorPoint,
  IndicatorRecord,
  IndicatorSeries,
  PeriodOptions,
} from "./indicators/indicator.type.js";
export { aggregateIndicatorRecords } from "./indicators/aggregate-indicator-records.js";

// Deterioration response (D1–D8)
export type {
  CareEventRecord,
  DeteriorationData,
  InfectionRecord,
  ObservationSetRecord,
} from "./deterioration/deterioration.type.js";
export { completeSetsIndicator } from "./deterioration/d1-complete-sets.js";
export { correctScoreIndicator } from "./deterioration/d2-correct-score.js";
export {
  DEFAULT_REPEAT_INTERVAL_LIMITS,
  repeatIntervalLimit,
  repeatObservationsIndicator,
  type RepeatIntervalLimits,
  type RepeatObservationsOptions,
} from "./deterioration/d3-repeat-observations.js";
export { urgentResponseIndicator, type UrgentResponseOptions } from "./deterioration/d4-urgent-response.js";
export {
  emergencyResponseIndicator,
  type EmergencyResponseOptions,
} from "./deterioration/d5-emergency-response.js";
export {
  redScoreEscalationIndicator,
  type RedScoreEscalationOptions,
} from "./deterioration/d6-red-score-escalation.js";
export {
  timeToAntibioticsIndicator,
  type TimeToAntibioticsOptions,
} from "./deterioration/d7-time-to-antibiotics.js";
export { scale2GovernanceIndicator } from "./deterioration/d8-scale2-governance.js";
export {
  deteriorationIndicators,
  type DeteriorationIndicatorOptions,
  type DeteriorationIndicators,
} from "./deterioration/deterioration-indicators.js";

// Mortality, cohorts and risk adjustment
export {
  normaliseIcd10,
  terminologyOf,
  type CodedCondition,
  type ConditionRecord,
  type Terminology,
} from "./mortality/coded-condition.js";
export {
  CHEST_INFECTION_COHORT,
  inCohort,
  PNEUMONIA_COHORT,
  type CohortDefinition,
} from "./mortality/cohort.js";
export {
  CHARLSON_1987_WEIGHTS,
  charlsonGroupOf,
  charlsonIndex,
  QUAN_2005_ICD10,
  QUAN_2011_WEIGHTS,
  SNOMED_CHARLSON_ICD10,
  type CharlsonGroup,
  type CharlsonIndexOptions,
  type CharlsonIndexResult,
} from "./mortality/charlson.js";
export type { MortalityData, MortalitySpellRecord, PatientRecord } from "./mortality/mortality.type.js";
export { cohortSpells, type CohortSpell, type CohortSpellOptions } from "./mortality/cohort-spells.js";
export { crudeMortalityIndicator, type CrudeMortalityOptions } from "./mortality/crude-mortality.js";
export {
  bandLabels,
  DEFAULT_RISK_FACTORS,
  designRow,
  riskDesign,
  riskProfile,
  type DesignColumn,
  type RiskDesign,
  type RiskFactor,
  type RiskFactorSpec,
  type RiskProfile,
} from "./mortality/risk-factors.js";
export {
  fitMortalityRiskModel,
  predictMortality,
  predictSpellMortality,
  type FitMortalityRiskModelOptions,
  type MortalityOutcome,
  type MortalityRiskModel,
} from "./mortality/mortality-risk-model.js";
export {
  observedExpectedMortality,
  type ObservedExpectedOptions,
  type ObservedExpectedPoint,
  type ObservedExpectedSeries,
} from "./mortality/observed-expected.js";
export {
  logisticRegression,
  type LogisticRegressionOptions,
  type LogisticRegressionResult,
} from "./regression/logistic-regression.js";

// Structured judgement review
export {
  CARE_SCORE_LABELS,
  PHASES_OF_CARE,
  type AvoidabilityScale,
  type CareScore,
  type CaseReviewRecord,
  type DeathRecord,
  type PhaseOfCare,
  type ProblemInCare,
} from "./case-review/case-review.type.js";
export {
  avoidabilityLabel,
  avoidabilityOf,
  isMoreLikelyThanNotAvoidable,
  parseAvoidabilityScale,
  toHoganScore,
  type AvoidabilityJudgement,
} from "./case-review/avoidability.js";
export {
  avoidableDeathsIndicator,
  caseReviewSummary,
  deathsReviewedIndicator,
  poorCareIndicator,
  validateCaseReview,
  type CaseReviewPeriodSummary,
  type ScoreCounts,
} from "./case-review/case-review-aggregates.js";

// Tissue viability
export {
  occupiedBedDays,
  type BedDaysPoint,
  type OccupiedBedDays,
  type OccupiedBedDaysOptions,
} from "./tissue-viability/occupied-bed-days.js";
export {
  hospitalAcquiredUlcers,
  pressureUlcerRate,
  type HospitalAcquiredOptions,
  type HospitalAcquiredUlcer,
  type PressureUlcerRecord,
  type UlcerRatePoint,
  type UlcerRateSeries,
} from "./tissue-viability/pressure-ulcers.js";
export {
  daysBetweenEvents,
  type DaysBetweenOptions,
  type EventInterval,
  type TimedEventRecord,
} from "./tissue-viability/days-between-events.js";

// Catalogue
export {
  INDICATOR_CATALOGUE,
  indicatorDefinition,
  type IndicatorDefinition,
  type IndicatorFamily,
  type IndicatorTarget,
} from "./catalogue/indicator-catalogue.js";
