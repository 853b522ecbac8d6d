import { SpcError } from "../../core/spc-error.js";
import { type Instant, toEpochMs, toEpochMsOrNull } from "../time/instant.js";
import type { Spo2Scale } from "./news2.type.js";

/**
 * A documented clinical decision about which SpO2 scale applies (a prescribed target range recorded by a
 * competent decision-maker), e.g. a `care_event` of kind "scale2-decision". A later decision supersedes an
 * earlier one; `endedAt` closes it.
 */
export interface Spo2ScaleDecision {
  readonly id: string | number | bigint;
  readonly patientFhirId: string;
  readonly scale: Spo2Scale;
  readonly decidedAt: Instant;
  readonly endedAt?: Instant | null | undefined;
  /** Prescribed target saturation, when recorded. Scale 2 is valid only for a 88–92 % target. */
  readonly targetLow?: number | null | undefined;
  readonly targetHigh?: number | null | undefined;
}

/** Where a set's scale came from: its own readings, a standing decision, or the Scale 1 default. */
export type Spo2ScaleSource = "reading" | "decision" | "default";

export interface ResolvedSpo2Scale {
  readonly scale: Spo2Scale;
  readonly source: Spo2ScaleSource;
  /** The decision in force, if any. */
  readonly decisionId: string | null;
}

/**
 * Whether a decision can justify Scale 2: it says scale 2 and, if it records a target, the target is
 * 88–92 % (Williams, Clin Med 2019;19(1):94–95; RCP observation chart "Use Scale 2 if target range is
 * 88–92 %"). A COPD diagnosis alone is not a decision (INDICATORS.md §1.1).
 *
 * @example
 * isValidScale2Decision({ id: 1, patientFhirId: "p", scale: 2, decidedAt: 0, targetLow: 88, targetHigh: 92 }); // true
 * isValidScale2Decision({ id: 2, patientFhirId: "p", scale: 2, decidedAt: 0, targetLow: 94, targetHigh: 98 }); // false
 */
export function isValidScale2Decision(decision: Spo2ScaleDecision): boolean {
  if (decision.scale !== 2) return false;
  const low = decision.targetLow ?? null;
  const high = decision.targetHigh ?? null;
  if (low === null && high === null) return true;
  return low === 88 && high === 92;
}

/**
 * Chooses the SpO2 scale for one set by the platform rule of INDICATORS.md §1.1: the scale documented on
 * the set's own readings (a scale-2 sub-score component, a charted scale) first, then the patient's
 * decision in force at the set's time, else Scale 1. A scale-2 decision with a target other than 88–92 %
 * does not select Scale 2. `decisions` must belong to one patient; order does not matter.
 *
 * @example
 * resolveSpo2Scale(null, [{ id: "d1", patientFhirId: "p", scale: 2, decidedAt: "2024-01-01T08:00Z" }],
 *   "2024-01-01T09:00Z"); // { scale: 2, source: "decision", decisionId: "d1" }
 * resolveSpo2Scale(null, [], "2024-01-01T09:00Z"); // { scale: 1, source: "default", decisionId: null }
 */
export function resolveSpo2Scale(
  documentedScale: number | null | undefined,
  decisions: readonly Spo2ScaleDecision[],
  at: Instant,
): ResolvedSpo2Scale {
  if (documentedScale !== null && documentedScale !== undefined) {
    if (documentedScale !== 1 && documentedScale !== 2) {
      throw new SpcError(
        "INVALID_SPO2_SCALE",
        `SpO2 scale must be 1 or 2, got ${documentedScale}`,
        "spo2Scale",
      );
    }
    return { scale: documentedScale, source: "reading", decisionId: null };
  }
  const decision = decisionInForce(decisions, toEpochMs(at, "at"));
  if (decision === null) return { scale: 1, source: "default", decisionId: null };
  const valid = decision.scale === 1 || isValidScale2Decision(decision);
  return valid
    ? { scale: decision.scale, source: "decision", decisionId: String(decision.id) }
    : { scale: 1, source: "default", decisionId: null };
}

/** The latest decision made at or before `atMs` and not yet ended, or null. */
export function decisionInForce(
  decisions: readonly Spo2ScaleDecision[],
  atMs: number,
): Spo2ScaleDecision | null {
  let best: Spo2ScaleDecision | null = null;
  let bestAt = -Infinity;
  for (const decision of decisions) {
    const decidedAt = toEpochMs(decision.decidedAt, "decidedAt");
    if (decidedAt > atMs || decidedAt < bestAt) continue;
    const endedAt = toEpochMsOrNull(decision.endedAt, "endedAt");
    if (endedAt !== null && endedAt <= atMs) continue;
    best = decision;
    bestAt = decidedAt;
  }
  return best;
}
