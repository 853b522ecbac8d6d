import type { ImprovementDirection } from "../../core/chart-frame.type.js";
import { SpcError } from "../../core/spc-error.js";
import type { IndicatorChart } from "../indicators/indicator.type.js";

export type IndicatorFamily = "deterioration" | "mortality" | "tissue-viability";

/** A standard an indicator can be held to, with where it comes from. */
export interface IndicatorTarget {
  readonly value: number;
  /** In the indicator's display unit (after `multiplier`). */
  readonly unit: string;
  readonly source: string;
}

/** One entry of the catalogue that drives the GraphQL API and the dashboard. */
export interface IndicatorDefinition {
  readonly id: string;
  readonly name: string;
  readonly family: IndicatorFamily;
  readonly description: string;
  readonly numerator: string;
  readonly denominator: string;
  /** Display unit of a chart point. */
  readonly unit: "%" | "minutes" | "ratio" | "per 1,000 occupied bed days" | "days";
  /** Factor from the computed value (a proportion, a rate per bed day) to the display unit. */
  readonly multiplier: number;
  readonly defaultChart: IndicatorChart;
  readonly alternativeCharts: readonly IndicatorChart[];
  readonly improvementDirection: Exclude<ImprovementDirection, "neutral">;
  /** `null` where no national standard exists: set a local target in configuration. */
  readonly target: IndicatorTarget | null;
  /** The `@vigil/spc` function that computes it. */
  readonly computedBy: string;
  /** Where the definition is written down. */
  readonly reference: string;
}

const d = (definition: IndicatorDefinition): IndicatorDefinition => Object.freeze(definition);

/**
 * Vigil's clinical indicators (INDICATORS.md §3, §4, §6). Ids are stable: series, annotations and URLs use
 * them. Targets are given only where a published standard exists; the 60- and 30-minute response times of
 * D4/D5 are local operationalisations (INDICATORS.md §1.3), so they are the indicators' default time
 * limits, not targets for the percentage.
 */
