import { SpcError } from "../../core/spc-error.js";
import { aggregateIndicatorRecords } from "../indicators/aggregate-indicator-records.js";
import type { IndicatorRecord, IndicatorSeries, PeriodOptions } from "../indicators/indicator.type.js";
import { UNKNOWN_WARD } from "../spells/spell.type.js";
import { calendarFor, DEFAULT_TIME_ZONE } from "../time/calendar.js";
import { toEpochMs, toEpochMsOrNull } from "../time/instant.js";
import { type AvoidabilityJudgement, avoidabilityOf } from "./avoidability.js";
import {
  type CaseReviewRecord,
  type DeathRecord,
  PHASES_OF_CARE,
  type PhaseOfCare,
} from "./case-review.type.js";

interface ReviewedDeath {
  readonly death: DeathRecord;
  readonly id: string;
  readonly diedMs: number;
  readonly wardName: string;
  /** The latest review of the death, if any. */
  readonly review: CaseReviewRecord | null;
  readonly avoidability: AvoidabilityJudgement | null;
}

function checkScore(value: number | null | undefined, field: string, review: CaseReviewRecord): void {
  if (value === null || value === undefined) return;
  if (!Number.isInteger(value) || value < 1 || value > 5) {
    throw new SpcError(
      "INVALID_CARE_SCORE",
      `Review ${String(review.id)}: ${field} must be 1–5, got ${value}`,
      field,
    );
  }
}

/**
 * Checks a structured judgement review before it is stored or counted: phase scores 1–5 or blank, an overall
 * care score 1–5 (`INVALID_CARE_SCORE`), and an avoidability score with its scale and matching label
 * ({@link avoidabilityOf}). Returns the avoidability judgement on the Hogan direction, or `null`.
 *
 * @example
 * validateCaseReview({ id: 1, patientId: 7, reviewedAt: "2024-02-01", overallCare: 2,
 *   avoidabilityScore: 4, avoidabilityScale: "hogan-2015" }); // { hoganScore: 4, ..., moreLikelyThanNotAvoidable: true }
 */
export function validateCaseReview(review: CaseReviewRecord): AvoidabilityJudgement | null {
  for (const phase of PHASES_OF_CARE) checkScore(review[phase], phase, review);
  if (review.overallCare === null || review.overallCare === undefined) {
    throw new SpcError(
      "INVALID_CARE_SCORE",
      `Review ${String(review.id)} has no overall care score`,
      "overallCare",
    );
  }
  checkScore(review.overallCare, "overallCare", review);
  return avoidabilityOf(review);
}

/**
 * Pairs each death with its latest review (a second-stage review supersedes the first), every review checked
 * by {@link validateCaseReview}.
 */
function reviewedDeaths(
  deaths: readonly DeathRecord[],
  reviews: readonly CaseReviewRecord[],
): ReviewedDeath[] {
  const latest = new Map<string, { review: CaseReviewRecord; ms: number }>();
  for (const review of reviews) {
    validateCaseReview(review);
    const key = String(review.patientId);
    const ms = toEpochMs(review.reviewedAt, "reviewedAt");
    const current = latest.get(key);
    if (current === undefined || ms >= current.ms) latest.set(key, { review, ms });
  }
  return deaths.map((death) => {
    const id = String(death.patientId);
    const review = latest.get(id)?.review ?? null;
    return {
      death,
      id,
      diedMs: toEpochMs(death.diedAt, "diedAt"),
      wardName: death.wardName ?? UNKNOWN_WARD,
      review,
      avoidability: review === null ? null : avoidabilityOf(review),
    };
  });
}

/**
 * Share of deaths reviewed with the structured judgement review method (Learning from Deaths): per period of
 * death and ward of death, deaths with at least one review over all deaths given. Chart: p.
 *
 * @example
 * deathsReviewedIndicator(deaths, reviews, { granularity: "month" }).overall[0];
 * // { numerator: 12, denominator: 30, numeratorIds: [...reviewed patient ids], ... }
 */
export function deathsReviewedIndicator(
  deaths: readonly DeathRecord[],
  reviews: readonly CaseReviewRecord[],
  options: PeriodOptions = {},
): IndicatorSeries {
  const records: IndicatorRecord[] = reviewedDeaths(deaths, reviews).map((d) => ({
    id: d.id,
    atMs: d.diedMs,
    wardName: d.wardName,
    inNumerator: d.review !== null,
  }));
  return aggregateIndicatorRecords("sjr-deaths-reviewed", "p", records, options);
}

/**
 * Reviewed deaths whose overall care was judged poor or very poor (score 1–2), over reviewed deaths. Chart: p.
 */
export function poorCareIndicator(
  deaths: readonly DeathRecord[],
  reviews: readonly CaseReviewRecord[],
  options: PeriodOptions = {},
): IndicatorSeries {
  const records: IndicatorRecord[] = [];
  for (const d of reviewedDeaths(deaths, reviews)) {
    if (d.review === null) continue;
    records.push({ id: d.id, atMs: d.diedMs, wardName: d.wardName, inNumerator: d.review.overallCare <= 2 });
  }
  return aggregateIndicatorRecords("sjr-poor-overall-care", "p", records, options);
}

/**
 * Deaths judged more likely than not avoidable (Hogan 4–6 = NQB 1–3) over reviewed deaths with an
 * avoidability judgement. `numeratorIds` lists the deaths to learn from. Chart: p.
 */
