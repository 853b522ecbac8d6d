import type { RecordId } from "../spells/spell.type.js";
import type { Instant } from "../time/instant.js";

/** Phases of care rated in a structured judgement review (RCP NMCRR data collection form, INDICATORS.md §4.4). */
export type PhaseOfCare =
  "admissionCare" | "ongoingCare" | "procedureCare" | "perioperativeCare" | "endOfLifeCare";

export const PHASES_OF_CARE: readonly PhaseOfCare[] = [
  "admissionCare",
  "ongoingCare",
  "procedureCare",
  "perioperativeCare",
  "endOfLifeCare",
];

/** Care scores 1–5 and their words (RCP NMCRR; "from 1 (very poor) to 5 (excellent)"). */
export type CareScore = 1 | 2 | 3 | 4 | 5;
export const CARE_SCORE_LABELS: Readonly<Record<CareScore, string>> = Object.freeze({
  1: "very poor",
  2: "poor",
  3: "adequate",
  4: "good",
  5: "excellent",
});

/**
 * The two published directions of the 6-point avoidability-of-death scale (INDICATORS.md §4.4):
 * `"hogan-2015"` (Hogan et al., BMJ 2015;351:h3239, Table 1: 1 definitely not … 6 definitely avoidable) and
 * `"nqb-2017"` (National Quality Board, *Learning from Deaths* 2017: the reverse order, 1 definitely
 * avoidable … 6 definitely not avoidable).
 */
export type AvoidabilityScale = "hogan-2015" | "nqb-2017";

/** Problem types of the SJR "assessment of problems in healthcare" (INDICATORS.md §4.4). */
export type ProblemInCare =
  | "assessment"
  | "medication"
  | "treatment"
  | "infection"
  | "procedure"
  | "monitoring"
  | "resuscitation"
  | "other";

/** A structured judgement review of a death: a `case_review` row. */
export interface CaseReviewRecord {
  readonly id: RecordId;
  /** The patient who died (links the review to a death). */
  readonly patientId: RecordId;
  readonly encounterId?: RecordId | null | undefined;
  readonly reviewer?: string | null | undefined;
  readonly reviewedAt: Instant;
  /** Phase scores 1–5; `null` when the phase did not apply. */
  readonly admissionCare?: number | null | undefined;
  readonly ongoingCare?: number | null | undefined;
  readonly procedureCare?: number | null | undefined;
  readonly perioperativeCare?: number | null | undefined;
  readonly endOfLifeCare?: number | null | undefined;
  readonly overallCare: number;
  readonly avoidabilityScore?: number | null | undefined;
  readonly avoidabilityLabel?: string | null | undefined;
  readonly avoidabilityScale?: string | null | undefined;
  readonly problemsInCare?: readonly string[] | undefined;
  readonly problemsCausedHarm?: boolean | null | undefined;
}

/** A death that should be considered for review: a deceased `patient` row with where and when. */
export interface DeathRecord {
  /** The patient id reviews refer to. */
  readonly patientId: RecordId;
  readonly diedAt: Instant;
  /** Ward of death (or of the last spell); attribution of the death to a ward. */
  readonly wardName?: string | null | undefined;
}