export const INDICATOR_CATALOGUE: readonly IndicatorDefinition[] = Object.freeze([
  d({
    id: "news2-complete-sets",
    name: "Complete NEWS2 observation sets",
    family: "deterioration",
    description: "Observation sets with all seven NEWS2 items recorded and scorable (D1).",
    numerator: "Observation sets with a NEWS2 total (all seven items present and plausible)",
    denominator: "All observation sets of adult inpatient spells",
    unit: "%",
    multiplier: 100,
    defaultChart: "p",
    alternativeCharts: ["i"],
    improvementDirection: "increase",
    target: null,
    computedBy: "completeSetsIndicator",
    reference: "INDICATORS.md §3 D1; RCP NEWS2 Chart 1",
  }),
  d({
    id: "news2-correct-score",
    name: "Correctly calculated NEWS2",
    family: "deterioration",
    description: "Documented NEWS2 totals that equal the recomputed total (D2).",
    numerator: "Sets whose documented total equals the recomputed total",
    denominator: "Scored sets with a documented total",
    unit: "%",
    multiplier: 100,
    defaultChart: "p",
    alternativeCharts: ["i"],
    improvementDirection: "increase",
    target: null,
    computedBy: "correctScoreIndicator",
    reference: "INDICATORS.md §3 D2",
  }),
  d({
    id: "news2-repeat-observations-on-time",
    name: "Repeat observations on time",
    family: "deterioration",
    description:
      "Intervals to the next observation set within the frequency RCP Chart 4 sets for the score (D3).",
    numerator: "Intervals no longer than the limit for the first set's trigger (12 h, 6 h, 1 h) plus grace",
    denominator: "Intervals between consecutive scored sets of a spell",
    unit: "%",
    multiplier: 100,
    defaultChart: "p",
    alternativeCharts: ["i"],
    improvementDirection: "increase",
    target: null,
    computedBy: "repeatObservationsIndicator",
    reference: "INDICATORS.md §3 D3; RCP NEWS2 Chart 4",
  }),
  d({
    id: "news2-urgent-response",
    name: "Escalation and review within 60 minutes of NEWS2 ≥ 5",
    family: "deterioration",
    description: "Trigger episodes at the urgent response threshold escalated and reviewed in time (D4).",
    numerator: "Episodes with escalation and clinical review within the time limit (default 60 min)",
    denominator: "Trigger episodes: first set with NEWS2 ≥ 5 after a set < 5 or at the start of the spell",
    unit: "%",
    multiplier: 100,
    defaultChart: "p",
    alternativeCharts: ["i"],
    improvementDirection: "increase",
    target: null,
    computedBy: "urgentResponseIndicator",
    reference: "INDICATORS.md §3 D4; RCP NEWS2 Chart 4",
  }),
  d({
    id: "news2-emergency-response",
    name: "Emergency response within 30 minutes of NEWS2 ≥ 7",
    family: "deterioration",
    description:
      "Trigger episodes at the emergency threshold reviewed by a critical-care-competent team in time (D5).",
    numerator: "Episodes with an emergency review within the time limit (default 30 min)",
    denominator: "Trigger episodes: first set with NEWS2 ≥ 7 after a set < 7 or at the start of the spell",
    unit: "%",
    multiplier: 100,
    defaultChart: "p",
    alternativeCharts: ["i"],
    improvementDirection: "increase",
    target: null,
    computedBy: "emergencyResponseIndicator",
    reference: "INDICATORS.md §3 D5; RCP NEWS2 Chart 4",
  }),
  d({
    id: "news2-red-score-escalation",
    name: "Medical team informed of a red score",
    family: "deterioration",
    description: "Episodes of a single parameter scoring 3 with total ≤ 4 escalated in time (D6).",
    numerator: "Episodes with escalation to the medical team within the local limit (default 60 min)",
    denominator: "Episodes of low-medium risk (red score, total 0–4)",
    unit: "%",
    multiplier: 100,
    defaultChart: "p",
    alternativeCharts: ["i"],
    improvementDirection: "increase",
    target: null,
    computedBy: "redScoreEscalationIndicator",
    reference: "INDICATORS.md §3 D6; RCP NEWS2 Chart 4",
  }),
  d({
    id: "sepsis-antibiotics-within-hour",
    name: "Antimicrobials within 1 hour in suspected sepsis with NEWS2 ≥ 7",
    family: "deterioration",
    description:
      "Patients with suspected infection and NEWS2 ≥ 7 given antimicrobials within 1 hour of time-zero (D7).",
    numerator: "Patients given a first antimicrobial within 60 minutes of the first qualifying set",
    denominator: "Spells with suspected or confirmed infection and NEWS2 ≥ 7",
    unit: "%",
    multiplier: 100,
    defaultChart: "p",
    alternativeCharts: ["i"],
    improvementDirection: "increase",
    target: null,
    computedBy: "timeToAntibioticsIndicator",
    reference: "INDICATORS.md §3 D7; NICE NG51 (2024)",
  }),
  d({
    id: "sepsis-minutes-to-antibiotics",
    name: "Minutes to antimicrobials in suspected sepsis with NEWS2 ≥ 7",
    family: "deterioration",
    description: "Per-patient minutes from time-zero to the first antimicrobial, on an XmR chart (D7).",
    numerator: "Minutes from the first qualifying NEWS2 set to the first antimicrobial (record value)",
    denominator: "Patients given an antimicrobial",
    unit: "minutes",
    multiplier: 1,
    defaultChart: "i",
    alternativeCharts: ["xbar"],
    improvementDirection: "decrease",
    target: {
      value: 60,
      unit: "minutes",
      source: "NICE NG51 (2024): antimicrobials within 1 hour for high risk (INDICATORS.md §1.3)",
    },
    computedBy: "timeToAntibioticsIndicator",
    reference: "INDICATORS.md §3 D7",
  }),
  d({
    id: "news2-scale2-governance",
    name: "SpO2 Scale 2 backed by a documented decision",
    family: "deterioration",
    description: "Sets scored on SpO2 Scale 2 with a clinician's documented 88–92 % target in force (D8).",
    numerator: "Scale 2 sets with a documented Scale 2 decision in force",
    denominator: "Scored sets on SpO2 Scale 2",
    unit: "%",
    multiplier: 100,
    defaultChart: "p",
    alternativeCharts: ["i"],
    improvementDirection: "increase",
    target: null,
    computedBy: "scale2GovernanceIndicator",
    reference: "INDICATORS.md §3 D8, §1.1",
  }),
  d({
    id: "pneumonia-mortality-in-hospital",
    name: "Pneumonia in-hospital mortality (crude)",
    family: "mortality",
    description: "Deaths in hospital among finished spells of the pneumonia cohort, by month of discharge.",
    numerator: "Spells ending in death in hospital",
    denominator: "Finished spells with a pneumonia diagnosis (ICD-10 J12–J18, SNOMED << 233604007)",
    unit: "%",
    multiplier: 100,
    defaultChart: "p",
    alternativeCharts: ["i"],
    improvementDirection: "decrease",
    target: null,
    computedBy: "crudeMortalityIndicator",
    reference: "INDICATORS.md §4.3, §4.1",
  }),
  d({
    id: "pneumonia-mortality-30-day",
    name: "Pneumonia 30-day mortality (crude)",
    family: "mortality",
    description:
      "Deaths in hospital or within 30 days of discharge (SHMI's definition of a death), pneumonia cohort.",
    numerator: "Spells followed by death in hospital or within 30 days (inclusive) of discharge",
    denominator: "Finished spells with a pneumonia diagnosis",
    unit: "%",
    multiplier: 100,
    defaultChart: "p",
    alternativeCharts: ["i"],
    improvementDirection: "decrease",
    target: null,
    computedBy: "crudeMortalityIndicator",
    reference: "INDICATORS.md §4.3, §4.1",
  }),
  d({
    id: "pneumonia-mortality-observed-expected",
    name: "Pneumonia mortality, observed / expected",
    family: "mortality",
    description:
      "Risk-adjusted 30-day mortality: observed deaths over deaths expected from age, sex, admission method and Charlson index.",
    numerator: "Observed deaths",
    denominator: "Expected deaths (Σ predicted risk from a logistic case-mix model)",
    unit: "ratio",
    multiplier: 1,
    defaultChart: "funnel",
    alternativeCharts: ["i"],
    improvementDirection: "decrease",
    target: { value: 1, unit: "ratio", source: "SHMI: deaths as expected (O/E = 1, band 2) — NHS England" },
    computedBy: "observedExpectedMortality",
    reference: "INDICATORS.md §4.1",
  }),
  d({
    id: "sjr-deaths-reviewed",
    name: "Deaths reviewed (structured judgement review)",
    family: "mortality",
    description: "Share of deaths with a structured judgement review.",
    numerator: "Deaths with at least one structured judgement review",
    denominator: "Deaths",
    unit: "%",
    multiplier: 100,
    defaultChart: "p",
    alternativeCharts: ["i"],
    improvementDirection: "increase",
    target: null,
    computedBy: "deathsReviewedIndicator",
    reference: "INDICATORS.md §4.4; RCP NMCRR",
  }),
  d({
    id: "sjr-poor-overall-care",
    name: "Reviewed deaths with poor overall care",
    family: "mortality",
    description: "Reviewed deaths whose overall care was scored 1 (very poor) or 2 (poor).",
    numerator: "Reviewed deaths with overall care 1–2",
    denominator: "Reviewed deaths",
    unit: "%",
    multiplier: 100,
    defaultChart: "p",
    alternativeCharts: ["c"],
    improvementDirection: "decrease",
    target: null,
    computedBy: "poorCareIndicator",
    reference: "INDICATORS.md §4.4",
  }),
  d({
    id: "sjr-avoidable-deaths",
    name: "Deaths more likely than not avoidable",
    family: "mortality",
    description: "Reviewed deaths judged more likely than not avoidable (Hogan 4–6 = NQB 1–3).",
    numerator: "Reviewed deaths judged more likely than not avoidable",
    denominator: "Reviewed deaths with an avoidability judgement",
    unit: "%",
    multiplier: 100,
    defaultChart: "p",
    alternativeCharts: ["c"],
    improvementDirection: "decrease",
    target: null,
    computedBy: "avoidableDeathsIndicator",
    reference: "INDICATORS.md §4.4; Hogan et al., BMJ 2015",
  }),
  d({
    id: "pressure-ulcers-per-1000-bed-days",
    name: "Hospital-acquired pressure ulcers per 1,000 occupied bed days",
    family: "tissue-viability",
    description:
      "New category 2+ (incl. unstageable and suspected deep tissue injury) pressure ulcers not present on admission.",
    numerator: "Hospital-acquired pressure ulcers found in the period",
    denominator: "Occupied bed days",
    unit: "per 1,000 occupied bed days",
    multiplier: 1000,
    defaultChart: "u",
    alternativeCharts: ["i"],
    improvementDirection: "decrease",
    target: null,
    computedBy: "pressureUlcerRate",
    reference: "INDICATORS.md §6; NHS Improvement 2018",
  }),
  d({
    id: "pressure-ulcer-days-between",
    name: "Days between hospital-acquired pressure ulcers",
    family: "tissue-viability",
    description: "Gaps between successive hospital-acquired pressure ulcers, for rare-event charts.",
    numerator: "Calendar days (or bed days) between successive ulcers",
    denominator: "—",
    unit: "days",
    multiplier: 1,
    defaultChart: "g",
    alternativeCharts: ["t"],
    improvementDirection: "increase",
    target: null,
    computedBy: "daysBetweenEvents",
    reference: "INDICATORS.md §6; Benneyan 2001 (g chart)",
  }),
]);

/**
 * An indicator definition by id, or `UNKNOWN_INDICATOR`.
 *
 * @example
 * indicatorDefinition("news2-urgent-response").defaultChart; // "p"
 */
export function indicatorDefinition(id: string): IndicatorDefinition {
  const definition = INDICATOR_CATALOGUE.find((entry) => entry.id === id);
  if (definition === undefined) throw new SpcError("UNKNOWN_INDICATOR", `No indicator with id "${id}"`, "id");
  return definition;
}
