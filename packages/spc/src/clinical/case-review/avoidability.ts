import { SpcError } from "../../core/spc-error.js";
import type { AvoidabilityScale, CaseReviewRecord } from "./case-review.type.js";

/**
 * Labels of the avoidability scale on the Hogan (2015) direction, 1 (not avoidable) to 6 (avoidable).
 * Hogan et al. word it "preventable"; NHS Learning from Deaths material words it "avoidable", used here.
 */
const HOGAN_LABELS = [
  "Definitely not avoidable",
  "Slight evidence of avoidability",
  "Possibly avoidable but not very likely (less than 50:50)",
  "Probably avoidable (more than 50:50)",
  "Strong evidence of avoidability",
  "Definitely avoidable",
] as const;

/** The label of an avoidability score on its scale. */
export function avoidabilityLabel(score: number, scale: AvoidabilityScale): string {
  return HOGAN_LABELS[toHoganScore(score, scale) - 1]!;
}

/**
 * The score on the Hogan direction (1 definitely not … 6 definitely avoidable): NQB scores are reversed,
 * 7 − score (INDICATORS.md §4.4).
 *
 * @example
 * toHoganScore(2, "nqb-2017");   // 5 — "Strong evidence of avoidability"
 * toHoganScore(2, "hogan-2015"); // 2 — "Slight evidence of avoidability"
 */
export function toHoganScore(score: number, scale: AvoidabilityScale): number {
  if (!Number.isInteger(score) || score < 1 || score > 6) {
    throw new SpcError(
      "INVALID_AVOIDABILITY_SCORE",
      `An avoidability score is an integer 1–6, got ${score}`,
      "avoidabilityScore",
    );
  }
  return scale === "hogan-2015" ? score : 7 - score;
}

/** "More likely than not avoidable": Hogan 4–6 = NQB 1–3 (INDICATORS.md §4.4). */
export function isMoreLikelyThanNotAvoidable(score: number, scale: AvoidabilityScale): boolean {
  return toHoganScore(score, scale) >= 4;
}

export function parseAvoidabilityScale(value: string | null | undefined): AvoidabilityScale | null {
  return value === "hogan-2015" || value === "nqb-2017" ? value : null;
}

const normalise = (label: string) =>
  label
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim();

/** A review's avoidability judgement on the Hogan direction, or `null` when none was recorded. */
export interface AvoidabilityJudgement {
  readonly hoganScore: number;
  readonly label: string;
  readonly moreLikelyThanNotAvoidable: boolean;
}

/**
 * Reads and checks a review's avoidability: a score needs its scale (`AVOIDABILITY_SCALE_REQUIRED` — the
 * same number means opposite things on the two scales), and a stored label must be that score's label on
 * that scale (`AVOIDABILITY_LABEL_MISMATCH`, compared ignoring case and punctuation), which catches a
 * score entered on the wrong scale.
 *
 * @example
 * avoidabilityOf({ ..., avoidabilityScore: 3, avoidabilityScale: "nqb-2017",
 *   avoidabilityLabel: "Probably avoidable (more than 50:50)" });
 * // { hoganScore: 4, label: "Probably avoidable (more than 50:50)", moreLikelyThanNotAvoidable: true }
 */
export function avoidabilityOf(review: CaseReviewRecord): AvoidabilityJudgement | null {
  const score = review.avoidabilityScore;
  if (score === null || score === undefined) return null;
  const scale = parseAvoidabilityScale(review.avoidabilityScale);
  if (scale === null) {
    throw new SpcError(
      "AVOIDABILITY_SCALE_REQUIRED",
      `Review ${String(review.id)} has avoidability score ${score} without a known scale ("hogan-2015" or "nqb-2017")`,
      "avoidabilityScale",
    );
  }
  const label = avoidabilityLabel(score, scale);
  const stored = review.avoidabilityLabel;
  if (stored !== null && stored !== undefined && normalise(stored) !== normalise(label)) {
    throw new SpcError(
      "AVOIDABILITY_LABEL_MISMATCH",
      `Review ${String(review.id)}: score ${score} on ${scale} is "${label}", but the label stored is "${stored}"`,
      "avoidabilityLabel",
    );
  }
  return {
    hoganScore: toHoganScore(score, scale),
    label,
    moreLikelyThanNotAvoidable: toHoganScore(score, scale) >= 4,
  };
}