export function avoidableDeathsIndicator(
  deaths: readonly DeathRecord[],
  reviews: readonly CaseReviewRecord[],
  options: PeriodOptions = {},
): IndicatorSeries {
  const records: IndicatorRecord[] = [];
  for (const d of reviewedDeaths(deaths, reviews)) {
    if (d.avoidability === null) continue;
    records.push({
      id: d.id,
      atMs: d.diedMs,
      wardName: d.wardName,
      inNumerator: d.avoidability.moreLikelyThanNotAvoidable,
      value: d.avoidability.hoganScore,
    });
  }
  return aggregateIndicatorRecords("sjr-avoidable-deaths", "p", records, options);
}

/** Counts of scores 1–5 (index 0 = score 1), plus phases that did not apply. */
export interface ScoreCounts {
  readonly counts: readonly [number, number, number, number, number];
  readonly notApplicable: number;
}

/** One period's review results. */
export interface CaseReviewPeriodSummary {
  readonly period: string;
  readonly deaths: number;
  readonly reviewed: number;
  readonly overallCare: ScoreCounts;
  readonly phases: Readonly<Record<PhaseOfCare, ScoreCounts>>;
  /** Avoidability on the Hogan direction, scores 1–6 (index 0 = 1), of reviews with a judgement. */
  readonly avoidability: readonly [number, number, number, number, number, number];
  readonly moreLikelyThanNotAvoidable: number;
  readonly moreLikelyThanNotAvoidableIds: readonly string[];
  /** Reviews naming each problem type. */
  readonly problemsInCare: Readonly<Record<string, number>>;
  readonly problemsCausedHarm: number;
}

/**
 * Distribution of structured judgement review results per period of death: overall and phase-of-care scores,
 * avoidability (converted to the Hogan direction, so reviews on both scales add up), problem types and harm.
 *
 * @example
 * caseReviewSummary(deaths, reviews, { granularity: "month" })[0].overallCare.counts; // [0, 1, 4, 6, 1]
 */
export function caseReviewSummary(
  deaths: readonly DeathRecord[],
  reviews: readonly CaseReviewRecord[],
  options: PeriodOptions = {},
): CaseReviewPeriodSummary[] {
  const granularity = options.granularity ?? "month";
  const calendar = calendarFor(options.timeZone ?? DEFAULT_TIME_ZONE);
  const fromMs = toEpochMsOrNull(options.from, "from");
  const toMs = toEpochMsOrNull(options.to, "to");
  const byPeriod = new Map<string, MutableSummary>();
  for (const d of reviewedDeaths(deaths, reviews)) {
    if ((fromMs !== null && d.diedMs < fromMs) || (toMs !== null && d.diedMs >= toMs)) continue;
    const period = calendar.periodKey(d.diedMs, granularity);
    let summary = byPeriod.get(period);
    if (summary === undefined) {
      summary = emptySummary(period);
      byPeriod.set(period, summary);
    }
    summary.deaths += 1;
    const review = d.review;
    if (review === null) continue;
    summary.reviewed += 1;
    summary.overallCare.counts[review.overallCare - 1]! += 1;
    for (const phase of PHASES_OF_CARE) {
      const score = review[phase];
      if (score === null || score === undefined) summary.phases[phase].notApplicable += 1;
      else summary.phases[phase].counts[score - 1]! += 1;
    }
    if (d.avoidability !== null) {
      summary.avoidability[d.avoidability.hoganScore - 1]! += 1;
      if (d.avoidability.moreLikelyThanNotAvoidable) {
        summary.moreLikelyThanNotAvoidable += 1;
        summary.moreLikelyThanNotAvoidableIds.push(d.id);
      }
    }
    for (const problem of review.problemsInCare ?? []) {
      summary.problemsInCare[problem] = (summary.problemsInCare[problem] ?? 0) + 1;
    }
    if (review.problemsCausedHarm === true) summary.problemsCausedHarm += 1;
  }
  return [...byPeriod.values()].sort((a, b) => (a.period < b.period ? -1 : 1)).map(freeze);
}

interface MutableCounts {
  counts: [number, number, number, number, number];
  notApplicable: number;
}
interface MutableSummary {
  period: string;
  deaths: number;
  reviewed: number;
  overallCare: MutableCounts;
  phases: Record<PhaseOfCare, MutableCounts>;
  avoidability: [number, number, number, number, number, number];
  moreLikelyThanNotAvoidable: number;
  moreLikelyThanNotAvoidableIds: string[];
  problemsInCare: Record<string, number>;
  problemsCausedHarm: number;
}

const emptyCounts = (): MutableCounts => ({ counts: [0, 0, 0, 0, 0], notApplicable: 0 });

function emptySummary(period: string): MutableSummary {
  return {
    period,
    deaths: 0,
    reviewed: 0,
    overallCare: emptyCounts(),
    phases: {
      admissionCare: emptyCounts(),
      ongoingCare: emptyCounts(),
      procedureCare: emptyCounts(),
      perioperativeCare: emptyCounts(),
      endOfLifeCare: emptyCounts(),
    },
    avoidability: [0, 0, 0, 0, 0, 0],
    moreLikelyThanNotAvoidable: 0,
    moreLikelyThanNotAvoidableIds: [],
    problemsInCare: {},
    problemsCausedHarm: 0,
  };
}

const freeze = (summary: MutableSummary): CaseReviewPeriodSummary => summary;
