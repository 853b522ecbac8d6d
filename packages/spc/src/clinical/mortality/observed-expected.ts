import { SpcError } from "../../core/spc-error.js";
import { shmiBanding, type ShmiBandingOptions, type ShmiBandingResult } from "../../funnel/shmi-banding.js";
import { aggregateIndicatorRecords } from "../indicators/aggregate-indicator-records.js";
import type { IndicatorPoint, IndicatorRecord, PeriodOptions } from "../indicators/indicator.type.js";
import { type CohortSpellOptions, cohortSpells } from "./cohort-spells.js";
import { PNEUMONIA_COHORT } from "./cohort.js";
import {
  type FitMortalityRiskModelOptions,
  fitMortalityRiskModel,
  type MortalityOutcome,
  type MortalityRiskModel,
  predictSpellMortality,
} from "./mortality-risk-model.js";
import type { MortalityData } from "./mortality.type.js";

/** Observed and expected deaths of one period, for one ward or (wardName `null`) the hospital. */
export interface ObservedExpectedPoint {
  readonly period: string;
  readonly wardName: string | null;
  readonly observed: number;
  /** Σ of the model's predicted risks over the point's spells. */
  readonly expected: number;
  /** observed / expected; `null` when nothing was expected. */
  readonly ratio: number | null;
  readonly spellIds: readonly string[];
  readonly deathIds: readonly string[];
}

export interface ObservedExpectedOptions
  extends PeriodOptions, Omit<CohortSpellOptions, "timeZone">, Omit<FitMortalityRiskModelOptions, "outcome"> {
  readonly outcome?: MortalityOutcome;
  /** A model fitted elsewhere (a reference population); by default the model is fitted on these spells. */
  readonly model?: MortalityRiskModel;
  /** Options for the ward funnel's SHMI banding (INDICATORS.md §4.1). */
  readonly funnel?: ShmiBandingOptions;
}

export interface ObservedExpectedSeries {
  readonly indicatorId: string;
  readonly chart: "funnel";
  readonly outcome: MortalityOutcome;
  readonly granularity: NonNullable<PeriodOptions["granularity"]>;
  readonly timeZone: string;
  readonly overall: readonly ObservedExpectedPoint[];
  readonly byWard: readonly ObservedExpectedPoint[];
  readonly model: MortalityRiskModel;
  /** Predicted risk of each spell, by spell id. */
  readonly expectedBySpell: ReadonlyMap<string, number>;
  /** Wards over the whole span, banded by the SHMI method (`shmiBanding`); `null` if banding was impossible. */
  readonly funnel: ShmiBandingResult | null;
  /** Why there is no funnel (e.g. `TOO_FEW_UNITS`, `ZERO_OBSERVED` for a ward without deaths on the SHMI scale). */
  readonly funnelError: { readonly code: string; readonly message: string } | null;
}

/**
 * Risk-adjusted mortality of a cohort: expected deaths from a logistic case-mix model, observed deaths, and
 * O/E per period (of discharge) and per ward (of discharge), with wards banded on a funnel plot by the
 * NHS England SHMI method (INDICATORS.md §4.1: E = Σ predicted probabilities, ratio = O/E, bands 1 higher
 * than expected, 2 as expected, 3 lower than expected). Fitted on its own data (internal standardisation),
 * total O equals total E by construction, as SHMI's England total is 1.
 *
 * @example
 * const oe = observedExpectedMortality(data, { outcome: "30-day", granularity: "month" });
 * oe.overall.map((p) => p.ratio); oe.funnel?.units.map((u) => [u.id, u.band]);
 */
export function observedExpectedMortality(
  data: MortalityData,
  options: ObservedExpectedOptions = {},
): ObservedExpectedSeries {
  const outcome = options.model?.outcome ?? options.outcome ?? "30-day";
  const spells = cohortSpells(data, {
    ...options,
    ...(options.timeZone === undefined ? {} : { timeZone: options.timeZone }),
  });
  if (spells.length === 0) {
    throw new SpcError("EMPTY_COHORT", "No finished spells in the cohort to risk-adjust", "spells");
  }
  const model = options.model ?? fitMortalityRiskModel(spells, { ...options, outcome });
  const expectedBySpell = new Map<string, number>();
  const records: IndicatorRecord[] = spells.map((s) => {
    const risk = predictSpellMortality(model, s);
    expectedBySpell.set(s.spell.id, risk);
    return {
      id: s.spell.id,
      atMs: s.endMs,
      wardName: s.wardName,
      inNumerator: outcome === "in-hospital" ? s.diedInHospital : s.diedWithinWindow,
      value: risk,
    };
  });
  const cohortId = (options.cohort ?? PNEUMONIA_COHORT).id;
  const series = aggregateIndicatorRecords(
    `${cohortId}-mortality-observed-expected`,
    "funnel",
    records,
    options,
  );

  const wardTotals = new Map<string, { observed: number; expected: number }>();
  for (const record of records) {
    const total = wardTotals.get(record.wardName) ?? { observed: 0, expected: 0 };
    total.observed += record.inNumerator ? 1 : 0;
    total.expected += record.value!;
    wardTotals.set(record.wardName, total);
  }
  let funnel: ShmiBandingResult | null = null;
  let funnelError: { code: string; message: string } | null = null;
  try {
    funnel = shmiBanding(
      [...wardTotals].map(([id, t]) => ({ id, observed: t.observed, expected: t.expected })),
      options.funnel,
    );
  } catch (error) {
    if (!(error instanceof SpcError)) throw error;
    funnelError = { code: error.code, message: error.message };
  }
  return {
    indicatorId: series.indicatorId,
    chart: "funnel",
    outcome,
    granularity: series.granularity,
    timeZone: series.timeZone,
    overall: series.overall.map(toRatioPoint),
    byWard: series.byWard.map(toRatioPoint),
    model,
    expectedBySpell,
    funnel,
    funnelError,
  };
}

function toRatioPoint(point: IndicatorPoint): ObservedExpectedPoint {
  return {
    period: point.period,
    wardName: point.wardName,
    observed: point.numerator,
    expected: point.valueSum,
    ratio: point.valueSum > 0 ? point.numerator / point.valueSum : null,
    spellIds: point.denominatorIds,
    deathIds: point.numeratorIds,
  };
}
